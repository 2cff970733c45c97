import { CloseOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Input, Select, Space, Tag, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { SearchResponse } from '#contracts/customers-tools';
import { DAMAGE_KIND_LABELS, type DamageKind, type DamageMark } from '#contracts/repair-orders';
import { api } from '../../lib/api';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { CarOutline } from './CarOutline';
import { RO_TEXT } from './text';

/**
 * Customer concerns (客户描述), one line each, word for word: Enter adds the typed line (and does not
 * submit the form), each line can be edited or removed.
 */
export function ConcernsInput({ value = [], onChange, id }: { value?: string[]; onChange?: (v: string[]) => void; id?: string }) {
  const t = useT(RO_TEXT);
  const [draft, setDraft] = useState('');
  const input = useRef<InputRef>(null);
  const add = () => {
    const line = draft.trim();
    if (!line) return;
    onChange?.([...value, line]);
    setDraft('');
    input.current?.focus();
  };
  return (
    <div className="concerns" id={id}>
      {value.length ? (
        <ol className="concern-list">
          {value.map((line, i) => (
            <li key={i}>
              <Input
                size="small"
                variant="borderless"
                value={line}
                aria-label={t('concernN', { n: i + 1 })}
                onChange={(e) => onChange?.(value.map((v, j) => (j === i ? e.target.value : v)))}
                onBlur={() => {
                  if (!value[i]?.trim()) onChange?.(value.filter((_, j) => j !== i));
                }}
                onPressEnter={(e) => e.preventDefault()}
              />
              <Button size="small" type="text" icon={<CloseOutlined />} aria-label={t('removeConcern')} onClick={() => onChange?.(value.filter((_, j) => j !== i))} />
            </li>
          ))}
        </ol>
      ) : null}
      <Space.Compact style={{ width: '100%' }}>
        <Input
          ref={input}
          value={draft}
          placeholder={t('concernPlaceholder')}
          aria-label={t('concernNew')}
          onChange={(e) => setDraft(e.target.value)}
          onPressEnter={(e) => {
            // Enter adds the line; it must not reach the form (which would submit).
            e.preventDefault();
            e.stopPropagation();
            add();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.preventDefault();
          }}
          maxLength={500}
          data-testid="concern-input"
        />
        <Button icon={<PlusOutlined />} onClick={add} disabled={!draft.trim()}>
          {t('add')}
        </Button>
      </Space.Compact>
    </div>
  );
}

/** The walk-around's damage marks: a click on the outline adds one, its kind and note beside it. */
export function DamageInput({ value = [], onChange, height = 280 }: { value?: DamageMark[]; onChange?: (v: DamageMark[]) => void; height?: number }) {
  const t = useT(RO_TEXT);
  const label = useLabel();
  const kinds = useOptions(DAMAGE_KIND_LABELS);
  const [selected, setSelected] = useState<number | null>(null);
  const [kind, setKind] = useState<DamageKind>('scratch');
  const set = (i: number, patch: Partial<DamageMark>) => onChange?.(value.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  return (
    <div className="damage-input">
      <div>
        <CarOutline
          marks={value}
          height={height}
          front={t('front')}
          rear={t('rear')}
          label={t('outlineHint')}
          selected={selected}
          onSelect={setSelected}
          onAdd={(x, y) => {
            if (value.length >= 40) return;
            onChange?.([...value, { x, y, kind, note: '' }]);
            setSelected(value.length);
          }}
        />
      </div>
      <div className="damage-side">
        <div className="form-hint" style={{ marginBottom: 6 }}>
          {t('outlineHint')}
        </div>
        <div style={{ marginBottom: 8 }}>
          <span style={{ marginInlineEnd: 6 }}>{t('newMarkKind')}</span>
          {kinds.map((k) => (
            <Tag.CheckableTag key={k.value} checked={kind === k.value} onChange={() => setKind(k.value)}>
              {k.label}
            </Tag.CheckableTag>
          ))}
        </div>
        {value.length === 0 ? (
          <div className="form-hint">{t('noDamage')}</div>
        ) : (
          <ol className="damage-list">
            {value.map((m, i) => (
              <li key={i} className={selected === i ? 'selected' : undefined} onClick={() => setSelected(i)}>
                <span className="damage-no">{i + 1}</span>
                <Select<DamageKind> size="small" value={m.kind} options={kinds} onChange={(k) => set(i, { kind: k })} style={{ width: 84 }} aria-label={t('markKind')} />
                <Input size="small" value={m.note} placeholder={t('markNote')} maxLength={100} onChange={(e) => set(i, { note: e.target.value })} onPressEnter={(e) => e.preventDefault()} />
                <Button
                  size="small"
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('removeMark', { kind: label(DAMAGE_KIND_LABELS, m.kind) })}
                  onClick={(e) => {
                    e.stopPropagation();
                    onChange?.(value.filter((_, j) => j !== i));
                    setSelected(null);
                  }}
                />
              </li>
            ))}
          </ol>
        )}
      </div>
    </div>
  );
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return debounced;
}

/** Finds a car by plate, VIN, phone or name (the header search's endpoint) for reception. */
export function VehicleFinder({ onPick, autoFocus }: { onPick: (vehicleId: number) => void; autoFocus?: boolean }) {
  const t = useT(RO_TEXT);
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 200);
  const query = useQuery({
    queryKey: ['search', q],
    queryFn: ({ signal }) => api.get<SearchResponse>('/api/search', { q, limit: 10 }, signal),
    enabled: q.length > 0,
    staleTime: 15_000,
  });
  const options = (query.data?.items ?? []).filter((i) => i.type === 'vehicle').map((i) => ({ value: i.id, label: `${i.title}  ${i.subtitle}` }));
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      autoFocus={autoFocus}
      style={{ width: 420 }}
      placeholder={t('findVehicle')}
      options={options}
      loading={query.isFetching}
      notFoundContent={q ? (query.isFetching ? t('searching') : t('noVehicle')) : t('findVehicleHint')}
      onChange={(id) => onPick(id)}
      aria-label={t('findVehicle')}
    />
  );
}
