import { DashboardOutlined, EditOutlined, MergeCellsOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Table, Tag } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { PartyRef, VehiclePage as VehicleFile } from '#contracts/customers-vehicles';
import { useCan, useMe } from '../../app/auth';
import { ErrorState } from '../../components/states';
import { isApiError } from '../../lib/api';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { vehiclesApi } from './api';
import { CompletenessBar, daysBetween, MissingTags, useStoreToday } from './display';
import { VehicleMergeModal } from './MergeModal';
import { OdometerModal } from './OdometerModal';
import { Timeline } from './Timeline';
import { CUSTOMER_TEXT, MERGE_TEXT, VEHICLE_TEXT } from './text';
import { VehicleDrawer } from './VehicleDrawer';
import './customers.css';

function Stat({ label, value, extra, testId }: { label: string; value: ReactNode; extra?: ReactNode; testId?: string }) {
  return (
    <Card variant="borderless" className="stat-card" style={{ height: '100%' }}>
      <div className="stat-label">{label}</div>
      <div className="stat-value" data-testid={testId}>
        {value}
      </div>
      {extra ? <div className="stat-extra">{extra}</div> : null}
    </Card>
  );
}

function Party({ role, party, empty }: { role: string; party: PartyRef | null; empty: string }) {
  return (
    <div className="party-card">
      <span className="party-role">{role}</span>
      {party ? (
        <div style={{ minWidth: 0 }}>
          <Link to={`/customers/${party.id}`}>{party.name}</Link>
          <div className="form-hint">{party.mobile ?? '—'}</div>
        </div>
      ) : (
        <span style={{ color: 'rgba(0,0,0,0.45)' }}>{empty}</span>
      )}
    </div>
  );
}

/**
 * 车辆档案 of one car: who owns and drives it, warranty and insurance, odometer history with the
 * derived km/day, the next maintenance due by date and km, and its timeline (every event, newest first).
 */
export default function VehiclePage() {
  const { id: raw } = useParams();
  const id = raw && /^\d+$/.test(raw) ? Number(raw) : null;
  const t = useT(VEHICLE_TEXT);
  const tc = useT(CUSTOMER_TEXT);
  const tm = useT(MERGE_TEXT);
  const can = useCan();
  const me = useMe();
  const navigate = useNavigate();
  const today = useStoreToday();
  const [editing, setEditing] = useState(false);
  const [reading, setReading] = useState(false);
  const [merging, setMerging] = useState(false);
  const query = useQuery({ queryKey: [vehiclesApi.key, 'record', id], queryFn: () => vehiclesApi.get(id!), enabled: id !== null });

  if (id === null || (query.isError && isApiError(query.error) && query.error.status === 404)) {
    return (
      <Result
        status="404"
        title={tc('notFound')}
        subTitle={t('notFoundHint')}
        extra={
          <Button type="primary" onClick={() => navigate('/vehicles')}>
            {tc('backToList')}
          </Button>
        }
      />
    );
  }
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  const v: VehicleFile = query.data;
  const tz = me.store.timeZone;
  const canWrite = can('customer:write') && !v.mergedIntoId;
  const due = v.nextDue;
  const dueDays = due ? daysBetween(today, due.date) : null;

  const dueValue = due ? due.date : '—';
  const dueExtra = due ? (
    <>
      {due.overdue || (dueDays !== null && dueDays < 0) ? (
        <Tag color="red">{t('overdue')}</Tag>
      ) : dueDays !== null && dueDays <= 30 ? (
        <Tag color="orange">{t('dueSoon')}</Tag>
      ) : null}
      {t('dueByKmNoDate', { km: formatNumber(due.byKm) })}
    </>
  ) : (
    t('noDue')
  );

  return (
    <>
      <div className="file-head">
        <div style={{ minWidth: 0 }}>
          <h1>
            {v.plateDisplay ? (
              <span className={`plate-badge${(v.plate ?? '').length === 8 ? ' new-energy' : ''}`} data-testid="vehicle-plate">
                {v.plateDisplay}
              </span>
            ) : (
              <span data-testid="vehicle-plate" style={{ fontFamily: 'monospace' }}>
                {v.vin}
              </span>
            )}
            <span>{v.modelName ?? ''}</span>
            {v.mergedIntoId ? <Tag>{tc('merged')}</Tag> : null}
          </h1>
          <div className="file-sub">
            {[v.vin ? `VIN ${v.vin}` : null, v.colour || null].filter(Boolean).join(' · ') || '—'}
          </div>
        </div>
        <div className="file-actions">
          {canWrite ? (
            <>
              <Button icon={<DashboardOutlined />} onClick={() => setReading(true)}>
                {t('addReading')}
              </Button>
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('edit')}
              </Button>
            </>
          ) : null}
          {can('customer:merge') && !v.mergedIntoId ? (
            <Button icon={<MergeCellsOutlined />} onClick={() => setMerging(true)}>
              {tm('mergeVehicle')}
            </Button>
          ) : null}
        </div>
      </div>

      {v.mergedIntoId ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('merged')}
          action={
            <Button size="small" onClick={() => navigate(`/vehicles/${v.mergedIntoId}`)}>
              {tc('openSurvivor')}
            </Button>
          }
        />
      ) : null}

      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={12} lg={6}>
          <Stat
            label={t('currentMileage')}
            testId="vehicle-mileage"
            value={v.currentMileageKm === null ? '—' : t('kmValue', { km: formatNumber(v.currentMileageKm) })}
            extra={v.mileageReadAt ? t('readAt', { date: formatDate(v.mileageReadAt, tz) }) : t('never')}
          />
        </Col>
        <Col xs={12} lg={6}>
          <Stat label={t('avgKmPerDay')} value={v.avgKmPerDay === null ? '—' : t('kmPerDay', { km: formatNumber(v.avgKmPerDay) })} extra={t('avgHint')} />
        </Col>
        <Col xs={12} lg={6}>
          <Stat label={t('nextDue')} testId="vehicle-next-due" value={dueValue} extra={dueExtra} />
        </Col>
        <Col xs={12} lg={6}>
          <Stat
            label={t('lastVisit')}
            value={v.lastVisitAt ? formatDate(v.lastVisitAt, tz) : '—'}
            extra={v.lastServiceDate ? `${t('lastService')} ${v.lastServiceDate}${v.lastServiceKm !== null ? ` · ${formatNumber(v.lastServiceKm)} km` : ''}` : t('never')}
          />
        </Col>
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card variant="borderless" title={t('people')}>
              <Party role={t('owner')} party={v.owner} empty={t('noOwner')} />
              <Party role={t('driver')} party={v.driver} empty={t('noDriver')} />
            </Card>
            <Card variant="borderless" title={t('details')} extra={<CompletenessBar score={v.completeness} />}>
              <Descriptions
                size="small"
                column={1}
                styles={{ label: { width: 104 } }}
                items={[
                  { key: 'vin', label: t('vin'), children: v.vin ? <span style={{ fontFamily: 'monospace' }}>{v.vin}</span> : '—' },
                  { key: 'model', label: t('model'), children: v.modelName ?? '—' },
                  { key: 'engineNo', label: t('engineNo'), children: v.engineNo || '—' },
                  { key: 'purchaseDate', label: t('purchaseDate'), children: v.purchaseDate ?? '—' },
                  { key: 'soldByUs', label: t('soldByUs'), children: v.soldByUs ? tc('yes') : tc('no') },
                  { key: 'warrantyStart', label: t('warrantyStart'), children: v.warrantyStart ?? '—' },
                  {
                    key: 'extended',
                    label: t('extendedWarranty'),
                    children:
                      v.extendedWarrantyUntil || v.extendedWarrantyKm !== null
                        ? [
                            v.extendedWarrantyUntil ? t('extendedUntil', { date: v.extendedWarrantyUntil }) : null,
                            v.extendedWarrantyKm !== null ? t('extendedKm', { km: formatNumber(v.extendedWarrantyKm) }) : null,
                          ]
                            .filter(Boolean)
                            .join('，')
                        : '—',
                  },
                  { key: 'insuranceCompany', label: t('insuranceCompany'), children: v.insuranceCompany || '—' },
                  {
                    key: 'insuranceExpiry',
                    label: t('insuranceExpiry'),
                    children: v.insuranceExpiry ? (
                      <span>
                        {v.insuranceExpiry} {v.insuranceExpiry < today ? <Tag color="red">{t('overdue')}</Tag> : null}
                      </span>
                    ) : (
                      '—'
                    ),
                  },
                  {
                    key: 'due',
                    label: t('nextDueDate'),
                    children: due ? (
                      <div>
                        <div>{t('dueByDate', { date: due.byDate })}</div>
                        <div>
                          {due.byKmEstimatedDate
                            ? t('dueByKm', { km: formatNumber(due.byKm), date: due.byKmEstimatedDate })
                            : t('dueByKmNoDate', { km: formatNumber(due.byKm) })}
                        </div>
                        <div className="form-hint">{t('intervalOf', { months: due.intervalMonths, km: formatNumber(due.intervalKm) })}</div>
                      </div>
                    ) : (
                      t('noDue')
                    ),
                  },
                  { key: 'notes', label: t('notes'), children: v.notes ? <span style={{ whiteSpace: 'pre-wrap' }}>{v.notes}</span> : '—' },
                  { key: 'missing', label: tc('missing'), children: <MissingTags missing={v.missing} max={10} /> },
                ]}
              />
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card variant="borderless" title={t('timeline')}>
              <Timeline queryKey={[vehiclesApi.key, 'record', v.id]} fetch={(q, signal) => vehiclesApi.timeline(v.id, q, signal)} />
            </Card>
            <Card
              variant="borderless"
              title={t('odometer')}
              extra={
                canWrite ? (
                  <Button size="small" type="link" icon={<DashboardOutlined />} onClick={() => setReading(true)}>
                    {t('addReading')}
                  </Button>
                ) : null
              }
            >
              <Table
                size="small"
                rowKey="id"
                dataSource={v.odometer}
                pagination={v.odometer.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
                scroll={{ x: 'max-content' }}
                locale={{
                  emptyText: (
                    <div style={{ padding: 12, color: 'rgba(0,0,0,0.45)' }}>
                      <div>{t('noReadings')}</div>
                      <div className="form-hint">{t('noReadingsHint')}</div>
                    </div>
                  ),
                }}
                columns={[
                  { key: 'readAt', title: t('readingAt'), width: 140, render: (_, r) => formatDateTime(r.readAt, tz) },
                  { key: 'km', title: t('km'), width: 110, align: 'right', render: (_, r) => formatNumber(r.km) },
                  {
                    key: 'kind',
                    title: t('kind'),
                    width: 80,
                    render: (_, r) => (r.service ? <Tag color="cyan">{t('serviceReading')}</Tag> : <Tag>{t('visitReading')}</Tag>),
                  },
                  {
                    key: 'broughtBy',
                    title: t('readingBroughtBy'),
                    width: 110,
                    render: (_, r) => {
                      const p = [v.owner, v.driver].find((x) => x && x.id === r.broughtByCustomerId);
                      return p ? p.name : r.broughtByName || '—';
                    },
                  },
                  { key: 'reason', title: t('readingReason'), render: (_, r) => r.reason || '—' },
                ]}
              />
            </Card>
          </Space>
        </Col>
      </Row>

      {editing ? <VehicleDrawer target={v.id} onClose={() => setEditing(false)} /> : null}
      {reading ? <OdometerModal vehicle={v} open={reading} onClose={() => setReading(false)} /> : null}
      {merging ? <VehicleMergeModal current={v} open={merging} onClose={() => setMerging(false)} /> : null}
    </>
  );
}
