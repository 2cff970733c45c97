import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Space, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_LABELS, COMPLAINT_DEPARTMENT_LABELS, type ComplaintDepartmentRow, type ComplaintWeekly } from '#contracts/complaints';
import { useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { PrintPreview, type PrintSheet } from '../../components/print/PrintPreview';
import { ErrorState } from '../../components/states';
import { formatDateTime, formatMoney, formatPercent } from '../../lib/format';
import { useLabel, useT } from '../../lib/i18n';
import { complaintsApi, COMPLAINTS_KEY } from './api';
import { COMPLAINT_TEXT } from './text';
import './complaints.css';

type Row = { key: string; week: string; counts: Record<string, number | string>; total: number | string };

/** 投诉周报: counts per Monday-started week and category, totals and shares; printable on A4. */
export default function ComplaintWeeklyPage() {
  const t = useT(COMPLAINT_TEXT);
  const label = useLabel();
  const navigate = useNavigate();
  const tz = useMe().store.timeZone;
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => {
    // The last eight weeks, from a Monday (weeks start on Monday).
    const start = dayjs().subtract(7, 'week');
    return [start.subtract((start.day() + 6) % 7, 'day'), dayjs()];
  });
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const [printing, setPrinting] = useState(false);
  const weekly = useQuery({ queryKey: [COMPLAINTS_KEY, 'weekly', from, to], queryFn: () => complaintsApi.weekly(from, to) });
  const departments = useQuery({ queryKey: [COMPLAINTS_KEY, 'departments', from, to], queryFn: () => complaintsApi.byDepartment(from, to) });

  const rows = useMemo<Row[]>(() => (weekly.data ? rowsOf(weekly.data, t('total'), t('share')) : []), [weekly.data, t]);
  const categoryColumns = COMPLAINT_CATEGORIES.map((c) => ({
    title: label(COMPLAINT_CATEGORY_LABELS, c),
    key: c,
    align: 'right' as const,
    render: (_: unknown, r: Row) => r.counts[c],
  }));

  const sheet: PrintSheet<Row> | null = weekly.data
    ? {
        title: t('weeklyTitle'),
        meta: [`${from} ~ ${to}`],
        columns: [{ title: t('week') }, ...COMPLAINT_CATEGORIES.map((c) => ({ title: label(COMPLAINT_CATEGORY_LABELS, c), num: true })), { title: t('total'), num: true }],
        rows,
        cells: (r) => [r.week, ...COMPLAINT_CATEGORIES.map((c) => r.counts[c]), r.total],
        perPage: 30,
        signatures: [t('owner')],
        footNote: formatDateTime(new Date(), tz),
      }
    : null;

  return (
    <>
      <PageHeader
        title={t('weeklyTitle')}
        description={t('weeklyDescription')}
        actions={
          <Space>
            <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
            <Button icon={<PrinterOutlined />} disabled={!weekly.data} onClick={() => setPrinting(true)}>
              {t('print')}
            </Button>
          </Space>
        }
      />
      {weekly.isError ? <ErrorState error={weekly.error} onRetry={() => void weekly.refetch()} /> : null}
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card className="complaint-weekly" loading={weekly.isLoading}>
          <Table<Row>
            size="small"
            bordered
            pagination={false}
            rowKey="key"
            dataSource={rows}
            scroll={{ x: true }}
            columns={[{ title: t('week'), dataIndex: 'week', key: 'week', width: 120 }, ...categoryColumns, { title: t('total'), key: 'total', align: 'right', render: (_, r) => <b>{r.total}</b> }]}
          />
        </Card>
        <Card title={t('byDepartment')} loading={departments.isLoading}>
          <Table<ComplaintDepartmentRow>
            size="small"
            pagination={false}
            rowKey={(r) => r.department ?? 'none'}
            dataSource={departments.data ?? []}
            onRow={(r) => ({ onClick: () => r.department && navigate(`/complaints?department=${r.department}&from=${from}&to=${to}`), style: { cursor: r.department ? 'pointer' : undefined } })}
            columns={[
              { title: t('department'), key: 'd', render: (_, r) => (r.department ? label(COMPLAINT_DEPARTMENT_LABELS, r.department) : t('unassigned')) },
              { title: t('total'), dataIndex: 'total', align: 'right' },
              { title: t('open'), dataIndex: 'open', align: 'right' },
              { title: t('overdue'), dataIndex: 'overdue', align: 'right', render: (n: number) => (n ? <span style={{ color: '#cf1322' }}>{n}</span> : 0) },
              { title: t('closed'), dataIndex: 'closed', align: 'right' },
              { title: t('remedyCost'), dataIndex: 'remedyCostFen', align: 'right', render: (f: number) => formatMoney(f) },
            ]}
          />
        </Card>
      </Space>
      <PrintPreview open={printing && !!sheet} sheet={sheet} onClose={() => setPrinting(false)} />
    </>
  );
}

function rowsOf(w: ComplaintWeekly, totalLabel: string, shareLabel: string): Row[] {
  const weeks = w.weeks.map((x) => ({ key: x.weekStart, week: x.weekStart, counts: x.counts, total: x.total }));
  return [
    ...weeks,
    { key: 'total', week: totalLabel, counts: w.totals, total: w.total },
    { key: 'share', week: shareLabel, counts: Object.fromEntries(COMPLAINT_CATEGORIES.map((c) => [c, formatPercent(w.shares[c])])), total: w.total ? '100.0%' : '—' },
  ];
}
