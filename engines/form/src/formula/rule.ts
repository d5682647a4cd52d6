// Rule semantics (CompileOptions.semantics = 'rule'). Rules — show when, required when, checks,
// cross-form checks, gateway conditions, the condition builder's output — are stored json-logic,
// so they must mean what json-logic-js makes of them; formulas keep Excel's meaning. The
// evaluator is the same: these are the operators whose json-logic-js meaning differs from the
// Excel one, and compile() takes them from here when it compiles a rule.
//
// Aligned with json-logic-js 2.0.5 (logic.js), and why:
// - < <= > >=: JavaScript's comparison with its coercions: "1" < 2 is true (a select whose
//   options are "1".."5" compared with a number), "10" < "9" is true (two texts), null < 1 is
//   true (null is 0), "a" < 1 is false. Excel ranks any text above any number, which hid fields
//   that json-logic shows. The 3-argument form of < and <= is "between"; > and >= compare their
//   first two arguments only, as json-logic-js does.
// - == != === !==: JavaScript's equality (formulas say "=" and "<>", case-insensitive).
// - in: indexOf on a list or a text; anything else (and an empty text) holds nothing.
// - + * : parseFloat of each argument (so {"+": [x]} casts, and a blank is NaN, not 0);
//   - / %: JavaScript's operators. Excel's blank-is-0 and #DIV/0! are formula ideas.
// - cat: JavaScript's join (true is "true", not "TRUE"; no 15-digit rounding).
// - and / or without arguments give nothing (json-logic-js: undefined), which is false.
// - var with a default: the default replaces only a value that is not there, not a null (in
//   compile.ts); missing / missing_some read $row paths as var does (in compile.ts, both modes).
// Kept on purpose: ! !! and truthiness already match; a formula error (from a function such as
// DAYS) is false; unknown operations give #NAME? instead of throwing.
//
// One extension json-logic-js has no notion of: dates. Date and datetime fields arrive as
// DateValue (see CompileOptions.typeOf). When an operand of a comparison or of == / != is a
// DateValue and the other is one too or is ISO date / datetime text, they compare as dates, by
// whole days when either side has no time ("2026-11-20 08:30" equals "2026-11-20"), so a date
// picked in the rule builder means that day for a datetime field. + and - with a DateValue do
// date arithmetic (TODAY() - 7 is a date). Everywhere else a DateValue is the text it was stored
// as, which is what json-logic-js would have seen.
import { excelSubtract, excelSum } from './arith';
import { DateValue, joinCapped, toDateValue, type Value } from './values';
import type { Compiled, EvalContext } from './compile';

/** What json-logic-js sees: a date is the text it was stored as. */
function plain(v: Value): unknown {
  return v instanceof DateValue ? v.source ?? v.toString() : v;
}

function compareDates(x: DateValue, y: DateValue): number {
  const byDay = !x.hasTime || !y.hasTime;
  const a = byDay ? Math.floor(x.days) : x.days;
  const b = byDay ? Math.floor(y.days) : y.days;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Both operands as dates, when one is a date and the other is a date or ISO text. */
function asDates(a: Value, b: Value, timeZone: string): [DateValue, DateValue] | undefined {
  if (!(a instanceof DateValue) && !(b instanceof DateValue)) return undefined;
  const x = toDateValue(a, timeZone);
  const y = toDateValue(b, timeZone);
  return x && y ? [x, y] : undefined;
}

type Relation = '<' | '<=' | '>' | '>=';

// The casts only satisfy the type checker: at run time these are JavaScript's own operators,
// with its coercions, exactly as json-logic-js applies them.
const JS: Record<Relation, (a: unknown, b: unknown) => boolean> = {
  '<': (a, b) => (a as number) < (b as number),
  '<=': (a, b) => (a as number) <= (b as number),
  '>': (a, b) => (a as number) > (b as number),
  '>=': (a, b) => (a as number) >= (b as number),
};
const BY_ORDER: Record<Relation, (c: number) => boolean> = { '<': (c) => c < 0, '<=': (c) => c <= 0, '>': (c) => c > 0, '>=': (c) => c >= 0 };

function relate(op: Relation, a: Value, b: Value, timeZone: string): boolean {
  const dates = asDates(a, b, timeZone);
  return dates ? BY_ORDER[op](compareDates(dates[0], dates[1])) : JS[op](plain(a), plain(b));
}

function looseEquals(a: Value, b: Value, timeZone: string): boolean {
  const dates = asDates(a, b, timeZone);
  // JavaScript's loose equality is json-logic's "==".
  return dates ? compareDates(dates[0], dates[1]) === 0 : (plain(a) as never) == (plain(b) as never);
}

function within(needle: Value, hay: Value): boolean {
  const n = plain(needle);
  if (Array.isArray(hay)) return hay.some((x) => plain(x) === n); // indexOf: strict equality
  const h = plain(hay);
  return typeof h === 'string' && h !== '' && h.indexOf(n as string) !== -1;
}

const parsed = (v: Value): number => parseFloat(String(plain(v)));
const numeric = (v: Value): number => plain(v) as number; // coerced by the operator using it
const hasDate = (values: readonly Value[]) => values.some((v) => v instanceof DateValue);

/** The rule-mode meaning of `op`, or undefined when it means the same in both modes. */
export function compileRuleOperation(op: string, args: Compiled[]): Compiled | undefined {
  const [a0, a1, a2] = args;
  // A missing argument is undefined, as in json-logic-js (not null, which compares as 0).
  const arg = (c: Compiled | undefined, ctx: EvalContext): Value => (c ? c(ctx) : (undefined as unknown as Value));
  switch (op) {
    case '<':
    case '<=':
      if (args.length >= 3)
        return (ctx) => {
          const b = a1(ctx);
          return relate(op, a0(ctx), b, ctx.timeZone) && relate(op, b, a2(ctx), ctx.timeZone);
        };
      return (ctx) => relate(op, arg(a0, ctx), arg(a1, ctx), ctx.timeZone);
    case '>':
    case '>=':
      return (ctx) => relate(op, arg(a0, ctx), arg(a1, ctx), ctx.timeZone);
    case '==':
      return (ctx) => looseEquals(arg(a0, ctx), arg(a1, ctx), ctx.timeZone);
    case '!=':
      return (ctx) => !looseEquals(arg(a0, ctx), arg(a1, ctx), ctx.timeZone);
    case '===':
      return (ctx) => plain(arg(a0, ctx)) === plain(arg(a1, ctx));
    case '!==':
      return (ctx) => plain(arg(a0, ctx)) !== plain(arg(a1, ctx));
    case 'in':
      return (ctx) => within(arg(a0, ctx), arg(a1, ctx));
    case '+':
      return (ctx) => {
        const values = args.map((a) => a(ctx));
        if (hasDate(values)) return excelSum(values.map((v) => toDateValue(v, ctx.timeZone) ?? v));
        let sum = 0;
        for (const v of values) sum += parsed(v);
        return sum;
      };
    case '-':
      return (ctx) => {
        const x = arg(a0, ctx);
        if (args.length < 2) return x instanceof DateValue ? excelSubtract(0, x) : -numeric(x);
        const y = a1(ctx);
        if (hasDate([x, y])) return excelSubtract(toDateValue(x, ctx.timeZone) ?? x, toDateValue(y, ctx.timeZone) ?? y);
        return numeric(x) - numeric(y);
      };
    case '*':
      return (ctx) => {
        // Array#reduce without a start, as json-logic-js: one argument comes back as it is.
        if (args.length === 0) return null;
        let acc: Value = a0(ctx);
        for (let i = 1; i < args.length; i++) acc = parsed(acc) * parsed(args[i](ctx));
        return acc;
      };
    case '/':
      return (ctx) => numeric(arg(a0, ctx)) / numeric(arg(a1, ctx));
    case '%':
      return (ctx) => numeric(arg(a0, ctx)) % numeric(arg(a1, ctx));
    case 'cat':
      // Capped as formulas are (a text past 32,767 characters is #VALUE!, which a rule reads as false).
      return (ctx) => joinCapped(args.map((a) => {
        const v = plain(a(ctx));
        return v == null ? '' : String(v); // a blank joins as nothing
      }));
    case 'and':
    case 'or':
      return args.length === 0 ? () => null : undefined;
    // Stryker disable next-line ConditionalExpression: an empty default falls out of the switch, returning undefined the same
    default:
      return undefined;
  }
}
