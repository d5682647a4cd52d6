// The app's navigation: groups of entries, each entry naming a thing of the app by kind and id.
// Its shape is the JSON schema's (schemas.ts: the route checks it, and packages run the same
// schema); checked here on save is what a schema cannot say (unknown targets, repeated group
// ids). Made safe on read: entries naming nothing are dropped, and the first navigation format
// ({ id, label, formIds } groups) is read as groups of form entries.
import { say, type Locale } from '@tessera/form-engine';
import { NAV_ITEM_TYPES, type NavGroup, type NavItem, type NavItemType, type NavNode } from './model';
import { isObject } from './json';

/** The ids that exist for each kind of entry. */
export type NavTargets = Record<NavItemType, ReadonlySet<string>>;

export interface NavIssue {
  path: string;
  code: string;
  message: string;
}

const ITEM_TYPES: ReadonlySet<string> = new Set(NAV_ITEM_TYPES);

/** What each problem says, in both languages. */
const SAYS = {
  unknownForm: (id: string) => [`导航引用的表单“${id}”不存在`, `The navigation names a form "${id}" that does not exist`],
  groupTwice: (id: string) => [`分组 ID“${id}”重复`, `The group id "${id}" is used twice`],
} satisfies Record<string, (arg: string) => [string, string]>;

/**
 * What a navigation of the right shape can still get wrong: entries naming nothing, group ids
 * used twice. The shape is the schema's to check (a malformed entry is passed over here).
 */
export function checkNavigation(nav: readonly NavNode[], targets: NavTargets, locale: Locale, base = 'navigation'): NavIssue[] {
  const issues: NavIssue[] = [];
  const add = (path: string, code: string, [zh, en]: [string, string]) => issues.push({ path, code, message: say(locale, zh, en) });
  const item = (node: NavItem | undefined, path: string) => {
    const known = node && ITEM_TYPES.has(node.type) ? targets[node.type] : undefined;
    if (known && !known.has(node!.id)) add(`${path}.id`, `unknown_${node!.type}`, SAYS.unknownForm(node!.id));
  };
  const groups = new Set<string>();
  nav.forEach((node, i) => {
    const path = `${base}[${i}]`;
    if (node?.type !== 'group') return item(node, path);
    if (groups.has(node.id)) add(`${path}.id`, 'duplicate_group', SAYS.groupTwice(node.id));
    groups.add(node.id);
    if (Array.isArray(node.children)) node.children.forEach((c, k) => item(c, `${path}.children[${k}]`));
  });
  return issues;
}

/** A group of the first navigation format: `{ id, label, formIds }`, no type. */
const isFirstFormatGroup = (n: unknown): boolean => isObject(n) && n.type === undefined && Array.isArray(n.formIds);

/** Whether a navigation holds groups of the first format (stored, or in a package, by an older Tessera). */
export const hasFirstFormat = (nav: unknown): boolean => Array.isArray(nav) && nav.some(isFirstFormatGroup);

/** The navigation as readers get it: first-format groups converted, entries naming nothing dropped. */
export function normalizeNavigation(nav: unknown, targets: NavTargets): NavNode[] {
  if (!Array.isArray(nav)) return [];
  const item = (n: unknown): NavItem | null => {
    if (!isObject(n) || typeof n.type !== 'string' || !ITEM_TYPES.has(n.type) || typeof n.id !== 'string') return null;
    if (!targets[n.type as NavItemType].has(n.id)) return null;
    return { type: n.type as NavItemType, id: n.id, ...(n.hidden === true ? { hidden: true } : {}) };
  };
  const out: NavNode[] = [];
  for (const n of nav) {
    if (!isObject(n)) continue;
    const legacy = isFirstFormatGroup(n);
    if (n.type === 'group' || legacy) {
      const children = legacy ? (n.formIds as unknown[]).map((id) => ({ type: 'form', id })) : Array.isArray(n.children) ? n.children : [];
      const group: NavGroup = { type: 'group', id: String(n.id), label: n.label as NavGroup['label'], children: children.map(item).filter((x): x is NavItem => x !== null) };
      if (n.hidden === true) group.hidden = true;
      out.push(group);
    } else {
      const x = item(n);
      if (x) out.push(x);
    }
  }
  return out;
}

/** The navigation without the entries that name `formId` (a deleted form). */
export function withoutForm(nav: NavNode[] | undefined, formId: string): NavNode[] | undefined {
  if (!nav) return nav;
  const keep = (n: NavItem) => !(n.type === 'form' && n.id === formId);
  return nav.flatMap((n): NavNode[] => (n.type === 'group' ? [{ ...n, children: n.children.filter(keep) }] : keep(n) ? [n] : []));
}

export const formTargets = (formIds: Iterable<string>): NavTargets => ({ form: new Set(formIds) });
