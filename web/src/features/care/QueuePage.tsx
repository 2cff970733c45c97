import { ThunderboltOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Badge, Button, Segmented, Tabs } from 'antd';
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { CALL_OUTCOME_LABELS, CARE_QUEUE_LABELS, CARE_QUEUE_TABS, CARE_TASK_KIND_LABELS, CARE_QUEUES, type CareQueue, type CareQueueTab, type CareTask } from '#contracts/care';
import { useCan, useMe } from '../../app/auth';
import { ListPage } from '../../components/list/ListPage';
import type { ListColumn, ListFilter } from '../../components/list/types';
import { formatDateTime, formatPlate } from '../../lib/format';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { careApi, CARE_KEY, useRefreshCare } from './api';
import { CARE_TEXT } from './text';

const TAB_TEXT: Record<CareQueueTab, 'tabToday' | 'tabOverdue' | 'tabUpcoming'> = { today: 'tabToday', overdue: 'tabOverdue', upcoming: 'tabUpcoming' };

/** 回访工作台 (SPEC §8): the work the system created, by due window, one click to the call screen. */
export default function QueuePage() {
  const t = useT(CARE_TEXT);
  const label = useLabel();
  const me = useMe();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const refresh = useRefreshCare();
  const [search, setSearch] = useSearchParams();
  const supervisor = can('care:supervise');
  const defaultQueue: CareQueue = me.role === 'service_advisor' ? 'service_advisor' : 'customer_service';
  const rawQueue = search.get('queue') as CareQueue | null;
  const queue: CareQueue = rawQueue && CARE_QUEUES.includes(rawQueue) && (supervisor || rawQueue !== 'supervisor') ? rawQueue : defaultQueue;
  const rawTab = search.get('tab') as CareQueueTab | null;
  const tab: CareQueueTab = rawTab && CARE_QUEUE_TABS.includes(rawTab) ? rawTab : 'today';
  const tz = me.store.timeZone;

  const counts = useQuery({ queryKey: [CARE_KEY, 'counts', queue], queryFn: ({ signal }) => careApi.counts(queue, signal), refetchInterval: 60_000 });
  const scan = useMutation({
    mutationFn: careApi.scan,
    onSuccess: async (r) => {
      message.success(t('scanDone', { count: Object.values(r.created).reduce((a, b) => a + b, 0) }));
      await refresh();
    },
    onError: (e) => message.error(e.message),
  });

  const setParam = (name: string, value: string) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set(name, value);
        next.delete('page');
        return next;
      },
      { replace: true },
    );

  const kindOptions = useOptions(CARE_TASK_KIND_LABELS);
  const queueOptions = useOptions(CARE_QUEUE_LABELS, supervisor ? CARE_QUEUES : CARE_QUEUES.filter((q) => q !== 'supervisor'));
  const fixedParams = useMemo(() => ({ tab, queue }), [tab, queue]);

  const columns = useMemo<ListColumn<CareTask>[]>(
    () => [
      { key: 'dueAt', title: t('dueAt'), sortField: 'dueAt', width: 135, render: (r) => formatDateTime(r.dueAt, tz) },
      { key: 'kind', title: t('kind'), width: 110, render: (r) => label(CARE_TASK_KIND_LABELS, r.kind) },
      { key: 'plate', title: t('plate'), width: 100, render: (r) => formatPlate(r.plate) },
      { key: 'customerName', title: t('customer'), width: 90, render: (r) => r.customerName || '—' },
      { key: 'phone', title: t('phone'), width: 120, render: (r) => r.phone ?? '—' },
      { key: 'subject', title: t('subject'), width: 200, ellipsis: true },
      { key: 'roNumber', title: t('roNumber'), width: 150, render: (r) => r.roNumber ?? '—' },
      { key: 'advisorName', title: t('advisor'), width: 90, render: (r) => r.advisorName || '—' },
      { key: 'attempts', title: t('attempts'), width: 80, align: 'right' },
      { key: 'lastOutcome', title: t('lastOutcome'), width: 100, render: (r) => label(CALL_OUTCOME_LABELS, r.lastOutcome) },
      { key: 'availableAt', title: t('availableAt'), sortField: 'availableAt', width: 135, defaultHidden: true, render: (r) => formatDateTime(r.availableAt, tz) },
      {
        key: 'actions',
        title: t('actions'),
        width: 80,
        exportValue: () => null,
        render: (r) => (
          <Button size="small" type="link" data-testid={`care-call-${r.id}`} onClick={(e) => (e.stopPropagation(), navigate(`/care/tasks/${r.id}`))}>
            {t('call')}
          </Button>
        ),
      },
    ],
    [t, label, tz, navigate],
  );
  const filters = useMemo<ListFilter[]>(() => [{ kind: 'select', name: 'kind', label: t('kind'), options: kindOptions, width: 150 }], [t, kindOptions]);

  const tabs = (
    <div className="care-queue-head">
      {queueOptions.length > 1 && (supervisor || me.role === 'service_advisor') ? (
        <Segmented aria-label={t('queue')} value={queue} options={queueOptions} onChange={(v) => setParam('queue', String(v))} />
      ) : null}
      <Tabs
        activeKey={tab}
        onChange={(k) => setParam('tab', k)}
        items={CARE_QUEUE_TABS.map((k) => ({
          key: k,
          label: (
            <span data-testid={`care-tab-${k}`}>
              {t(TAB_TEXT[k])} <Badge count={counts.data?.[k] ?? 0} showZero overflowCount={9999} color={k === 'overdue' ? '#cf1322' : k === 'today' ? '#1677ff' : '#8c8c8c'} />
            </span>
          ),
        }))}
      />
    </div>
  );

  return (
    <ListPage<CareTask>
      title={t('queueTitle')}
      description={
        <>
          <div>{t('queueDescription')}</div>
          {tabs}
        </>
      }
      listKey="care-queue"
      queryKey={careApi.key}
      fetch={careApi.queue}
      fixedParams={fixedParams}
      columns={columns}
      rowKey={(r) => r.id}
      search={{ placeholder: t('searchQueue') }}
      filters={filters}
      actions={
        supervisor ? (
          <Button type="primary" icon={<ThunderboltOutlined />} loading={scan.isPending} onClick={() => scan.mutate()}>
            {t('scanNow')}
          </Button>
        ) : null
      }
      onOpen={(r) => navigate(`/care/tasks/${r.id}`)}
      rowClassName={(r) => (tab === 'overdue' || new Date(r.dueAt).getTime() < Date.now() ? 'row-overdue' : '')}
      empty={{ title: t('emptyQueue'), hint: t('emptyQueueHint') }}
      exportName={t('exportQueue')}
    />
  );
}
