import { Button, DatePicker, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../../lib/i18n';
import type { ListFilter } from './types';
import type { ListState } from './useListState';

const labelStyle = { color: 'rgba(0,0,0,0.45)' };

/** The search box and filters of a list, bound to the URL state; each filter names itself inside the control. */
export function ListFilters({ state, filters, search }: { state: ListState; filters: ListFilter[]; search?: { placeholder: string } | false }) {
  const t = useT();
  return (
    <div className="list-filters">
      {search ? (
        <Input.Search
          key={state.filters.q ?? ''}
          defaultValue={state.filters.q}
          placeholder={search.placeholder}
          allowClear
          onSearch={(q) => state.update({ q: q.trim() || undefined })}
          style={{ width: 280 }}
          aria-label={search.placeholder}
        />
      ) : null}
      {filters.map((f) =>
        f.kind === 'select' ? (
          <Select
            key={f.name}
            aria-label={f.label}
            prefix={<span style={labelStyle}>{f.label}</span>}
            placeholder={t('all')}
            allowClear
            value={state.filters[f.name] ?? null}
            options={f.options}
            onChange={(v: string | null | undefined) => state.update({ [f.name]: v ?? undefined })}
            style={{ minWidth: f.width ?? 160 }}
            popupMatchSelectWidth={false}
          />
        ) : f.kind === 'text' ? (
          <Input
            key={`${f.name}:${state.filters[f.name] ?? ''}`}
            aria-label={f.label}
            prefix={<span style={labelStyle}>{f.label}</span>}
            placeholder={f.placeholder ?? t('all')}
            defaultValue={state.filters[f.name]}
            allowClear
            onPressEnter={(e) => state.update({ [f.name]: e.currentTarget.value.trim() || undefined })}
            onBlur={(e) => {
              const v = e.currentTarget.value.trim();
              if (v !== (state.filters[f.name] ?? '')) state.update({ [f.name]: v || undefined });
            }}
            onClear={() => state.update({ [f.name]: undefined })}
            style={{ width: f.width ?? 180 }}
          />
        ) : (
          <DatePicker.RangePicker
            key={`${f.from}-${f.to}`}
            aria-label={f.label}
            prefix={<span style={labelStyle}>{f.label}</span>}
            value={[state.filters[f.from] ? dayjs(state.filters[f.from]) : null, state.filters[f.to] ? dayjs(state.filters[f.to]) : null]}
            format="YYYY-MM-DD"
            allowEmpty={[true, true]}
            onChange={(range) => state.update({ [f.from]: range?.[0]?.format('YYYY-MM-DD'), [f.to]: range?.[1]?.format('YYYY-MM-DD') })}
          />
        ),
      )}
      {state.hasFilters ? (
        <Button type="link" onClick={state.clearFilters} style={{ paddingInline: 4 }}>
          {t('reset')}
        </Button>
      ) : null}
    </div>
  );
}
