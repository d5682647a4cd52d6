// Reapplying one analyst's edits on another's draft (a 409 on save, or a history from an older
// draft after a reload): a three-way merge. `base` is the draft both started from, `mine` the
// draft with my edits, `theirs` the server's newer draft. My edits are found by comparing base
// with mine — ids renamed, fields added, removed, moved, properties changed, tabs and columns
// rearranged — and replayed on theirs as commands, one at a time, each worked out against what
// the draft has become by then. Their edits stay unless I changed the same property of the same
// field (inside a property: the same key, or the same item of a list, see threeWay.ts), their
// renames carry my edits along, and nothing of theirs is deleted unless I deleted it. An edit that no longer applies
// (its field was deleted or renamed meanwhile) is skipped and counted.
import { textOf, type Field, type FormSchema } from '@tessera/form-engine';
import { commandRegistry, CommandError, renameField, type Command, type LayoutItem } from './commands';
import { CHILD_KEYS, listOf, locate, mapInner, ownerOf, usedIds, walk, ROOT, type ContainerKey, type Located } from './tree';
import { idMaker } from './fieldTypes';
import { fieldIdsOf } from './commands/ids';
import { FORM_LOCKED } from './commands/form-update';
import { mergeValue, sameJson as same } from './threeWay';

type Props = Record<string, unknown>;

/** A field's own properties, without what it holds. */
function own(f: Field): Props {
  const out: Props = {};
  for (const [k, v] of Object.entries(f)) if (!CHILD_KEYS.has(k)) out[k] = v;
  return out;
}

/** The tabs / columns of a layout field without their fields (labels, spans, order). */
function layoutOf(f: Field | undefined): LayoutItem[] | undefined {
  if (f?.type === 'tabs') return f.tabs.map(({ fields: _f, ...rest }) => rest);
  if (f?.type === 'columns') return f.columns.map(({ fields: _f, ...rest }) => rest);
  return undefined;
}

/**
 * The keys I changed (base → mine), as set / unset to apply on theirs: each changed value merged
 * onto theirs (see threeWay.ts), and only where that changes theirs.
 */
function changes(base: Props, mine: Props, theirs: Props, skip: ReadonlySet<string>, lost: () => void): { set: Props; unset?: string[] } | null {
  const set: Props = {};
  const unset: string[] = [];
  for (const k of new Set([...Object.keys(base), ...Object.keys(mine)])) {
    if (skip.has(k) || same(base[k], mine[k])) continue;
    if (mine[k] === undefined) {
      if (theirs[k] !== undefined) unset.push(k);
      continue;
    }
    const v = mergeValue(base[k], mine[k], theirs[k], lost, k);
    if (!same(v, theirs[k])) set[k] = v;
  }
  return Object.keys(set).length || unset.length ? { set, ...(unset.length ? { unset } : {}) } : null;
}

/** A new field as it should be added: without children that already existed (those are moves). */
function stripExisting(f: Field, existed: (id: string) => boolean): Field {
  return mapInner(f, (list) => list.filter((c) => !existed(c.id)).map((c) => stripExisting(c, existed)));
}

/** The field just before `id` in `list` that also satisfies `present`, or undefined. */
function previousPresent(list: Field[], id: string, present: (id: string) => boolean): string | undefined {
  const i = list.findIndex((f) => f.id === id);
  for (let k = i - 1; k >= 0; k--) if (present(list[k].id)) return list[k].id;
  return undefined;
}

/** The longest common subsequence of two id lists (the fields that kept their order). */
function longestCommon(a: string[], b: string[]): string[] {
  const n = a.length;
  const m = b.length;
  const t: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) t[i][j] = a[i] === b[j] ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
  const out: string[] = [];
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (a[i] === b[j]) {
      out.push(a[i]);
      i++;
      j++;
    } else if (t[i + 1][j] >= t[i][j + 1]) i++;
    else j++;
  }
  return out;
}

/**
 * Ids changed on one side: a field gone from base and a new one of the same type and label is
 * one field renamed, not one removed and one added (the one at the same place when several
 * match). A field relabelled as well as renamed is taken as removed and added.
 */
function inferRenames(base: FormSchema, other: FormSchema): Array<{ from: string; to: string }> {
  const inOther = new Set(walk(other).map((l) => l.field.id));
  const inBase = new Set(walk(base).map((l) => l.field.id));
  const gone = walk(base).filter((l) => !inOther.has(l.field.id));
  const added = walk(other).filter((l) => !inBase.has(l.field.id));
  const pairs: Array<{ from: string; to: string }> = [];
  const taken = new Set<string>();
  for (const g of gone) {
    if (!textOf(g.field.label, 'zh-CN')) continue;
    const candidates = added.filter((a) => !taken.has(a.field.id) && a.field.type === g.field.type && same(a.field.label, g.field.label));
    const at = candidates.filter((a) => a.index === g.index);
    const pick = candidates.length === 1 ? candidates[0] : at.length === 1 ? at[0] : undefined;
    if (pick) {
      pairs.push({ from: g.field.id, to: pick.field.id });
      taken.add(pick.field.id);
    }
  }
  return pairs;
}

export interface MergePlan {
  /** Commands that apply, in order, on `theirs`. */
  commands: Command[];
  /** My edits that could not apply (their field was deleted or renamed meanwhile). */
  skipped: number;
  /** The drafts it was worked out from (a plan shown to the analyst is applied only to those). */
  basis: { base: FormSchema; mine: FormSchema; theirs: FormSchema };
}

export function planMerge(baseIn: FormSchema, mineIn: FormSchema, theirs: FormSchema): MergePlan {
  const handlers = commandRegistry();
  let s = theirs;
  const commands: Command[] = [];
  let skipped = 0;
  const apply = (cmd: Command): boolean => {
    try {
      s = handlers.get(cmd.type)!.execute(s, cmd).schema;
      commands.push(cmd);
      return true;
    } catch (e) {
      if (!(e instanceof CommandError)) throw e;
      skipped++;
      return false;
    }
  };
  const present = (id: string) => !!locate(s, id);

  // 0. Renames first, so references in their draft follow mine. The base (and, where needed,
  //    my draft) are renamed alike, so the rest of the comparison sees one field, not a removal
  //    and an addition:
  //    - they renamed the same field too: their id stays, my changes go onto it;
  //    - they deleted it: mine comes back as a new field (my work is not lost);
  //    - they gave its new id to another field: mine takes a fresh id.
  let base = baseIn;
  let mine = mineIn;
  const theirRenames = new Map(inferRenames(baseIn, theirs).map((r) => [r.from, r.to]));
  const fresh = idMaker(new Set([...usedIds(mineIn), ...usedIds(theirs)]));
  const renameIn = (schema: FormSchema, from: string, to: string) => {
    try {
      return renameField(schema, from, to);
    } catch (e) {
      if (e instanceof CommandError) return schema;
      throw e;
    }
  };
  const myRenames = inferRenames(baseIn, mineIn);
  for (const r of myRenames) {
    const theirsTo = theirRenames.get(r.from);
    if (theirsTo !== undefined) {
      mine = renameIn(mine, r.to, theirsTo);
      base = renameIn(base, r.from, theirsTo);
      continue;
    }
    if (!present(r.from)) continue;
    let to = r.to;
    if (present(to)) {
      to = fresh(locate(mine, r.to)?.field.type ?? 'field');
      mine = renameIn(mine, r.to, to);
    }
    base = renameIn(base, r.from, to);
    apply({ type: 'field.rename', from: r.from, to });
  }
  //    - a field only they renamed: base and mine follow their rename, so my edits of it (and
  //      my references to it) land on their field; a field of mine in the way takes a fresh id.
  const renamedByMe = new Set(myRenames.map((r) => r.from));
  for (const [from, to] of theirRenames) {
    if (renamedByMe.has(from)) continue;
    const inTheWay = locate(mine, to);
    if (inTheWay) mine = renameIn(mine, to, fresh(inTheWay.field.type));
    const followed = renameIn(mine, from, to);
    if (followed === mine && locate(mine, from)) continue;
    base = renameIn(base, from, to);
    mine = followed;
  }
  const inBase = new Map(walk(base).map((l) => [l.field.id, l]));
  const mineWalk = walk(mine);
  const inMine = new Map(mineWalk.map((l) => [l.field.id, l]));

  // 1. The form's own properties.
  const lost = () => void skipped++;
  const formChange = changes(base as unknown as Props, mine as unknown as Props, s as unknown as Props, FORM_LOCKED, lost);
  if (formChange) apply({ type: 'form.update', ...formChange });

  // 2. Tabs and columns I rearranged, first with every tab still there (mine, then theirs not
  //    in mine), so fields can be placed into new tabs; tabs I removed go in step 6.
  const layouts: Array<{ id: string; mine: LayoutItem[]; baseIds: Set<string> }> = [];
  for (const l of mineWalk) {
    const b = inBase.get(l.field.id);
    const mineItems = layoutOf(l.field);
    if (!b || !mineItems || same(layoutOf(b.field), mineItems)) continue;
    if (!present(l.field.id)) {
      skipped++;
      continue;
    }
    const theirsItems = layoutOf(locate(s, l.field.id)!.field) ?? [];
    layouts.push({ id: l.field.id, mine: mineItems, baseIds: new Set((layoutOf(b.field) ?? []).map((x) => x.id)) });
    apply({ type: 'field.layout', id: l.field.id, items: [...mineItems, ...theirsItems.filter((x) => !mineItems.some((m) => m.id === x.id))] });
  }

  // 3. Fields I removed (the outermost of them; what they hold goes with them). What they hold
  //    in *their* draft and is not mine to delete — fields I keep elsewhere, fields they added or
  //    moved in — is parked at the end first and placed in step 4.
  const removed = [...inBase.values()].filter((l) => !inMine.has(l.field.id) && !l.ancestors.some((a) => !inMine.has(a))).map((l) => l.field.id).filter(present);
  const removedSet = new Set(removed);
  const deletedByMe = (id: string) => inBase.has(id) && !inMine.has(id);
  const rescued = walk(s).filter((l) => !removedSet.has(l.field.id) && !deletedByMe(l.field.id) && l.ancestors.some((a) => removedSet.has(a)));
  const rescuedIds = new Set(rescued.map((l) => l.field.id));
  const parked = rescued.filter((l) => !l.ancestors.some((a) => rescuedIds.has(a))).map((l) => l.field.id);
  if (parked.length) apply({ type: 'fields.move', ids: parked, to: { container: ROOT, index: s.fields.length } });
  if (removed.length) apply({ type: 'fields.remove', ids: removed });

  // 4. Fields I added or moved, in my visual order, each after its predecessor in my draft.
  //    A field counts as moved when its list changed, or when it is not in the longest run of
  //    fields that kept their order in that list (so inserting one field moves no neighbour).
  const stayed = new Set<string>();
  for (const key of new Set(mineWalk.map((l) => l.container))) {
    const mineList = (listOf(mine, key) ?? []).map((f) => f.id).filter((id) => inBase.get(id)?.container === key);
    const baseList = (listOf(base, key) ?? []).map((f) => f.id).filter((id) => inMine.get(id)?.container === key);
    for (const id of longestCommon(baseList, mineList)) stayed.add(id);
  }
  const where = (l: Located): { container: ContainerKey; index: number } | null => {
    const owner = ownerOf(l.container);
    if (owner !== undefined && !present(owner)) return null;
    const target = listOf(s, l.container);
    const mineList = listOf(mine, l.container);
    if (!target || !mineList) return null;
    const prev = previousPresent(mineList, l.field.id, (id) => target.some((f) => f.id === id));
    return { container: l.container, index: prev === undefined ? 0 : target.findIndex((f) => f.id === prev) + 1 };
  };
  for (const l of mineWalk) {
    const id = l.field.id;
    const owner = ownerOf(l.container);
    if (!inBase.has(id)) {
      // Added by me. Inside a field I also added, it came with that field.
      if (owner !== undefined && !inBase.has(owner)) continue;
      // Where it stood is gone (they deleted that section or tab): kept at the end, not lost.
      const to = where(l) ?? { container: ROOT, index: s.fields.length };
      const field = stripExisting(l.field, (x) => inBase.has(x));
      if (fieldIdsOf(field).some(present)) skipped++;
      else apply({ type: 'field.add', fields: [field], to });
      continue;
    }
    if (stayed.has(id) && !parked.includes(id)) continue;
    if (!present(id)) {
      skipped++;
      continue;
    }
    const to = where(l);
    if (to) apply({ type: 'fields.move', ids: [id], to });
    else skipped++;
  }

  // 5. Properties I changed, field by field (theirs stay where I changed nothing).
  const ID = new Set(['id']);
  for (const l of mineWalk) {
    const b = inBase.get(l.field.id);
    if (!b || same(own(b.field), own(l.field))) continue;
    const t = locate(s, l.field.id);
    if (!t) {
      skipped++;
      continue;
    }
    const change = changes(own(b.field), own(l.field), own(t.field), ID, lost);
    if (change) apply({ type: 'field.update', id: l.field.id, ...change });
  }

  // 6. The tabs and columns as I left them (plus any the other analyst added). Fields still in
  //    a tab I removed are theirs (mine were placed in step 4): they are parked, not deleted.
  for (const lay of layouts) {
    const now = layoutOf(locate(s, lay.id)?.field);
    if (!now) continue;
    const final = [...lay.mine, ...now.filter((x) => !lay.baseIds.has(x.id) && !lay.mine.some((m) => m.id === x.id))];
    const keep = new Set(final.map((x) => x.id));
    const orphans = now.filter((x) => !keep.has(x.id)).flatMap((x) => (listOf(s, `${lay.id}/${x.id}`) ?? []).map((f) => f.id));
    if (orphans.length) apply({ type: 'fields.move', ids: orphans, to: { container: ROOT, index: s.fields.length } });
    apply({ type: 'field.layout', id: lay.id, items: final });
  }
  return { commands, skipped, basis: { base: baseIn, mine: mineIn, theirs } };
}
