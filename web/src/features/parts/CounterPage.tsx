import { PrinterOutlined, ShoppingCartOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Segmented, Space, Tooltip } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { PART_UNIT_LABELS } from '#contracts/parts';
import { PART_REQUEST_STATUS_LABELS, type PartRequest, type PartRequestStatus } from '#contracts/parts-requests';
import { useCan, useMe } from '../../app/auth';
import { ListPage } from '../../components/list/ListPage';
import type { ListColumn } from '../../components/list/types';
import { PrintPreview, type PrintSheet } from '../../components/print/PrintPreview';
import { formatDateTime } from '../../lib/format';
import { useLabel, useT } from '../../lib/i18n';
import { QtyModal, ReasonModal } from './ActionModals';
import { refreshParts, REQUESTS_KEY, requestsApi, stockApi } from './api';
import { fromMilli, milli, PartNo, StatusTag, useQty } from './common';
import { StockActionDrawer } from './StockActions';
import { COUNTER_TEXT, PARTS_TEXT } from './text';
import './parts.css';

type Tab = 'open' | 'issued' | 'all';
const STATUS_COLORS: Record<PartRequestStatus, string> = { pending: 'orange', partly_issued: 'gold', issued: 'green', settled: 'default', cancelled: 'default' };

/** 配件柜台: the queue of part requests (pending first, oldest first) and what the clerk does with them. */
export default function CounterPage() {
  const t = useT({ ...PARTS_TEXT, ...COUNTER_TEXT });
  const label = useLabel();
  const qty = useQty();
  const me = useMe();
  const can = useCan();
  const canIssue = can('stock:issue');
  const canCancel = can('part_request:create');
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const tab = (['open', 'issued', 'all'].includes(params.get('tab') ?? '') ? params.get('tab') : 'open') as Tab;
  const [partial, setPartial] = useState<PartRequest | null>(null);
  const [returning, setReturning] = useState<PartRequest | null>(null);
  const [cancelling, setCancelling] = useState<PartRequest | null>(null);
  const [selling, setSelling] = useState(false);
  const [printing, setPrinting] = useState(false);
  const stockOf = useQuery({
    queryKey: ['parts-stock', 'part', partial?.partId ?? returning?.partId],
    queryFn: () => stockApi.ofPart((partial ?? returning)!.partId),
    enabled: Boolean(partial ?? returning),
  });
  const printable = useQuery({
    queryKey: [REQUESTS_KEY, 'print'],
    queryFn: () => requestsApi.list({ page: 1, pageSize: 200, status: 'open', sort: 'requestedAt', order: 'asc' }),
    enabled: printing,
  });

  const issueAll = (r: PartRequest) => {
    const rest = fromMilli(milli(r.quantity) - milli(r.issued));
    const unit = label(PART_UNIT_LABELS, r.unit);
    modal.confirm({
      title: t('issueConfirm', { qty: rest, unit, part: r.partName, ro: r.roNumber || String(r.roId) }),
      content: t('issueConfirmContent', { location: r.defaultLocation || t('noLocation') }),
      okText: t('issueAll'),
      cancelText: t('cancel'),
      onOk: async () => {
        try {
          await requestsApi.issue(r.id, {});
          await refreshParts(client);
          message.success(t('issued_ok', { qty: rest, unit }));
        } catch (err) {
          message.error(err instanceof Error ? err.message : String(err));
        }
      },
    });
  };

  const columns = useMemo<ListColumn<PartRequest>[]>(
    () => [
      { key: 'requestedAt', title: t('requestedAt'), sortField: 'requestedAt', width: 130, render: (r) => formatDateTime(r.requestedAt, me.store.timeZone) },
      { key: 'roNumber', title: t('roNumber'), width: 120, render: (r) => r.roNumber || '—' },
      { key: 'partNo', title: t('partNo'), width: 140, render: (r) => <PartNo>{r.partNo}</PartNo>, exportValue: (r) => r.partNo },
      { key: 'partName', title: t('partName'), ellipsis: true, render: (r) => r.partName },
      { key: 'location', title: t('location'), width: 70, render: (r) => r.defaultLocation || '—' },
      { key: 'quantity', title: t('requested'), width: 90, align: 'right', render: (r) => qty(r.quantity, r.unit) },
      { key: 'issued', title: t('issued'), width: 70, align: 'right', render: (r) => r.issued },
      {
        key: 'onHand',
        title: t('onHand'),
        width: 90,
        align: 'right',
        render: (r) => {
          const rest = milli(r.quantity) - milli(r.issued);
          const short = ['pending', 'partly_issued'].includes(r.status) && milli(r.onHand) < rest;
          return short ? (
            <Tooltip title={t('notEnough')}>
              <span style={{ color: '#cf1322', fontWeight: 600 }}>{r.onHand}</span>
            </Tooltip>
          ) : (
            r.onHand
          );
        },
        exportValue: (r) => r.onHand,
      },
      { key: 'outstanding', title: t('outstanding'), width: 80, align: 'right', defaultHidden: tab === 'open', render: (r) => r.outstanding },
      { key: 'status', title: t('status'), width: 90, render: (r) => <StatusTag color={STATUS_COLORS[r.status]}>{label(PART_REQUEST_STATUS_LABELS, r.status)}</StatusTag>, exportValue: (r) => label(PART_REQUEST_STATUS_LABELS, r.status) },
      { key: 'requestedBy', title: t('requestedBy'), width: 90, defaultHidden: true, render: (r) => r.requestedByName || '—' },
      {
        key: 'actions',
        title: t('actions'),
        width: 230,
        render: (r) => {
          const open = r.status === 'pending' || r.status === 'partly_issued';
          const canReturn = milli(r.outstanding) > 0 && r.status !== 'settled' && r.status !== 'cancelled';
          return (
            <Space size={4} wrap={false} onClick={(e) => e.stopPropagation()}>
              {open && canIssue ? (
                <Button size="small" type="primary" onClick={() => issueAll(r)}>
                  {t('issueAll')}
                </Button>
              ) : null}
              {open && canIssue ? (
                <Button size="small" onClick={() => setPartial(r)}>
                  {t('issuePartial')}
                </Button>
              ) : null}
              {canReturn && canIssue ? (
                <Button size="small" onClick={() => setReturning(r)}>
                  {t('returnPart')}
                </Button>
              ) : null}
              {r.status === 'pending' && canCancel ? (
                <Button size="small" danger type="text" onClick={() => setCancelling(r)}>
                  {t('cancelRequest')}
                </Button>
              ) : null}
            </Space>
          );
        },
        exportValue: () => '',
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- issueAll reads only stable values
    [t, label, qty, me.store.timeZone, tab, canIssue, canCancel],
  );

  const fixedParams = useMemo(() => ({ status: tab === 'all' ? undefined : tab === 'open' ? 'open' : 'issued' }), [tab]);
  const current = partial ?? returning;
  const rest = partial ? fromMilli(milli(partial.quantity) - milli(partial.issued)) : '0';
  const locations = (stockOf.data?.locations ?? []).map((l) => l.location);

  const sheet: PrintSheet<PartRequest> | null = printing
    ? {
        title: t('pickListTitle'),
        meta: [`${t('printedAt')}：${formatDateTime(new Date(), me.store.timeZone)}`, `${t('tabOpen')}：${printable.data?.items.length ?? 0}`],
        columns: [
          { title: '#', width: '8mm' },
          { title: t('roNumber'), width: '28mm' },
          { title: t('partNo'), width: '30mm' },
          { title: t('partName') },
          { title: t('location'), width: '16mm' },
          { title: t('toIssue'), num: true, width: '16mm' },
          { title: t('unit'), width: '11mm' },
          { title: t('picked'), blank: true, width: '18mm' },
        ],
        rows: printable.data?.items ?? [],
        cells: (r, i) => [i + 1, r.roNumber || '—', r.partNo, r.partName, r.defaultLocation || '—', fromMilli(milli(r.quantity) - milli(r.issued)), label(PART_UNIT_LABELS, r.unit), ''],
        perPage: 26,
        signatures: [t('signIssuer'), t('signReceiver')],
        footNote: `${me.store.name} · ${t('pickListTitle')}`,
      }
    : null;

  return (
    <>
      <ListPage<PartRequest>
        title={t('title')}
        description={t('description')}
        listKey="parts-counter"
        queryKey={REQUESTS_KEY}
        fetch={requestsApi.list}
        fixedParams={fixedParams}
        columns={columns}
        rowKey={(r) => r.id}
        search={{ placeholder: t('search') }}
        actions={
          <>
            <Segmented<Tab>
              value={tab}
              onChange={(v) =>
                setParams(
                  (prev) => {
                    const next = new URLSearchParams(prev);
                    next.set('tab', v);
                    next.delete('page');
                    return next;
                  },
                  { replace: true },
                )
              }
              options={[
                { value: 'open', label: t('tabOpen') },
                { value: 'issued', label: t('tabIssued') },
                { value: 'all', label: t('tabAll') },
              ]}
            />
            <Button icon={<PrinterOutlined />} onClick={() => setPrinting(true)}>
              {t('printPickList')}
            </Button>
            {canIssue ? (
              <Button type="primary" icon={<ShoppingCartOutlined />} onClick={() => setSelling(true)}>
                {t('counterSale')}
              </Button>
            ) : null}
          </>
        }
        rowClassName={(r) => (r.status === 'pending' ? 'row-pending' : '')}
        empty={{ title: t('emptyOpen'), hint: t('emptyOpenHint') }}
        exportName={t('title')}
      />
      <QtyModal
        open={partial !== null}
        title={partial ? t('partialTitle', { part: `${partial.partNo} ${partial.partName}` }) : ''}
        hint={partial ? t('partialHint', { rest, unit: label(PART_UNIT_LABELS, partial.unit), onHand: stockOf.data?.onHand ?? partial.onHand }) : null}
        unit={current?.unit}
        okText={t('issueAll')}
        defaults={{ quantity: rest, location: partial?.defaultLocation ?? '' }}
        locations={locations}
        onOk={async (v) => {
          await requestsApi.issue(partial!.id, { quantity: v.quantity, location: v.location });
          await refreshParts(client);
          message.success(t('issued_ok', { qty: v.quantity, unit: label(PART_UNIT_LABELS, partial!.unit) }));
        }}
        onClose={() => setPartial(null)}
      />
      <QtyModal
        open={returning !== null}
        title={returning ? t('returnTitle', { part: `${returning.partNo} ${returning.partName}` }) : ''}
        hint={returning ? t('returnHint', { max: returning.outstanding, unit: label(PART_UNIT_LABELS, returning.unit) }) : null}
        unit={returning?.unit}
        okText={t('returnPart')}
        defaults={{ quantity: returning?.outstanding, location: returning?.defaultLocation ?? '' }}
        locations={locations}
        withReason
        onOk={async (v) => {
          await requestsApi.return(returning!.id, { quantity: v.quantity, location: v.location, reason: v.reason });
          await refreshParts(client);
          message.success(t('returned_ok', { qty: v.quantity, unit: label(PART_UNIT_LABELS, returning!.unit) }));
        }}
        onClose={() => setReturning(null)}
      />
      <ReasonModal
        open={cancelling !== null}
        title={cancelling ? t('cancelTitle', { part: cancelling.partName }) : ''}
        content={cancelling ? t('cancelContent', { ro: cancelling.roNumber || String(cancelling.roId) }) : null}
        okText={t('cancelRequest')}
        danger
        onOk={async (reason) => {
          await requestsApi.cancel(cancelling!.id, reason);
          await refreshParts(client);
          message.success(t('cancelled_ok'));
        }}
        onClose={() => setCancelling(null)}
      />
      <StockActionDrawer action={selling ? 'sale' : null} onClose={() => setSelling(false)} />
      <PrintPreview open={printing && printable.isSuccess} sheet={sheet} onClose={() => setPrinting(false)} />
    </>
  );
}
