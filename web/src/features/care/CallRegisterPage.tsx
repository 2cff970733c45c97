import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Tag } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { CALL_OUTCOME_LABELS, CARE_TASK_KIND_LABELS, LOSS_REASON_LABELS, type Call } from '#contracts/care';
import { useMe } from '../../app/auth';
import { ListPage } from '../../components/list/ListPage';
import type { ListColumn, ListFilter } from '../../components/list/types';
import { PrintPreview, type PrintSheet } from '../../components/print/PrintPreview';
import { formatDateTime, formatPlate } from '../../lib/format';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { careApi, CARE_KEY } from './api';
import { CARE_TEXT } from './text';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** 跟踪服务电话记录表 (SPEC §8): every call of a period, printable on A4 and exported by the server. */
export default function CallRegisterPage() {
  const t = useT(CARE_TEXT);
  const label = useLabel();
  const me = useMe();
  const tz = me.store.timeZone;
  const { message } = App.useApp();
  const [search] = useSearchParams();
  const [printing, setPrinting] = useState(false);
  // The register always covers a period (the endpoint requires one): this month unless chosen.
  const from = DAY.test(search.get('from') ?? '') ? search.get('from')! : dayjs().startOf('month').format('YYYY-MM-DD');
  const to = DAY.test(search.get('to') ?? '') ? search.get('to')! : dayjs().format('YYYY-MM-DD');
  const outcome = search.get('outcome') ?? undefined;
  const fixedParams = useMemo(() => ({ from, to }), [from, to]);
  const outcomeOptions = useOptions(CALL_OUTCOME_LABELS);
  const printRows = useQuery({
    queryKey: [CARE_KEY, 'calls-print', from, to, outcome],
    queryFn: () => careApi.calls({ page: 1, pageSize: 200, from, to, outcome, sort: 'calledAt', order: 'asc' }),
    enabled: printing,
  });

  const columns = useMemo<ListColumn<Call>[]>(
    () => [
      { key: 'calledAt', title: t('calledAt'), sortField: 'calledAt', width: 135, render: (c) => formatDateTime(c.calledAt, tz) },
      { key: 'taskKind', title: t('kind'), width: 100, render: (c) => label(CARE_TASK_KIND_LABELS, c.taskKind) },
      { key: 'customerName', title: t('customer'), width: 90 },
      { key: 'phone', title: t('phone'), width: 120, render: (c) => c.phone ?? '—' },
      { key: 'plate', title: t('plate'), width: 100, render: (c) => formatPlate(c.plate) },
      { key: 'roNumber', title: t('roNumber'), width: 150, render: (c) => c.roNumber ?? '—' },
      {
        key: 'outcome',
        title: t('outcome'),
        width: 100,
        render: (c) => <Tag color={c.outcome === 'reached' ? 'green' : 'default'}>{label(CALL_OUTCOME_LABELS, c.outcome)}</Tag>,
        exportValue: (c) => label(CALL_OUTCOME_LABELS, c.outcome),
      },
      { key: 'overallScore', title: t('overallScore'), width: 70, align: 'right', render: (c) => c.overallScore ?? '—' },
      {
        key: 'loss',
        title: t('loss'),
        width: 150,
        ellipsis: true,
        render: (c) => (c.lossReason ? `${label(LOSS_REASON_LABELS, c.lossReason)}${c.lossDestination ? `：${c.lossDestination}` : ''}` : '—'),
      },
      { key: 'note', title: t('note'), width: 240, ellipsis: true, render: (c) => c.note || '—' },
      { key: 'nextStep', title: t('nextStep'), width: 160, ellipsis: true, render: (c) => c.nextStep || '—' },
      { key: 'complaintNumber', title: t('complaint'), width: 150, render: (c) => c.complaintNumber ?? '—' },
      { key: 'agentName', title: t('agent'), width: 90 },
    ],
    [t, label, tz],
  );
  const filters = useMemo<ListFilter[]>(
    () => [
      { kind: 'dateRange', from: 'from', to: 'to', label: t('period') },
      { kind: 'select', name: 'outcome', label: t('outcome'), options: outcomeOptions, width: 140 },
    ],
    [t, outcomeOptions],
  );

  const sheet: PrintSheet<Call> | null = printRows.data
    ? {
        title: t('registerTitle'),
        meta: [`${t('period')}：${from} ~ ${to}`],
        columns: [
          { title: t('calledAt'), width: '15%' },
          { title: t('customer') },
          { title: t('phone') },
          { title: t('plate') },
          { title: t('outcome') },
          { title: t('overallScore'), num: true },
          { title: t('note'), width: '26%' },
          { title: t('nextStep') },
          { title: t('agent') },
        ],
        rows: printRows.data.items,
        cells: (c) => [formatDateTime(c.calledAt, tz), c.customerName, c.phone ?? '', formatPlate(c.plate), label(CALL_OUTCOME_LABELS, c.outcome), c.overallScore ?? '', c.note, c.nextStep, c.agentName],
        perPage: 18,
        signatures: [t('agent')],
        footNote: formatDateTime(new Date(), tz),
      }
    : null;

  return (
    <>
      <ListPage<Call>
        title={t('registerTitle')}
        description={t('registerDescription')}
        listKey="care-calls"
        queryKey={careApi.key}
        fetch={careApi.calls}
        fixedParams={fixedParams}
        columns={columns}
        rowKey={(c) => c.id}
        search={false}
        filters={filters}
        actions={
          <Button icon={<PrinterOutlined />} loading={printing && printRows.isFetching} onClick={() => setPrinting(true)}>
            {t('print')}
          </Button>
        }
        empty={{ title: t('emptyRegister') }}
        exportName={t('registerTitle')}
        serverExport={async (params) => {
          const name = await careApi.exportCalls({ ...params, from, to });
          message.success(name);
        }}
      />
      <PrintPreview open={printing && !!sheet} sheet={sheet} onClose={() => setPrinting(false)} />
    </>
  );
}
