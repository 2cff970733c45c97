import { DeleteOutlined, PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Form, Input, Row, Select } from 'antd';
import { useMemo, useState } from 'react';
import type { Part } from '#contracts/parts';
import type { Transfer } from '#contracts/parts-transfers';
import { useCan, useMe } from '../../app/auth';
import { FormDrawer } from '../../components/form/FormDrawer';
import { ListPage } from '../../components/list/ListPage';
import type { ListColumn, ListFilter } from '../../components/list/types';
import { formatDateTime, formatMoney } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { refreshParts, TRANSFERS_KEY, transfersApi } from './api';
import { PartPicker, QtyInput, qtyRule, StatusTag, useQty } from './common';
import { MISC_TEXT, PARTS_TEXT } from './text';

interface Values {
  toStoreId: number | null;
  reason: string;
  lines: { partId: number | null; quantity: string | null; unit?: Part['unit'] }[];
}

/** The stores a transfer can go to: the group's (with store:read), the user's other stores, and past counterparts. */
function useTargetStores() {
  const me = useMe();
  const can = useCan();
  const stores = useQuery({ queryKey: ['stores', 'list'], queryFn: transfersApi.stores, enabled: can('store:read'), staleTime: 5 * 60_000 });
  const seen = useQuery({ queryKey: [TRANSFERS_KEY, 'list', { counterparts: true }], queryFn: () => transfersApi.list({ page: 1, pageSize: 200 }), staleTime: 60_000 });
  return useMemo(() => {
    const all = new Map<number, string>();
    for (const s of stores.data ?? []) if (s.active) all.set(s.id, s.name);
    for (const s of me.stores) all.set(s.id, s.name);
    for (const tr of seen.data?.items ?? []) all.set(tr.counterpartStoreId, tr.counterpartStoreName);
    all.delete(me.store.id);
    return [...all.entries()].map(([value, label]) => ({ value, label }));
  }, [stores.data, seen.data, me.stores, me.store.id]);
}

function TransferForm({ onClose }: { onClose: () => void }) {
  const t = useT({ ...PARTS_TEXT, ...MISC_TEXT });
  const client = useQueryClient();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const lines = Form.useWatch('lines', form) ?? [];
  const targets = useTargetStores();
  const submit = async (v: Values) => {
    const store = targets.find((s) => s.value === v.toStoreId)?.label ?? '';
    const ok = await modal.confirm({ title: t('transferConfirm', { store }), content: t('transferConfirmContent', { lines: v.lines.length }), okText: t('confirm'), cancelText: t('cancel') });
    if (!ok) return;
    const tr = await transfersApi.create({ toStoreId: v.toStoreId!, reason: v.reason, lines: v.lines.map((l) => ({ partId: l.partId!, quantity: String(l.quantity) })) });
    await refreshParts(client);
    message.success(t('transferred', { number: tr.number }));
    onClose();
  };
  return (
    <FormDrawer<Values> open title={t('createTransfer')} form={form} initialValues={{ toStoreId: null, reason: '', lines: [{ partId: null, quantity: null }] }} initKey="new" onSubmit={submit} onClose={onClose} width={720}>
      {targets.length === 0 ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('noOtherStore')} /> : null}
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="toStoreId" label={t('toStore')} rules={[{ required: true }]}>
            <Select options={targets} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="reason" label={t('reason')} rules={[{ required: true, whitespace: true }, { max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
      <Form.List name="lines">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Row gutter={8} key={field.key}>
                <Col span={15}>
                  <Form.Item name={[field.name, 'partId']} label={i === 0 ? t('part') : undefined} rules={[{ required: true }]}>
                    <PartPicker
                      placeholder={t('searchPart')}
                      onChange={(_, p) => {
                        const next = [...(form.getFieldValue('lines') as Values['lines'])];
                        next[i] = { ...next[i]!, partId: p?.id ?? null, unit: p?.unit };
                        form.setFieldValue('lines', next);
                      }}
                    />
                  </Form.Item>
                </Col>
                <Col span={7}>
                  <Form.Item name={[field.name, 'quantity']} label={i === 0 ? t('quantity') : undefined} rules={[{ required: true, message: t('qtyInvalid') }, qtyRule(t('qtyInvalid'))]}>
                    <QtyInput unit={lines[i]?.unit} />
                  </Form.Item>
                </Col>
                <Col span={2} style={{ paddingTop: i === 0 ? 30 : 0 }}>
                  <Button type="text" danger icon={<DeleteOutlined />} disabled={fields.length === 1} onClick={() => remove(field.name)} aria-label={t('delete')} />
                </Col>
              </Row>
            ))}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ partId: null, quantity: null })}>
              {t('part')}
            </Button>
          </>
        )}
      </Form.List>
    </FormDrawer>
  );
}

/** 调拨: transfers between stores of the group, both sides in one step. */
export default function TransfersPage() {
  const t = useT({ ...PARTS_TEXT, ...MISC_TEXT });
  const qty = useQty();
  const me = useMe();
  const can = useCan();
  const [creating, setCreating] = useState(false);
  const columns = useMemo<ListColumn<Transfer>[]>(
    () => [
      { key: 'number', title: t('transferNumber'), sortField: 'number', width: 150, render: (tr) => <span style={{ fontFamily: 'monospace' }}>{tr.number}</span>, exportValue: (tr) => tr.number },
      { key: 'direction', title: t('direction'), width: 70, render: (tr) => <StatusTag color={tr.direction === 'out' ? 'volcano' : 'green'}>{tr.direction === 'out' ? t('out') : t('in')}</StatusTag>, exportValue: (tr) => (tr.direction === 'out' ? t('out') : t('in')) },
      { key: 'counterpart', title: t('counterpart'), width: 200, ellipsis: true, render: (tr) => tr.counterpartStoreName },
      {
        key: 'items',
        title: t('items'),
        ellipsis: true,
        render: (tr) => tr.lines.map((l) => `${l.partNo} ${l.partName} × ${qty(l.quantity, l.unit)}`).join('；'),
      },
      { key: 'value', title: t('value'), width: 110, align: 'right', render: (tr) => formatMoney(tr.totalValueFen) },
      { key: 'reason', title: t('reason'), width: 160, ellipsis: true, render: (tr) => tr.reason || '—' },
      { key: 'at', title: t('at'), sortField: 'at', width: 130, render: (tr) => formatDateTime(tr.at, me.store.timeZone) },
      { key: 'actor', title: t('actor'), width: 90, render: (tr) => tr.actorName || '—' },
    ],
    [t, qty, me.store.timeZone],
  );
  const filters = useMemo<ListFilter[]>(
    () => [
      {
        kind: 'select',
        name: 'direction',
        label: t('direction'),
        width: 130,
        options: [
          { value: 'out', label: t('out') },
          { value: 'in', label: t('in') },
        ],
      },
    ],
    [t],
  );
  const createButton = can('stock:transfer') ? (
    <Button type="primary" icon={<SwapOutlined />} onClick={() => setCreating(true)}>
      {t('createTransfer')}
    </Button>
  ) : null;
  return (
    <>
      <ListPage<Transfer>
        title={t('transfersTitle')}
        description={t('transfersDescription')}
        listKey="parts-transfers"
        queryKey={TRANSFERS_KEY}
        fetch={transfersApi.list}
        columns={columns}
        rowKey={(tr) => tr.id}
        search={{ placeholder: t('transfersSearch') }}
        filters={filters}
        actions={createButton}
        empty={{ title: t('transfersEmpty'), hint: t('transfersEmptyHint'), action: createButton }}
        exportName={t('transfersExport')}
      />
      {creating ? <TransferForm onClose={() => setCreating(false)} /> : null}
    </>
  );
}

