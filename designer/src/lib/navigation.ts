// An app's menu from its navigation and its forms: groups and items in the analyst's order,
// hidden ones left out, forms the navigation does not mention appended, unknown ids dropped.
import type { NavGroup, NavItem, NavNode } from './api';

export interface MenuForm {
  id: string;
}

export type MenuEntry<F> = { kind: 'group'; group: Extract<NavNode, { type: 'group' }>; children: F[] } | { kind: 'item'; form: F; hidden: boolean };

/** The menu as groups of forms and loose forms. */
export function menuOf<F extends MenuForm>(navigation: readonly NavNode[] | undefined, forms: readonly F[], opts: { includeHidden?: boolean } = {}): MenuEntry<F>[] {
  const byId = new Map(forms.map((f) => [f.id, f]));
  const seen = new Set<string>();
  const out: MenuEntry<F>[] = [];
  const take = (item: NavItem): F | undefined => {
    const f = byId.get(item.id);
    if (!f || seen.has(item.id)) return undefined;
    seen.add(item.id);
    return f;
  };
  for (const node of navigation ?? []) {
    if (node.type === 'group') {
      const children = node.children.filter((c) => opts.includeHidden || !c.hidden).map(take).filter((f): f is F => !!f);
      // Items of a hidden group are still "placed" (not appended at the end).
      node.children.forEach((c) => byId.has(c.id) && seen.add(c.id));
      if (opts.includeHidden || !node.hidden) out.push({ kind: 'group', group: node, children });
    } else {
      const f = take(node);
      if (f && (opts.includeHidden || !node.hidden)) out.push({ kind: 'item', form: f, hidden: !!node.hidden });
      if (node.hidden) seen.add(node.id);
    }
  }
  for (const f of forms) if (!seen.has(f.id)) out.push({ kind: 'item', form: f, hidden: false });
  return out;
}

/** The navigation as the editor shows it: unknown and repeated ids dropped, forms it lacks appended. */
export function normalizeNav(navigation: readonly NavNode[] | undefined, formIds: readonly string[]): NavNode[] {
  const known = new Set(formIds);
  const seen = new Set<string>();
  const keep = (item: NavItem) => known.has(item.id) && !seen.has(item.id) && (seen.add(item.id), true);
  const out: NavNode[] = [];
  for (const node of navigation ?? []) {
    if (node.type === 'group') out.push({ ...node, children: node.children.filter(keep) });
    else if (keep(node)) out.push(node);
  }
  for (const id of formIds) if (!seen.has(id)) out.push({ type: 'form', id });
  return out;
}

/** Where a node sits: at the top level, or in a group. */
export interface NavSpot {
  group: string | null;
  index: number;
}

export function findNav(nodes: readonly NavNode[], key: string): NavSpot | null {
  const [kind, id] = [key.slice(0, 2), key.slice(2)];
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (n.type === 'group') {
      if (kind === 'g:' && n.id === id) return { group: null, index: i };
      const k = n.children.findIndex((c) => kind === 'f:' && c.id === id);
      if (k >= 0) return { group: n.id, index: k };
    } else if (kind === 'f:' && n.id === id) return { group: null, index: i };
  }
  return null;
}

export const navKey = (n: NavNode) => (n.type === 'group' ? `g:${n.id}` : `f:${n.id}`);

/**
 * Moves the node `active` to where `over` is (dnd-kit keys: `g:<group>` / `f:<form>`). A form
 * dropped on a group's header goes to the end of that group; a group never goes into a group.
 */
export function moveNav(nodes: readonly NavNode[], active: string, over: string): NavNode[] {
  if (active === over) return [...nodes];
  const from = findNav(nodes, active);
  const to = findNav(nodes, over);
  if (!from || !to) return [...nodes];
  const next: NavNode[] = nodes.map((n) => (n.type === 'group' ? { ...n, children: [...n.children] } : n));
  const listOf = (group: string | null): NavNode[] => (group === null ? next : (next.find((n) => n.type === 'group' && n.id === group) as NavGroup).children);
  const moving = listOf(from.group)[from.index];
  // Where it goes, worked out before it is taken out.
  let group = to.group;
  let index = to.index;
  if (moving.type === 'form' && over.startsWith('g:')) {
    group = over.slice(2);
    index = (next.find((n) => n.type === 'group' && n.id === group) as NavGroup).children.length;
  } else if (moving.type === 'group' && to.group !== null) {
    group = null;
    index = next.findIndex((n) => n.type === 'group' && n.id === to.group);
  }
  const source = listOf(from.group);
  source.splice(from.index, 1);
  const target = listOf(group);
  // Within one list this is arrayMove: moving down lands after `over`, moving up before it.
  target.splice(Math.min(index, target.length), 0, moving as never);
  return next;
}
