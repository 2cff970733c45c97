import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, ImportOutlined, ShoppingCartOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Row, Select, Skeleton, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { MOVEMENT_KIND_LABELS, PART_CATEGORY_LABELS, PART_ORIGIN_LABELS, PART_UNIT_LABELS, type Movement, type MovementKind } from '#contracts/parts';
import { useCan, useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/states';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { VehicleModelName } from '../vehicle-models/VehicleModelName';
import { partsApi, stockApi } from './api';
import { fromMilli, milli, PartNo, useQty } from './common';
import { PartDrawer } from './PartDrawer';
import { StockActionDrawer, type StockAction } from './StockActions';
import { PARTS_TEXT } from './text';
import './parts.css';

const PAGE = 50;

function Stat({ label, value, hint }: { label: string; value: React.ReactNode; hint?: React.ReactNode }) {
  return (
    <div className="parts-stat">
      <span className="parts-stat-label">{label}</span>
      <span className="parts-stat-value">{value}</span>
      {hint ? <span className="parts-stat-hint">{hint}</span> : null}
    </div>
  );
}

/** One part: its catalog entry, its stock (where, what it is worth, what is promised) and its ledger. */
export default function PartPage() {
  const { id: raw } = useParams();
  const id = raw && /^\d+$/.test(raw) ? Number(raw) : null;
  const t = useT(PARTS_TEXT);
  const label = useLabel();
  const qty = useQty();
  const me = useMe();
  const can = useCan();
  const [editing, setEditing] = useState(false);
  const [action, setAction] = useState<StockAction | null>(null);
  const [kind, setKind] = useState<MovementKind | null>(null);
  const kindOptions = useOptions(MOVEMENT_KIND_LABELS);
  const part = useQuery({ queryKey: [partsApi.key, 'record', id], queryFn: () => partsApi.get(id!), enabled: id !== null });
  const stock = useQuery({ queryKey: ['parts-stock', 'part', id], queryFn: () => stockApi.ofPart(id!), enabled: id !== null });
  const ledger = useInfiniteQuery({
    queryKey: ['parts-stock', 'movements', id, kind],
    queryFn: ({ pageParam, signal }) => stockApi.movements(id!, { page: pageParam, pageSize: PAGE, kind: kind ?? undefined }, signal),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
    enabled: id !== null,
  });

  const rows = useMemo(() => {
    const items = ledger.data?.pages.flatMap((p) => p.items) ?? [];
    if (kind || !stock.data) return items.map((m) => ({ ...m, balance: null as string | null }));
    // Newest first: the balance after each movement is today's stock minus everything after it.
    let after = milli(stock.data.onHand);
    return items.map((m) => {
      const balance = fromMilli(after);
      after -= milli(m.quantity);
      return { ...m, balance };
    });
  }, [ledger.data, stock.data, kind]);

  if (id === null) return <ErrorState error={new Error(t('noMovements'))} />;
  if (part.isError) return <ErrorState error={part.error} onRetry={() => void part.refetch()} />;
  if (!part.data || !stock.data) return <Skeleton active />;
  const p = part.data;
  const s = stock.data;
  const tz = me.store.timeZone;

  const reference = (m: Movement) => {
    if (m.roNumber) return `${t('ro')} ${m.roNumber}`;
    switch (m.refType) {
      case 'purchase_receipt':
        return t('refPurchase');
      case 'manual':
        return t('refManual');
      case 'stock_transfer':
        return t('refTransfer');
      case 'stocktake':
        return m.refId ? <Link to={`/parts/stocktakes/${m.refId}`}>{t('refStocktake')}</Link> : t('refStocktake');
      case 'part_request':
        return t('refRequest');
      default:
        return '—';
    }
  };

  return (
    <>
      <PageHeader
        title={`${p.partNo} ${p.name}`}
        description={
          <Link to="/parts/stock">
            <ArrowLeftOutlined /> {t('partPageBack')}
          </Link>
        }
        actions={
          <>
            {can('part:manage') ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('editPart')}
              </Button>
            ) : null}
            {can('stock:receive') ? (
              <Button icon={<ImportOutlined />} onClick={() => setAction('receive')}>
                {t('receive')}
              </Button>
            ) : null}
            {can('stock:adjust') ? (
              <Button danger icon={<DeleteOutlined />} disabled={milli(s.onHand) <= 0} onClick={() => setAction('scrap')}>
                {t('scrap')}
              </Button>
            ) : null}
            {can('stock:issue') ? (
              <Button type="primary" icon={<ShoppingCartOutlined />} disabled={milli(s.onHand) <= 0 || !p.active} onClick={() => setAction('sale')}>
                {t('counterSale')}
              </Button>
            ) : null}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Card variant="borderless" title={t('partInfo')} extra={p.active ? null : <Tag>{t('inactive')}</Tag>}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'no', label: t('partNo'), children: <PartNo>{p.partNo}</PartNo> },
                { key: 'brand', label: t('brand'), children: `${p.brand || '—'} · ${label(PART_ORIGIN_LABELS, p.origin)}` },
                { key: 'category', label: t('category'), children: label(PART_CATEGORY_LABELS, p.category) },
                { key: 'unit', label: t('unit'), children: label(PART_UNIT_LABELS, p.unit) },
                { key: 'price', label: `${t('cost')} / ${t('retailPrice')}`, children: `${formatMoney(p.costFen)} / ${formatMoney(p.retailPriceFen)}` },
                { key: 'loc', label: t('defaultLocation'), children: p.defaultLocation || t('noLocation') },
                { key: 'safety', label: t('safetyStock'), children: p.safetyStock ?? t('safetyComputed') },
                {
                  key: 'models',
                  label: t('models'),
                  children: p.vehicleModelIds.length ? (
                    <Space orientation="vertical" size={0}>
                      {p.vehicleModelIds.map((m) => (
                        <VehicleModelName key={m} id={m} empty="—" />
                      ))}
                    </Space>
                  ) : (
                    '—'
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Card variant="borderless" title={t('stockBox')}>
            <Row gutter={[16, 16]}>
              <Col span={8}>
                <Stat label={t('onHand')} value={qty(s.onHand, s.unit)} />
              </Col>
              <Col span={8}>
                <Stat label={t('stockValue')} value={formatMoney(s.valueFen)} hint={`${t('avgCost')} ${formatMoney(s.avgCostFen)}`} />
              </Col>
              <Col span={8}>
                <Stat
                  label={t('locations')}
                  value={<span style={{ fontSize: 15 }}>{s.locations.length ? s.locations.map((l) => `${l.location || t('noLocation')}：${l.onHand}`).join('，') : '—'}</span>}
                />
              </Col>
              <Col span={8}>
                <Stat label={t('onJobs')} value={s.onJobs} />
              </Col>
              <Col span={8}>
                <Stat label={t('openDemand')} value={s.openDemand} />
              </Col>
              <Col span={8}>
                <Stat label={t('onOrder')} value={s.onOrder} />
              </Col>
              <Col span={8}>
                <Stat label={t('lastReceipt')} value={<span style={{ fontSize: 15 }}>{formatDate(s.lastReceiptAt, tz)}</span>} />
              </Col>
              <Col span={8}>
                <Stat label={t('lastOutbound')} value={<span style={{ fontSize: 15 }}>{s.lastOutboundAt ? formatDate(s.lastOutboundAt, tz) : t('lastOutboundNever')}</span>} />
              </Col>
            </Row>
          </Card>
        </Col>
        <Col span={24}>
          <Card
            variant="borderless"
            title={t('ledger')}
            extra={
              <Space>
                <span className="form-hint">{t('ledgerHint')}</span>
                <Select<MovementKind>
                  allowClear
                  aria-label={t('movementKind')}
                  prefix={<span style={{ color: 'rgba(0,0,0,0.45)' }}>{t('movementKind')}</span>}
                  placeholder={t('all')}
                  value={kind}
                  onChange={(v) => setKind(v ?? null)}
                  options={kindOptions}
                  style={{ minWidth: 180 }}
                  popupMatchSelectWidth={false}
                />
              </Space>
            }
          >
            <Table
              size="small"
              rowKey="id"
              loading={ledger.isFetching}
              dataSource={rows}
              pagination={false}
              scroll={{ x: 'max-content' }}
              sticky={{ offsetHeader: 56 }}
              locale={{ emptyText: ledger.isPending ? ' ' : t('noMovements') }}
              columns={[
                { key: 'at', title: t('movementAt'), width: 140, render: (_, m) => formatDateTime(m.at, tz) },
                { key: 'kind', title: t('movementKind'), width: 100, render: (_, m) => label(MOVEMENT_KIND_LABELS, m.kind) },
                {
                  key: 'qty',
                  title: t('movementQty'),
                  width: 90,
                  align: 'right',
                  render: (_, m) => <span className={milli(m.quantity) < 0 ? 'qty-negative' : 'qty-positive'}>{milli(m.quantity) > 0 ? `+${m.quantity}` : m.quantity}</span>,
                },
                { key: 'balance', title: t('movementBalance'), width: 80, align: 'right', render: (_, m) => m.balance ?? '—' },
                { key: 'location', title: t('location'), width: 80, render: (_, m) => m.location || '—' },
                { key: 'unitCost', title: t('unitCost'), width: 100, align: 'right', render: (_, m) => formatMoney(m.unitCostFen) },
                { key: 'value', title: t('movementValue'), width: 110, align: 'right', render: (_, m) => formatMoney(m.valueFen) },
                { key: 'price', title: t('salePrice'), width: 100, align: 'right', render: (_, m) => (m.priceFen === null ? '—' : formatMoney(m.priceFen)) },
                { key: 'ref', title: t('reference'), width: 120, render: (_, m) => reference(m) },
                { key: 'reason', title: t('reason'), ellipsis: true, render: (_, m) => m.reason || '—' },
                { key: 'actor', title: t('actor'), width: 90, render: (_, m) => m.actorName || '—' },
              ]}
            />
            {ledger.hasNextPage ? (
              <div style={{ textAlign: 'center', marginTop: 12 }}>
                <Button loading={ledger.isFetchingNextPage} onClick={() => void ledger.fetchNextPage()}>
                  {t('loadMore')}
                </Button>
              </div>
            ) : null}
          </Card>
        </Col>
      </Row>
      {editing ? <PartDrawer target={p.id} canManage onClose={() => setEditing(false)} /> : null}
      <StockActionDrawer action={action} part={p} onClose={() => setAction(null)} />
    </>
  );
}
