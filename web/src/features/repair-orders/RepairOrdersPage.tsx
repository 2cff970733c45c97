import { CarOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Tag } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import type { Page } from '#contracts/common';
import { RO_STATE_LABELS, RO_TYPE_LABELS, type RepairOrderSummary } from '#contracts/repair-orders';
import type { StaffMember } from '#contracts/staff';
import { useCan, useMe } from '../../app/auth';
import { ListPage } from '../../components/list/ListPage';
import type { ListColumn, ListFilter } from '../../components/list/types';
import { api } from '../../lib/api';
import { formatDateTime, formatMoney } from '../../lib/format';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { RO_KEY, roApi } from './api';
import { Plate, StateTag, TimeLeft, plateText } from './display';
import { RO_TEXT } from './text';
import './ro.css';

/** 维修委托书: every RO of the store, searchable by number, plate or customer, filtered by state, type, advisor and day. */
export default function RepairOrdersPage() {
  const t = useT(RO_TEXT);
  const label = useLabel();
  const can = useCan();
  const me = useMe();
  const tz = me.store.timeZone;
  const navigate = useNavigate();
  const stateOptions = useOptions(RO_STATE_LABELS);
  const typeOptions = useOptions(RO_TYPE_LABELS);
  const advisors = useQuery({
    queryKey: ['staff', 'list', { role: 'service_advisor', picker: true }],
    queryFn: ({ signal }) => api.get<Page<StaffMember>>('/api/staff', { page: 1, pageSize: 100, role: 'service_advisor', sort: 'displayName' }, signal),
    enabled: can('staff:read'),
    staleTime: 5 * 60_000,
  });

  const columns = useMemo<ListColumn<RepairOrderSummary>[]>(
    () => [
      { key: 'number', title: t('roNumber'), sortField: 'number', width: 150 },
      { key: 'plate', title: t('plate'), width: 110, render: (r) => <Plate plate={r.plate} />, exportValue: (r) => plateText(r.plate) },
      { key: 'model', title: t('model'), width: 180, ellipsis: true, render: (r) => r.modelName || '—' },
      { key: 'customer', title: t('customer'), width: 110, ellipsis: true, render: (r) => r.customerName || '—' },
      { key: 'type', title: t('type'), width: 100, render: (r) => label(RO_TYPE_LABELS, r.type) },
      {
        key: 'state',
        title: t('state'),
        sortField: 'state',
        width: 110,
        render: (r) => (
          <span style={{ whiteSpace: 'nowrap' }}>
            <StateTag state={r.state} /> {r.late ? <Tag color="red">{t('late')}</Tag> : null}
          </span>
        ),
        exportValue: (r) => `${label(RO_STATE_LABELS, r.state)}${r.late ? ` ${t('late')}` : ''}`,
      },
      { key: 'advisor', title: t('advisor'), width: 90, render: (r) => r.advisorName || '—' },
      { key: 'openedAt', title: t('openedAt'), sortField: 'openedAt', width: 140, render: (r) => formatDateTime(r.openedAt, tz) },
      { key: 'promisedAt', title: t('promisedAt'), sortField: 'promisedAt', width: 140, render: (r) => (r.promisedAt ? formatDateTime(r.promisedAt, tz) : '—') },
      {
        key: 'left',
        title: t('timeLeft'),
        width: 130,
        render: (r) => <TimeLeft promisedAt={r.promisedAt} done={['settled', 'delivered', 'cancelled'].includes(r.state)} />,
      },
      { key: 'total', title: t('amount'), width: 110, align: 'right', render: (r) => formatMoney(r.totalFen), exportValue: (r) => r.totalFen / 100 },
      { key: 'vin', title: t('vin'), width: 170, defaultHidden: true, render: (r) => r.vin ?? '—' },
    ],
    [t, label, tz],
  );

  const filters = useMemo<ListFilter[]>(
    () => [
      {
        kind: 'select',
        name: 'stage',
        label: t('stage'),
        width: 120,
        options: [
          { value: 'open', label: t('stageOpen') },
          { value: 'closed', label: t('stageClosed') },
        ],
      },
      { kind: 'select', name: 'state', label: t('state'), width: 120, options: stateOptions },
      { kind: 'select', name: 'type', label: t('type'), width: 130, options: typeOptions },
      ...(can('staff:read')
        ? [{ kind: 'select' as const, name: 'advisorId', label: t('advisor'), width: 120, options: (advisors.data?.items ?? []).map((a) => ({ value: String(a.userId), label: a.displayName })) }]
        : []),
      { kind: 'select', name: 'late', label: t('lateFilter'), width: 110, options: [{ value: 'true', label: t('late') }] },
      { kind: 'dateRange', from: 'from', to: 'to', label: t('openedAt') },
    ],
    [t, stateOptions, typeOptions, advisors.data, can],
  );

  return (
    <ListPage<RepairOrderSummary>
      title={t('roList')}
      description={t('roListHint')}
      listKey="repair-orders"
      queryKey={RO_KEY}
      fetch={roApi.list}
      columns={columns}
      filters={filters}
      rowKey={(r) => r.id}
      search={{ placeholder: t('roSearch') }}
      onOpen={(r) => navigate(`/repair-orders/${r.id}`)}
      rowClassName={(r) => (r.late ? 'row-late' : '')}
      exportName={t('roList')}
      actions={
        can('repair_order:write') ? (
          <Button type="primary" icon={<CarOutlined />} onClick={() => navigate('/reception')}>
            {t('receiveCar')}
          </Button>
        ) : null
      }
      empty={{ title: t('noRos'), hint: t('noRosHint') }}
    />
  );
}
