import { PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useMemo } from 'react';
import type { MaintenancePackage } from '#contracts/service-items';
import { useCan } from '../../app/auth';
import { ActiveTag } from '../../components/ActiveTag';
import { useRecordTarget } from '../../components/form/useRecordTarget';
import { useActiveFilter } from '../../components/list/commonFilters';
import { ListPage } from '../../components/list/ListPage';
import type { ListColumn, ListFilter } from '../../components/list/types';
import { formatNumber } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { usePickerOptions } from '../../lib/records';
import { vehicleModelName, vehicleModelsApi } from '../vehicle-models/api';
import { cachedVehicleModelName, VehicleModelName } from '../vehicle-models/VehicleModelName';
import { packagesApi } from './api';
import { PackageDrawer } from './PackageDrawer';
import { PACKAGE_TEXT } from './text';

/** 保养套餐 */
export default function MaintenancePackagesPage() {
  const t = useT(PACKAGE_TEXT);
  const canManage = useCan()('service_item:manage');
  const drawer = useRecordTarget();
  const activeFilter = useActiveFilter();
  const models = usePickerOptions(vehicleModelsApi, '', 'brand');

  const columns = useMemo<ListColumn<MaintenancePackage>[]>(
    () => [
      { key: 'code', title: t('code'), sortField: 'code', width: 120 },
      { key: 'name', title: t('name'), sortField: 'name' },
      {
        key: 'vehicleModel',
        title: t('vehicleModel'),
        width: 260,
        render: (p) => <VehicleModelName id={p.vehicleModelId} empty={t('allModels')} />,
        exportValue: (p) => cachedVehicleModelName(p.vehicleModelId, t('allModels')),
      },
      {
        key: 'mileageKm',
        title: t('mileage'),
        sortField: 'mileageKm',
        width: 120,
        align: 'right',
        render: (p) => (p.mileageKm === null ? '—' : t('mileageValue', { km: formatNumber(p.mileageKm) })),
      },
      { key: 'items', title: t('items'), width: 100, align: 'right', render: (p) => t('itemCount', { n: p.serviceItemIds.length }) },
      { key: 'active', title: t('status'), width: 90, render: (p) => <ActiveTag active={p.active} />, exportValue: (p) => (p.active ? t('active') : t('inactive')) },
    ],
    [t],
  );
  const filters = useMemo<ListFilter[]>(
    () => [
      {
        kind: 'select',
        name: 'vehicleModelId',
        label: t('vehicleModel'),
        width: 220,
        options: (models.data?.items ?? []).map((m) => ({ value: String(m.id), label: vehicleModelName(m) })),
      },
      activeFilter,
    ],
    [t, models.data, activeFilter],
  );
  const createButton = canManage ? (
    <Button type="primary" icon={<PlusOutlined />} onClick={drawer.openNew}>
      {t('create')}
    </Button>
  ) : null;

  return (
    <>
      <ListPage<MaintenancePackage>
        title={t('title')}
        description={t('description')}
        listKey="maintenance-packages"
        queryKey={packagesApi.key}
        fetch={packagesApi.list}
        columns={columns}
        rowKey={(p) => p.id}
        search={{ placeholder: t('search') }}
        filters={filters}
        actions={createButton}
        onOpen={(p) => drawer.openRecord(p.id)}
        rowClassName={(p) => (p.active ? '' : 'row-inactive')}
        empty={{ title: t('empty'), hint: canManage ? t('emptyHint') : t('emptyHintReadOnly'), action: createButton }}
        exportName={t('exportName')}
      />
      <PackageDrawer target={drawer.target} onClose={drawer.close} canManage={canManage} />
    </>
  );
}
