// One input widget per field type (antd), looked up by type. Widgets are controlled: value in,
// onChange out, so react-hook-form owns the state and each field re-renders on its own.
import { memo, useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, Checkbox, DatePicker, Input, Modal, Radio, Select, Space, Switch, Tag, TreeSelect, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { textOf, type Field, type FieldType, type FileRef, type I18nText, type Locale } from '../schema';
import { clean15, formatNumber, parseDecimalText } from '../numbers';
import { serialToIso, zonedParts } from '../dates';
import { displayValue, isNumeric } from './display';
import { memberDirectory, memberIds, useMemberNames } from './members';
import { fill, type RendererText } from './i18n';
import type { FormServices } from './types';

export interface WidgetProps {
  field: Field;
  value: unknown;
  onChange(value: unknown): void;
  onBlur?(): void;
  disabled: boolean;
  locale: Locale;
  timeZone: string;
  t: RendererText;
  services: FormServices;
  /** A computed value (formula, lookup): shown as `field` reads it, never edited. */
  computed?: boolean;
  /** Relation chosen: the related record, for autofill. */
  onRelated?(record: Record<string, unknown> | null): void;
  id: string;
}

type W = (p: WidgetProps) => ReactNode;

const num = (v: unknown) => (typeof v === 'number' ? v : null);
const CURRENCY: Record<string, string> = { CNY: '¥', USD: '$', EUR: '€', JPY: '¥', GBP: '£' };

function TextWidget({ field, value, onChange, onBlur, disabled, id }: WidgetProps) {
  return <Input id={id} value={(value as string) ?? ''} onChange={(e) => onChange(e.target.value)} onBlur={onBlur} disabled={disabled} maxLength={field.validation?.maxLength} placeholder={textOf(field.placeholder, 'zh-CN') || undefined} />;
}

/** Number text as typed in a number box: a trailing % is the box's own unit (percent shows 95.5). */
const parseTyped = (text: string) => parseDecimalText(text.replace(/%\s*$/, ''));

/** A number as a person edits it: plain digits, never "1e-7". */
function editable(n: number): string {
  const s = String(n);
  return /e/i.test(s) ? n.toFixed(20).replace(/\.?0+$/, '') : s;
}

/**
 * Numbers, money and percent. A plain text box (antd Input) rather than InputNumber: it opens
 * the decimal keypad on phones, keeps what the person typed while they type ("1." stays "1."),
 * shows the value formatted (thousands, declared decimals) when they leave it, and costs a
 * fraction of InputNumber per keystroke — which matters in forms of hundreds of fields.
 * ↑/↓ step by 1. Limits are checked by the engine, with a message, rather than silently clamped.
 */
function NumberWidget({ field, value, onChange, onBlur, disabled, locale, id }: WidgetProps) {
  const f = field as Field & { precision?: number; currency?: string; unit?: I18nText };
  const percent = field.type === 'percent';
  const money = field.type === 'money';
  const v = num(value);
  const digits = f.precision ?? (money ? 2 : undefined);
  const shown = v === null ? null : percent ? clean15(v * 100) : v;
  const [typing, setTyping] = useState<string | null>(null);
  const text = typing ?? (shown === null ? '' : formatNumber(shown, { precision: digits, thousands: money }));
  const emit = (n: number | null) => onChange(n === null ? null : percent ? clean15(n / 100) : n);
  return (
    <Input
      id={id}
      inputMode="decimal"
      autoComplete="off"
      value={text}
      onFocus={() => setTyping(shown === null ? '' : editable(shown))}
      onChange={(e) => {
        setTyping(e.target.value);
        const n = parseTyped(e.target.value);
        if (n !== undefined) emit(n);
      }}
      onKeyDown={(e) => {
        if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
        e.preventDefault();
        const next = clean15((parseTyped(typing ?? '') ?? shown ?? 0) + (e.key === 'ArrowUp' ? 1 : -1));
        setTyping(editable(next));
        emit(next);
      }}
      onBlur={() => {
        setTyping(null);
        onBlur?.();
      }}
      disabled={disabled}
      status={typing !== null && parseTyped(typing) === undefined ? 'warning' : undefined}
      prefix={money ? CURRENCY[f.currency ?? 'CNY'] ?? f.currency : undefined}
      suffix={percent ? '%' : f.unit ? textOf(f.unit, locale) || undefined : undefined}
      style={{ textAlign: 'right' }}
    />
  );
}

/** A stored instant as the tenant's wall-clock time, for the picker (which works in the browser's zone). */
function toWallClock(iso: string, timeZone: string): dayjs.Dayjs | null {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  const p = zonedParts(at, timeZone);
  return dayjs(new Date(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
}

/** The tenant's wall-clock time picked (read in the browser's zone) as the UTC instant it is. */
function fromWallClock(d: dayjs.Dayjs, timeZone: string): string {
  return serialToIso(Date.UTC(d.year(), d.month(), d.date(), d.hour(), d.minute(), d.second()) / 86_400_000, timeZone);
}

/**
 * Dates and datetimes. A datetime is typed and shown in the tenant's zone whatever the
 * browser's: 08:30 typed for an Asia/Shanghai tenant is stored as 00:30Z, in any browser.
 */
function DateWidget({ field, value, onChange, onBlur, disabled, timeZone, id }: WidgetProps) {
  const dt = field.type === 'datetime';
  const shown = typeof value === 'string' && value ? (dt ? toWallClock(value, timeZone) : dayjs(value)) : null;
  return (
    <DatePicker
      id={id}
      style={{ width: '100%' }}
      showTime={dt ? { format: 'HH:mm' } : false}
      format={dt ? 'YYYY-MM-DD HH:mm' : 'YYYY-MM-DD'}
      value={shown}
      // A date-only value is the calendar day picked, never an instant: no time zone shift.
      onChange={(d) => onChange(d ? (dt ? fromWallClock(d, timeZone) : d.format('YYYY-MM-DD')) : null)}
      onBlur={onBlur}
      disabled={disabled}
    />
  );
}

function SelectWidget({ field, value, onChange, onBlur, disabled, locale, id }: WidgetProps) {
  if (field.type !== 'select' && field.type !== 'multiselect') return null;
  const options = field.options.map((o) => ({ value: o.value, label: textOf(o.label, locale) }));
  // A group of radios or checkboxes is one field to a screen reader: named by its label, and
  // holding the field's id, where the form sets aria-required and aria-invalid.
  const name = textOf(field.label, locale);
  if (field.type === 'select' && field.display === 'radio') return <div id={id} role="radiogroup" aria-label={name}><Radio.Group value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled} options={options} /></div>;
  if (field.type === 'multiselect' && field.display === 'checkbox') return <div id={id} role="group" aria-label={name}><Checkbox.Group value={(value as string[]) ?? []} onChange={(v) => onChange(v)} disabled={disabled} options={options} /></div>;
  // Type to find an option (long lists, keyboard users), then Enter.
  return <Select id={id} allowClear showSearch optionFilterProp="label" value={value ?? undefined} onChange={(v) => onChange(v ?? null)} onBlur={onBlur} disabled={disabled} options={options} mode={field.type === 'multiselect' ? 'multiple' : undefined} style={{ width: '100%' }} />;
}

function SwitchWidget({ value, onChange, disabled, t, id }: WidgetProps) {
  return <Switch id={id} checked={!!value} onChange={onChange} disabled={disabled} checkedChildren={t.yes} unCheckedChildren={t.no} />;
}

function RemoteSelect({ value, onChange, disabled, id, search, multiple, toValue, fromValue, onPick, failedText }: { value: unknown; onChange(v: unknown): void; disabled: boolean; id: string; multiple?: boolean; failedText: string; search(q: string): Promise<Array<{ value: string; label: string; raw?: Record<string, unknown> }>>; toValue(o: { value: string; label: string }): unknown; fromValue(v: unknown): Array<{ value: string; label: string }>; onPick?(raw: Record<string, unknown> | null): void }) {
  const [options, setOptions] = useState<Array<{ value: string; label: string; raw?: Record<string, unknown> }>>([]);
  const [loading, setLoading] = useState(false);
  // A failed search says so ("could not load"), never "no match".
  const [failed, setFailed] = useState(false);
  const run = (q: string) => {
    setLoading(true);
    search(q)
      .then(
        (o) => {
          setOptions(o);
          setFailed(false);
        },
        () => {
          setOptions([]);
          setFailed(true);
        },
      )
      .finally(() => setLoading(false));
  };
  const current: Array<{ value: string; label: string; raw?: Record<string, unknown> }> = fromValue(value);
  const all = [...current.filter((c) => !options.some((o) => o.value === c.value)), ...options];
  return (
    <Select
      id={id}
      showSearch
      allowClear
      filterOption={false}
      onSearch={run}
      onFocus={() => options.length === 0 && run('')}
      loading={loading}
      notFoundContent={failed ? failedText : undefined}
      status={failed ? 'warning' : undefined}
      disabled={disabled}
      mode={multiple ? 'multiple' : undefined}
      value={multiple ? current.map((c) => c.value) : current[0]?.value}
      options={all.map((o) => ({ value: o.value, label: o.label }))}
      onChange={(v: string | string[] | undefined) => {
        const ids = v === undefined ? [] : Array.isArray(v) ? v : [v];
        const picked = ids.map((x) => all.find((o) => o.value === x)).filter((o): o is { value: string; label: string; raw?: Record<string, unknown> } => !!o);
        onChange(multiple ? picked.map(toValue) : picked[0] ? toValue(picked[0]) : null);
        onPick?.(picked[0]?.raw ?? null);
      }}
      style={{ width: '100%' }}
    />
  );
}

function RelationWidget({ field, value, onChange, disabled, services, onRelated, id, t }: WidgetProps) {
  if (field.type !== 'relation') return null;
  return (
    <RemoteSelect
      id={id}
      failedText={t.searchFailed}
      value={value}
      onChange={onChange}
      disabled={disabled}
      multiple={field.multiple}
      search={async (q) => (await services.searchRelation(field.formId, field.id, q)).map((r) => ({ value: r.id, label: r.display, raw: r.record }))}
      toValue={(o) => ({ id: o.value, display: o.label })}
      fromValue={(v) => (Array.isArray(v) ? v : v ? [v] : []).map((r) => ({ value: (r as { id: string }).id, label: (r as { display?: string }).display ?? (r as { id: string }).id }))}
      onPick={onRelated}
    />
  );
}

function MemberWidget({ field, value, onChange, disabled, services, id, t }: WidgetProps) {
  const multiple = field.type === 'member' && field.multiple;
  // The chosen people by name (asked by id when the record is opened), never by id.
  const name = useMemberNames(services, memberIds(field, value), t);
  return (
    <RemoteSelect
      id={id}
      failedText={t.searchFailed}
      value={value}
      onChange={onChange}
      disabled={disabled}
      multiple={multiple}
      search={async (q) => {
        const found = await services.lookupMembers(q);
        memberDirectory(services).learn(found);
        return found.map((u) => ({ value: u.id, label: u.displayName }));
      }}
      toValue={(o) => o.value}
      fromValue={(v) => memberIds(field, v).map((x) => ({ value: x, label: name(x) }))}
    />
  );
}

function DepartmentWidget({ field, value, onChange, disabled, services, id }: WidgetProps) {
  const [tree, setTree] = useState<Array<{ value: string; title: string; pId: string | null; id: string }>>([]);
  useEffect(() => {
    services.listDepartments().then((d) => setTree(d.map((x) => ({ id: x.id, value: x.id, title: x.name, pId: x.parentId }))), () => setTree([]));
  }, [services]);
  return <TreeSelect id={id} treeDataSimpleMode treeData={tree} value={value ?? undefined} onChange={(v) => onChange(v ?? null)} disabled={disabled} multiple={field.type === 'department' && field.multiple} allowClear style={{ width: '100%' }} />;
}

function FilesWidget({ field, value, onChange, disabled, services, t }: WidgetProps) {
  const files = (Array.isArray(value) ? value : []) as FileRef[];
  const image = field.type === 'image';
  return (
    <Upload
      accept={image ? 'image/*' : field.type === 'attachment' ? field.accept : undefined}
      listType={image ? 'picture-card' : 'text'}
      disabled={disabled}
      fileList={files.map((f) => ({ uid: f.id, name: f.name, status: 'done' as const, url: services.fileUrl(f) }))}
      onRemove={(f) => onChange(files.filter((x) => x.id !== f.uid))}
      customRequest={({ file, onSuccess, onError }) => {
        services.uploadFile(file as File).then(
          (ref) => {
            onChange([...files, ref]);
            onSuccess?.(ref);
          },
          (e: Error) => onError?.(e),
        );
      }}
    >
      {image ? <span>{t.takePhoto}</span> : <Button disabled={disabled}>{t.upload}</Button>}
    </Upload>
  );
}

function SignatureWidget({ value, onChange, disabled, services, t }: WidgetProps) {
  const [open, setOpen] = useState(false);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const ref = value as FileRef | null;
  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top] as const;
  };
  return (
    <>
      {ref ? <img alt={t.sign} src={services.fileUrl(ref)} style={{ height: 60, border: '1px solid #eee', display: 'block' }} /> : null}
      <Space>
        <Button disabled={disabled} onClick={() => setOpen(true)}>{t.sign}</Button>
        {ref && !disabled ? <Button onClick={() => onChange(null)}>{t.clear}</Button> : null}
      </Space>
      <Modal
        open={open}
        title={t.signHere}
        // A stray tap beside the pad must not throw the signature away.
        maskClosable={false}
        okText={t.done}
        cancelText={t.cancel}
        onCancel={() => setOpen(false)}
        onOk={() =>
          canvas.current?.toBlob((blob) => {
            if (!blob) return;
            services.uploadFile(new File([blob], 'signature.png', { type: 'image/png' })).then((r) => {
              onChange(r);
              setOpen(false);
            });
          }, 'image/png')
        }
      >
        <canvas
          ref={canvas}
          width={440}
          height={180}
          style={{ border: '1px dashed #bbb', touchAction: 'none', maxWidth: '100%' }}
          onPointerDown={(e) => {
            drawing.current = true;
            const c = e.currentTarget.getContext('2d')!;
            c.beginPath();
            c.moveTo(...point(e));
          }}
          onPointerMove={(e) => {
            if (!drawing.current) return;
            const c = e.currentTarget.getContext('2d')!;
            c.lineWidth = 2;
            c.lineTo(...point(e));
            c.stroke();
          }}
          onPointerUp={() => (drawing.current = false)}
        />
      </Modal>
    </>
  );
}

function LocationWidget({ value, onChange, disabled, t }: WidgetProps) {
  const v = value as { lat: number; lng: number; address?: string } | null;
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input value={v?.address ?? (v ? `${v.lat.toFixed(5)}, ${v.lng.toFixed(5)}` : '')} disabled={disabled} onChange={(e) => onChange(v ? { ...v, address: e.target.value } : null)} readOnly={!v} />
      <Button
        disabled={disabled}
        onClick={() => navigator.geolocation?.getCurrentPosition((p) => onChange({ lat: p.coords.latitude, lng: p.coords.longitude }))}
      >
        {t.locate}
      </Button>
    </Space.Compact>
  );
}

/** Camera scanning where the browser has BarcodeDetector; a hand scanner types + Enter anywhere. */
function BarcodeWidget({ value, onChange, onBlur, disabled, t, id }: WidgetProps) {
  const [open, setOpen] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const supported = typeof window !== 'undefined' && 'BarcodeDetector' in window && !!navigator.mediaDevices;
  useEffect(() => {
    if (!open || !supported) return;
    let stop = false;
    let stream: MediaStream | null = null;
    const Detector = (window as unknown as { BarcodeDetector: new () => { detect(v: HTMLVideoElement): Promise<Array<{ rawValue: string }>> } }).BarcodeDetector;
    const detector = new Detector();
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }).then(async (s) => {
      stream = s;
      if (!video.current) return;
      video.current.srcObject = s;
      await video.current.play();
      while (!stop) {
        const codes = await detector.detect(video.current).catch(() => []);
        if (codes[0]) {
          onChange(codes[0].rawValue);
          setOpen(false);
          break;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    }, () => setOpen(false));
    return () => {
      stop = true;
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, [open, supported, onChange]);
  return (
    <>
      <Input
        id={id}
        value={(value as string) ?? ''}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
        disabled={disabled}
        // A hand scanner ends with Enter: keep the code, do not submit the form.
        onPressEnter={(e) => e.preventDefault()}
        suffix={<Button size="small" type="link" disabled={disabled} onClick={() => setOpen(true)}>{t.scan}</Button>}
      />
      <Modal open={open} title={t.scan} footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        {supported ? <video ref={video} style={{ width: '100%' }} muted playsInline /> : <Typography.Text type="secondary">{t.scanUnsupported}</Typography.Text>}
        {supported ? <Typography.Text type="secondary">{t.scanHint}</Typography.Text> : null}
      </Modal>
    </>
  );
}

function ComputedWidget({ field, value, locale, timeZone, t, services, id }: WidgetProps) {
  // A looked-up member reads by name, like everywhere else.
  const name = useMemberNames(services, memberIds(field, value), t);
  if (field.type === 'serial') return <Input id={id} value={(value as string) || ''} placeholder={t.serialPending} disabled />;
  const text = displayValue(field, value, locale, timeZone, name);
  return (
    <Input id={id} value={text} disabled aria-label={`${textOf(field.label, locale)} (${t.computed})`} style={{ textAlign: isNumeric(field) ? 'right' : undefined, color: 'rgba(0,0,0,0.88)' }} />
  );
}

function DescriptionWidget({ field, locale }: WidgetProps) {
  return field.type === 'description' ? <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{textOf(field.content, locale)}</Typography.Paragraph> : null;
}

export const WIDGETS: Partial<Record<FieldType, W>> = {
  text: TextWidget,
  textarea: (p) => <Input.TextArea id={p.id} rows={(p.field as { rows?: number }).rows ?? 3} value={(p.value as string) ?? ''} onChange={(e) => p.onChange(e.target.value)} onBlur={p.onBlur} disabled={p.disabled} />,
  number: NumberWidget,
  money: NumberWidget,
  percent: NumberWidget,
  date: DateWidget,
  datetime: DateWidget,
  select: SelectWidget,
  multiselect: SelectWidget,
  switch: SwitchWidget,
  member: MemberWidget,
  department: DepartmentWidget,
  attachment: FilesWidget,
  image: FilesWidget,
  signature: SignatureWidget,
  location: LocationWidget,
  serial: ComputedWidget,
  relation: RelationWidget,
  lookup: ComputedWidget,
  formula: ComputedWidget,
  barcode: BarcodeWidget,
  description: DescriptionWidget,
};

export const Widget = memo(function Widget(props: WidgetProps) {
  const W = props.computed ? ComputedWidget : WIDGETS[props.field.type];
  return W ? <>{W(props)}</> : null;
});

/** Tags for read-only select values, coloured by the option. */
export function OptionTags({ field, value, locale }: { field: Field; value: unknown; locale: Locale }) {
  if (field.type !== 'select' && field.type !== 'multiselect') return null;
  const values = Array.isArray(value) ? value : value ? [value] : [];
  return <>{values.map((v) => <Tag key={String(v)} color={field.options.find((o) => o.value === v)?.color}>{textOf(field.options.find((o) => o.value === v)?.label, locale) || String(v)}</Tag>)}</>;
}

export { fill };
