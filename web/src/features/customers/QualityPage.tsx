import { RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Skeleton, Table, Tag, Tooltip } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { COMPLETENESS_LABELS, type CompletenessKey, type Customer } from '#contracts/customers';
import type { QualityReport } from '#contracts/customers-tools';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState } from '../../components/states';
import { formatNumber, formatPercent } from '../../lib/format';
import { useLabel, useT } from '../../lib/i18n';
import { customersApi } from './api';
import { CompletenessBar, completenessColor, MissingTags, sourceText } from './display';
import { CUSTOMER_TEXT, QUALITY_TEXT } from './text';
import './customers.css';

type Group = QualityReport['bySource'][number];

/** A group the customer list can be narrowed to (a known source; an outlet by its name). */
function selectable(g: Group): boolean {
  return g.source !== null && (g.source !== 'outlet' || g.outletName !== '');
}

const keyOf = (g: Group) => `${g.source ?? ''}|${g.outletName}`;

function Stat({ label, value, extra, color }: { label: string; value: string; extra?: string; color?: string }) {
  return (
    <Card variant="borderless" className="stat-card" style={{ height: '100%' }}>
      <div className="stat-label">{label}</div>
      <div className="stat-value" style={color ? { color } : undefined}>
        {value}
      </div>
      {extra ? <div className="stat-extra">{extra}</div> : null}
    </Card>
  );
}

/** 数据质量: completeness per source and outlet (second-tier outlets are measured on it), and the files to fix. */
export default function QualityPage() {
  const t = useT(QUALITY_TEXT);
  const tc = useT(CUSTOMER_TEXT);
  const label = useLabel();
  const navigate = useNavigate();
  const [selected, setSelected] = useState<Group | null>(null);
  const [page, setPage] = useState(1);
  const report = useQuery({ queryKey: [customersApi.key, 'quality'], queryFn: ({ signal }) => customersApi.quality(signal) });
  const threshold = report.data?.threshold ?? 80;

  const listParams = useMemo(
    () => ({
      page,
      pageSize: 20,
      completenessBelow: threshold,
      sort: 'completeness',
      order: 'asc' as const,
      ...(selected?.source ? { source: selected.source } : {}),
      ...(selected?.outletName ? { outletName: selected.outletName } : {}),
    }),
    [page, threshold, selected],
  );
  const list = useQuery({
    queryKey: [customersApi.key, 'list', listParams],
    queryFn: ({ signal }) => customersApi.list(listParams, signal),
    enabled: report.isSuccess,
    placeholderData: keepPreviousData,
  });

  const groupName = (g: Group) => (g.source === 'outlet' ? g.outletName || t('unnamedOutlet') : sourceText(label, g.source, g.outletName, tc('sourceUnknown')));
  // Sources by size, then the second-tier outlets (measured on completeness) weakest first.
  const groups = useMemo(() => {
    const all = report.data?.bySource ?? [];
    const sources = all.filter((g) => g.source !== 'outlet').sort((a, b) => b.files - a.files);
    const outlets = all.filter((g) => g.source === 'outlet').sort((a, b) => a.averageCompleteness - b.averageCompleteness);
    return [...sources, ...outlets];
  }, [report.data]);
  const missing = useMemo(
    () =>
      Object.entries(report.data?.missing ?? {})
        .filter((e): e is [CompletenessKey, number] => e[0] in COMPLETENESS_LABELS)
        .sort((a, b) => b[1] - a[1]),
    [report.data],
  );

  if (report.isError) return <ErrorState error={report.error} onRetry={() => void report.refetch()} />;

  const overall = report.data?.overall;
  const choose = (g: Group | null) => {
    setSelected(g);
    setPage(1);
  };
  const openInList = () => {
    const q = new URLSearchParams({ completenessBelow: String(threshold), sort: 'completeness', order: 'asc' });
    if (selected?.source) q.set('source', selected.source);
    if (selected?.outletName) q.set('outletName', selected.outletName);
    navigate(`/customers?${q.toString()}`);
  };

  return (
    <>
      <PageHeader title={t('title')} description={t('description', { threshold })} />
      {report.isPending ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : !overall || overall.files === 0 ? (
        <Card variant="borderless">
          <EmptyState title={t('noFiles')} />
        </Card>
      ) : (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
            <Col xs={8}>
              <Stat label={t('files')} value={formatNumber(overall.files)} />
            </Col>
            <Col xs={8}>
              <Stat label={t('average')} value={formatNumber(overall.averageCompleteness)} color={completenessColor(overall.averageCompleteness)} />
            </Col>
            <Col xs={8}>
              <Stat
                label={t('incomplete')}
                value={formatNumber(overall.incomplete)}
                extra={t('incompleteShare', { share: formatPercent((overall.incomplete * 100) / overall.files) })}
              />
            </Col>
          </Row>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} xl={14}>
              <Card variant="borderless" title={t('bySource')} data-testid="quality-by-source">
                <div className="quality-bar-row" style={{ cursor: 'default', color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>
                  <span>{t('group')}</span>
                  <span>{t('average')}</span>
                  <span style={{ textAlign: 'right' }}>{t('incomplete')}</span>
                </div>
                {groups.map((g, i) => {
                  const can = selectable(g);
                  const firstOutlet = g.source === 'outlet' && groups[i - 1]?.source !== 'outlet';
                  const isSel = selected !== null && keyOf(selected) === keyOf(g);
                  const row = (
                    <div
                      key={keyOf(g)}
                      className={`quality-bar-row${isSel ? ' selected' : ''}`}
                      style={can ? undefined : { cursor: 'default' }}
                      role={can ? 'button' : undefined}
                      tabIndex={can ? 0 : undefined}
                      onClick={() => (can ? choose(isSel ? null : g) : undefined)}
                      onKeyDown={(e) => {
                        if (can && (e.key === 'Enter' || e.key === ' ')) {
                          e.preventDefault();
                          choose(isSel ? null : g);
                        }
                      }}
                    >
                      <div className="quality-bar-label">
                        <div style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{groupName(g)}</div>
                        <div className="form-hint">{t('missingFiles', { count: formatNumber(g.files) })}</div>
                      </div>
                      <Tooltip title={`${t('average')} ${formatNumber(g.averageCompleteness)}`}>
                        <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                          <div className="quality-bar-track" style={{ flex: 1 }}>
                            <div className="quality-bar-fill" style={{ width: `${Math.min(100, g.averageCompleteness)}%`, background: completenessColor(g.averageCompleteness) }} />
                            <div className="quality-bar-threshold" style={{ left: `${threshold}%` }} />
                          </div>
                          <span style={{ width: 36, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{formatNumber(g.averageCompleteness)}</span>
                        </div>
                      </Tooltip>
                      <span className="quality-bar-value">{formatNumber(g.incomplete)}</span>
                    </div>
                  );
                  return firstOutlet ? (
                    <div key={keyOf(g)}>
                      <div className="quality-group-title">{t('outlets')}</div>
                      {row}
                    </div>
                  ) : (
                    row
                  );
                })}
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card variant="borderless" title={t('missingItems')}>
                {missing.map(([key, n]) => (
                  <div key={key} className="quality-bar-row" style={{ cursor: 'default', gridTemplateColumns: '96px 1fr 64px' }}>
                    <span>{label(COMPLETENESS_LABELS, key)}</span>
                    <div className="quality-bar-track">
                      <div className="quality-bar-fill" style={{ width: `${(n * 100) / overall.files}%`, background: '#ff7a45' }} />
                    </div>
                    <span className="quality-bar-value">{formatNumber(n)}</span>
                  </div>
                ))}
              </Card>
            </Col>
          </Row>
          <Card
            variant="borderless"
            title={
              <span>
                {t('list')} <span className="form-hint" style={{ fontWeight: 400 }}>{t('listHint')}</span>
              </span>
            }
            extra={
              <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
                {selected ? (
                  <Tag closable onClose={() => choose(null)} color="blue">
                    {t('showing', { group: groupName(selected) })}
                  </Tag>
                ) : null}
                <Button type="link" onClick={openInList}>
                  {t('viewAll')} <RightOutlined />
                </Button>
              </span>
            }
          >
            <Table<Customer>
              size="small"
              className="clickable-rows"
              rowKey="id"
              loading={list.isFetching}
              dataSource={list.data?.items ?? []}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: list.isPending ? ' ' : <EmptyState title={t('noneIncomplete')} hint={t('noneIncompleteHint')} /> }}
              onRow={(c) => ({
                onClick: () => navigate(`/customers/${c.id}`),
                onKeyDown: (e) => {
                  if (e.key === 'Enter') navigate(`/customers/${c.id}`);
                },
                tabIndex: 0,
              })}
              pagination={{
                current: page,
                pageSize: 20,
                total: list.data?.total ?? 0,
                showSizeChanger: false,
                onChange: setPage,
                showTotal: (total) => (list.data?.totalCapped ? tc('total', { total: `${formatNumber(total)}+` }) : tc('total', { total })),
              }}
              columns={[
                { key: 'name', title: tc('name'), width: 160, render: (_, c) => c.name },
                { key: 'mobile', title: tc('mobile'), width: 130, render: (_, c) => c.mobile ?? '—' },
                { key: 'source', title: tc('source'), width: 180, render: (_, c) => sourceText(label, c.source, c.outletName, tc('sourceUnknown')) },
                { key: 'completeness', title: tc('completeness'), width: 130, render: (_, c) => <CompletenessBar score={c.completeness} /> },
                { key: 'missing', title: tc('missing'), render: (_, c) => <MissingTags missing={c.missing} max={6} /> },
              ]}
            />
          </Card>
        </>
      )}
    </>
  );
}

