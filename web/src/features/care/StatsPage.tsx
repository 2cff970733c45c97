import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Statistic, Table } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { QUESTION_TYPE_LABELS, type AdvisorCallbackRow, type CallbackStats } from '#contracts/care';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState } from '../../components/states';
import { formatPercent } from '../../lib/format';
import { useLabel, useT } from '../../lib/i18n';
import { Chart } from '../reports/Chart';
import { careApi, CARE_KEY } from './api';
import { CARE_TEXT } from './text';
import './care.css';

const pct = (v: number | null) => formatPercent(v === null ? null : v * 100);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** 回访统计 (SPEC §10): totals, per-question averages and each advisor's ROs and scores side by side. */
export default function StatsPage() {
  const t = useT(CARE_TEXT);
  const label = useLabel();
  const { message } = App.useApp();
  const [search, setSearch] = useSearchParams();
  const from = DAY.test(search.get('from') ?? '') ? search.get('from')! : dayjs().startOf('month').format('YYYY-MM-DD');
  const to = DAY.test(search.get('to') ?? '') ? search.get('to')! : dayjs().format('YYYY-MM-DD');
  const query = useQuery({ queryKey: [CARE_KEY, 'stats', from, to], queryFn: ({ signal }) => careApi.stats(from, to, signal) });
  const download = useMutation({ mutationFn: () => careApi.exportStats(from, to), onError: (e) => message.error(e.message) });
  const s = query.data;

  return (
    <>
      <PageHeader
        title={t('statsTitle')}
        description={t('statsDescription')}
        actions={
          <>
            <DatePicker.RangePicker
              aria-label={t('period')}
              allowClear={false}
              value={[dayjs(from), dayjs(to)]}
              onChange={(r) => r?.[0] && r[1] && setSearch({ from: r[0].format('YYYY-MM-DD'), to: r[1].format('YYYY-MM-DD') }, { replace: true })}
            />
            <Button icon={<DownloadOutlined />} loading={download.isPending} onClick={() => download.mutate()}>
              {t('exportExcel')}
            </Button>
          </>
        }
      />
      {query.error ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : <StatsBody s={s} loading={query.isFetching} label={label} />}
    </>
  );
}

function StatsBody({ s, loading, label }: { s: CallbackStats | undefined; loading: boolean; label: ReturnType<typeof useLabel> }) {
  const t = useT(CARE_TEXT);
  const totals = s?.totals;
  const chart = useMemo(() => {
    const rows = (s?.advisors ?? []).filter((a) => a.made > 0 || a.rosDelivered > 0);
    return {
      tooltip: { trigger: 'axis' as const },
      legend: { data: [t('rosDelivered'), t('made'), t('valid')] },
      grid: { left: 40, right: 40, top: 36, bottom: 30 },
      xAxis: { type: 'category' as const, data: rows.map((a) => a.advisorName) },
      yAxis: [{ type: 'value' as const }, { type: 'value' as const, min: 1, max: 5, name: t('averageScore') }],
      series: [
        { name: t('rosDelivered'), type: 'bar' as const, data: rows.map((a) => a.rosDelivered) },
        { name: t('made'), type: 'bar' as const, data: rows.map((a) => a.made) },
        { name: t('valid'), type: 'bar' as const, data: rows.map((a) => a.valid) },
        { name: t('averageScore'), type: 'line' as const, yAxisIndex: 1, data: rows.map((a) => (a.averageScore === null ? null : Number(a.averageScore.toFixed(2)))) },
      ],
    };
  }, [s, t]);
  return (
    <>
      <Card variant="borderless" loading={!s && loading} style={{ marginBottom: 16 }}>
        <div className="care-kpis" data-testid="care-stats-totals">
          <Statistic title={t('made')} value={totals?.made ?? 0} />
          <Statistic title={t('valid')} value={totals?.valid ?? 0} />
          <Statistic title={t('validRate')} value={pct(totals?.validRate ?? null)} />
          <Statistic title={t('delightedShare')} value={pct(totals?.delightedShare ?? null)} valueStyle={{ color: '#389e0d' }} />
          <Statistic title={t('disappointedShare')} value={pct(totals?.disappointedShare ?? null)} valueStyle={{ color: '#cf1322' }} />
          <Statistic title={t('unreachable')} value={totals?.unreachable ?? 0} />
        </div>
        {s && s.totals.made === 0 ? <EmptyState title={t('noStats')} /> : null}
      </Card>
      <Card variant="borderless" title={t('perAdvisor')} style={{ marginBottom: 16 }}>
        {s?.advisors.length ? <Chart option={chart} height={280} /> : null}
        <Table<AdvisorCallbackRow>
          size="small"
          rowKey={(a) => String(a.advisorId)}
          loading={loading}
          dataSource={s?.advisors ?? []}
          pagination={false}
          columns={[
            { key: 'n', title: t('advisor'), dataIndex: 'advisorName' },
            { key: 'r', title: t('rosDelivered'), dataIndex: 'rosDelivered', align: 'right' },
            { key: 'm', title: t('made'), dataIndex: 'made', align: 'right' },
            { key: 'v', title: t('valid'), dataIndex: 'valid', align: 'right' },
            { key: 'a', title: t('averageScore'), align: 'right', render: (_, a) => a.averageScore?.toFixed(2) ?? '—' },
            { key: 'd', title: t('delightedShare'), align: 'right', render: (_, a) => pct(a.delightedShare) },
            { key: 'x', title: t('disappointedShare'), align: 'right', render: (_, a) => pct(a.disappointedShare) },
            { key: 'c', title: t('complaints'), dataIndex: 'complaints', align: 'right' },
          ]}
        />
      </Card>
      <Card variant="borderless" title={t('perQuestion')}>
        <Table
          size="small"
          rowKey="code"
          loading={loading}
          dataSource={s?.questions ?? []}
          pagination={false}
          columns={[
            { key: 'text', title: t('qText'), dataIndex: 'text' },
            { key: 'type', title: t('qType'), width: 120, render: (_, q) => label(QUESTION_TYPE_LABELS, q.type) },
            { key: 'answers', title: t('answers'), dataIndex: 'answers', align: 'right', width: 100 },
            {
              key: 'avg',
              title: t('average'),
              align: 'right',
              width: 160,
              render: (_, q) => (q.average === null ? '—' : q.type === 'yes_no' ? pct(q.average) : q.average.toFixed(2)),
            },
          ]}
        />
      </Card>
    </>
  );
}
