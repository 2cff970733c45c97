import { useQuery } from '@tanstack/react-query';
import { InputNumber, Select, Tag, type InputNumberProps } from 'antd';
import { useMemo, useState } from 'react';
import { DECIMAL_UNITS, PART_UNIT_LABELS, type Part, type PartUnit } from '#contracts/parts';
import { useLabel } from '../../lib/i18n';
import { partsApi } from './api';

/** Whether quantities of this unit may have decimals (oil by the litre); the others count whole items. */
export const isDecimalUnit = (unit: PartUnit | undefined) => unit !== undefined && DECIMAL_UNITS.includes(unit);

/** `"12.5"` → milli-units, for comparing quantities without floats. */
export function milli(q: string | number | null | undefined): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,3}))?$/.exec(String(q ?? '0').trim());
  if (!m) return 0;
  const v = Number(m[2]) * 1000 + Number((m[3] ?? '').padEnd(3, '0'));
  return m[1] ? -v : v;
}

/** milli-units → `"12.5"`. */
export function fromMilli(v: number): string {
  const a = Math.abs(v);
  const frac = String(a % 1000).padStart(3, '0').replace(/0+$/, '');
  return `${v < 0 ? '-' : ''}${Math.floor(a / 1000)}${frac ? `.${frac}` : ''}`;
}

/** `12.5 升` — a quantity with its unit's label. */
export function useQty() {
  const label = useLabel();
  return (q: string | number | null | undefined, unit?: PartUnit) => (q === null || q === undefined ? '—' : `${q}${unit ? ` ${label(PART_UNIT_LABELS, unit)}` : ''}`);
}

type QtyProps = Omit<InputNumberProps<string>, 'stringMode' | 'precision'> & { unit?: PartUnit; allowZero?: boolean };

/** A quantity: decimals (3) for litres, kilograms and metres, whole numbers otherwise. */
export function QtyInput({ unit, allowZero = false, ...rest }: QtyProps) {
  const label = useLabel();
  return (
    <InputNumber<string>
      min={allowZero ? '0' : isDecimalUnit(unit) ? '0.001' : '1'}
      max="999999999"
      {...rest}
      stringMode
      precision={isDecimalUnit(unit) ? undefined : 0}
      suffix={unit ? label(PART_UNIT_LABELS, unit) : undefined}
      style={{ width: '100%', ...rest.style }}
    />
  );
}

/** Form rule: a positive quantity. */
export function qtyRule(message: string) {
  return {
    validator: (_: unknown, v: string | null | undefined) => (v !== null && v !== undefined && v !== '' && milli(v) > 0 ? Promise.resolve() : Promise.reject(new Error(message))),
  };
}

/**
 * Picks a catalog part by typing (or scanning) its number or name: the server searches number
 * fragments (separators ignored) and names; Enter takes the first match, as a scanner's Enter does.
 */
export function PartPicker({
  value,
  onChange,
  placeholder,
  autoFocus,
  exclude,
  ariaLabel,
  style,
}: {
  value?: number | null;
  onChange?: (id: number | null, part: Part | null) => void;
  placeholder?: string;
  autoFocus?: boolean;
  exclude?: readonly number[];
  ariaLabel?: string;
  style?: React.CSSProperties;
}) {
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<Part | null>(null);
  const query = useQuery({
    queryKey: [partsApi.key, 'list', { picker: q }],
    queryFn: ({ signal }) => partsApi.list({ page: 1, pageSize: 20, active: 'true', q: q || undefined, sort: 'partNo', order: 'asc' }, signal),
    staleTime: 30_000,
  });
  const items = useMemo(() => {
    const list = (query.data?.items ?? []).filter((p) => !exclude?.includes(p.id) || p.id === value);
    if (chosen && chosen.id === value && !list.some((p) => p.id === chosen.id)) list.unshift(chosen);
    return list;
  }, [query.data, exclude, chosen, value]);
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: (text) => setQ(text.trim()) }}
      aria-label={ariaLabel ?? placeholder}
      value={value ?? undefined}
      placeholder={placeholder}
      autoFocus={autoFocus}
      allowClear
      loading={query.isFetching}
      style={{ width: '100%', ...style }}
      popupMatchSelectWidth={false}
      onChange={(id) => {
        const part = items.find((p) => p.id === id) ?? null;
        setChosen(part);
        onChange?.(id ?? null, part);
      }}
      options={items.map((p) => ({
        value: p.id,
        label: (
          <span>
            <span style={{ fontFamily: 'monospace' }}>{p.partNo}</span> {p.name}
            <span className="form-hint" style={{ marginInlineStart: 8 }}>
              {p.onHand}
            </span>
          </span>
        ),
      }))}
    />
  );
}

export function StatusTag({ color, children }: { color?: string; children: React.ReactNode }) {
  return (
    <Tag color={color} style={{ marginInlineEnd: 0 }}>
      {children}
    </Tag>
  );
}

/** Monospace part number, as printed on the box. */
export function PartNo({ children }: { children: React.ReactNode }) {
  return <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{children}</span>;
}
