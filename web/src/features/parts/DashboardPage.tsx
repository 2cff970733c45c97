import { useQueries, useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Empty, Row, Skeleton, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { PART_CATEGORY_LABELS } from '#contracts/parts';
import { useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/states';
import { formatDate, formatMoney, formatPercent } from '../../lib/format';
import { useLabel, useT } from '../../lib/i18n';
import { figuresApi, FIGURES_KEY } from './api';
import { Chart } from './Chart';
import { PartNo, useQty } from './common';
import { MISC_TEXT, PARTS_TEXT } from './text';
import './parts.css';

function Figure({ title, value, hint, good }: { title: string; value: string; hint: React.ReactNode; good?: boolean | null }) {
  return (
    <Card variant="borderless" className="parts-figures">
      <div className="parts-stat">
        <span className="parts-stat-label">{title}</span>
        <span className="parts-stat-value" style={{ fontSize: 26, color: good === false ? '#cf1322' : undefined }}>
          {value}
        </span>
        <span className="parts-stat-hint">{hint}</span>
      </div>
    </Card>
  );
}

const monthsBack = (month: string, n: number) => Array.from({ length: n }, (_, i) => dayjs(`${month}-01`).subtract(n - 1 - i, 'month').format('YYYY-MM'));

/** 配件看板: stock value, fill rate, turnover, slow-moving share, outbound by category (SPEC §13). */
export default function DashboardPage() {
  const t = useT({ ...PARTS_TEXT, ...MISC_TEXT });
  const label = useLabel();
  const qty = useQty();
  const me = useMe();
  const navigate = useNavigate();
  const [month, setMonth] = useState(() => dayjs().format('YYYY-MM'));
  const figures = useQuery({ queryKey: [FIGURES_KEY, month], queryFn: () => figuresApi.get(month) });
  const trendMonths = useMemo(() => monthsBack(month, 6), [month]);
  const trend = useQueries({ queries: trendMonths.map((m) => ({ queryKey: [FIGURES_KEY, m], queryFn: () => figuresApi.get(m), staleTime: 60_000 })) });
  const slow = useQuery({ queryKey: [FIGURES_KEY, 'slow'], queryFn: () => figuresApi.slowMoving(10) });
  const f = figures.data;

  const categoryOption = useMemo(() => {
    const rows = [...(f?.outboundByCategory ?? [])].sort((a, b) => a.costFen - b.costFen);
    return {
      grid: { left: 90, right: 30, top: 10, bottom: 30 },
      tooltip: { trigger: 'axis' as const, valueFormatter: (v: unknown) => formatMoney(Math.round(Number(v) * 100)) },
      xAxis: { type: 'value' as const, axisLabel: { formatter: (v: number) => `¥${(v / 1000).toFixed(0)}k` } },
      yAxis: { type: 'category' as const, data: rows.map((r) => label(PART_CATEGORY_LABELS, r.category)) },
      series: [{ type: 'bar' as const, name: t('outboundCost'), data: rows.map((r) => r.costFen / 100), itemStyle: { color: '#1f6feb' }, barMaxWidth: 22 }],
    };
  }, [f, label, t]);

  const trendData = trend.every((q) => q.data) ? trend.map((q) => q.data!) : [];
  const trendOption = {
      grid: { left: 50, right: 50, top: 36, bottom: 30 },
      tooltip: { trigger: 'axis' as const },
      legend: { top: 0 },
      xAxis: { type: 'category' as const, data: trendData.map((d) => d.month) },
      yAxis: [
        { type: 'value' as const, name: '', axisLabel: { formatter: (v: number) => `¥${(v / 10000).toFixed(0)}万` } },
        { type: 'value' as const, name: '', axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        { type: 'bar' as const, name: t('stockValue'), data: trendData.map((d) => d.stockValueFen / 100), itemStyle: { color: '#8fb3f5' }, barMaxWidth: 26 },
        { type: 'line' as const, name: t('slowShare'), yAxisIndex: 1, data: trendData.map((d) => d.slowMoving.sharePercent ?? 0), itemStyle: { color: '#fa8c16' } },
      ],
  };

  return (
    <>
      <PageHeader
        title={t('dashboardTitle')}
        description={t('dashboardDescription')}
        actions={
          <DatePicker
            picker="month"
            allowClear={false}
            aria-label={t('month')}
            value={dayjs(`${month}-01`)}
            format="YYYY-MM"
            disabledDate={(d) => d.isAfter(dayjs(), 'month')}
            onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
          />
        }
      />
      {figures.isError ? (
        <ErrorState error={figures.error} onRetry={() => void figures.refetch()} />
      ) : !f ? (
        <Skeleton active />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={12} xl={6}>
            <Figure title={t('stockValue')} value={formatMoney(f.stockValueFen)} hint={t('stockValueHint')} />
          </Col>
          <Col xs={12} xl={6}>
            <Figure
              title={t('fillRate')}
              value={f.fillRate.ratePercent === null ? '—' : formatPercent(f.fillRate.ratePercent)}
              good={f.fillRate.ratePercent === null ? null : f.fillRate.ratePercent >= f.fillRate.targetPercent}
              hint={
                <>
                  {f.fillRate.requested ? t('fillRateHint', { served: f.fillRate.servedFromStock, requested: f.fillRate.requested }) : t('noRequests')} ·{' '}
                  {t('target', { op: '≥', value: formatPercent(f.fillRate.targetPercent) })}
                </>
              }
            />
          </Col>
          <Col xs={12} xl={6}>
            <Figure
              title={t('turnover')}
              value={f.turnover.monthly === null ? '—' : t('times', { n: f.turnover.monthly.toFixed(2) })}
              hint={t('turnoverHint', { out: formatMoney(f.turnover.outboundCostFen), avg: formatMoney(f.turnover.averageValueFen), year: f.turnover.annualised?.toFixed(1) ?? '—' })}
            />
          </Col>
          <Col xs={12} xl={6}>
            <Figure
              title={t('slowShare')}
              value={formatPercent(f.slowMoving.sharePercent)}
              good={f.slowMoving.sharePercent === null ? null : f.slowMoving.sharePercent <= f.slowMoving.targetPercent}
              hint={
                <>
                  {t('slowHint', { parts: f.slowMoving.parts, months: f.slowMoving.months, value: formatMoney(f.slowMoving.valueFen) })} · {t('target', { op: '≤', value: formatPercent(f.slowMoving.targetPercent) })}
                </>
              }
            />
          </Col>
          <Col xs={24} xl={12}>
            <Card variant="borderless" title={`${t('outboundByCategory')} · ${f.month}`}>
              {f.outboundByCategory.length ? <Chart option={categoryOption} height={300} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noOutbound')} />}
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card variant="borderless" title={`${t('stockValue')} / ${t('slowShare')} · ${t('trend')}`}>
              {trendData.length ? <Chart option={trendOption} height={300} /> : <Skeleton active />}
            </Card>
          </Col>
          <Col span={24}>
            <Card variant="borderless" title={t('slowList')} extra={<a onClick={() => navigate('/parts/stock?view=slow')}>{t('view')}</a>}>
              <Table
                size="small"
                rowKey="partId"
                className="clickable-rows"
                loading={slow.isFetching}
                dataSource={slow.data?.items ?? []}
                pagination={false}
                locale={{ emptyText: slow.isPending ? ' ' : t('slowListEmpty') }}
                onRow={(s) => ({ onClick: () => navigate(`/parts/stock/${s.partId}`) })}
                columns={[
                  { key: 'partNo', title: t('partNo'), width: 150, render: (_, s) => <PartNo>{s.partNo}</PartNo> },
                  { key: 'name', title: t('partName'), render: (_, s) => s.partName },
                  { key: 'category', title: t('category'), width: 100, render: (_, s) => <Tag>{label(PART_CATEGORY_LABELS, s.category)}</Tag> },
                  { key: 'onHand', title: t('onHand'), width: 100, align: 'right', render: (_, s) => qty(s.onHand, s.unit) },
                  { key: 'value', title: t('stockValue'), width: 120, align: 'right', render: (_, s) => formatMoney(s.valueFen) },
                  { key: 'last', title: t('lastOutbound'), width: 120, render: (_, s) => (s.lastOutboundAt ? formatDate(s.lastOutboundAt, me.store.timeZone) : t('lastOutboundNever')) },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
