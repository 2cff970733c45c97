import { CheckOutlined, DeleteOutlined, EditOutlined, InboxOutlined, PlusOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Col, DatePicker, Descriptions, Drawer, Form, Input, Modal, Row, Skeleton, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { PART_UNIT_LABELS, type Part } from '#contracts/parts';
import { PURCHASE_KIND_LABELS, PURCHASE_ORDER_STATUS_LABELS, type PurchaseKind, type PurchaseOrder, type PurchaseOrderLine } from '#contracts/parts-purchasing';
import { useCan, useMe } from '../../app/auth';
import { FormDrawer } from '../../components/form/FormDrawer';
import { MoneyInput } from '../../components/form/MoneyInput';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format';
import { useLabel, useT } from '../../lib/i18n';
import { ReasonModal } from './ActionModals';
import { ordersApi, refreshParts } from './api';
import { fromMilli, milli, PartNo, PartPicker, QtyInput, qtyRule, StatusTag, useQty } from './common';
import { ORDER_TEXT, PARTS_TEXT } from './text';

export const ORDER_STATUS_COLORS = { draft: 'default', ordered: 'blue', partly_received: 'gold', received: 'green', cancelled: 'default' } as const;

interface LineValues {
  partId: number | null;
  quantity: string | null;
  unitCostFen: number | null;
  unit?: Part['unit'];
}
interface Values {
  supplier: string;
  expectedDate: Dayjs | null;
  note: string;
  lines: LineValues[];
}

/** New or draft purchase order: header and lines, replaced whole on save. */
export function OrderForm({ order, kind, onClose, onSaved }: { order: PurchaseOrder | null; kind: PurchaseKind; onClose: () => void; onSaved: (o: PurchaseOrder) => void }) {
  const t = useT({ ...PARTS_TEXT, ...ORDER_TEXT });
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const lines = Form.useWatch('lines', form) ?? [];
  const initial: Partial<Values> = order
    ? {
        supplier: order.supplier,
        expectedDate: order.expectedDate ? dayjs(order.expectedDate) : null,
        note: order.note,
        lines: order.lines.map((l) => ({ partId: l.partId, quantity: l.quantity, unitCostFen: l.unitCostFen, unit: l.unit })),
      }
    : { supplier: '', expectedDate: null, note: '', lines: [{ partId: null, quantity: null, unitCostFen: null }] };
  const submit = async (v: Values) => {
    const body = {
      supplier: v.supplier,
      kind: order?.kind ?? kind,
      expectedDate: v.expectedDate ? v.expectedDate.format('YYYY-MM-DD') : null,
      note: v.note ?? '',
      lines: v.lines.map((l) => ({ partId: l.partId!, quantity: String(l.quantity), unitCostFen: l.unitCostFen ?? 0, requestId: null })),
    };
    const saved = order ? await ordersApi.update(order.id, { ...body, version: order.version }) : await ordersApi.create(body);
    await refreshParts(client);
    message.success(order ? t('saved') : t('created'));
    onSaved(saved);
  };
  const title = order ? `${t('editDraft')} ${order.number}` : kind === 'outside' ? t('createOutside') : t('createOrder');
  return (
    <FormDrawer<Values> open title={title} form={form} initialValues={initial} initKey={order ? `${order.id}:${order.version}` : `new-${kind}`} onSubmit={submit} onClose={onClose} width={820}>
      {kind === 'outside' && !order ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('needsApproval')} /> : null}
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="supplier" label={t('supplier')} rules={[{ required: true, whitespace: true, message: t('supplierRequired') }, { max: 100 }]}>
            <Input autoFocus maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="expectedDate" label={t('expectedDate')}>
            <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="note" label={t('note')} rules={[{ max: 500 }]}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.List name="lines" rules={[{ validator: (_, v: unknown[]) => (v?.length ? Promise.resolve() : Promise.reject(new Error(t('linesRequired')))) }]}>
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, i) => (
              <Row gutter={8} key={field.key} align="top">
                <Col span={11}>
                  <Form.Item name={[field.name, 'partId']} label={i === 0 ? t('part') : undefined} rules={[{ required: true }]}>
                    <PartPicker
                      placeholder={t('searchPart')}
                      exclude={lines.map((l) => l?.partId).filter((x): x is number => typeof x === 'number')}
                      onChange={(_, p) => {
                        const next = [...(form.getFieldValue('lines') as LineValues[])];
                        next[i] = { ...next[i]!, partId: p?.id ?? null, unitCostFen: p?.costFen ?? null, unit: p?.unit };
                        form.setFieldValue('lines', next);
                      }}
                    />
                  </Form.Item>
                </Col>
                <Col span={5}>
                  <Form.Item name={[field.name, 'quantity']} label={i === 0 ? t('quantity') : undefined} rules={[{ required: true, message: t('qtyInvalid') }, qtyRule(t('qtyInvalid'))]}>
                    <QtyInput unit={lines[i]?.unit} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={[field.name, 'unitCostFen']} label={i === 0 ? t('cost') : undefined} rules={[{ required: true }]}>
                    <MoneyInput />
                  </Form.Item>
                </Col>
                <Col span={2} style={{ paddingTop: i === 0 ? 30 : 0 }}>
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('removeLine')} disabled={fields.length === 1} onClick={() => remove(field.name)} />
                </Col>
              </Row>
            ))}
            <Form.ErrorList errors={errors} />
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ partId: null, quantity: null, unitCostFen: null })} block>
              {t('addLine')}
            </Button>
          </>
        )}
      </Form.List>
    </FormDrawer>
  );
}

interface ReceiveRow {
  line: PurchaseOrderLine;
  quantity: string;
  location: string;
  reason: string;
  closeShort: boolean;
}

/** 收货 against an order: per line what arrived now, over with a reason, or closed short. */
function ReceiveModal({ order, onClose, onDone }: { order: PurchaseOrder; onClose: () => void; onDone: (o: PurchaseOrder) => void }) {
  const t = useT({ ...PARTS_TEXT, ...ORDER_TEXT });
  const label = useLabel();
  const client = useQueryClient();
  const { message, modal } = App.useApp();
  const open = order.lines.filter((l) => !l.closed);
  const [rows, setRows] = useState<ReceiveRow[]>(() =>
    open.map((l) => ({ line: l, quantity: fromMilli(Math.max(0, milli(l.quantity) - milli(l.received))), location: '', reason: '', closeShort: false })),
  );
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (i: number, patch: Partial<ReceiveRow>) => setRows((rs) => rs.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const over = (r: ReceiveRow) => milli(r.line.received) + milli(r.quantity) - milli(r.line.quantity);
  const missingReason = (r: ReceiveRow) => (over(r) > 0 || (r.closeShort && over(r) < 0)) && !r.reason.trim();
  const submit = () => {
    const lines = rows.filter((r) => milli(r.quantity) > 0 || r.closeShort);
    if (lines.length === 0) return setError(t('nothingToReceive'));
    if (rows.some(missingReason)) return setError(t('reasonNeeded'));
    const amount = lines.reduce((s, r) => s + Math.round((milli(r.quantity) * r.line.unitCostFen) / 1000), 0);
    modal.confirm({
      title: t('receiveConfirm'),
      content: t('receiveConfirmContent', { lines: lines.length, amount: formatMoney(amount) }),
      okText: t('receiveGoods'),
      cancelText: t('cancel'),
      onOk: async () => {
        setBusy(true);
        setError(null);
        try {
          const result = await ordersApi.receive(order.id, {
            note,
            lines: lines.map((r) => ({ lineId: r.line.id, quantity: r.quantity || '0', location: r.location.trim() || undefined, reason: r.reason.trim(), closeShort: r.closeShort })),
          });
          await refreshParts(client);
          message.success(t('receivedOk', { number: result.receipt.number }));
          onDone(result.order);
        } catch (err) {
          setError(err instanceof Error ? err.message : String(err));
        } finally {
          setBusy(false);
        }
      },
    });
  };
  return (
    <Modal open title={t('receiveTitle', { number: order.number })} width={1000} onCancel={onClose} okText={t('receiveGoods')} cancelText={t('cancel')} okButtonProps={{ loading: busy }} onOk={submit}>
      <div className="form-hint" style={{ marginBottom: 12 }}>
        {t('receiveHint')}
      </div>
      {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} /> : null}
      <Table<ReceiveRow>
        size="small"
        rowKey={(r) => r.line.id}
        pagination={false}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'partNo', title: t('partNo'), width: 130, render: (_, r) => <PartNo>{r.line.partNo}</PartNo> },
          { key: 'name', title: t('partName'), width: 160, ellipsis: true, render: (_, r) => r.line.partName },
          { key: 'ordered', title: t('quantity'), width: 70, align: 'right', render: (_, r) => `${r.line.quantity} ${label(PART_UNIT_LABELS, r.line.unit)}` },
          { key: 'received', title: t('received'), width: 60, align: 'right', render: (_, r) => r.line.received },
          {
            key: 'now',
            title: t('arrivedNow'),
            width: 120,
            render: (_, r, i) => (
              <div>
                <QtyInput size="small" allowZero unit={r.line.unit} aria-label={`${t('arrivedNow')} ${r.line.partNo}`} value={r.quantity} onChange={(v) => set(i, { quantity: v ?? '0' })} />
                {over(r) > 0 ? <div style={{ color: '#d46b08', fontSize: 12 }}>{t('overBy', { qty: fromMilli(over(r)) })}</div> : null}
              </div>
            ),
          },
          { key: 'location', title: t('location'), width: 100, render: (_, r, i) => <Input size="small" maxLength={30} placeholder={t('defaultLocation')} value={r.location} onChange={(e) => set(i, { location: e.target.value })} /> },
          {
            key: 'close',
            title: t('closeShort'),
            width: 80,
            render: (_, r, i) => <Checkbox checked={r.closeShort} disabled={over(r) >= 0} onChange={(e) => set(i, { closeShort: e.target.checked })} aria-label={`${t('closeShort')} ${r.line.partNo}`} />,
          },
          {
            key: 'reason',
            title: t('reason'),
            width: 180,
            render: (_, r, i) => <Input size="small" maxLength={200} status={missingReason(r) ? 'error' : undefined} value={r.reason} onChange={(e) => set(i, { reason: e.target.value })} aria-label={`${t('reason')} ${r.line.partNo}`} />,
          },
        ]}
      />
      <Input style={{ marginTop: 12 }} maxLength={200} placeholder={t('receiptNote')} value={note} onChange={(e) => setNote(e.target.value)} />
    </Modal>
  );
}

/** One purchase order: its lines and what can be done with it now. */
export function OrderDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const t = useT({ ...PARTS_TEXT, ...ORDER_TEXT });
  const label = useLabel();
  const qty = useQty();
  const me = useMe();
  const can = useCan();
  const client = useQueryClient();
  const { message, modal } = App.useApp();
  const order = useQuery({ queryKey: ['parts-orders', 'record', id], queryFn: () => ordersApi.get(id) });
  const [editing, setEditing] = useState(false);
  const [receiving, setReceiving] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [approving, setApproving] = useState(false);
  const o = order.data;
  const tz = me.store.timeZone;
  const update = async (next: PurchaseOrder) => {
    client.setQueryData(['parts-orders', 'record', id], next);
    await refreshParts(client);
  };
  const act = async (fn: () => Promise<PurchaseOrder>, ok: string) => {
    try {
      await update(await fn());
      message.success(ok);
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };

  if (editing && o) return <OrderForm order={o} kind={o.kind} onClose={() => setEditing(false)} onSaved={(n) => void update(n).then(() => setEditing(false))} />;

  const needsApproval = o?.kind === 'outside' && !o.approval && (o.status === 'draft' || o.status === 'ordered');
  const canReceive = o && (o.status === 'ordered' || o.status === 'partly_received') && can('stock:receive') && !(o.kind === 'outside' && !o.approval);
  const footer = o ? (
    <Space wrap>
      {o.status === 'draft' && can('purchase:manage') ? (
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
          {t('editDraft')}
        </Button>
      ) : null}
      {(o.status === 'draft' || o.status === 'ordered') && can('purchase:manage') ? (
        <Button danger icon={<StopOutlined />} onClick={() => setCancelling(true)}>
          {t('cancelOrder')}
        </Button>
      ) : null}
      {needsApproval && can('purchase:approve_outside') ? (
        <Button type="primary" icon={<CheckOutlined />} onClick={() => setApproving(true)}>
          {t('approve')}
        </Button>
      ) : null}
      {o.status === 'draft' && can('purchase:manage') ? (
        <Button
          type="primary"
          icon={<SendOutlined />}
          onClick={() =>
            modal.confirm({
              title: t('placeConfirm', { supplier: o.supplier, number: o.number, total: formatMoney(o.totalFen) }),
              okText: t('place'),
              cancelText: t('cancel'),
              onOk: () => act(() => ordersApi.place(o.id, o.version), t('placed')),
            })
          }
        >
          {t('place')}
        </Button>
      ) : null}
      {canReceive ? (
        <Button type="primary" icon={<InboxOutlined />} onClick={() => setReceiving(true)}>
          {t('receiveGoods')}
        </Button>
      ) : null}
    </Space>
  ) : null;

  return (
    <Drawer open size={860} title={o ? t('orderTitle', { number: o.number }) : ''} onClose={onClose} footer={footer}>
      {!o ? (
        <Skeleton active />
      ) : (
        <>
          {needsApproval ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('needsApproval')} /> : null}
          <Descriptions
            size="small"
            column={2}
            items={[
              { key: 'status', label: t('status'), children: <StatusTag color={ORDER_STATUS_COLORS[o.status]}>{label(PURCHASE_ORDER_STATUS_LABELS, o.status)}</StatusTag> },
              { key: 'kind', label: t('kind'), children: label(PURCHASE_KIND_LABELS, o.kind) },
              { key: 'supplier', label: t('supplier'), children: o.supplier },
              { key: 'expected', label: t('expectedDate'), children: formatDate(o.expectedDate, tz) },
              { key: 'created', label: t('createdAt'), children: `${formatDateTime(o.createdAt, tz)} · ${o.createdByName || '—'}` },
              { key: 'total', label: t('amountTotal'), children: formatMoney(o.totalFen) },
              ...(o.approval ? [{ key: 'approval', label: t('approved'), children: `${t('approvalBy', { name: o.approval.byName, at: formatDateTime(o.approval.at, tz) })}${o.approval.note ? `：${o.approval.note}` : ''}` }] : []),
              { key: 'note', label: t('note'), children: o.note || '—', span: 2 },
            ]}
          />
          <Table<PurchaseOrderLine>
            style={{ marginTop: 12 }}
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={o.lines}
            scroll={{ x: 'max-content' }}
            columns={[
              { key: 'partNo', title: t('partNo'), width: 140, render: (_, l) => <PartNo>{l.partNo}</PartNo> },
              { key: 'name', title: t('partName'), ellipsis: true, render: (_, l) => l.partName },
              { key: 'qty', title: t('quantity'), width: 90, align: 'right', render: (_, l) => qty(l.quantity, l.unit) },
              { key: 'received', title: t('received'), width: 70, align: 'right', render: (_, l) => l.received },
              { key: 'cost', title: t('cost'), width: 100, align: 'right', render: (_, l) => formatMoney(l.unitCostFen) },
              { key: 'amount', title: t('amountTotal'), width: 110, align: 'right', render: (_, l) => formatMoney(Math.round((milli(l.quantity) * l.unitCostFen) / 1000)) },
              {
                key: 'closed',
                title: t('status'),
                width: 150,
                render: (_, l) =>
                  l.closeReason ? (
                    <Tag color="orange">{`${t('closedShort')}：${l.closeReason}`}</Tag>
                  ) : l.closed || milli(l.received) >= milli(l.quantity) ? (
                    <Tag color="green">{t('done')}</Tag>
                  ) : (
                    <Tag>{`${t('remaining')} ${fromMilli(milli(l.quantity) - milli(l.received))}`}</Tag>
                  ),
              },
            ]}
          />
          {receiving ? <ReceiveModal order={o} onClose={() => setReceiving(false)} onDone={(n) => void update(n).then(() => setReceiving(false))} /> : null}
          <ReasonModal
            open={cancelling}
            title={t('cancelOrderTitle', { number: o.number })}
            content={t('cancelOrderContent')}
            okText={t('cancelOrder')}
            danger
            onOk={async (reason) => {
              await update(await ordersApi.cancel(o.id, o.version, reason));
              message.success(t('done'));
            }}
            onClose={() => setCancelling(false)}
          />
          <ReasonModal
            open={approving}
            title={t('approveTitle', { number: o.number })}
            content={t('approveContent')}
            okText={t('approve')}
            required={false}
            label={t('note')}
            onOk={async (note) => {
              await update(await ordersApi.approve(o.id, o.version, note));
              message.success(t('approvedOk'));
            }}
            onClose={() => setApproving(false)}
          />
        </>
      )}
    </Drawer>
  );
}
