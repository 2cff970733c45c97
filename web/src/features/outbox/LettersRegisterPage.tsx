import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Tag } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { MESSAGE_CHANNEL_LABELS, MESSAGE_STATE_LABELS, type OutboxMessage } from '#contracts/outbox';
import { useMe } from '../../app/auth';
import { ListPage } from '../../components/list/ListPage';
import type { ListColumn, ListFilter } from '../../components/list/types';
import { PrintPreview, type PrintSheet } from '../../components/print/PrintPreview';
import { formatDateTime } from '../../lib/format';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { outboxApi, OUTBOX_KEY } from './api';
import { OUTBOX_TEXT } from './text';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const STATE_COLORS: Record<OutboxMessage['state'], string> = { queued: 'blue', sending: 'processing', sent: 'green', failed: 'red', cancelled: 'default' };

/** 跟踪服务信函登记表 (SPEC §8): every message of a period, printable on A4, exported by the server. */
export default function LettersRegisterPage() {
  const t = useT(OUTBOX_TEXT);
  const label = useLabel();
  const tz = useMe().store.timeZone;
  const { message } = App.useApp();
  const [search] = useSearchParams();
  const [printing, setPrinting] = useState(false);
  const from = DAY.test(search.get('from') ?? '') ? search.get('from')! : dayjs().startOf('month').format('YYYY-MM-DD');
  const to = DAY.test(search.get('to') ?? '') ? search.get('to')! : dayjs().format('YYYY-MM-DD');
  const state = search.get('state') ?? undefined;
  const channel = search.get('channel') ?? undefined;
  const fixedParams = useMemo(() => ({ from, to }), [from, to]);
  const stateOptions = useOptions(MESSAGE_STATE_LABELS);
  const channelOptions = useOptions(MESSAGE_CHANNEL_LABELS);
  const printRows = useQuery({
    queryKey: [OUTBOX_KEY, 'print', from, to, state, channel],
    queryFn: () => outboxApi.list({ page: 1, pageSize: 200, from, to, state, channel, sort: 'createdAt', order: 'asc' }),
    enabled: printing,
  });

  const columns = useMemo<ListColumn<OutboxMessage>[]>(
    () => [
      { key: 'createdAt', title: t('createdAt'), sortField: 'createdAt', width: 135, render: (m) => formatDateTime(m.createdAt, tz) },
      { key: 'sentAt', title: t('sentAt'), sortField: 'sentAt', width: 135, render: (m) => (m.sentAt ? formatDateTime(m.sentAt, tz) : '—') },
      { key: 'channel', title: t('channel'), width: 90, render: (m) => label(MESSAGE_CHANNEL_LABELS, m.channel) },
      { key: 'customerName', title: t('customer'), width: 90 },
      { key: 'plate', title: t('plate'), width: 100, render: (m) => m.plate ?? '—' },
      { key: 'recipient', title: t('recipient'), width: 130 },
      { key: 'templateName', title: t('template'), width: 110, render: (m) => m.templateName || '—' },
      { key: 'body', title: t('body'), width: 300, ellipsis: true },
      { key: 'state', title: t('state'), width: 90, render: (m) => <Tag color={STATE_COLORS[m.state]}>{label(MESSAGE_STATE_LABELS, m.state)}</Tag>, exportValue: (m) => label(MESSAGE_STATE_LABELS, m.state) },
      { key: 'attempts', title: t('attempts'), width: 80, align: 'right' },
      { key: 'lastError', title: t('lastError'), width: 160, ellipsis: true, render: (m) => m.lastError || '—' },
      { key: 'createdByName', title: t('by'), width: 90 },
    ],
    [t, label, tz],
  );
  const filters = useMemo<ListFilter[]>(
    () => [
      { kind: 'dateRange', from: 'from', to: 'to', label: t('period') },
      { kind: 'select', name: 'channel', label: t('channel'), options: channelOptions, width: 120 },
      { kind: 'select', name: 'state', label: t('state'), options: stateOptions, width: 120 },
    ],
    [t, channelOptions, stateOptions],
  );
  const sheet: PrintSheet<OutboxMessage> | null = printRows.data
    ? {
        title: t('registerTitle'),
        meta: [`${t('period')}：${from} ~ ${to}`],
        columns: [{ title: t('createdAt'), width: '14%' }, { title: t('channel') }, { title: t('customer') }, { title: t('plate') }, { title: t('recipient') }, { title: t('body'), width: '34%' }, { title: t('state') }, { title: t('by') }],
        rows: printRows.data.items,
        cells: (m) => [formatDateTime(m.createdAt, tz), label(MESSAGE_CHANNEL_LABELS, m.channel), m.customerName, m.plate ?? '', m.recipient, m.body, label(MESSAGE_STATE_LABELS, m.state), m.createdByName],
        perPage: 16,
        signatures: [t('by')],
        footNote: formatDateTime(new Date(), tz),
      }
    : null;

  return (
    <>
      <ListPage<OutboxMessage>
        title={t('registerTitle')}
        description={t('registerDescription')}
        listKey="letters-register"
        queryKey={OUTBOX_KEY}
        fetch={outboxApi.list}
        fixedParams={fixedParams}
        columns={columns}
        rowKey={(m) => m.id}
        search={{ placeholder: t('searchPlaceholder') }}
        filters={filters}
        actions={
          <Button icon={<PrinterOutlined />} loading={printing && printRows.isFetching} onClick={() => setPrinting(true)}>
            {t('print')}
          </Button>
        }
        empty={{ title: t('emptyRegister') }}
        exportName={t('registerTitle')}
        serverExport={async (params) => {
          const name = await outboxApi.exportXlsx({ ...params, from, to });
          message.success(name);
        }}
      />
      <PrintPreview open={printing && !!sheet} sheet={sheet} onClose={() => setPrinting(false)} />
    </>
  );
}
