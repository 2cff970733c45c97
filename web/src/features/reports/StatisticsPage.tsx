import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Descriptions, Row, Segmented, Space, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Statistics } from '#contracts/kpis';
import { PAYER_LABELS, RO_TYPE_LABELS } from '#contracts/repair-orders';
import { useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { PrintPreview, type PrintSheet } from '../../components/print/PrintPreview';
import { ErrorState } from '../../components/states';
import { formatDateTime, formatMoney, formatNumber } from '../../lib/format';
import { useLabel, useT } from '../../lib/i18n';
import { REPORTS_KEY, reportsApi } from './api';
import { ScopePicker, useScope } from './DashboardPage';
import { RP_TEXT } from './text';
import './reports.css';

type Kind = 'day' | 'week' | 'month';
type Line = [string, string];

/** 业务统计表 (SPEC §17): daily, weekly and monthly tables, printable on A4 and exportable to Excel. */
export default function StatisticsPage() {
  const t = useT(RP_TEXT);
  const label = useLabel();
  const me = useMe();
  const { message } = App.useApp();
  const [scope, setScope, groupAllowed] = useScope();
  const [kind, setKind] = useState<Kind>('day');
  const [date, setDate] = useState<Dayjs>(dayjs());
  const [printing, setPrinting] = useState(false);
  const day = date.format('YYYY-MM-DD');
  const query = useQuery({ queryKey: [REPORTS_KEY, 'statistics', scope, kind, day], queryFn: ({ signal }) => reportsApi.statistics({ kind, date: day, scope }, signal) });
  const s = query.data;

  /** The whole statistics as label/value lines: what is printed and exported. */
  const lines = (x: Statistics): Line[] => [
    ...x.rosByType.map((r): Line => [`${t('rosByType')} · ${label(RO_TYPE_LABELS, r.type)}`, `${t('opened')} ${r.opened} / ${t('delivered')} ${r.delivered} / ${t('settled')} ${r.settled} / ${formatMoney(r.amountFen)}`]),
    [`${t('rosByType')} · ${t('total')}`, `${t('opened')} ${x.totals.opened} / ${t('delivered')} ${x.totals.delivered} / ${t('settled')} ${x.totals.settled} / ${formatMoney(x.totals.revenueFen)}`],
    ...x.revenueByPayer.map((r): Line => [`${t('revenueByPayer')} · ${label(PAYER_LABELS, r.payer)}`, `${t('labour')} ${formatMoney(r.labourFen)} / ${t('parts')} ${formatMoney(r.partsFen)} / ${t('discount')} ${formatMoney(r.discountFen)} / ${t('total')} ${formatMoney(r.totalFen)}`]),
    [t('soldHours'), x.labour.soldHours.toFixed(2)],
    [t('clockedHours'), x.labour.clockedHours.toFixed(2)],
    [t('finishedJobs'), formatNumber(x.labour.finishedJobs)],
    [t('partsOut'), formatMoney(x.parts.outboundCostFen)],
    [t('partsSales'), formatMoney(x.parts.partsSalesFen)],
    [t('partLines'), formatNumber(x.parts.lines)],
    ...x.receivables.onAccount.map((r): Line => [`${t('onAccount')} · ${label(PAYER_LABELS, r.payer)}`, `${formatMoney(r.amountFen)}（${r.count}）`]),
    [t('unsettled'), `${x.receivables.unsettledRos} / ${formatMoney(x.receivables.unsettledFen)}`],
  ];
  const title = `${t('statisticsTitle')}（${t(kind)}）`;
  const sheet: PrintSheet<Line> | null = s
    ? {
        title,
        meta: [`${s.period.from} ~ ${s.period.to}`, scope === 'group' ? t('group') : me.store.name],
        columns: [{ title: t('item'), width: '45%' }, { title: t('value') }],
        rows: lines(s),
        cells: (r) => r,
        perPage: 30,
        signatures: [t('preparedBy'), t('checkedBy')],
        footNote: t('printedAt', { at: formatDateTime(new Date(), me.store.timeZone) }),
      }
    : null;
  const exportExcel = async () => {
    if (!s) return;
    const { exportToExcel } = await import('../../components/list/exportExcel');
    // The same lines as the printed sheet, the period first.
    const rows: string[][] = [[t('at'), `${s.period.from} ~ ${s.period.to}`], ...lines(s)];
    await exportToExcel(`${t('statisticsTitle')}-${s.period.from}-${s.period.to}`, t('sheetStatistics'), [t('item'), t('value')], rows);
    message.success(t('exported', { count: rows.length }));
  };
  return (
    <div className="reports-page">
      <PageHeader
        title={t('statisticsTitle')}
        description={t('statisticsHint')}
        actions={
          <Space wrap>
            {groupAllowed ? <ScopePicker scope={scope} onChange={setScope} /> : null}
            <Segmented value={kind} onChange={(v) => setKind(v as Kind)} options={(['day', 'week', 'month'] as const).map((k) => ({ value: k, label: t(k) }))} />
            <DatePicker allowClear={false} picker={kind === 'day' ? 'date' : kind} value={date} onChange={(v) => v && setDate(v)} />
            <Button icon={<PrinterOutlined />} disabled={!s} onClick={() => setPrinting(true)}>
              {t('print')}
            </Button>
            <Button icon={<FileExcelOutlined />} disabled={!s} onClick={() => void exportExcel()} data-testid="statistics-export">
              {t('export')}
            </Button>
          </Space>
        }
      />
      {query.error ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('rosByType')} loading={query.isLoading}>
            <Table
              className="reports-stat-table"
              size="small"
              rowKey="type"
              pagination={false}
              dataSource={s?.rosByType ?? []}
              locale={{ emptyText: t('noData') }}
              columns={[
                { key: 'type', title: t('roType'), render: (_, r) => label(RO_TYPE_LABELS, r.type) },
                { key: 'opened', title: t('opened'), dataIndex: 'opened', align: 'right' },
                { key: 'delivered', title: t('delivered'), dataIndex: 'delivered', align: 'right' },
                { key: 'settled', title: t('settled'), dataIndex: 'settled', align: 'right' },
                { key: 'amount', title: t('settledAmount'), align: 'right', render: (_, r) => formatMoney(r.amountFen) },
              ]}
              summary={() =>
                s ? (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>{t('total')}</Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">{s.totals.opened}</Table.Summary.Cell>
                    <Table.Summary.Cell index={2} align="right">{s.totals.delivered}</Table.Summary.Cell>
                    <Table.Summary.Cell index={3} align="right">{s.totals.settled}</Table.Summary.Cell>
                    <Table.Summary.Cell index={4} align="right">{formatMoney(s.totals.revenueFen)}</Table.Summary.Cell>
                  </Table.Summary.Row>
                ) : null
              }
            />
          </Card>
          <Card size="small" title={t('revenueByPayer')} loading={query.isLoading} style={{ marginTop: 12 }}>
            <Table
              size="small"
              rowKey="payer"
              pagination={false}
              dataSource={s?.revenueByPayer ?? []}
              locale={{ emptyText: t('noData') }}
              columns={[
                { key: 'payer', title: t('payer'), render: (_, r) => label(PAYER_LABELS, r.payer) },
                { key: 'labour', title: t('labour'), align: 'right', render: (_, r) => formatMoney(r.labourFen) },
                { key: 'parts', title: t('parts'), align: 'right', render: (_, r) => formatMoney(r.partsFen) },
                { key: 'discount', title: t('discount'), align: 'right', render: (_, r) => formatMoney(r.discountFen) },
                { key: 'total', title: t('total'), align: 'right', render: (_, r) => formatMoney(r.totalFen) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={`${t('labourHours')} / ${t('parts')}`} loading={query.isLoading}>
            {s ? (
              <Descriptions size="small" column={1} bordered>
                <Descriptions.Item label={t('soldHours')}>{s.labour.soldHours.toFixed(2)}</Descriptions.Item>
                <Descriptions.Item label={t('clockedHours')}>{s.labour.clockedHours.toFixed(2)}</Descriptions.Item>
                <Descriptions.Item label={t('finishedJobs')}>{s.labour.finishedJobs}</Descriptions.Item>
                <Descriptions.Item label={t('partsOut')}>{formatMoney(s.parts.outboundCostFen)}</Descriptions.Item>
                <Descriptions.Item label={t('partsSales')}>{formatMoney(s.parts.partsSalesFen)}</Descriptions.Item>
                <Descriptions.Item label={t('partLines')}>{s.parts.lines}</Descriptions.Item>
              </Descriptions>
            ) : null}
          </Card>
          <Card size="small" title={t('receivables')} loading={query.isLoading} style={{ marginTop: 12 }}>
            {s ? (
              <Descriptions size="small" column={1} bordered>
                {s.receivables.onAccount.map((r) => (
                  <Descriptions.Item key={r.payer} label={`${t('onAccount')} · ${label(PAYER_LABELS, r.payer)}`}>
                    {formatMoney(r.amountFen)}（{r.count}）
                  </Descriptions.Item>
                ))}
                <Descriptions.Item label={t('unsettled')}>
                  {s.receivables.unsettledRos} / {formatMoney(s.receivables.unsettledFen)}
                </Descriptions.Item>
              </Descriptions>
            ) : null}
          </Card>
        </Col>
      </Row>
      <PrintPreview open={printing} sheet={sheet} onClose={() => setPrinting(false)} />
    </div>
  );
}
