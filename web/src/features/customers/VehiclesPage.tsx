import { PlusOutlined } from '@ant-design/icons';
import { Button, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { Vehicle } from '#contracts/customers-vehicles';
import { useCan, useMe } from '../../app/auth';
import { useRecordTarget } from '../../components/form/useRecordTarget';
import { ListPage } from '../../components/list/ListPage';
import type { ListColumn, ListFilter } from '../../components/list/types';
import { formatDate, formatNumber } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { usePickerOptions } from '../../lib/records';
import { vehicleModelName, vehicleModelsApi } from '../vehicle-models/api';
import { vehiclesApi } from './api';
import { CompletenessBar, DueDate, MissingTags, useStoreToday } from './display';
import { CUSTOMER_TEXT, VEHICLE_TEXT } from './text';
import { VehicleDrawer } from './VehicleDrawer';

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** 车辆档案: every car of the store with its owner, mileage and next service; row click opens its page. */
export default function VehiclesPage() {
  const t = useT(VEHICLE_TEXT);
  const tc = useT(CUSTOMER_TEXT);
  const can = useCan();
  const me = useMe();
  const navigate = useNavigate();
  const drawer = useRecordTarget();
  const today = useStoreToday();
  const canWrite = can('customer:write');
  const models = usePickerOptions(vehicleModelsApi, '', 'brand');
  const [created, setCreated] = useState<number | null>(null);
  useEffect(() => {
    if (created !== null && drawer.target === null) navigate(`/vehicles/${created}`);
  }, [created, drawer.target, navigate]);

  const columns = useMemo<ListColumn<Vehicle>[]>(
    () => [
      {
        key: 'plate',
        title: t('plate'),
        sortField: 'plate',
        width: 120,
        render: (v) => (
          <span style={{ whiteSpace: 'nowrap' }}>
            {v.plateDisplay ?? '—'} {v.mergedIntoId ? <Tag>{tc('merged')}</Tag> : null}
          </span>
        ),
        exportValue: (v) => v.plateDisplay ?? '',
      },
      { key: 'vin', title: t('vin'), width: 180, render: (v) => (v.vin ? <span style={{ fontFamily: 'monospace' }}>{v.vin}</span> : '—'), exportValue: (v) => v.vin ?? '' },
      { key: 'model', title: t('model'), width: 220, ellipsis: true, render: (v) => v.modelName ?? '—' },
      { key: 'owner', title: t('owner'), width: 150, ellipsis: true, render: (v) => (v.owner ? v.owner.name : '—') },
      { key: 'ownerMobile', title: tc('mobile'), width: 130, render: (v) => v.owner?.mobile ?? '—' },
      { key: 'driver', title: t('driver'), width: 100, defaultHidden: true, render: (v) => v.driver?.name ?? '—' },
      {
        key: 'mileage',
        title: t('currentMileage'),
        width: 110,
        align: 'right',
        render: (v) => (v.currentMileageKm === null ? '—' : formatNumber(v.currentMileageKm)),
        exportValue: (v) => v.currentMileageKm,
      },
      {
        key: 'avg',
        title: t('avgKmPerDay'),
        width: 90,
        align: 'right',
        defaultHidden: true,
        render: (v) => (v.avgKmPerDay === null ? '—' : formatNumber(v.avgKmPerDay)),
        exportValue: (v) => v.avgKmPerDay,
      },
      {
        key: 'nextDueDate',
        title: t('nextDueDate'),
        sortField: 'nextDueDate',
        width: 160,
        render: (v) => <DueDate date={v.nextDueDate} today={today} />,
        exportValue: (v) => v.nextDueDate ?? '',
      },
      { key: 'lastVisit', title: t('lastVisit'), width: 110, render: (v) => (v.lastVisitAt ? formatDate(v.lastVisitAt, me.store.timeZone) : '—') },
      { key: 'insuranceExpiry', title: t('insuranceExpiry'), width: 110, defaultHidden: true, render: (v) => v.insuranceExpiry ?? '—' },
      { key: 'purchaseDate', title: t('purchaseDate'), width: 110, defaultHidden: true, render: (v) => v.purchaseDate ?? '—' },
      {
        key: 'completeness',
        title: t('completeness'),
        sortField: 'completeness',
        width: 130,
        render: (v) => <CompletenessBar score={v.completeness} />,
        exportValue: (v) => v.completeness,
      },
      { key: 'missing', title: tc('missing'), width: 200, defaultHidden: true, render: (v) => <MissingTags missing={v.missing} max={3} />, exportValue: (v) => v.missing.length },
    ],
    [t, tc, today, me.store.timeZone],
  );

  const filters = useMemo<ListFilter[]>(
    () => [
      {
        kind: 'select',
        name: 'vehicleModelId',
        label: t('model'),
        width: 220,
        options: (models.data?.items ?? []).map((m) => ({ value: String(m.id), label: vehicleModelName(m) })),
      },
      {
        kind: 'select',
        name: 'dueBefore',
        label: t('dueFilter'),
        width: 170,
        options: [
          { value: today, label: t('dueOverdue') },
          { value: addDays(today, 30), label: t('dueIn30') },
          { value: addDays(today, 60), label: t('dueIn60') },
          { value: addDays(today, 90), label: t('dueIn90') },
        ],
      },
      {
        kind: 'select',
        name: 'completenessBelow',
        label: t('completeness'),
        width: 170,
        options: [
          { value: '80', label: tc('below80') },
          { value: '50', label: tc('below50') },
          { value: '100', label: tc('below100') },
        ],
      },
      { kind: 'select', name: 'includeMerged', label: tc('includeMerged'), width: 150, options: [{ value: 'true', label: tc('showMerged') }] },
    ],
    [t, tc, models.data, today],
  );

  const createButton = canWrite ? (
    <Button type="primary" icon={<PlusOutlined />} onClick={drawer.openNew}>
      {t('create')}
    </Button>
  ) : null;

  return (
    <>
      <ListPage<Vehicle>
        title={t('title')}
        description={t('description')}
        listKey="vehicles"
        queryKey={vehiclesApi.key}
        fetch={vehiclesApi.list}
        columns={columns}
        rowKey={(v) => v.id}
        search={{ placeholder: t('search') }}
        filters={filters}
        actions={createButton}
        onOpen={(v) => navigate(`/vehicles/${v.id}`)}
        rowClassName={(v) => (v.mergedIntoId ? 'row-inactive' : '')}
        empty={{ title: t('empty'), hint: canWrite ? t('emptyHint') : undefined, action: createButton }}
        exportName={t('exportName')}
        // The rows carry owners' names and phones: only roles that may export files take them away.
        exportAllowed={can('customer:export')}
      />
      <VehicleDrawer target={drawer.target} onClose={drawer.close} onSaved={(v) => (drawer.target === 'new' ? setCreated(v.id) : undefined)} />
    </>
  );
}
