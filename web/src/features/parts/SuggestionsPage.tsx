import { FileAddOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { PART_CATEGORY_LABELS, type PartCategory } from '#contracts/parts';
import type { OrderSuggestion } from '#contracts/parts-purchasing';
import { useCan } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState } from '../../components/states';
import { formatMoney } from '../../lib/format';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { ordersApi, refreshParts } from './api';
import { milli, PartNo, QtyInput, useQty } from './common';
import { ORDER_TEXT, PARTS_TEXT } from './text';

/** 建议订货: what to order now, ticked lines become a draft purchase order. */
export default function SuggestionsPage() {
  const t = useT({ ...PARTS_TEXT, ...ORDER_TEXT });
  const label = useLabel();
  const qty = useQty();
  const can = useCan();
  const canOrder = can('purchase:manage');
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const [category, setCategory] = useState<PartCategory | null>(null);
  const categoryOptions = useOptions(PART_CATEGORY_LABELS);
  const query = useQuery({ queryKey: ['parts-orders', 'suggestions', category], queryFn: () => ordersApi.suggestions({ category: category ?? undefined, limit: 2000 }) });
  const [selected, setSelected] = useState<number[]>([]);
  const [quantities, setQuantities] = useState<Record<number, string>>({});
  const [supplier, setSupplier] = useState('');
  const [busy, setBusy] = useState(false);
  const items = useMemo(() => query.data?.items ?? [], [query.data]);
  const qtyOf = (s: OrderSuggestion) => quantities[s.partId] ?? s.suggested;
  const total = items.filter((s) => selected.includes(s.partId)).reduce((sum, s) => sum + Math.round((milli(qtyOf(s)) * s.unitCostFen) / 1000), 0);

  const createDraft = () => {
    const lines = items.filter((s) => selected.includes(s.partId) && milli(qtyOf(s)) > 0);
    const name = supplier.trim() || t('defaultSupplier');
    modal.confirm({
      title: t('createDraft', { n: lines.length }),
      content: `${t('supplier')}：${name} · ${t('amountTotal')} ${formatMoney(total)}`,
      okText: t('confirm'),
      cancelText: t('cancel'),
      onOk: async () => {
        setBusy(true);
        try {
          const order = await ordersApi.create({
            supplier: name,
            kind: 'regular',
            expectedDate: null,
            note: t('suggestionsTitle'),
            lines: lines.map((s) => ({ partId: s.partId, quantity: qtyOf(s), unitCostFen: s.unitCostFen, requestId: null })),
          });
          await refreshParts(client);
          message.success(t('draftCreated', { number: order.number }));
          setSelected([]);
          navigate(`/parts/purchase-orders?open=${order.id}`);
        } catch (err) {
          message.error(err instanceof Error ? err.message : String(err));
        } finally {
          setBusy(false);
        }
      },
    });
  };

  return (
    <>
      <PageHeader
        title={t('suggestionsTitle')}
        description={query.data ? t('suggestionsDescription', { factor: query.data.safetyStockFactor, months: query.data.months }) : null}
        actions={
          canOrder ? (
            <Space>
              <Input aria-label={t('supplier')} placeholder={t('defaultSupplier')} prefix={<span style={{ color: 'rgba(0,0,0,0.45)' }}>{t('supplier')}</span>} value={supplier} onChange={(e) => setSupplier(e.target.value)} style={{ width: 300 }} maxLength={100} />
              <Button type="primary" icon={<FileAddOutlined />} disabled={selected.length === 0} loading={busy} onClick={createDraft}>
                {t('createDraft', { n: selected.length })}
              </Button>
            </Space>
          ) : null
        }
      />
      <Card variant="borderless" styles={{ body: { padding: 16 } }}>
        <div className="list-toolbar">
          <div className="list-filters">
            <Select<PartCategory>
              allowClear
              aria-label={t('category')}
              prefix={<span style={{ color: 'rgba(0,0,0,0.45)' }}>{t('category')}</span>}
              placeholder={t('all')}
              value={category}
              onChange={(v) => setCategory(v ?? null)}
              options={categoryOptions}
              style={{ minWidth: 160 }}
            />
            {selected.length ? <Tag color="blue">{`${t('amountTotal')} ${formatMoney(total)}`}</Tag> : null}
          </div>
          <div className="list-actions">
            <Button icon={<ReloadOutlined />} aria-label={t('refresh')} onClick={() => void query.refetch()} />
          </div>
        </div>
        {query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Table<OrderSuggestion>
            size="small"
            rowKey="partId"
            loading={query.isFetching}
            dataSource={items}
            sticky={{ offsetHeader: 56 }}
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (n) => t('total', { total: n }) }}
            rowSelection={canOrder ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) } : undefined}
            locale={{ emptyText: query.isPending ? ' ' : <EmptyState title={t('noSuggestions')} hint={t('noSuggestionsHint')} /> }}
            columns={[
              { key: 'partNo', title: t('partNo'), width: 150, render: (_, s) => <PartNo>{s.partNo}</PartNo> },
              { key: 'partName', title: t('partName'), ellipsis: true, render: (_, s) => s.partName },
              { key: 'category', title: t('category'), width: 90, render: (_, s) => label(PART_CATEGORY_LABELS, s.category) },
              { key: 'onHand', title: t('onHand'), width: 90, align: 'right', render: (_, s) => qty(s.onHand, s.unit) },
              { key: 'onOrder', title: t('onOrder'), width: 70, align: 'right', render: (_, s) => s.onOrder },
              { key: 'openDemand', title: t('openDemand'), width: 70, align: 'right', render: (_, s) => s.openDemand },
              { key: 'avg', title: t('avgMonthly'), width: 90, align: 'right', render: (_, s) => s.avgMonthlyOutbound },
              {
                key: 'safety',
                title: t('safetyStock'),
                width: 100,
                align: 'right',
                render: (_, s) => (
                  <Space size={4}>
                    {s.safetyFromOverride ? <Tag style={{ marginInlineEnd: 0 }}>{t('override')}</Tag> : null}
                    {s.safetyStock}
                  </Space>
                ),
              },
              { key: 'suggested', title: t('suggested'), width: 80, align: 'right', render: (_, s) => <strong>{s.suggested}</strong> },
              {
                key: 'order',
                title: t('orderQty'),
                width: 130,
                render: (_, s) => (
                  <QtyInput
                    size="small"
                    unit={s.unit}
                    aria-label={`${t('orderQty')} ${s.partNo}`}
                    value={qtyOf(s)}
                    disabled={!canOrder}
                    onChange={(v) => setQuantities((q) => ({ ...q, [s.partId]: v ?? '0' }))}
                  />
                ),
              },
              { key: 'cost', title: t('cost'), width: 100, align: 'right', render: (_, s) => formatMoney(s.unitCostFen) },
            ]}
          />
        )}
      </Card>
    </>
  );
}
