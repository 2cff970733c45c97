import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, InputNumber, Space, Table, Tabs, Typography } from 'antd';
import type { EChartsOption } from 'echarts';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import {
  CSS_ITEM_LABELS,
  CSS_ITEMS,
  CSS_LEVEL_LABELS,
  CSS_LEVELS,
  DEFAULT_CSS_WEIGHTS,
  PT_SECTION_ITEMS,
  PT_SECTION_LABELS,
  PT_SECTIONS,
  PT_TARGET,
  motScore,
  ptScore,
  type CssItem,
  type CssLevel,
  type CssWeights,
  type PtSection,
  type ScoreMonth,
} from '#contracts/satisfaction';
import { useCan } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState } from '../../components/states';
import { isApiError } from '../../lib/api';
import { formatPercent } from '../../lib/format';
import { useLabel, useT } from '../../lib/i18n';
import { satisfactionApi, SATISFACTION_KEY } from './api';
import { Chart } from './Chart';
import { SATISFACTION_TEXT } from './text';

const fmt = (n: number | null | undefined) => (n == null ? '—' : n.toFixed(1));

/** Manufacturer scores: trend chart, CSS entry (store / region / nation), PT entry, weights. */
export default function SatisfactionPage() {
  const t = useT(SATISFACTION_TEXT);
  const manage = useCan()('satisfaction:manage');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Tabs
        items={[
          { key: 'trend', label: t('trend'), children: <TrendTab /> },
          { key: 'css', label: t('cssEntry'), children: <CssTab manage={manage} /> },
          { key: 'pt', label: t('ptEntry'), children: <PtTab manage={manage} /> },
          { key: 'weights', label: t('weights'), children: <WeightsTab manage={manage} /> },
        ]}
      />
    </>
  );
}

function useSaveError() {
  const { message } = App.useApp();
  return (err: unknown) => {
    const field = isApiError(err) ? err.fields[0] : undefined;
    message.error(field ? `${field.path}: ${field.message}` : err instanceof Error ? err.message : String(err));
  };
}

function TrendTab() {
  const t = useT(SATISFACTION_TEXT);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(23, 'month'), dayjs()]);
  const from = range[0].format('YYYY-MM');
  const to = range[1].format('YYYY-MM');
  const trend = useQuery({ queryKey: [SATISFACTION_KEY, 'trend', from, to], queryFn: () => satisfactionApi.trend(from, to) });
  const months = trend.data ?? [];
  const hasData = months.some((m) => m.storeMot != null || m.ptScore != null);
  const line = (name: string, key: keyof ScoreMonth, dashed = false) => ({
    name,
    type: 'line' as const,
    connectNulls: true,
    data: months.map((m) => m[key] as number | null),
    lineStyle: dashed ? { type: 'dashed' as const } : undefined,
  });
  const motOption: EChartsOption = {
    tooltip: { trigger: 'axis' },
    legend: {},
    grid: { left: 40, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: { type: 'value', scale: true },
    series: [line(t('storeMot'), 'storeMot'), line(t('regionMot'), 'regionMot', true), line(t('nationMot'), 'nationMot', true), line(t('storeCss'), 'storeCss')],
  };
  const ptOption: EChartsOption = {
    tooltip: { trigger: 'axis' },
    legend: {},
    grid: { left: 50, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: { type: 'value', min: 700, max: 1000 },
    series: [{ ...line(t('ptScore'), 'ptScore'), markLine: { symbol: 'none', data: [{ yAxis: PT_TARGET, name: t('ptTarget', { target: PT_TARGET }) }], label: { formatter: t('ptTarget', { target: PT_TARGET }) } } }],
  };
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Space>
        {t('range')}
        <DatePicker.RangePicker picker="month" value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
      </Space>
      {trend.isError ? <ErrorState error={trend.error} onRetry={() => void trend.refetch()} /> : null}
      {!trend.isLoading && !hasData ? (
        <Card>
          <EmptyState title={t('noData')} hint={t('noDataHint')} />
        </Card>
      ) : (
        <>
          <Card title={t('mot')} loading={trend.isLoading}>
            <Chart option={motOption} />
          </Card>
          <Card title={t('ptScore')} loading={trend.isLoading}>
            <Chart option={ptOption} height={240} />
          </Card>
          <Card>
            <Table<ScoreMonth>
              size="small"
              rowKey="month"
              pagination={false}
              dataSource={[...months].reverse()}
              scroll={{ x: true }}
              columns={[
                { title: t('month'), dataIndex: 'month' },
                { title: t('storeMot'), dataIndex: 'storeMot', align: 'right', render: fmt },
                { title: t('regionMot'), dataIndex: 'regionMot', align: 'right', render: fmt },
                { title: t('nationMot'), dataIndex: 'nationMot', align: 'right', render: fmt },
                { title: t('storeCss'), dataIndex: 'storeCss', align: 'right', render: fmt },
                { title: t('sampleSize'), dataIndex: 'sampleSize', align: 'right', render: (n: number | null) => n ?? '—' },
                { title: t('ptScore'), dataIndex: 'ptScore', align: 'right', render: (n: number | null) => (n == null ? '—' : <span style={{ color: n < PT_TARGET ? '#cf1322' : undefined }}>{n}</span>) },
              ]}
            />
          </Card>
        </>
      )}
    </Space>
  );
}

type LevelDraft = { sampleSize: number | null; cssScore: number | null; items: Partial<Record<CssItem, number | null>> };
const emptyLevel = (): LevelDraft => ({ sampleSize: null, cssScore: null, items: {} });

function CssTab({ manage }: { manage: boolean }) {
  const [month, setMonth] = useState<Dayjs>(dayjs().subtract(1, 'month'));
  const key = month.format('YYYY-MM');
  const existing = useQuery({ queryKey: [SATISFACTION_KEY, 'css', key], queryFn: () => satisfactionApi.css(key, key) });
  const weights = useQuery({ queryKey: [SATISFACTION_KEY, 'weights'], queryFn: satisfactionApi.weights });
  if (existing.isError) return <ErrorState error={existing.error} onRetry={() => void existing.refetch()} />;
  if (!existing.data || !weights.data) return <Card loading />;
  const p = existing.data[0];
  const of = (l: CssLevel): LevelDraft => {
    const r = p?.[l];
    return r ? { sampleSize: r.sampleSize, cssScore: r.cssScore, items: r.items as LevelDraft['items'] } : emptyLevel();
  };
  // Keyed by month and load: the editor starts from what was saved.
  return <CssEditor key={`${key}-${existing.dataUpdatedAt}`} month={month} onMonth={setMonth} weights={weights.data} manage={manage} initial={{ store: of('store'), region: of('region'), nation: of('nation') }} />;
}

function CssEditor({ month, onMonth, weights, manage, initial }: { month: Dayjs; onMonth: (m: Dayjs) => void; weights: CssWeights; manage: boolean; initial: Record<CssLevel, LevelDraft> }) {
  const t = useT(SATISFACTION_TEXT);
  const label = useLabel();
  const client = useQueryClient();
  const { message } = App.useApp();
  const onError = useSaveError();
  const key = month.format('YYYY-MM');
  const [draft, setDraft] = useState<Record<CssLevel, LevelDraft>>(initial);
  const set = (level: CssLevel, patch: Partial<LevelDraft>) => setDraft((d) => ({ ...d, [level]: { ...d[level], ...patch } }));
  const filled = (l: LevelDraft) => l.sampleSize != null || l.cssScore != null || Object.values(l.items).some((v) => v != null);
  const save = useMutation({
    mutationFn: () => {
      const level = (l: LevelDraft) => (filled(l) ? { sampleSize: l.sampleSize ?? 0, cssScore: l.cssScore, items: Object.fromEntries(CSS_ITEMS.map((i) => [i, l.items[i] ?? null])) as Record<CssItem, number | null> } : null);
      const store = level(draft.store) ?? { sampleSize: 0, cssScore: null, items: Object.fromEntries(CSS_ITEMS.map((i) => [i, null])) as Record<CssItem, number | null> };
      return satisfactionApi.enterCss({ month: key, store, region: level(draft.region), nation: level(draft.nation) });
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: [SATISFACTION_KEY] });
      message.success(t('saved'));
    },
    onError,
  });
  type Row = { key: string; label: string; kind: 'item' | 'sample' | 'css' | 'mot'; item?: CssItem };
  const rows: Row[] = [
    ...CSS_ITEMS.map((i) => ({ key: i, label: `${label(CSS_ITEM_LABELS, i)}（${weights[i]}%）`, kind: 'item' as const, item: i })),
    { key: 'sample', label: t('sampleSize'), kind: 'sample' },
    { key: 'css', label: t('cssScore'), kind: 'css' },
    { key: 'mot', label: t('mot'), kind: 'mot' },
  ];
  const cell = (level: CssLevel, r: Row) => {
    const d = draft[level];
    if (r.kind === 'mot') return <b>{fmt(motScore(d.items, weights))}</b>;
    if (r.kind === 'sample') return <InputNumber min={0} precision={0} value={d.sampleSize} disabled={!manage} onChange={(v) => set(level, { sampleSize: v })} />;
    if (r.kind === 'css') return <InputNumber min={0} max={1000} step={0.1} value={d.cssScore} disabled={!manage} onChange={(v) => set(level, { cssScore: v })} />;
    const item = r.item!;
    return <InputNumber min={0} max={1000} step={0.1} value={d.items[item] ?? null} disabled={!manage} onChange={(v) => set(level, { items: { ...d.items, [item]: v } })} />;
  };
  return (
    <Card
      title={
        <Space>
          {t('month')}
          <DatePicker picker="month" value={month} allowClear={false} onChange={(v) => v && onMonth(v)} />
          <Typography.Text type="secondary">{t('levelOptional')}</Typography.Text>
        </Space>
      }
      extra={
        manage ? (
          <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>
            {t('save')}
          </Button>
        ) : null
      }
    >
      <Table<Row>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        columns={[{ title: t('item'), dataIndex: 'label' }, ...CSS_LEVELS.map((l) => ({ title: label(CSS_LEVEL_LABELS, l), key: l, width: 160, render: (_: unknown, r: Row) => cell(l, r) }))]}
      />
    </Card>
  );
}

function PtTab({ manage }: { manage: boolean }) {
  const [month, setMonth] = useState<Dayjs>(dayjs().subtract(1, 'month'));
  const key = month.format('YYYY-MM');
  const existing = useQuery({ queryKey: [SATISFACTION_KEY, 'pt', key], queryFn: () => satisfactionApi.pt(key, key) });
  if (existing.isError) return <ErrorState error={existing.error} onRetry={() => void existing.refetch()} />;
  if (!existing.data) return <Card loading />;
  const initial = defaults();
  for (const s of existing.data[0]?.sections ?? []) initial[s.section] = { items: s.items, passed: s.passed };
  return <PtEditor key={`${key}-${existing.dataUpdatedAt}`} month={month} onMonth={setMonth} manage={manage} initial={initial} />;
}

function PtEditor({ month, onMonth, manage, initial }: { month: Dayjs; onMonth: (m: Dayjs) => void; manage: boolean; initial: Record<PtSection, { items: number; passed: number | null }> }) {
  const t = useT(SATISFACTION_TEXT);
  const label = useLabel();
  const client = useQueryClient();
  const { message } = App.useApp();
  const onError = useSaveError();
  const key = month.format('YYYY-MM');
  const [rows, setRows] = useState(initial);
  const entered = PT_SECTIONS.filter((s) => rows[s].passed != null).map((s) => ({ section: s, items: rows[s].items, passed: rows[s].passed! }));
  const score = ptScore(entered);
  const save = useMutation({
    mutationFn: () => satisfactionApi.enterPt({ month: key, sections: entered }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: [SATISFACTION_KEY] });
      message.success(t('saved'));
    },
    onError,
  });
  return (
    <Card
      title={
        <Space>
          {t('month')}
          <DatePicker picker="month" value={month} allowClear={false} onChange={(v) => v && onMonth(v)} />
        </Space>
      }
      extra={
        manage ? (
          <Button type="primary" disabled={entered.length === 0} loading={save.isPending} onClick={() => save.mutate()}>
            {t('save')}
          </Button>
        ) : null
      }
    >
      <Table
        size="small"
        rowKey="section"
        pagination={false}
        dataSource={PT_SECTIONS.map((s) => ({ section: s, ...rows[s] }))}
        columns={[
          { title: t('section'), dataIndex: 'section', render: (s: PtSection) => label(PT_SECTION_LABELS, s) },
          {
            title: t('items'),
            dataIndex: 'items',
            width: 120,
            render: (n: number, r) => <InputNumber min={1} max={100} precision={0} value={n} disabled={!manage} onChange={(v) => setRows((x) => ({ ...x, [r.section]: { ...x[r.section], items: v ?? 1 } }))} />,
          },
          {
            title: t('passed'),
            dataIndex: 'passed',
            width: 120,
            render: (n: number | null, r) => <InputNumber min={0} max={r.items} precision={0} value={n} disabled={!manage} onChange={(v) => setRows((x) => ({ ...x, [r.section]: { ...x[r.section], passed: v } }))} />,
          },
          { title: t('share'), key: 'share', align: 'right', render: (_, r) => (r.passed == null ? '—' : formatPercent((r.passed / r.items) * 100)) },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>{t('score1000')}</Table.Summary.Cell>
            <Table.Summary.Cell index={1} colSpan={3} align="right">
              <b style={{ color: score != null && score < PT_TARGET ? '#cf1322' : undefined }}>{score ?? '—'}</b>
              <span style={{ marginLeft: 8, color: '#888' }}>{t('ptTarget', { target: PT_TARGET })}</span>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </Card>
  );
}

function defaults(): Record<PtSection, { items: number; passed: number | null }> {
  return Object.fromEntries(PT_SECTIONS.map((s) => [s, { items: PT_SECTION_ITEMS[s], passed: null }])) as Record<PtSection, { items: number; passed: number | null }>;
}

function WeightsTab({ manage }: { manage: boolean }) {
  const weights = useQuery({ queryKey: [SATISFACTION_KEY, 'weights'], queryFn: satisfactionApi.weights });
  if (weights.isError) return <ErrorState error={weights.error} onRetry={() => void weights.refetch()} />;
  if (!weights.data) return <Card loading />;
  return <WeightsEditor key={weights.dataUpdatedAt} manage={manage} initial={weights.data} />;
}

function WeightsEditor({ manage, initial }: { manage: boolean; initial: CssWeights }) {
  const t = useT(SATISFACTION_TEXT);
  const label = useLabel();
  const client = useQueryClient();
  const { message } = App.useApp();
  const onError = useSaveError();
  const [draft, setDraft] = useState<CssWeights>(initial);
  const sum = useMemo(() => CSS_ITEMS.reduce((s, i) => s + (draft[i] ?? 0), 0), [draft]);
  const save = useMutation({
    mutationFn: () => satisfactionApi.saveWeights(draft),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: [SATISFACTION_KEY] });
      message.success(t('saved'));
    },
    onError,
  });
  return (
    <Card
      title={<span style={{ color: sum === 100 ? undefined : '#cf1322' }}>{t('weightSum', { sum })}</span>}
      extra={
        manage ? (
          <Space>
            <Button onClick={() => setDraft(DEFAULT_CSS_WEIGHTS)}>{t('resetDefaults')}</Button>
            <Button type="primary" disabled={sum !== 100} loading={save.isPending} onClick={() => save.mutate()}>
              {t('save')}
            </Button>
          </Space>
        ) : null
      }
    >
      <Table
        size="small"
        rowKey="item"
        pagination={false}
        dataSource={CSS_ITEMS.map((item) => ({ item }))}
        columns={[
          { title: t('item'), dataIndex: 'item', render: (i: CssItem) => label(CSS_ITEM_LABELS, i) },
          {
            title: t('weight'),
            key: 'w',
            width: 160,
            render: (_, r) => <InputNumber min={0} max={100} precision={0} addonAfter="%" value={draft[r.item]} disabled={!manage} onChange={(v) => setDraft((d) => ({ ...d, [r.item]: v ?? 0 }))} />,
          },
          { title: t('defaultWeight'), key: 'd', width: 100, align: 'right', render: (_, r) => `${DEFAULT_CSS_WEIGHTS[r.item]}%` },
        ]}
      />
    </Card>
  );
}
