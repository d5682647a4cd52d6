// Pickers of people and departments for rule values: they store ids and always show names, or
// a placeholder while a name is on its way (never the id). What they learn (names, the
// department list) is kept for the session, so ten rules do not ask ten times.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { Select, TreeSelect } from 'antd';
import { formServices, type AppServices, type Me } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useBT } from '../i18n';

type Department = { id: string; name: string; parentId: string | null };
const SEARCH_DELAY = 250;

/** Names of members and the departments, as this session has learnt them. */
class Directory {
  readonly services: AppServices = formServices('', '');
  private readonly names = new Map<string, string>();
  /** Ids asked for and not returned (disabled or deleted people). */
  private readonly unknown = new Set<string>();
  private readonly pending = new Set<string>();
  /** Ids whose ask failed (asked again by the next resolve). */
  private readonly failed = new Set<string>();
  private departments: Promise<Department[]> | null = null;
  private readonly listeners = new Set<() => void>();
  private version = 0;

  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  };
  getVersion = () => this.version;
  private changed() {
    this.version++;
    for (const fn of this.listeners) fn();
  }

  /** A member's name, or why there is none (yet). */
  name(id: string): { name: string } | 'loading' | 'unknown' | 'failed' {
    const name = this.names.get(id);
    if (name !== undefined) return { name };
    return this.unknown.has(id) ? 'unknown' : this.failed.has(id) ? 'failed' : 'loading';
  }

  learn(items: Array<{ id: string; displayName: string }>) {
    for (const u of items) this.names.set(u.id, u.displayName);
    if (items.length) this.changed();
  }

  private settle(ids: readonly string[], outcome: (id: string) => void) {
    for (const id of ids) {
      this.pending.delete(id);
      outcome(id);
    }
    this.changed();
  }

  /** Asks once for the names not known yet (a failed ask is forgotten, to be asked again). */
  resolve(ids: readonly string[]) {
    const missing = ids.filter((id) => !this.names.has(id) && !this.unknown.has(id) && !this.pending.has(id));
    if (!missing.length) return;
    for (const id of missing) {
      this.pending.add(id);
      this.failed.delete(id);
    }
    this.services.membersByIds(missing).then(
      (items) => {
        for (const u of items) this.names.set(u.id, u.displayName);
        this.settle(missing, (id) => this.names.has(id) || this.unknown.add(id));
      },
      () => this.settle(missing, (id) => this.failed.add(id)),
    );
  }

  /** The departments, asked once per session; a failure is forgotten so the next try asks again. */
  listDepartments(): Promise<Department[]> {
    this.departments ??= this.services.listDepartments().catch((e: unknown) => {
      this.departments = null;
      throw e;
    });
    return this.departments;
  }
}

const directories = new WeakMap<Me, Directory>();
const signedOut = new Directory();

/** This session's directory (a new sign-in starts a new one). */
function useDirectory(): Directory {
  const { me } = useSession();
  if (!me) return signedOut;
  let d = directories.get(me);
  if (!d) directories.set(me, (d = new Directory()));
  return d;
}

export function MemberPicker({ value, onChange, multiple, ariaLabel }: { value: string[]; onChange(ids: string[]): void; multiple?: boolean; ariaLabel: string }) {
  const { b } = useBT();
  const dir = useDirectory();
  useSyncExternalStore(dir.subscribe, dir.getVersion);
  const [found, setFound] = useState<string[] | null>(null);
  const [searching, setSearching] = useState(false);
  const asked = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const key = value.join(',');
  useEffect(() => dir.resolve(value), [dir, key]);
  useEffect(() => () => clearTimeout(timer.current), []);

  // Typing waits a moment before asking; only the answer to the latest question is shown.
  const search = useCallback(
    (q: string, delay = SEARCH_DELAY) => {
      clearTimeout(timer.current);
      const n = ++asked.current;
      setSearching(true);
      timer.current = setTimeout(() => {
        dir.services.lookupMembers(q).then(
          (items) => {
            if (n !== asked.current) return;
            dir.learn(items);
            setFound(items.map((u) => u.id));
            setSearching(false);
          },
          () => {
            if (n !== asked.current) return;
            setFound([]);
            setSearching(false);
          },
        );
      }, delay);
    },
    [dir],
  );

  const labelOf = (id: string) => {
    const n = dir.name(id);
    return typeof n === 'object' ? n.name : n === 'unknown' ? b.unknownMember : n === 'failed' ? b.nameUnavailable : b.loadingName;
  };
  const options = [...new Set([...value, ...(found ?? [])])].map((id) => ({ value: id, label: labelOf(id) }));
  return (
    <Select
      aria-label={ariaLabel}
      size="small"
      style={{ width: '100%' }}
      mode={multiple === false ? undefined : 'multiple'}
      showSearch
      filterOption={false}
      onSearch={(q) => search(q)}
      onOpenChange={(open) => {
        if (!open) return;
        dir.resolve(value);
        if (found === null) search('', 0);
      }}
      loading={searching}
      notFoundContent={searching ? b.loadingName : undefined}
      value={multiple === false ? value[0] : value}
      options={options}
      onChange={(v: string | string[] | undefined) => onChange(Array.isArray(v) ? v : v ? [v] : [])}
    />
  );
}

export function DepartmentPicker({ value, onChange, ariaLabel }: { value: string[]; onChange(ids: string[]): void; ariaLabel: string }) {
  const { b } = useBT();
  const dir = useDirectory();
  const [items, setItems] = useState<Department[] | null>(null);
  const [failed, setFailed] = useState(false);
  const load = useCallback(() => {
    let live = true;
    setFailed(false);
    dir.listDepartments().then(
      (d) => live && setItems(d),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [dir]);
  useEffect(load, [load]);
  // The tree in antd's simple mode (id / pId), as the form's own department widget has it.
  const tree = useMemo(() => (items ?? []).map((d) => ({ id: d.id, pId: d.parentId, value: d.id, title: d.name })), [items]);
  const names = useMemo(() => new Map((items ?? []).map((d) => [d.id, d.name])), [items]);
  // Labelled values: a value whose department is not (yet) in the list reads as a placeholder.
  const labelled = value.map((id) => ({ value: id, label: names.get(id) ?? (items ? b.unknownDepartment : failed ? b.nameUnavailable : b.loadingName) }));
  return (
    <TreeSelect
      aria-label={ariaLabel}
      size="small"
      style={{ width: '100%' }}
      treeDataSimpleMode
      treeData={tree}
      multiple
      treeDefaultExpandAll
      labelInValue
      value={labelled}
      status={failed ? 'warning' : undefined}
      notFoundContent={failed ? b.loadFailed : items ? undefined : b.loadingName}
      onOpenChange={(open) => open && failed && load()}
      onChange={(v: Array<{ value: string }>) => onChange(v.map((x) => x.value))}
    />
  );
}
