// The app of a package: its shape checked by the JSON schema the routes use (schemas.ts
// packageAppSchema, compiled once here), each problem at its place in the package
// (`app.navigation[0].label`) in the reader's language; then what a schema cannot say
// (navigation naming forms the package lacks, group ids used twice).
import { oneProblemEach, say, type Locale } from '@tessera/form-engine';
import { compileShapeCheck, type ShapeError } from '@tessera/runtime';
import { isObject } from '../json';
import type { NavNode } from '../model';
import { checkNavigation, formTargets, type NavIssue } from '../navigation';
import { packageAppSchema, navigationSchema } from '../schemas';
import { SAYS, type Say } from './messages';

const checkShape = compileShapeCheck(packageAppSchema);

const MAX_ENTRIES = navigationSchema.maxItems;
const MAX_CHILDREN = navigationSchema.items.oneOf[0].properties.children.maxItems;

/**
 * The app with a navigation too long cut one past its limit: the schema reports the limit, and
 * a 50 MiB package cannot make the check list a problem for every one of a million entries.
 */
function bounded(app: unknown): unknown {
  if (!isObject(app) || !Array.isArray(app.navigation)) return app;
  const entries = app.navigation.slice(0, MAX_ENTRIES + 1);
  const navigation = entries.map((n) => (isObject(n) && Array.isArray(n.children) ? { ...n, children: n.children.slice(0, MAX_CHILDREN + 1) } : n));
  return { ...app, navigation };
}

type Segment = string | number;

/** `/navigation/0/label` as segments, with the property a `required` or `additionalProperties` error names. */
function segmentsOf(e: ShapeError): Segment[] {
  const out: Segment[] = e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const named = e.keyword === 'required' ? e.params.missingProperty : e.keyword === 'additionalProperties' ? e.params.additionalProperty : e.keyword === 'discriminator' ? 'type' : undefined;
  if (typeof named === 'string') out.push(named);
  return out;
}

const pathOf = (segments: Segment[]) => segments.reduce<string>((p, s) => (typeof s === 'number' ? `${p}[${s}]` : `${p}.${s}`), 'app');

const LOCALES = new Set(['zh-CN', 'en-US']);

const CODES: Record<string, string> = { anyOf: 'type', oneOf: 'type', additionalProperties: 'unknown_property', discriminator: 'unknown_type' };

/** What a problem says, from where it is. */
function messageOf(e: ShapeError, at: Segment[], app: unknown): Say {
  const last = at[at.length - 1];
  if (e.keyword === 'additionalProperties') return SAYS.property(String(last));
  if (e.keyword === 'discriminator') return SAYS.navEntryType(String(e.params.tagValue ?? ''));
  if (at.length === 0) return SAYS.noApp();
  if (at.length === 1) {
    if (e.keyword === 'required') return last === 'id' ? SAYS.noAppId() : last === 'name' ? SAYS.noName() : SAYS.missing(String(last));
    if (last === 'id') return SAYS.appId();
    if (last === 'name') return SAYS.name();
    if (last === 'description') return SAYS.description();
    if (last === 'icon') return SAYS.icon();
    if (last === 'color') return SAYS.color();
    if (last === 'navigation') return e.keyword === 'maxItems' ? SAYS.navTooLong(MAX_ENTRIES) : SAYS.navList();
  }
  if (e.keyword === 'required') return SAYS.missing(String(last));
  if (typeof last === 'number') return SAYS.navEntry();
  if (last === 'label') return SAYS.navLabel();
  if (last === 'hidden') return SAYS.navHidden();
  if (last === 'children') return e.keyword === 'maxItems' ? SAYS.navChildrenTooLong(MAX_CHILDREN) : SAYS.navChildren();
  if (last === 'id') {
    const entry = at.length === 3 && isObject(app) && Array.isArray(app.navigation) ? app.navigation[at[1] as number] : undefined;
    return isObject(entry) && entry.type === 'group' ? SAYS.navGroupId() : SAYS.navEntryId();
  }
  return SAYS.invalid(pathOf(at));
}

/** Every problem of a package's app (after its first-format navigation was converted); [] when it installs. */
export function appIssues(app: unknown, formIds: ReadonlySet<string>, locale: Locale): NavIssue[] {
  const issues: NavIssue[] = [];
  const seen = new Set<string>();
  for (const e of oneProblemEach(checkShape(bounded(app)))) {
    const at = segmentsOf(e);
    const path = pathOf(at);
    if (seen.has(path)) continue; // one problem per place: the first ajv found
    seen.add(path);
    // One language of a translated text (`name.zh-CN`) is told of as the text it belongs to.
    const place = LOCALES.has(String(at[at.length - 1])) ? at.slice(0, -1) : at;
    issues.push({ path, code: CODES[e.keyword] ?? e.keyword, message: say(locale, ...messageOf(e, place, app)) });
  }
  const navigation = isObject(app) ? app.navigation : undefined;
  if (Array.isArray(navigation) && !issues.some((i) => /^app\.navigation(\.|\[|$)/.test(i.path))) {
    issues.push(...checkNavigation(navigation as NavNode[], formTargets(formIds), locale, 'app.navigation'));
  }
  return issues;
}
