// The app's navigation: groups of entries, each entry naming a thing of the app by kind and id.
// Checked on save (unknown targets, repeated group ids) and made safe on read: entries naming
// nothing are dropped, and the first navigation format ({ id, label, formIds } groups) is read
// as groups of form entries.
import type { Locale } from '@tessera/form-engine';
import { NAV_ITEM_TYPES, type NavGroup, type NavItem, type NavItemType, type NavNode } from './model';
import { say } from './errors';

/** The ids that exist for each kind of entry. */
export type NavTargets = Record<NavItemType, ReadonlySet<string>>;

export interface NavIssue {
  path: string;
  code: string;
  message: string;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const ITEM_TYPES: ReadonlySet<string> = new Set(NAV_ITEM_TYPES);
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Translated text as the API accepts it: a string, or `{ "zh-CN"?, "en-US"? }` with at least one. */
export function isI18nText(v: unknown, max = 200): boolean {
  if (typeof v === 'string') return v.length <= max;
  if (!isObject(v)) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => (k === 'zh-CN' || k === 'en-US') && typeof v[k] === 'string' && (v[k] as string).length <= max);
}

/** What each problem says, in both languages. */
const SAYS = {
  list: () => ['导航必须是列表', 'The navigation must be a list'],
  entry: () => ['导航项必须是对象', 'A navigation entry must be an object'],
  entryType: (t: string) => [`导航项的类型“${t}”不存在`, `Unknown navigation entry type "${t}"`],
  property: (k: string) => [`未知属性“${k}”`, `Unknown property "${k}"`],
  hidden: () => ['hidden 必须是布尔值', 'hidden must be true or false'],
  entryId: () => ['导航项的 ID 无效', 'The entry id is not a valid id'],
  unknownForm: (id: string) => [`导航引用的表单“${id}”不存在`, `The navigation names a form "${id}" that does not exist`],
  groupId: () => ['分组的 ID 无效', 'The group id is not a valid id'],
  groupTwice: (id: string) => [`分组 ID“${id}”重复`, `The group id "${id}" is used twice`],
  label: () => ['分组名称必须是文字', 'The group label must be text'],
  children: () => ['分组的内容必须是列表', 'The group children must be a list'],
} satisfies Record<string, (arg: string) => [string, string]>;

const ENTRY_KEYS = ['type', 'id', 'hidden'];
const GROUP_KEYS = ['type', 'id', 'label', 'hidden', 'children'];

/**
 * Every problem of a navigation: its shape (packages arrive unchecked; routes check the shape by
 * JSON schema first), entries naming nothing, group ids used twice.
 */
export function checkNavigation(nav: unknown, targets: NavTargets, locale: Locale, base = 'navigation'): NavIssue[] {
  const issues: NavIssue[] = [];
  const add = (path: string, code: string, [zh, en]: [string, string]) => issues.push({ path, code, message: say(locale, zh, en) });
  const common = (node: Record<string, unknown>, path: string, keys: string[]) => {
    for (const k of Object.keys(node)) if (!keys.includes(k)) add(`${path}.${k}`, 'unknown_property', SAYS.property(k));
    if (node.hidden !== undefined && typeof node.hidden !== 'boolean') add(`${path}.hidden`, 'type', SAYS.hidden());
  };
  if (!Array.isArray(nav)) {
    add(base, 'type', SAYS.list());
    return issues;
  }
  const groups = new Set<string>();
  const item = (node: unknown, path: string) => {
    if (!isObject(node)) return add(path, 'type', SAYS.entry());
    const type = node.type;
    if (typeof type !== 'string' || !ITEM_TYPES.has(type)) return add(`${path}.type`, 'unknown_type', SAYS.entryType(String(type)));
    common(node, path, ENTRY_KEYS);
    if (typeof node.id !== 'string' || !ID.test(node.id)) return add(`${path}.id`, 'pattern', SAYS.entryId());
    if (!targets[type as NavItemType].has(node.id)) add(`${path}.id`, `unknown_${type}`, SAYS.unknownForm(node.id));
  };
  nav.forEach((node, i) => {
    const path = `${base}[${i}]`;
    if (!isObject(node) || node.type !== 'group') return item(node, path);
    common(node, path, GROUP_KEYS);
    if (typeof node.id !== 'string' || !ID.test(node.id)) add(`${path}.id`, 'pattern', SAYS.groupId());
    else if (groups.has(node.id)) add(`${path}.id`, 'duplicate_group', SAYS.groupTwice(node.id));
    else groups.add(node.id);
    if (!isI18nText(node.label)) add(`${path}.label`, 'type', SAYS.label());
    if (!Array.isArray(node.children)) add(`${path}.children`, 'type', SAYS.children());
    else node.children.forEach((c, k) => item(c, `${path}.children[${k}]`));
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
