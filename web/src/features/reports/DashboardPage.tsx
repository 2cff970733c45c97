import { ArrowDownOutlined, ArrowUpOutlined, LockOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Drawer, Empty, Row, Segmented, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { KPI_CATEGORIES, KPI_CATEGORY_LABELS, KPI_DEFINITIONS, kpiMeetsTarget, kpiTrendIsGood, kpiChange, type KpiCard, type KpiCode, type KpiDrillRow, type KpiScopeKind, type Period } from '#contracts/kpis';
import { PAYER_LABELS, RO_TYPE_LABELS, type Payer, type RoType } from '#contracts/repair-orders';
import { COMEBACK_REASON_LABELS, type ComebackReason } from '#contracts/workshop';
import { GROUP_ROLES } from '#contracts/roles';
import { useCan, useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/states';
import { isApiError } from '../../lib/api';
import { formatDateTime, formatMoney, formatPlate } from '../../lib/format';
import { useLabel, useLang, useT } from '../../lib/i18n';
import { REPORTS_KEY, reportsApi } from './api';
import { Chart } from './Chart';
import { chartValue, formatChange, formatKpi } from './kpiFormat';
import { RP_TEXT } from './text';
import './reports.css';

type Kind = 'day' | 'week' | 'month' | 'range';

/** The period the pickers describe, as store-local days. */
function periodOf(kind: Kind, anchor: Dayjs, range: [Dayjs, Dayjs]): Period {
  const f = (d: Dayjs) => d.format('YYYY-MM-DD');
  if (kind === 'day') return { from: f(anchor), to: f(anchor) };
  if (kind === 'week') {
    const monday = anchor.subtract((anchor.day() + 6) % 7, 'day');
    return { from: f(monday), to: f(monday.add(6, 'day')) };
  }
  if (kind === 'month') return { from: f(anchor.startOf('month')), to: f(anchor.endOf('month')) };
  return { from: f(range[0]), to: f(range[1]) };
}

/** Scope picker state shared by the report pages: group roles choose the store or the group. */
export function useScope(): [KpiScopeKind, (s: KpiScopeKind) => void, boolean] {
  const me = useMe();
  const [scope, setScope] = useState<KpiScopeKind>('store');
  return [scope, setScope, GROUP_ROLES.includes(me.role)];
}

export function ScopePicker({ scope, onChange }: { scope: KpiScopeKind; onChange: (s: KpiScopeKind) => void }) {
  const t = useT(RP_TEXT);
  const me = useMe();
  return (
    <Segmented
      data-testid="scope-picker"
      value={scope}
      onChange={(v) => onChange(v as KpiScopeKind)}
      options={[
        { value: 'store', label: me.store.name || t('store') },
        { value: 'group', label: t('group') },
      ]}
    />
  );
}

const DASHBOARD_TREND: KpiCode[] = ['revenue', 'ro_count', 'first_time_fix_rate', 'on_time_delivery_rate', 'internal_rework_rate', 'appointment_rate', 'base_customers', 'loss_rate'];

/** 经营看板 (SPEC §16, UX "charts first, drill down to records"): KPI cards, trends, mix, actual vs target. */
export default function DashboardPage() {
  const t = useT(RP_TEXT);
  const can = useCan();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [scope, setScope, groupAllowed] = useScope();
  const [kind, setKind] = useState<Kind>('month');
  const [anchor, setAnchor] = useState<Dayjs>(dayjs().subtract(1, 'month'));
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('month'), dayjs()]);
  const period = periodOf(kind, anchor, range);
  const [drill, setDrill] = useState<{ code: KpiCode; period: Period } | null>(null);
  const report = useQuery({ queryKey: [REPORTS_KEY, 'kpis', scope, period.from, period.to], queryFn: ({ signal }) => reportsApi.kpis({ ...period, scope }, signal) });
  const endMonth = period.to.slice(0, 7);
  const trend = useQuery({ queryKey: [REPORTS_KEY, 'trend', scope, endMonth], queryFn: ({ signal }) => reportsApi.trend({ month: endMonth, months: 12, scope, codes: DASHBOARD_TREND }, signal) });
  const wholePastMonth = kind === 'month' && anchor.endOf('month').isBefore(dayjs(), 'day');
  const freeze = useMutation({
    mutationFn: () => reportsApi.freeze(period.from.slice(0, 7)),
    onSuccess: (r) => {
      message.success(r.alreadyFrozen ? t('alreadyFrozen') : t('frozenDone', { count: r.frozen }));
      void queryClient.invalidateQueries({ queryKey: [REPORTS_KEY] });
    },
    onError: (err) => message.error(isApiError(err) ? err.message : String(err)),
  });

  const picker =
    kind === 'range' ? (
      <DatePicker.RangePicker allowClear={false} value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
    ) : (
      <DatePicker allowClear={false} picker={kind === 'day' ? 'date' : kind} value={anchor} onChange={(v) => v && setAnchor(v)} data-testid="period-picker" />
    );
  return (
    <div className="reports-page">
      <PageHeader
        title={t('dashboardTitle')}
        description={t('dashboardHint')}
        actions={
          <Space wrap>
            {groupAllowed ? <ScopePicker scope={scope} onChange={setScope} /> : null}
            <Segmented
              value={kind}
              onChange={(v) => setKind(v as Kind)}
              options={(['day', 'week', 'month', 'range'] as const).map((k) => ({ value: k, label: t(k) }))}
            />
            {picker}
            {can('kpi_snapshot:manage') && scope === 'store' && wholePastMonth ? (
              <Button
                icon={<LockOutlined />}
                loading={freeze.isPending}
                onClick={() => modal.confirm({ title: t('freeze'), content: t('freezeConfirm', { month: period.from.slice(0, 7) }), onOk: () => freeze.mutateAsync() })}
              >
                {t('freeze')}
              </Button>
            ) : null}
          </Space>
        }
      />
      {report.error ? <ErrorState error={report.error} onRetry={() => void report.refetch()} /> : null}
      {report.isLoading ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
      {report.data ? (
        <>
          {KPI_CATEGORIES.map((category) => {
            const cards = report.data.cards.filter((c) => KPI_DEFINITIONS[c.code].category === category);
            if (cards.length === 0) return null;
            return <CardRow key={category} category={category} cards={cards} onDrill={(code) => setDrill({ code, period })} />;
          })}
          <Row gutter={[12, 12]} style={{ marginTop: 4 }}>
            <Col xs={24} xl={12}>
              <TrendChart trend={trend.data} codes={['revenue', 'ro_count']} title={t('trend')} onPick={(month, code) => setDrill({ code, period: monthPeriodOf(month) })} />
            </Col>
            <Col xs={24} xl={12}>
              <TrendChart trend={trend.data} codes={['first_time_fix_rate', 'on_time_delivery_rate', 'internal_rework_rate', 'appointment_rate']} title={t('trend')} onPick={(month, code) => setDrill({ code, period: monthPeriodOf(month) })} />
            </Col>
            <Col xs={24} xl={12}>
              <TargetChart trend={trend.data} code="revenue" />
            </Col>
            <Col xs={24} xl={12}>
              <MixChart byType={report.data.revenueByType} byPayer={report.data.revenueByPayer} onPick={() => setDrill({ code: 'revenue', period })} />
            </Col>
            <Col xs={24} xl={12}>
              <TrendChart trend={trend.data} codes={['base_customers']} title={t('trend')} onPick={(month, code) => setDrill({ code, period: monthPeriodOf(month) })} />
            </Col>
            <Col xs={24} xl={12}>
              <TrendChart trend={trend.data} codes={['loss_rate']} title={t('trend')} onPick={(month, code) => setDrill({ code, period: monthPeriodOf(month) })} />
            </Col>
          </Row>
        </>
      ) : null}
      {drill ? <DrillDrawer code={drill.code} period={drill.period} scope={scope} onClose={() => setDrill(null)} /> : null}
    </div>
  );
}

function monthPeriodOf(month: string): Period {
  const d = dayjs(`${month}-01`);
  return { from: d.format('YYYY-MM-DD'), to: d.endOf('month').format('YYYY-MM-DD') };
}

function CardRow({ category, cards, onDrill }: { category: (typeof KPI_CATEGORIES)[number]; cards: KpiCard[]; onDrill: (code: KpiCode) => void }) {
  const label = useLabel();
  return (
    <div className="reports-category">
      <Typography.Title level={5} className="reports-category-title">
        {label(KPI_CATEGORY_LABELS, category)}
      </Typography.Title>
      <Row gutter={[12, 12]}>
        {cards.map((c) => (
          <Col key={c.code} xs={24} sm={12} lg={8} xl={6} xxl={4}>
            <KpiCardView card={c} onDrill={() => onDrill(c.code)} />
          </Col>
        ))}
      </Row>
    </div>
  );
}

function Delta({ code, current, base, title }: { code: KpiCode; current: number | null; base: number | null; title: string }) {
  const text = formatChange(code, current, base);
  const good = kpiTrendIsGood(KPI_DEFINITIONS[code].direction, kpiChange(KPI_DEFINITIONS[code].unit, current, base));
  const up = (kpiChange(KPI_DEFINITIONS[code].unit, current, base) ?? 0) > 0;
  return (
    <span className="reports-delta">
      {title}{' '}
      {text === null ? (
        '—'
      ) : (
        <span style={{ color: good === null ? undefined : good ? '#389e0d' : '#cf1322' }}>
          {good === null ? null : up ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {text}
        </span>
      )}
    </span>
  );
}

function KpiCardView({ card, onDrill }: { card: KpiCard; onDrill: () => void }) {
  const t = useT(RP_TEXT);
  const { lang } = useLang();
  const def = KPI_DEFINITIONS[card.code];
  const shown = card.frozen ? card.frozen.value : card.current.value;
  const meets = kpiMeetsTarget(def.direction, shown, card.target);
  const noSource = card.current.status === 'no_source';
  return (
    <Card size="small" className="reports-kpi" data-testid={`kpi-card-${card.code}`}>
      <div className="reports-kpi-name">
        <Tooltip title={def.formula[lang]}>{def.name[lang]}</Tooltip>
        {card.frozen ? (
          <Tooltip title={card.frozen.liveDiffers ? t('liveDiffers', { value: formatKpi(card.code, card.current.value) }) : t('frozen')}>
            <Tag className="reports-kpi-tag" color={card.frozen.liveDiffers ? 'orange' : 'default'} icon={<LockOutlined />}>
              {card.frozen.liveDiffers ? '≠' : ''}
            </Tag>
          </Tooltip>
        ) : null}
      </div>
      {noSource ? (
        <div className="reports-kpi-none">{t('noSource')}</div>
      ) : card.current.status === 'months_only' ? (
        <div className="reports-kpi-none">{t('monthsOnly')}</div>
      ) : (
        <>
          <button type="button" className="reports-kpi-value" data-testid={`kpi-value-${card.code}`} disabled={def.drill === null} onClick={onDrill} style={{ color: meets === false ? '#cf1322' : undefined }}>
            {formatKpi(card.code, shown)}
          </button>
          <div className="reports-kpi-meta">
            <span>
              {t('target')} {formatKpi(card.code, card.target)}
            </span>
            <Delta code={card.code} current={card.current.value} base={card.previous.value} title={t('vsPrevious')} />
            <Delta code={card.code} current={card.current.value} base={card.lastYear.value} title={t('vsLastYear')} />
          </div>
        </>
      )}
    </Card>
  );
}

type TrendData = Awaited<ReturnType<typeof reportsApi.trend>>;

function TrendChart({ trend, codes, title, onPick }: { trend: TrendData | undefined; codes: KpiCode[]; title: string; onPick: (month: string, code: KpiCode) => void }) {
  const { lang } = useLang();
  const t = useT(RP_TEXT);
  const nameOf = (c: KpiCode) => KPI_DEFINITIONS[c].name[lang];
  const option = useMemo(() => {
    if (!trend) return null;
    const months = trend.months.map(monthLabel);
    const names = codes.map((c) => KPI_DEFINITIONS[c].name[lang]);
    const ratioOnly = codes.every((c) => KPI_DEFINITIONS[c].unit === 'ratio');
    return {
      tooltip: { trigger: 'axis' as const },
      legend: { data: names, top: 0 },
      grid: { left: 56, right: codes.length > 1 && !ratioOnly ? 56 : 16, top: 32, bottom: 24 },
      xAxis: { type: 'category' as const, data: months },
      yAxis: ratioOnly
        ? [{ type: 'value' as const, axisLabel: { formatter: '{value}%' } }]
        : [{ type: 'value' as const }, { type: 'value' as const, splitLine: { show: false } }],
      series: codes.map((c, i) => ({
        name: names[i]!,
        type: (ratioOnly || i > 0 ? 'line' : 'bar') as 'line' | 'bar',
        yAxisIndex: ratioOnly ? 0 : Math.min(i, 1),
        smooth: true,
        data: trend.months.map((m) => chartValue(c, m.values.find((v) => v.code === c)?.value ?? null)),
      })),
    };
  }, [trend, codes, lang]);
  return (
    <Card size="small" title={`${codes.map(nameOf).join(' / ')} · ${title}`}>
      {option ? <Chart option={option} onPick={(index, series) => {
        const code = codes.find((c) => nameOf(c) === series) ?? codes[0]!;
        const month = trend?.months[index]?.month;
        if (month) onPick(month, code);
      }} /> : <Skeleton active />}
      {trend && trend.months.length === 0 ? <Empty description={t('noData')} /> : null}
      {trend?.months.some((m) => m.frozen) ? <div className="reports-note">{t('trendFrozenNote')}</div> : null}
    </Card>
  );
}

/** A month on a trend's axis; a month read from its month-end snapshot is starred (see the note). */
const monthLabel = (m: TrendData['months'][number]) => (m.frozen ? `${m.month}*` : m.month);

function TargetChart({ trend, code }: { trend: TrendData | undefined; code: KpiCode }) {
  const t = useT(RP_TEXT);
  const { lang } = useLang();
  const option = useMemo(() => {
    if (!trend) return null;
    return {
      tooltip: { trigger: 'axis' as const },
      legend: { data: [t('actual'), t('target')], top: 0 },
      grid: { left: 64, right: 16, top: 32, bottom: 24 },
      xAxis: { type: 'category' as const, data: trend.months.map(monthLabel) },
      yAxis: { type: 'value' as const },
      series: [
        { name: t('actual'), type: 'bar' as const, data: trend.months.map((m) => chartValue(code, m.values.find((v) => v.code === code)?.value ?? null)) },
        { name: t('target'), type: 'line' as const, step: 'middle' as const, data: trend.months.map((m) => chartValue(code, m.targets[code] ?? null)) },
      ],
    };
  }, [trend, code, t]);
  return (
    <Card size="small" title={`${KPI_DEFINITIONS[code].name[lang]} · ${t('actualVsTarget')}`}>
      {option ? <Chart option={option} /> : <Skeleton active />}
    </Card>
  );
}

function MixChart({ byType, byPayer, onPick }: { byType: { key: string; amountFen: number }[]; byPayer: { key: string; amountFen: number }[]; onPick: () => void }) {
  const t = useT(RP_TEXT);
  const label = useLabel();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item' as const, formatter: (p: unknown) => { const x = p as { name: string; value: number; percent: number }; return `${x.name}<br/>${formatMoney(Math.round(x.value * 100))} (${x.percent}%)`; } },
      legend: { show: false },
      series: [
        {
          name: t('byType'),
          type: 'pie' as const,
          radius: ['30%', '60%'],
          center: ['25%', '55%'],
          label: { formatter: '{b}' },
          data: byType.map((r) => ({ name: label(RO_TYPE_LABELS, r.key as RoType), value: r.amountFen / 100 })),
        },
        {
          name: t('byPayer'),
          type: 'pie' as const,
          radius: ['30%', '60%'],
          center: ['75%', '55%'],
          label: { formatter: '{b}' },
          data: byPayer.map((r) => ({ name: label(PAYER_LABELS, r.key as Payer), value: r.amountFen / 100 })),
        },
      ],
    }),
    [byType, byPayer, t, label],
  );
  return (
    <Card size="small" title={`${t('revenueMix')}（${t('byType')} / ${t('byPayer')}）`}>
      {byType.length === 0 ? <Empty description={t('noData')} /> : <Chart option={option} onPick={onPick} />}
    </Card>
  );
}

/** The records behind a figure, with links to the RO (or the vehicle) page. */
export function DrillDrawer({ code, period, scope, onClose }: { code: KpiCode; period: Period; scope: KpiScopeKind; onClose: () => void }) {
  const t = useT(RP_TEXT);
  const label = useLabel();
  const { lang } = useLang();
  const tz = useMe().store.timeZone;
  const [side, setSide] = useState<'focus' | 'all'>('focus');
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const query = useQuery({
    queryKey: [REPORTS_KEY, 'drill', code, scope, period.from, period.to, side, page],
    queryFn: ({ signal }) => reportsApi.drill({ code, ...period, scope, side, page, pageSize }, signal),
  });
  const def = KPI_DEFINITIONS[code];
  const detail = (r: KpiDrillRow) => {
    if (!r.detail) return '';
    if (code === 'first_time_fix_rate' && side === 'focus') return label(COMEBACK_REASON_LABELS, r.detail as ComebackReason);
    if (code === 'on_time_delivery_rate' && side === 'focus') return t('hoursLate', { h: r.detail });
    if (code === 'avg_lead_time') return t('leadHours', { h: r.detail });
    return r.detail;
  };
  const vehicleRows = ['base_customers', 'return_rate', 'loss_rate'].includes(code);
  return (
    <Drawer open width={920} onClose={onClose} title={t('drillTitle', { kpi: def.name[lang] })} data-testid="kpi-drill" destroyOnHidden>
      <Space style={{ marginBottom: 12 }} wrap>
        <Tag>
          {period.from} ~ {period.to}
        </Tag>
        {def.drill ? <Typography.Text type="secondary">{def.drill[lang]}</Typography.Text> : null}
        <Segmented
          value={side}
          onChange={(v) => {
            setSide(v as 'focus' | 'all');
            setPage(1);
          }}
          options={[
            { value: 'focus', label: t('focus') },
            { value: 'all', label: t('all') },
          ]}
        />
      </Space>
      {query.error ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data && !query.data.supported ? <Empty description={t('noDrill')} /> : null}
      {query.data?.supported !== false ? (
        <Table<KpiDrillRow>
          size="small"
          rowKey={(r) => `${r.storeId}-${r.roId ?? ''}-${r.vehicleId ?? ''}-${r.linkedRoId ?? ''}`}
          loading={query.isLoading}
          dataSource={query.data?.items ?? []}
          locale={{ emptyText: t('noData') }}
          pagination={{ current: page, pageSize, total: query.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (n) => `${n}` }}
          columns={[
            ...(scope === 'group' ? [{ key: 'store', title: t('storeName'), dataIndex: 'storeName', width: 120 }] : []),
            vehicleRows
              ? { key: 'plate', title: t('plate'), width: 120, render: (_: unknown, r: KpiDrillRow) => (r.vehicleId ? <Link to={`/vehicles/${r.vehicleId}`}>{formatPlate(r.plate)}</Link> : formatPlate(r.plate)) }
              : { key: 'ro', title: t('roNumber'), width: 170, render: (_: unknown, r: KpiDrillRow) => (r.roId ? <Link to={`/repair-orders/${r.roId}`}>{r.roNumber}</Link> : '—') },
            ...(vehicleRows ? [] : [{ key: 'plate', title: t('plate'), width: 110, render: (_: unknown, r: KpiDrillRow) => formatPlate(r.plate) }]),
            ...(vehicleRows ? [] : [{ key: 'type', title: t('roType'), width: 110, render: (_: unknown, r: KpiDrillRow) => label(RO_TYPE_LABELS, r.roType) }]),
            { key: 'at', title: vehicleRows ? t('lastVisit') : t('at'), width: 150, render: (_: unknown, r: KpiDrillRow) => formatDateTime(r.at, tz) },
            ...(vehicleRows ? [] : [{ key: 'amount', title: t('amount'), width: 120, align: 'right' as const, render: (_: unknown, r: KpiDrillRow) => formatMoney(r.amountFen) }]),
            { key: 'detail', title: t('detail'), render: (_: unknown, r: KpiDrillRow) => detail(r) },
            {
              key: 'linked',
              title: t('linked'),
              width: 170,
              render: (_: unknown, r: KpiDrillRow) => (r.linkedRoId ? <Link to={`/repair-orders/${r.linkedRoId}`} data-testid="drill-linked-ro">{r.linkedRoNumber}</Link> : '—'),
            },
          ]}
        />
      ) : null}
    </Drawer>
  );
}
