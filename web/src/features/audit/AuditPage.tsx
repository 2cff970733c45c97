import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { AuditEntryView } from '#contracts/audit';
import type { Page } from '#contracts/common';
import type { User } from '#contracts/users';
import { useCan, useMe } from '../../app/auth';
import { ListPage } from '../../components/list/ListPage';
import type { ListColumn, ListFilter } from '../../components/list/types';
import { api, type ListParams } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useLang, useT, type Dict } from '../../lib/i18n';
import { AuditDrawer } from './AuditDrawer';
import { actionLabel, ENTITY_LABELS, FILTER_ACTIONS } from './labels';
import { useAuditWords } from './useAuditWords';

const TEXT = {
  title: { zh: '审计日志', en: 'Audit log' },
  description: {
    zh: '登录、权限拒绝和每一次资料修改都会留下记录（谁、何时、在哪个门店、改了什么），记录不可修改或删除。',
    en: 'Sign-ins, denied access and every change of data leave a record (who, when, which store, what changed) that cannot be altered or deleted.',
  },
  at: { zh: '时间', en: 'Time' },
  actor: { zh: '操作人', en: 'By' },
  action: { zh: '操作', en: 'Action' },
  entity: { zh: '对象类型', en: 'Record type' },
  target: { zh: '对象', en: 'Record' },
  store: { zh: '门店', en: 'Store' },
  ip: { zh: 'IP 地址', en: 'IP address' },
  dates: { zh: '日期', en: 'Dates' },
  empty: { zh: '暂无日志', en: 'Nothing logged yet' },
  emptyHint: { zh: '登录和资料修改会自动记录在这里。', en: 'Sign-ins and changes are recorded here automatically.' },
  exportName: { zh: '审计日志', en: 'Audit log' },
} satisfies Dict;

const fetchAudit = (params: ListParams, signal?: AbortSignal) => api.get<Page<AuditEntryView>>('/api/audit', params, signal);

/** People to filter by, for roles that may read users. */
function useActorOptions(enabled: boolean) {
  const users = useQuery({
    queryKey: ['users', 'list', { page: 1, pageSize: 200, sort: 'displayName' }],
    queryFn: ({ signal }) => api.get<Page<User>>('/api/users', { page: 1, pageSize: 200, sort: 'displayName', order: 'asc' }, signal),
    enabled,
    staleTime: 60_000,
  });
  return useMemo(() => (users.data?.items ?? []).map((u) => ({ value: String(u.id), label: `${u.displayName}（${u.username}）` })), [users.data]);
}

/** 审计日志: search by date range, action, record type and person; a row opens the diff. */
export default function AuditPage() {
  const t = useT(TEXT);
  const { lang } = useLang();
  const me = useMe();
  const canReadUsers = useCan()('user:read');
  const words = useAuditWords();
  const actors = useActorOptions(canReadUsers);
  const [open, setOpen] = useState<AuditEntryView | null>(null);

  const columns = useMemo<ListColumn<AuditEntryView>[]>(
    () => [
      { key: 'at', title: t('at'), sortField: 'at', width: 170, render: (e) => formatDateTime(e.at, me.store.timeZone, true) },
      { key: 'actor', title: t('actor'), width: 120, render: words.actor },
      { key: 'action', title: t('action'), sortField: 'action', width: 180, render: (e) => words.action(e.action) },
      { key: 'target', title: t('target'), ellipsis: true, render: words.target },
      { key: 'store', title: t('store'), width: 200, render: (e) => words.store(e.storeId), defaultHidden: true },
      { key: 'ip', title: t('ip'), width: 130, defaultHidden: true },
    ],
    [t, words, me.store.timeZone],
  );

  const filters = useMemo<ListFilter[]>(
    () => [
      { kind: 'dateRange', from: 'from', to: 'to', label: t('dates') },
      { kind: 'select', name: 'action', label: t('action'), width: 200, options: FILTER_ACTIONS.map((a) => ({ value: a, label: actionLabel(a)[lang] })) },
      {
        kind: 'select',
        name: 'entity',
        label: t('entity'),
        options: Object.entries(ENTITY_LABELS).map(([value, label]) => ({ value, label: label[lang] })),
      },
      ...(canReadUsers ? [{ kind: 'select' as const, name: 'actorId', label: t('actor'), width: 200, options: actors }] : []),
    ],
    [t, lang, actors, canReadUsers],
  );

  return (
    <>
      <ListPage<AuditEntryView>
        title={t('title')}
        description={t('description')}
        listKey="audit"
        queryKey="audit"
        fetch={fetchAudit}
        columns={columns}
        rowKey={(e) => e.id}
        search={false}
        filters={filters}
        onOpen={setOpen}
        empty={{ title: t('empty'), hint: t('emptyHint') }}
        exportName={t('exportName')}
      />
      <AuditDrawer entry={open} onClose={() => setOpen(null)} />
    </>
  );
}
