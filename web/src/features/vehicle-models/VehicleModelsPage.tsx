import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button } from 'antd';
import { useMemo } from 'react';
import type { VehicleModel } from '#contracts/vehicle-models';
import { useCan } from '../../app/auth';
import { ActiveTag } from '../../components/ActiveTag';
import { useRecordTarget } from '../../components/form/useRecordTarget';
import { useActiveFilter } from '../../components/list/commonFilters';
import { ListPage } from '../../components/list/ListPage';
import type { ListColumn, ListFilter } from '../../components/list/types';
import { formatNumber } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { vehicleModelsApi } from './api';
import { VEHICLE_MODEL_TEXT } from './text';
import { VehicleModelDrawer } from './VehicleModelDrawer';

/** The brands of the store's models, for the brand filter (master data: a few dozen at most). */
function useBrands(): string[] {
  const models = useQuery({
    queryKey: [vehicleModelsApi.key, 'list', { page: 1, pageSize: 200, sort: 'brand' }],
    queryFn: ({ signal }) => vehicleModelsApi.list({ page: 1, pageSize: 200, sort: 'brand', order: 'asc' }, signal),
  });
  return useMemo(() => [...new Set((models.data?.items ?? []).map((m) => m.brand))], [models.data]);
}

/** 车型管理 */
export default function VehicleModelsPage() {
  const t = useT(VEHICLE_MODEL_TEXT);
  const canManage = useCan()('vehicle_model:manage');
  const drawer = useRecordTarget();
  const activeFilter = useActiveFilter();
  const brands = useBrands();

  const columns = useMemo<ListColumn<VehicleModel>[]>(
    () => [
      { key: 'brand', title: t('brand'), sortField: 'brand', width: 120 },
      { key: 'series', title: t('series'), sortField: 'series', width: 140 },
      { key: 'model', title: t('model'), sortField: 'model' },
      { key: 'year', title: t('year'), sortField: 'year', width: 90, render: (m) => m.year ?? '—' },
      { key: 'engine', title: t('engine'), width: 160, render: (m) => m.engine || '—' },
      {
        key: 'interval',
        title: t('interval'),
        width: 180,
        render: (m) => t('intervalValue', { months: m.maintenanceIntervalMonths, km: formatNumber(m.maintenanceIntervalKm) }),
      },
      { key: 'active', title: t('status'), width: 100, render: (m) => <ActiveTag active={m.active} />, exportValue: (m) => (m.active ? t('active') : t('inactive')) },
    ],
    [t],
  );
  const filters = useMemo<ListFilter[]>(
    () => [{ kind: 'select', name: 'brand', label: t('brand'), options: brands.map((b) => ({ value: b, label: b })) }, activeFilter],
    [t, brands, activeFilter],
  );
  const createButton = canManage ? (
    <Button type="primary" icon={<PlusOutlined />} onClick={drawer.openNew}>
      {t('create')}
    </Button>
  ) : null;

  return (
    <>
      <ListPage<VehicleModel>
        title={t('title')}
        description={t('description')}
        listKey="vehicle-models"
        queryKey={vehicleModelsApi.key}
        fetch={vehicleModelsApi.list}
        columns={columns}
        rowKey={(m) => m.id}
        search={{ placeholder: t('search') }}
        filters={filters}
        actions={createButton}
        onOpen={(m) => drawer.openRecord(m.id)}
        rowClassName={(m) => (m.active ? '' : 'row-inactive')}
        empty={{ title: t('empty'), hint: canManage ? t('emptyHint') : t('emptyHintReadOnly'), action: createButton }}
        exportName={t('exportName')}
      />
      <VehicleModelDrawer target={drawer.target} onClose={drawer.close} canManage={canManage} />
    </>
  );
}
