import { SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Space, Tag, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState, type KeyboardEvent } from 'react';
import { KPI_CODES, KPI_DEFINITIONS, type KpiCode } from '#contracts/kpis';
import { useCan } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/states';
import { isApiError } from '../../lib/api';
import { useLang, useT } from '../../lib/i18n';
import { REPORTS_KEY, reportsApi } from './api';
import { RP_TEXT } from './text';
import './reports.css';

/** A target as typed in the grid: percent for ratios, yuan for money, the unit itself otherwise. */
function toInput(code: KpiCode, value: number): string {
  const unit = KPI_DEFINITIONS[code].unit;
  if (unit === 'ratio') return String(Math.round(value * 10000) / 100);
  if (unit === 'fen') return String(value / 100);
  return String(value);
}
/** The grid's text back to the API's unit; null for an empty cell, undefined for a typing mistake. */
function fromInput(code: KpiCode, text: string): number | null | undefined {
  const trimmed = text.trim().replace(/,/g, '').replace(/%$/, '');
  if (trimmed === '') return null;
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  const unit = KPI_DEFINITIONS[code].unit;
  if (unit === 'ratio') return n > 100 ? undefined : Math.round(n * 100) / 10000;
  if (unit === 'fen') return Math.round(n * 100);
  return n;
}

/** 指标目标: a grid of KPIs × the twelve months of a year, typed like a spreadsheet (SPEC §16). */
export default function TargetsPage() {
  const t = useT(RP_TEXT);
  const { lang } = useLang();
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [year, setYear] = useState<Dayjs>(dayjs());
  const y = year.year();
  const months = useMemo(() => Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`), [y]);
  const query = useQuery({ queryKey: [REPORTS_KEY, 'targets', y], queryFn: () => reportsApi.targets(y) });
  const [edits, setEdits] = useState<Record<string, string>>({});
  const saved = useMemo(() => new Map((query.data?.targets ?? []).map((x) => [`${x.code}|${x.month}`, x.value])), [query.data]);
  const editable = can('kpi_target:manage');
  const cellText = (code: KpiCode, month: string) => {
    const key = `${code}|${month}`;
    if (key in edits) return edits[key]!;
    const v = saved.get(key);
    return v === undefined || v === null ? '' : toInput(code, v);
  };
  const changed = Object.entries(edits).filter(([key, text]) => {
    const [code] = key.split('|') as [KpiCode, string];
    const v = saved.get(key);
    return text !== (v === undefined || v === null ? '' : toInput(code, v));
  });
  const invalid = changed.filter(([key, text]) => fromInput(key.split('|')[0] as KpiCode, text) === undefined).map(([k]) => k);
  const save = useMutation({
    mutationFn: () =>
      reportsApi.saveTargets(
        changed.map(([key, text]) => {
          const [code, month] = key.split('|') as [KpiCode, string];
          return { code, month, value: fromInput(code, text) ?? null };
        }),
      ),
    onSuccess: () => {
      message.success(t('saved'));
      setEdits({});
      void queryClient.invalidateQueries({ queryKey: [REPORTS_KEY] });
    },
    onError: (err) => message.error(isApiError(err) ? err.message : String(err)),
  });
  const codes = KPI_CODES;
  const move = (e: KeyboardEvent<HTMLInputElement>, row: number, col: number) => {
    const go = (r: number, c: number) => {
      const el = document.querySelector<HTMLInputElement>(`[data-cell="${r}-${c}"]`);
      if (el) {
        e.preventDefault();
        el.focus();
        el.select();
      }
    };
    if (e.key === 'Enter' || e.key === 'ArrowDown') go(row + 1, col);
    else if (e.key === 'ArrowUp') go(row - 1, col);
    else if (e.key === 'ArrowRight' && e.currentTarget.selectionStart === e.currentTarget.value.length) go(row, col + 1);
    else if (e.key === 'ArrowLeft' && e.currentTarget.selectionStart === 0) go(row, col - 1);
    else if (e.key === 'Escape') setEdits({});
  };
  const fillRow = (code: KpiCode) => {
    const first = cellText(code, months[0]!);
    setEdits((prev) => ({ ...prev, ...Object.fromEntries(months.map((m) => [`${code}|${m}`, first])) }));
  };
  const unitOf = (code: KpiCode) => ({ fen: '¥', ratio: '%', count: '', hours: 'h', score: '' })[KPI_DEFINITIONS[code].unit];
  return (
    <div className="reports-page reports-targets">
      <PageHeader
        title={t('targetsTitle')}
        description={t('targetsHint')}
        actions={
          <Space>
            <DatePicker picker="year" allowClear={false} value={year} onChange={(v) => v && (setYear(v), setEdits({}))} />
            {changed.length > 0 ? <Tag color="orange">{t('unsaved', { count: changed.length })}</Tag> : null}
            {editable ? (
              <Button type="primary" icon={<SaveOutlined />} disabled={changed.length === 0 || invalid.length > 0} loading={save.isPending} onClick={() => save.mutate()} data-testid="targets-save">
                {t('save')}
              </Button>
            ) : null}
          </Space>
        }
      />
      {query.error ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      <Card size="small" loading={query.isLoading}>
        <div style={{ overflowX: 'auto' }}>
          <table className="reports-grid">
            <thead>
              <tr>
                <th className="reports-grid-kpi">{t('kpi')}</th>
                {months.map((m) => (
                  <th key={m}>{m.slice(5)}</th>
                ))}
                {editable ? <th /> : null}
              </tr>
            </thead>
            <tbody>
              {codes.map((code, row) => {
                const def = KPI_DEFINITIONS[code];
                return (
                  <tr key={code}>
                    <td className="reports-grid-kpi">
                      <Tooltip title={def.formula[lang]}>
                        {def.name[lang]} {unitOf(code) ? <span className="reports-grid-unit">（{unitOf(code)}）</span> : null}
                      </Tooltip>
                      {def.source === 'none' ? <Tag style={{ marginInlineStart: 4 }}>{t('noSource')}</Tag> : null}
                    </td>
                    {months.map((m, col) => {
                      const key = `${code}|${m}`;
                      return (
                        <td key={m}>
                          <input
                            className={`reports-grid-cell${invalid.includes(key) ? ' invalid' : ''}${key in edits ? ' edited' : ''}`}
                            data-cell={`${row}-${col}`}
                            aria-label={`${def.name[lang]} ${m}`}
                            inputMode="decimal"
                            readOnly={!editable}
                            value={cellText(code, m)}
                            onChange={(e) => setEdits((prev) => ({ ...prev, [key]: e.target.value }))}
                            onKeyDown={(e) => move(e, row, col)}
                            onFocus={(e) => e.currentTarget.select()}
                          />
                        </td>
                      );
                    })}
                    {editable ? (
                      <td>
                        <Button size="small" type="link" onClick={() => fillRow(code)} tabIndex={-1}>
                          {t('fillRow')}
                        </Button>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}
