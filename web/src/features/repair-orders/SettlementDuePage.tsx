import { Tag } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { RO_STATE_LABELS, RO_TYPE_LABELS, type SettlementDue } from '#contracts/repair-orders';
import { useMe } from '../../app/auth';
import { ListPage } from '../../components/list/ListPage';
import type { ListColumn, ListFilter } from '../../components/list/types';
import { formatDateTime, formatMoney } from '../../lib/format';
import { useLabel, useT } from '../../lib/i18n';
import { roApi, SETTLEMENT_DUE_KEY } from './api';
import { Plate, StateTag, plateText } from './display';
import { RO_TEXT } from './text';
import './ro.css';

/** 待结算: finished ROs and the day they must be settled by (maintenance within 3 days, insurance within the month). */
export default function SettlementDuePage() {
  const t = useT(RO_TEXT);
  const label = useLabel();
  const tz = useMe().store.timeZone;
  const navigate = useNavigate();
  const columns = useMemo<ListColumn<SettlementDue>[]>(
    () => [
      { key: 'number', title: t('roNumber'), width: 150 },
      { key: 'plate', title: t('plate'), width: 110, render: (r) => <Plate plate={r.plate} />, exportValue: (r) => plateText(r.plate) },
      { key: 'customer', title: t('customer'), width: 110, render: (r) => r.customerName || '—' },
      { key: 'type', title: t('type'), width: 100, render: (r) => label(RO_TYPE_LABELS, r.type) },
      { key: 'state', title: t('state'), width: 90, render: (r) => <StateTag state={r.state} />, exportValue: (r) => label(RO_STATE_LABELS, r.state) },
      { key: 'advisor', title: t('advisor'), width: 90, render: (r) => r.advisorName || '—' },
      { key: 'readyAt', title: t('readyAt'), width: 140, render: (r) => (r.readyAt ? formatDateTime(r.readyAt, tz) : '—') },
      {
        key: 'dueAt',
        title: t('settleBy'),
        sortField: 'dueAt',
        width: 170,
        render: (r) => (
          <span style={{ whiteSpace: 'nowrap' }}>
            {formatDateTime(r.settleBy, tz)} {r.overdue ? <Tag color="red">{t('overdue')}</Tag> : null}
          </span>
        ),
        exportValue: (r) => `${formatDateTime(r.settleBy, tz)}${r.overdue ? ` ${t('overdue')}` : ''}`,
      },
      { key: 'total', title: t('amount'), width: 110, align: 'right', render: (r) => formatMoney(r.totalFen), exportValue: (r) => r.totalFen / 100 },
    ],
    [t, label, tz],
  );
  const filters = useMemo<ListFilter[]>(
    () => [{ kind: 'select', name: 'overdue', label: t('overdueFilter'), width: 130, options: [{ value: 'true', label: t('overdue') }, { value: 'false', label: t('notOverdue') }] }],
    [t],
  );
  return (
    <ListPage<SettlementDue>
      title={t('settlementDue')}
      description={t('settlementDueHint')}
      listKey="settlement-due"
      queryKey={SETTLEMENT_DUE_KEY}
      fetch={roApi.settlementDue}
      columns={columns}
      filters={filters}
      rowKey={(r) => r.id}
      search={false}
      onOpen={(r) => navigate(`/repair-orders/${r.id}`)}
      rowClassName={(r) => (r.overdue ? 'row-late' : '')}
      exportName={t('settlementDue')}
      empty={{ title: t('noSettlementDue'), hint: t('noSettlementDueHint') }}
    />
  );
}
