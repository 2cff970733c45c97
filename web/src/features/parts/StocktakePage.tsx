import { ArrowLeftOutlined, CheckOutlined, PlusOutlined, PrinterOutlined, SaveOutlined, StopOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Input, Row, Skeleton, Space, Switch, Table, Tabs, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { PART_UNIT_LABELS, type Part } from '#contracts/parts';
import { STOCKTAKE_STATUS_LABELS, type VarianceLine } from '#contracts/parts-stocktake';
import { useCan, useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { PrintPreview, type PrintSheet } from '../../components/print/PrintPreview';
import { ErrorState } from '../../components/states';
import { formatDateTime, formatMoney, formatPercent } from '../../lib/format';
import { useLabel, useT } from '../../lib/i18n';
import { ReasonModal } from './ActionModals';
import { refreshParts, stocktakesApi } from './api';
import { milli, PartNo, PartPicker, QtyInput, StatusTag } from './common';
import { STOCKTAKE_COLORS } from './StocktakesPage';
import { PARTS_TEXT, STOCKTAKE_TEXT } from './text';
import './parts.css';

interface Found {
  key: number;
  part: Part | null;
  location: string;
  quantity: string | null;
}

/** One stocktake: the blind count sheet, its print view, and (supervisor) the variance report and approval. */
export default function StocktakePage() {
  const { id: raw } = useParams();
  const id = raw && /^\d+$/.test(raw) ? Number(raw) : 0;
  const t = useT({ ...PARTS_TEXT, ...STOCKTAKE_TEXT });
  const label = useLabel();
  const me = useMe();
  const can = useCan();
  const canApprove = can('stocktake:approve');
  const client = useQueryClient();
  const { message, modal } = App.useApp();
  const sheet = useQuery({ queryKey: ['parts-stocktakes', 'sheet', id], queryFn: () => stocktakesApi.sheet(id), enabled: id > 0 });
  const [tab, setTab] = useState<'sheet' | 'variance'>('sheet');
  const variance = useQuery({ queryKey: ['parts-stocktakes', 'variance', id], queryFn: () => stocktakesApi.variance(id), enabled: id > 0 && canApprove && tab === 'variance' });
  const [counts, setCounts] = useState<Record<number, string | null>>({});
  const [found, setFound] = useState<Found[]>([]);
  const [saving, setSaving] = useState(false);
  const [onlyDiff, setOnlyDiff] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [cancelling, setCancelling] = useState(false);

  const st = sheet.data?.stocktake;
  const lines = useMemo(() => sheet.data?.lines ?? [], [sheet.data]);
  const counting = st?.status === 'counting';
  const changed = lines.filter((l) => counts[l.id] !== undefined && counts[l.id] !== null && counts[l.id] !== '' && counts[l.id] !== l.countedQty);
  const foundReady = found.filter((f) => f.part && f.quantity !== null && f.quantity !== '');

  const save = async () => {
    if (changed.length === 0 && foundReady.length === 0) return message.info(t('nothingChanged'));
    setSaving(true);
    try {
      await stocktakesApi.counts(id, {
        counts: changed.map((l) => ({ lineId: l.id, countedQty: String(counts[l.id]) })),
        found: foundReady.map((f) => ({ partId: f.part!.id, location: f.location.trim(), countedQty: String(f.quantity) })),
      });
      setCounts({});
      setFound([]);
      await refreshParts(client);
      message.success(t('countsSaved', { n: changed.length + foundReady.length }));
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  if (sheet.isError) return <ErrorState error={sheet.error} onRetry={() => void sheet.refetch()} />;
  if (!st) return <Skeleton active />;
  const tz = me.store.timeZone;
  const uncounted = st.lineCount - st.countedCount;
  const report = variance.data;

  const approve = () => {
    if (!report) return;
    modal.confirm({
      title: t('approveTitle', { number: st.number }),
      content: t('approveContent', { gain: formatMoney(report.totals.gainValueFen), loss: formatMoney(report.totals.lossValueFen), rate: formatPercent(report.totals.varianceRatePercent, 2) }),
      okText: t('approve'),
      cancelText: t('cancel'),
      onOk: async () => {
        try {
          await stocktakesApi.approve(id, st.version, '');
          await refreshParts(client);
          message.success(t('approvedOk'));
        } catch (err) {
          message.error(err instanceof Error ? err.message : String(err));
        }
      },
    });
  };

  const printSheet: PrintSheet<(typeof lines)[number]> = {
    title: t('sheetTitle'),
    meta: [`${t('number')}：${st.number}`, `${t('countsFor')}：${st.locations.length ? st.locations.join('、') : t('allLocations')}`, `${t('createdAt')}：${formatDateTime(st.createdAt, tz)}`],
    columns: [
      { title: '#', width: '9mm' },
      { title: t('location'), width: '18mm' },
      { title: t('partNo'), width: '32mm' },
      { title: t('partName') },
      { title: t('unit'), width: '12mm' },
      { title: t('counted'), blank: true, width: '22mm' },
      { title: t('note'), blank: true, width: '26mm' },
    ],
    rows: lines,
    cells: (l, i) => [i + 1, l.location || '—', l.partNo, l.partName, label(PART_UNIT_LABELS, l.unit), '', ''],
    perPage: 28,
    signatures: [t('signCounter'), t('signChecker'), t('signSupervisor')],
    footNote: `${t('sheetHint')}`,
  };

  const varianceRows = (report?.lines ?? []).filter((l) => !onlyDiff || (l.variance !== null && milli(l.variance) !== 0));
  const totals = report?.totals;

  return (
    <>
      <PageHeader
        title={`${t('title')} ${st.number}`}
        description={
          <Space size={12}>
            <Link to="/parts/stocktakes">
              <ArrowLeftOutlined /> {t('back')}
            </Link>
            <StatusTag color={STOCKTAKE_COLORS[st.status]}>{label(STOCKTAKE_STATUS_LABELS, st.status)}</StatusTag>
            <span>
              {t('countsFor')}：{st.locations.length ? st.locations.join('、') : t('allLocations')}
            </span>
            <span>
              {t('progress')}：{st.countedCount}/{st.lineCount}
            </span>
            {st.approvedAt ? <span>{`${t('approvedBy')}：${st.approvedByName ?? '—'} ${formatDateTime(st.approvedAt, tz)}`}</span> : null}
          </Space>
        }
        actions={
          <>
            <Button icon={<PrinterOutlined />} onClick={() => setPrinting(true)}>
              {t('printSheet')}
            </Button>
            {counting && canApprove ? (
              <Button danger icon={<StopOutlined />} onClick={() => setCancelling(true)}>
                {t('voidSheet')}
              </Button>
            ) : null}
            {counting ? (
              <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => void save()}>
                {t('saveCounts')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card variant="borderless" styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as 'sheet' | 'variance')}
          items={[
            {
              key: 'sheet',
              label: t('sheet'),
              children: (
                <>
                  <div className="form-hint" style={{ marginBottom: 8 }}>
                    {t('sheetHint')}
                  </div>
                  <Table
                    size="small"
                    rowKey="id"
                    dataSource={lines}
                    pagination={{ pageSize: 100, hideOnSinglePage: true, showSizeChanger: false }}
                    scroll={{ x: 'max-content' }}
                    sticky={{ offsetHeader: 56 }}
                    columns={[
                      { key: 'location', title: t('location'), width: 90, render: (_, l) => l.location || '—' },
                      { key: 'partNo', title: t('partNo'), width: 150, render: (_, l) => <PartNo>{l.partNo}</PartNo> },
                      { key: 'name', title: t('partName'), render: (_, l) => (l.found ? `${l.partName}（${t('found')}）` : l.partName) },
                      { key: 'unit', title: t('unit'), width: 60, render: (_, l) => label(PART_UNIT_LABELS, l.unit) },
                      {
                        key: 'counted',
                        title: t('counted'),
                        width: 150,
                        render: (_, l) =>
                          counting ? (
                            <QtyInput
                              size="small"
                              allowZero
                              unit={l.unit}
                              aria-label={`${t('counted')} ${l.partNo}`}
                              value={counts[l.id] ?? l.countedQty}
                              onChange={(v) => setCounts((c) => ({ ...c, [l.id]: v }))}
                            />
                          ) : (
                            (l.countedQty ?? '—')
                          ),
                      },
                      { key: 'countedAt', title: t('countedAt'), width: 140, render: (_, l) => (l.countedAt ? formatDateTime(l.countedAt, tz) : <Tag>{t('notCounted')}</Tag>) },
                    ]}
                  />
                  {counting ? (
                    <div style={{ marginTop: 12 }}>
                      <div className="section-title-text" style={{ marginBottom: 6 }}>
                        {t('addFound')} <span className="form-hint">{t('addFoundHint')}</span>
                      </div>
                      {found.map((f, i) => (
                        <Row gutter={8} key={f.key} style={{ marginBottom: 8 }}>
                          <Col span={10}>
                            <PartPicker placeholder={t('searchPart')} value={f.part?.id ?? null} onChange={(_, p) => setFound((all) => all.map((x, k) => (k === i ? { ...x, part: p, location: x.location || p?.defaultLocation || '' } : x)))} />
                          </Col>
                          <Col span={5}>
                            <Input placeholder={t('location')} value={f.location} maxLength={30} onChange={(e) => setFound((all) => all.map((x, k) => (k === i ? { ...x, location: e.target.value } : x)))} />
                          </Col>
                          <Col span={5}>
                            <QtyInput allowZero unit={f.part?.unit} value={f.quantity} onChange={(v) => setFound((all) => all.map((x, k) => (k === i ? { ...x, quantity: v } : x)))} />
                          </Col>
                          <Col span={4}>
                            <Button type="text" danger onClick={() => setFound((all) => all.filter((_, k) => k !== i))}>
                              {t('delete')}
                            </Button>
                          </Col>
                        </Row>
                      ))}
                      <Button icon={<PlusOutlined />} type="dashed" onClick={() => setFound((all) => [...all, { key: Date.now(), part: null, location: '', quantity: null }])}>
                        {t('addFound')}
                      </Button>
                    </div>
                  ) : null}
                </>
              ),
            },
            ...(canApprove
              ? [
                  {
                    key: 'variance',
                    label: t('variance'),
                    children: !report ? (
                      variance.isError ? (
                        <ErrorState error={variance.error} onRetry={() => void variance.refetch()} />
                      ) : (
                        <Skeleton active />
                      )
                    ) : (
                      <>
                        <Row gutter={[16, 16]} style={{ marginBottom: 12 }}>
                          {[
                            { label: t('bookValue'), value: formatMoney(totals!.bookValueFen) },
                            { label: t('gain'), value: formatMoney(totals!.gainValueFen) },
                            { label: t('loss'), value: formatMoney(totals!.lossValueFen) },
                            { label: t('net'), value: formatMoney(totals!.netValueFen) },
                            {
                              label: t('rate'),
                              value: (
                                <span data-testid="variance-rate">
                                  {formatPercent(totals!.varianceRatePercent, 2)}{' '}
                                  {totals!.withinTarget === null ? null : totals!.withinTarget ? <Tag color="green">{t('withinTarget')}</Tag> : <Tag color="red">{t('overTarget')}</Tag>}
                                </span>
                              ),
                              hint: t('target', { target: formatPercent(totals!.targetPercent, 2) }),
                            },
                            { label: t('uncounted'), value: totals!.uncounted },
                          ].map((s) => (
                            <Col key={s.label} xs={12} md={8} xl={4}>
                              <div className="parts-stat">
                                <span className="parts-stat-label">{s.label}</span>
                                <span className="parts-stat-value" style={{ fontSize: 18 }}>
                                  {s.value}
                                </span>
                                {'hint' in s ? <span className="parts-stat-hint">{s.hint}</span> : null}
                              </div>
                            </Col>
                          ))}
                        </Row>
                        {counting && uncounted > 0 ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('mustCountAll', { n: uncounted })} /> : null}
                        <Space style={{ marginBottom: 8 }}>
                          <Switch size="small" checked={onlyDiff} onChange={setOnlyDiff} aria-label={t('onlyDifferences')} />
                          <span>{t('onlyDifferences')}</span>
                          {counting ? (
                            <Button type="primary" icon={<CheckOutlined />} disabled={uncounted > 0} onClick={approve}>
                              {t('approve')}
                            </Button>
                          ) : null}
                        </Space>
                        <Table<VarianceLine>
                          size="small"
                          rowKey="lineId"
                          dataSource={varianceRows}
                          pagination={{ pageSize: 100, hideOnSinglePage: true, showSizeChanger: false }}
                          scroll={{ x: 'max-content' }}
                          columns={[
                            { key: 'location', title: t('location'), width: 80, render: (_, l) => l.location || '—' },
                            { key: 'partNo', title: t('partNo'), width: 140, render: (_, l) => <PartNo>{l.partNo}</PartNo> },
                            { key: 'name', title: t('partName'), ellipsis: true, render: (_, l) => l.partName },
                            { key: 'expected', title: t('expected'), width: 90, align: 'right', render: (_, l) => l.expected },
                            { key: 'moved', title: t('moved'), width: 80, align: 'right', render: (_, l) => l.movedSinceSnapshot },
                            { key: 'book', title: t('bookAtCount'), width: 90, align: 'right', render: (_, l) => l.bookAtCount },
                            { key: 'counted', title: t('counted'), width: 80, align: 'right', render: (_, l) => l.counted ?? '—' },
                            {
                              key: 'variance',
                              title: t('varianceQty'),
                              width: 80,
                              align: 'right',
                              render: (_, l) => (l.variance === null ? '—' : <span className={milli(l.variance) < 0 ? 'qty-negative' : milli(l.variance) > 0 ? 'qty-positive' : ''}>{l.variance}</span>),
                            },
                            { key: 'cost', title: t('unitCost'), width: 100, align: 'right', render: (_, l) => formatMoney(l.unitCostFen) },
                            { key: 'value', title: t('varianceValue'), width: 110, align: 'right', render: (_, l) => formatMoney(l.varianceValueFen) },
                          ]}
                        />
                      </>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <PrintPreview open={printing} sheet={printSheet} onClose={() => setPrinting(false)} />
      <ReasonModal
        open={cancelling}
        title={t('cancelTitle', { number: st.number })}
        content={t('cancelContent')}
        okText={t('voidSheet')}
        danger
        onOk={async (reason) => {
          await stocktakesApi.cancel(id, st.version, reason);
          await refreshParts(client);
          message.success(t('cancelledOk'));
        }}
        onClose={() => setCancelling(false)}
      />
    </>
  );
}
