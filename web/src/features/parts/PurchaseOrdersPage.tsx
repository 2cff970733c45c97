import { PlusOutlined, ShopOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useMemo, useState } from 'react';
import { PURCHASE_KIND_LABELS, PURCHASE_ORDER_STATUS_LABELS, type PurchaseKind, type PurchaseOrder } from '#contracts/parts-purchasing';
import { useCan, useMe } from '../../app/auth';
import { useRecordTarget } from '../../components/form/useRecordTarget';
import { ListPage } from '../../components/list/ListPage';
import type { ListColumn, ListFilter } from '../../components/list/types';
import type { QueryParams } from '../../lib/api';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { ORDERS_KEY, ordersApi } from './api';
import { StatusTag } from './common';
import { ORDER_STATUS_COLORS, OrderDrawer, OrderForm } from './OrderDrawer';
import { ORDER_TEXT, PARTS_TEXT } from './text';

const APPROVAL_PARAMS: QueryParams = { kind: 'outside', awaitingApproval: 'true' };

/** The purchase-order list; `approval` shows the outside purchases waiting for the workshop. */
export function OrdersList({ approval = false }: { approval?: boolean }) {
  const t = useT({ ...PARTS_TEXT, ...ORDER_TEXT });
  const label = useLabel();
  const me = useMe();
  const can = useCan();
  const drawer = useRecordTarget();
  const [creating, setCreating] = useState<PurchaseKind | null>(null);
  const statusOptions = useOptions(PURCHASE_ORDER_STATUS_LABELS);
  const kindOptions = useOptions(PURCHASE_KIND_LABELS);
  const columns = useMemo<ListColumn<PurchaseOrder>[]>(
    () => [
      { key: 'number', title: t('number'), sortField: 'number', width: 150, render: (o) => <span style={{ fontFamily: 'monospace' }}>{o.number}</span>, exportValue: (o) => o.number },
      { key: 'supplier', title: t('supplier'), sortField: 'supplier', ellipsis: true },
      {
        key: 'kind',
        title: t('kind'),
        width: 100,
        render: (o) => (o.kind === 'outside' ? <StatusTag color="purple">{label(PURCHASE_KIND_LABELS, o.kind)}</StatusTag> : label(PURCHASE_KIND_LABELS, o.kind)),
        exportValue: (o) => label(PURCHASE_KIND_LABELS, o.kind),
      },
      {
        key: 'status',
        title: t('status'),
        width: 150,
        render: (o) => (
          <span style={{ display: 'inline-flex', gap: 4 }}>
            <StatusTag color={ORDER_STATUS_COLORS[o.status]}>{label(PURCHASE_ORDER_STATUS_LABELS, o.status)}</StatusTag>
            {o.kind === 'outside' && !o.approval && (o.status === 'draft' || o.status === 'ordered') ? <StatusTag color="orange">{t('awaitingApproval')}</StatusTag> : null}
          </span>
        ),
        exportValue: (o) => label(PURCHASE_ORDER_STATUS_LABELS, o.status),
      },
      { key: 'lines', title: t('lines'), width: 60, align: 'right', render: (o) => o.lines.length },
      { key: 'total', title: t('amountTotal'), width: 120, align: 'right', render: (o) => formatMoney(o.totalFen) },
      { key: 'expectedDate', title: t('expectedDate'), width: 100, render: (o) => formatDate(o.expectedDate, me.store.timeZone) },
      { key: 'createdAt', title: t('createdAt'), sortField: 'createdAt', width: 130, render: (o) => formatDateTime(o.createdAt, me.store.timeZone) },
      { key: 'createdBy', title: t('createdBy'), width: 90, render: (o) => o.createdByName || '—' },
    ],
    [t, label, me.store.timeZone],
  );
  const filters = useMemo<ListFilter[]>(
    () =>
      approval
        ? []
        : [
            { kind: 'select', name: 'status', label: t('status'), options: statusOptions, width: 150 },
            { kind: 'select', name: 'kind', label: t('kind'), options: kindOptions, width: 150 },
          ],
    [approval, t, statusOptions, kindOptions],
  );
  const canManage = can('purchase:manage');
  const actions =
    canManage && !approval ? (
      <>
        <Button icon={<ShopOutlined />} onClick={() => setCreating('outside')}>
          {t('createOutside')}
        </Button>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating('regular')}>
          {t('createOrder')}
        </Button>
      </>
    ) : null;
  return (
    <>
      <ListPage<PurchaseOrder>
        title={approval ? t('approvalTitle') : t('ordersTitle')}
        description={approval ? t('approvalDescription') : t('ordersDescription')}
        listKey={approval ? 'parts-approval' : 'parts-orders'}
        queryKey={ORDERS_KEY}
        fetch={ordersApi.list}
        fixedParams={approval ? APPROVAL_PARAMS : undefined}
        columns={columns}
        rowKey={(o) => o.id}
        search={{ placeholder: t('ordersSearch') }}
        filters={filters}
        actions={actions}
        onOpen={(o) => drawer.openRecord(o.id)}
        rowClassName={(o) => (o.status === 'cancelled' ? 'row-inactive' : '')}
        empty={approval ? { title: t('approvalEmpty'), hint: t('approvalEmptyHint') } : { title: t('ordersEmpty'), hint: t('ordersEmptyHint'), action: actions }}
        exportName={t('ordersExport')}
      />
      {typeof drawer.target === 'number' ? <OrderDrawer key={drawer.target} id={drawer.target} onClose={drawer.close} /> : null}
      {creating ? (
        <OrderForm
          order={null}
          kind={creating}
          onClose={() => setCreating(null)}
          onSaved={(o) => {
            setCreating(null);
            drawer.openRecord(o.id);
          }}
        />
      ) : null}
    </>
  );
}

/** 采购订单 */
export default function PurchaseOrdersPage() {
  return <OrdersList />;
}
