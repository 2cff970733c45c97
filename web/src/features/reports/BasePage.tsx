import { PhoneOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Row, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { CALL_OUTCOME_LABELS, LOSS_REASON_LABELS, type CallOutcome, type LossReason } from '#contracts/care';
import type { BaseReport } from '#contracts/kpis';
import { useCan, useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/states';
import { formatDateTime, formatPercent, formatPlate } from '../../lib/format';
import { useLabel, useT } from '../../lib/i18n';
import { REPORTS_KEY, reportsApi, type LostRow, type NeverBackRow } from './api';
import { Chart } from './Chart';
import { ScopePicker, useScope } from './DashboardPage';
import { RP_TEXT } from './text';
import './reports.css';

/** 基盘与流失 (SPEC §11): files vs base customers by month, loss cohorts, our-sold cars never back. */
export default function BasePage() {
  const t = useT(RP_TEXT);
  const tz = useMe().store.timeZone;
  const can = useCan();
  const { message, modal } = App.useApp();
  const [scope, setScope, groupAllowed] = useScope();
  const [month, setMonth] = useState<Dayjs>(dayjs().subtract(1, 'month'));
  const end = month.format('YYYY-MM');
  const report = useQuery({ queryKey: [REPORTS_KEY, 'base', scope, end], queryFn: ({ signal }) => reportsApi.base({ month: end, months: 18, scope }, signal) });
  const [cohort, setCohort] = useState<string | null>(null);
  const [lostPage, setLostPage] = useState(1);
  const [neverPage, setNeverPage] = useState(1);
  const lost = useQuery({
    queryKey: [REPORTS_KEY, 'lost', scope, cohort, lostPage],
    queryFn: ({ signal }) => reportsApi.lost({ month: cohort!, scope, page: lostPage, pageSize: 20 }, signal),
    enabled: cohort !== null,
  });
  const navigate = useNavigate();
  const recall = useMutation({
    mutationFn: (m: string) => reportsApi.recall(m),
    onSuccess: (r) =>
      message.success(
        <span>
          {t('recallDone', { created: r.created, existing: r.existing, noConsent: r.noConsent })}{' '}
          {/* The message renders outside the router: a <Link> there cannot resolve, navigate can. */}
          <Button type="link" size="small" onClick={() => void navigate('/care/queue')}>
            {t('recallToQueue')}
          </Button>
        </span>,
      ),
    onError: (e) => message.error(e.message),
  });
  const never = useQuery({ queryKey: [REPORTS_KEY, 'never-back', scope, neverPage], queryFn: ({ signal }) => reportsApi.neverBack({ scope, soldDaysAgo: 90, page: neverPage, pageSize: 20 }, signal) });
  const data = report.data;
  // Recall tasks are created in the session's store, for a cohort whose loss window is over.
  const canRecall = scope === 'store' && can('care:supervise');
  const cohortOpen = data?.months.find((m) => m.month === cohort)?.lost === null;
  const option = useMemo(() => {
    if (!data) return null;
    return {
      tooltip: { trigger: 'axis' as const },
      legend: { data: [t('files'), t('base'), t('lossRate')], top: 0 },
      grid: { left: 56, right: 56, top: 32, bottom: 24 },
      xAxis: { type: 'category' as const, data: data.months.map((m) => m.month) },
      yAxis: [{ type: 'value' as const }, { type: 'value' as const, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } }],
      series: [
        { name: t('files'), type: 'bar' as const, data: data.months.map((m) => m.files) },
        { name: t('base'), type: 'bar' as const, data: data.months.map((m) => m.base) },
        { name: t('lossRate'), type: 'line' as const, yAxisIndex: 1, data: data.months.map((m) => (m.lossRate === null ? null : Math.round(m.lossRate * 1000) / 10)) },
      ],
    };
  }, [data, t]);
  return (
    <div className="reports-page">
      <PageHeader
        title={t('baseTitle')}
        description={data ? t('baseHint', { base: data.baseMonths, lost: data.lostMonths }) : undefined}
        actions={
          <Space wrap>
            {groupAllowed ? <ScopePicker scope={scope} onChange={setScope} /> : null}
            <DatePicker picker="month" allowClear={false} value={month} onChange={(v) => v && setMonth(v)} />
          </Space>
        }
      />
      {report.error ? <ErrorState error={report.error} onRetry={() => void report.refetch()} /> : null}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={`${t('files')} / ${t('base')} / ${t('lossRate')}`} loading={report.isLoading}>
            {option ? <Chart option={option} height={300} onPick={(i) => data?.months[i] && (setCohort(data.months[i].month), setLostPage(1))} /> : null}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('baseTitle')} loading={report.isLoading}>
            <Table
              size="small"
              rowKey="month"
              pagination={false}
              scroll={{ y: 260 }}
              dataSource={[...(data?.months ?? [])].reverse()}
              onRow={(r) => ({ onClick: () => (setCohort(r.month), setLostPage(1)), style: { cursor: 'pointer' } })}
              columns={[
                { key: 'month', title: t('month'), dataIndex: 'month', width: 90 },
                { key: 'files', title: t('files'), dataIndex: 'files', align: 'right' },
                { key: 'base', title: t('base'), dataIndex: 'base', align: 'right' },
                { key: 'visited', title: t('visited'), dataIndex: 'visited', align: 'right' },
                { key: 'lost', title: t('lost'), align: 'right', render: (_, r) => (r.lost === null ? <Tag>{t('cohortOpen')}</Tag> : r.lost) },
                { key: 'rate', title: t('lossRate'), align: 'right', render: (_, r) => (r.lossRate === null ? '—' : formatPercent(r.lossRate * 100)) },
              ]}
            />
          </Card>
        </Col>
        {cohort ? (
          <Col span={24}>
            <Card
              size="small"
              title={t('lostCohort', { month: cohort })}
              extra={
                canRecall ? (
                  <Button
                    size="small"
                    icon={<PhoneOutlined />}
                    loading={recall.isPending}
                    disabled={cohortOpen}
                    title={cohortOpen ? t('recallOpenCohort') : undefined}
                    data-testid="recall-create"
                    onClick={() =>
                      modal.confirm({
                        title: t('recallCreate'),
                        content: t('recallConfirm', { month: cohort }),
                        okText: t('recallCreate'),
                        onOk: () => recall.mutateAsync(cohort).catch(() => undefined),
                      })
                    }
                  >
                    {t('recallCreate')}
                  </Button>
                ) : null
              }
            >
              <Table<LostRow>
                size="small"
                rowKey={(r) => `${r.storeId}-${r.vehicleId}`}
                loading={lost.isLoading}
                dataSource={lost.data?.items ?? []}
                locale={{ emptyText: t('noData') }}
                pagination={{ current: lostPage, pageSize: 20, total: lost.data?.total ?? 0, onChange: setLostPage, showSizeChanger: false }}
                columns={[
                  ...(scope === 'group' ? [{ key: 'store', title: t('storeName'), dataIndex: 'storeName' as const }] : []),
                  { key: 'plate', title: t('plate'), render: (_: unknown, r: LostRow) => <Link to={`/vehicles/${r.vehicleId}`}>{formatPlate(r.plate)}</Link> },
                  { key: 'model', title: t('model'), dataIndex: 'modelName' },
                  { key: 'last', title: t('lastVisit'), render: (_: unknown, r: LostRow) => formatDateTime(r.lastVisitAt, tz) },
                  { key: 'ro', title: t('roNumber'), render: (_: unknown, r: LostRow) => <Link to={`/repair-orders/${r.lastRoId}`}>{r.lastRoNumber}</Link> },
                ]}
              />
            </Card>
          </Col>
        ) : null}
        <Col xs={24} xl={12}>
          <Card size="small" title={t('lossReasons')} loading={report.isLoading}>
            <LossReasons data={data} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('neverBack')}>
            <Table<NeverBackRow>
              size="small"
              rowKey={(r) => `${r.storeId}-${r.vehicleId}`}
              loading={never.isLoading}
              dataSource={never.data?.items ?? []}
              locale={{ emptyText: t('noData') }}
              pagination={{ current: neverPage, pageSize: 20, total: never.data?.total ?? 0, onChange: setNeverPage, showSizeChanger: false }}
              columns={[
                ...(scope === 'group' ? [{ key: 'store', title: t('storeName'), dataIndex: 'storeName' as const }] : []),
                { key: 'plate', title: t('plate'), render: (_: unknown, r: NeverBackRow) => <Link to={`/vehicles/${r.vehicleId}`}>{formatPlate(r.plate) || r.vin}</Link> },
                { key: 'model', title: t('model'), dataIndex: 'modelName' },
                { key: 'owner', title: t('owner'), dataIndex: 'ownerName' },
                { key: 'date', title: t('purchaseDate'), dataIndex: 'purchaseDate', width: 110 },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

/** The recall calls of the months (SPEC §11): reasons as a pie, the destinations, the outcomes. */
function LossReasons({ data }: { data: BaseReport | undefined }) {
  const t = useT(RP_TEXT);
  const label = useLabel();
  const reasons = data?.lossReasons ?? null;
  const option = useMemo(
    () =>
      reasons && reasons.length > 0
        ? {
            tooltip: { trigger: 'item' as const, formatter: '{b}: {c} ({d}%)' },
            legend: { type: 'scroll' as const, bottom: 0 },
            series: [
              {
                name: t('lossReason'),
                type: 'pie' as const,
                radius: ['35%', '65%'],
                center: ['50%', '45%'],
                data: reasons.map((r) => ({ name: label(LOSS_REASON_LABELS, r.key as LossReason, r.label), value: r.count })),
              },
            ],
          }
        : null,
    [reasons, label, t],
  );
  if (!data || reasons === null) return <Alert type="info" showIcon message={t('lossReasonsMissing')} />;
  const outcomes = data.recallOutcomes ?? [];
  const destinations = data.lossDestinations ?? [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap size={[4, 4]}>
        <span>{t('recallOutcomes')}：</span>
        {outcomes.map((o) => (
          <Tag key={o.key} color={o.key === 'reached' ? 'green' : 'default'}>
            {label(CALL_OUTCOME_LABELS, o.key as CallOutcome, o.label)} {o.count}
          </Tag>
        ))}
      </Space>
      {option ? <Chart option={option} height={240} /> : <Alert type="info" showIcon message={t('lossReasonsNone')} />}
      {destinations.length > 0 ? (
        <Table
          size="small"
          rowKey="destination"
          pagination={false}
          dataSource={destinations}
          columns={[
            { key: 'destination', dataIndex: 'destination', title: t('destination') },
            { key: 'count', dataIndex: 'count', title: t('count'), align: 'right', width: 80 },
          ]}
        />
      ) : null}
    </Space>
  );
}
