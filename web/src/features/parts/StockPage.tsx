import { useQuery } from '@tanstack/react-query';
import { Segmented } from 'antd';
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { Page } from '#contracts/common';
import { PART_CATEGORY_LABELS, type StockItem } from '#contracts/parts';
import type { SlowMovingItem } from '#contracts/parts-figures';
import type { OrderSuggestion } from '#contracts/parts-purchasing';
import { useCan, useMe } from '../../app/auth';
import { ListPage } from '../../components/list/ListPage';
import type { ListColumn, ListFilter } from '../../components/list/types';
import type { ListParams } from '../../lib/api';
import { formatDate, formatMoney, formatPercent } from '../../lib/format';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { figuresApi, ordersApi, STOCK_KEY, stockApi } from './api';
import { fromMilli, milli, PartNo, useQty } from './common';
import { PARTS_TEXT } from './text';
import './parts.css';

type View = 'all' | 'below' | 'slow';

/** A page of rows filtered, sorted and paged in the browser (lists the server answers whole). */
function localPage<T>(items: T[], params: ListParams, text: (row: T) => string, sortValue?: (row: T, field: string) => string | number): Page<T> {
  const q = (params.q ?? '').toUpperCase().replace(/[\s\-./_]/g, '');
  let rows = q ? items.filter((r) => text(r).toUpperCase().replace(/[\s\-./_]/g, '').includes(q)) : items;
  if (params.sort && sortValue) {
    const dir = params.order === 'desc' ? -1 : 1;
    rows = [...rows].sort((a, b) => {
      const x = sortValue(a, params.sort!);
      const y = sortValue(b, params.sort!);
      return (x < y ? -1 : x > y ? 1 : 0) * dir;
    });
  }
  const start = (params.page - 1) * params.pageSize;
  return { items: rows.slice(start, start + params.pageSize), total: rows.length, page: params.page, pageSize: params.pageSize };
}

/** 库存查询: all stock with filters; views of what is below safety stock and what no longer sells (呆滞). */
export default function StockPage() {
  const t = useT(PARTS_TEXT);
  const label = useLabel();
  const qty = useQty();
  const me = useMe();
  const can = useCan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const views: View[] = ['all', ...(can('purchase:read') ? (['below'] as const) : []), ...(can('parts_report:read') ? (['slow'] as const) : [])];
  const view = (views.includes(params.get('view') as View) ? params.get('view') : 'all') as View;
  const categoryOptions = useOptions(PART_CATEGORY_LABELS);
  const open = (partId: number) => navigate(`/parts/stock/${partId}`);

  const switcher =
    views.length > 1 ? (
      <Segmented<View>
        value={view}
        onChange={(v) => setParams(new URLSearchParams(v === 'all' ? {} : { view: v }), { replace: true })}
        options={views.map((v) => ({ value: v, label: t(v === 'all' ? 'viewAll' : v === 'below' ? 'viewBelowSafety' : 'viewSlowMoving') }))}
      />
    ) : null;

  const allColumns = useMemo<ListColumn<StockItem>[]>(
    () => [
      { key: 'partNo', title: t('partNo'), sortField: 'partNo', width: 150, render: (s) => <PartNo>{s.partNo}</PartNo>, exportValue: (s) => s.partNo },
      { key: 'name', title: t('partName'), sortField: 'name', ellipsis: true },
      { key: 'brand', title: t('brand'), width: 90, defaultHidden: true },
      { key: 'category', title: t('category'), width: 90, render: (s) => label(PART_CATEGORY_LABELS, s.category) },
      { key: 'onHand', title: t('onHand'), sortField: 'onHand', width: 110, align: 'right', render: (s) => (milli(s.onHand) > 0 ? qty(s.onHand, s.unit) : <span className="form-hint">{qty(s.onHand, s.unit)}</span>), exportValue: (s) => Number(s.onHand) },
      {
        key: 'locations',
        title: t('locations'),
        width: 200,
        render: (s) => (s.locations.length ? s.locations.map((l) => `${l.location || t('noLocation')}：${l.onHand}`).join('，') : '—'),
      },
      { key: 'avgCostFen', title: t('avgCost'), width: 110, align: 'right', render: (s) => formatMoney(s.avgCostFen) },
      { key: 'valueFen', title: t('stockValue'), sortField: 'valueFen', width: 120, align: 'right', render: (s) => formatMoney(s.valueFen) },
    ],
    [t, label, qty],
  );
  const allFilters = useMemo<ListFilter[]>(
    () => [
      { kind: 'text', name: 'location', label: t('location'), placeholder: 'A-01', width: 160 },
      { kind: 'select', name: 'category', label: t('category'), options: categoryOptions, width: 150 },
      {
        kind: 'select',
        name: 'inStock',
        label: t('inStock'),
        width: 140,
        options: [
          { value: 'true', label: t('inStockYes') },
          { value: 'false', label: t('inStockNo') },
        ],
      },
    ],
    [t, categoryOptions],
  );

  const belowColumns = useMemo<ListColumn<OrderSuggestion>[]>(
    () => [
      { key: 'partNo', title: t('partNo'), sortField: 'partNo', width: 150, render: (s) => <PartNo>{s.partNo}</PartNo>, exportValue: (s) => s.partNo },
      { key: 'partName', title: t('partName'), ellipsis: true },
      { key: 'category', title: t('category'), width: 90, render: (s) => label(PART_CATEGORY_LABELS, s.category) },
      { key: 'onHand', title: t('onHand'), sortField: 'onHand', width: 100, align: 'right', render: (s) => qty(s.onHand, s.unit) },
      { key: 'safetyStock', title: t('safetyStock'), width: 100, align: 'right', render: (s) => s.safetyStock },
      { key: 'short', title: t('shortBy'), sortField: 'short', width: 90, align: 'right', render: (s) => <span className="qty-negative">{fromMilli(milli(s.safetyStock) - milli(s.onHand))}</span>, exportValue: (s) => fromMilli(milli(s.safetyStock) - milli(s.onHand)) },
      { key: 'onOrder', title: t('onOrder'), width: 80, align: 'right', render: (s) => s.onOrder },
      { key: 'openDemand', title: t('openDemand'), width: 80, align: 'right', render: (s) => s.openDemand },
    ],
    [t, label, qty],
  );
  const slowColumns = useMemo<ListColumn<SlowMovingItem>[]>(
    () => [
      { key: 'partNo', title: t('partNo'), sortField: 'partNo', width: 150, render: (s) => <PartNo>{s.partNo}</PartNo>, exportValue: (s) => s.partNo },
      { key: 'partName', title: t('partName'), ellipsis: true },
      { key: 'category', title: t('category'), width: 90, render: (s) => label(PART_CATEGORY_LABELS, s.category) },
      { key: 'onHand', title: t('onHand'), width: 100, align: 'right', render: (s) => qty(s.onHand, s.unit) },
      { key: 'valueFen', title: t('stockValue'), sortField: 'valueFen', width: 120, align: 'right', render: (s) => formatMoney(s.valueFen) },
      { key: 'lastOutboundAt', title: t('lastOutbound'), sortField: 'lastOutboundAt', width: 120, render: (s) => (s.lastOutboundAt ? formatDate(s.lastOutboundAt, me.store.timeZone) : t('lastOutboundNever')) },
    ],
    [t, label, qty, me.store.timeZone],
  );

  if (view === 'below') {
    return (
      <ListPage<OrderSuggestion>
        title={t('stockTitle')}
        description={t('stockDescription')}
        listKey="parts-stock-below"
        queryKey={`${STOCK_KEY}-below`}
        fetch={async (p) => {
          const answer = await ordersApi.suggestions({ limit: 2000 });
          const below = answer.items.filter((s) => milli(s.onHand) < milli(s.safetyStock));
          return localPage(below, p, (s) => `${s.partNo}${s.partName}`, (s, f) => (f === 'onHand' ? milli(s.onHand) : f === 'short' ? milli(s.safetyStock) - milli(s.onHand) : s.partNo));
        }}
        columns={belowColumns}
        rowKey={(s) => s.partId}
        search={{ placeholder: t('stockSearch') }}
        actions={switcher}
        onOpen={(s) => open(s.partId)}
        empty={{ title: t('stockEmpty') }}
        exportName={`${t('stockExport')}-${t('viewBelowSafety')}`}
      />
    );
  }
  if (view === 'slow') {
    return (
      <SlowView
        columns={slowColumns}
        switcher={switcher}
        onOpen={open}
        fetch={async (p) => {
          const answer = await figuresApi.slowMoving(2000);
          return localPage(answer.items, p, (s) => `${s.partNo}${s.partName}`, (s, f) => (f === 'valueFen' ? s.valueFen : f === 'lastOutboundAt' ? (s.lastOutboundAt ?? '') : s.partNo));
        }}
        hint={(months, parts, value, share) => t('slowMovingHint', { months, parts, value: formatMoney(value), share: formatPercent(share) })}
      />
    );
  }
  return (
    <ListPage<StockItem>
      title={t('stockTitle')}
      description={t('stockDescription')}
      listKey="parts-stock"
      queryKey={STOCK_KEY}
      fetch={stockApi.list}
      columns={allColumns}
      rowKey={(s) => s.partId}
      search={{ placeholder: t('stockSearch') }}
      filters={allFilters}
      actions={switcher}
      onOpen={(s) => open(s.partId)}
      rowClassName={(s) => (milli(s.onHand) > 0 ? '' : 'row-inactive')}
      empty={{ title: t('stockEmpty'), hint: t('stockEmptyHint') }}
      exportName={t('stockExport')}
    />
  );
}

function SlowView({
  columns,
  switcher,
  onOpen,
  fetch,
  hint,
}: {
  columns: ListColumn<SlowMovingItem>[];
  switcher: React.ReactNode;
  onOpen: (id: number) => void;
  fetch: (p: ListParams) => Promise<Page<SlowMovingItem>>;
  hint: (months: number, parts: number, value: number, share: number | null) => string;
}) {
  const t = useT(PARTS_TEXT);
  return (
    <ListPage<SlowMovingItem>
      title={t('stockTitle')}
      description={<SlowSummary hint={hint} />}
      listKey="parts-stock-slow"
      queryKey={`${STOCK_KEY}-slow`}
      fetch={fetch}
      columns={columns}
      rowKey={(s) => s.partId}
      search={{ placeholder: t('stockSearch') }}
      actions={switcher}
      onOpen={(s) => onOpen(s.partId)}
      empty={{ title: t('stockEmpty') }}
      exportName={`${t('stockExport')}-${t('viewSlowMoving')}`}
    />
  );
}

function SlowSummary({ hint }: { hint: (months: number, parts: number, value: number, share: number | null) => string }) {
  const summary = useQuery({ queryKey: [`${STOCK_KEY}-slow`, 'summary'], queryFn: () => figuresApi.slowMoving(1) });
  return <>{summary.data ? hint(summary.data.months, summary.data.parts, summary.data.valueFen, summary.data.sharePercent) : '…'}</>;
}
