import { PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useMemo } from 'react';
import { JOB_TYPES, JOB_TYPE_LABELS, type Store } from '#contracts/stores';
import { useCan } from '../../app/auth';
import { ActiveTag } from '../../components/ActiveTag';
import { useRecordTarget } from '../../components/form/useRecordTarget';
import { useActiveFilter } from '../../components/list/commonFilters';
import { ListPage } from '../../components/list/ListPage';
import type { ListColumn } from '../../components/list/types';
import { formatMoney } from '../../lib/format';
import { useLabel, useT } from '../../lib/i18n';
import { storesApi } from './api';
import { StoreDrawer } from './StoreDrawer';
import { STORE_TEXT } from './text';

/** 门店管理 (group administrator) */
export default function StoresPage() {
  const t = useT(STORE_TEXT);
  const label = useLabel();
  const canManage = useCan()('store:manage');
  const drawer = useRecordTarget();
  const activeFilter = useActiveFilter();

  const columns = useMemo<ListColumn<Store>[]>(
    () => [
      { key: 'code', title: t('code'), sortField: 'code', width: 100 },
      { key: 'name', title: t('name'), sortField: 'name', width: 220 },
      { key: 'brand', title: t('brand'), sortField: 'brand', width: 110, render: (s) => s.brand || '—' },
      { key: 'address', title: t('address'), ellipsis: true, render: (s) => s.address || '—' },
      { key: 'phone', title: t('phone'), width: 140, render: (s) => s.phone || '—' },
      { key: 'openingHours', title: t('openingHours'), width: 130, render: (s) => `${s.openingHours.opens}–${s.openingHours.closes}` },
      { key: 'timeZone', title: t('timeZone'), width: 140, defaultHidden: true },
      ...JOB_TYPES.map<ListColumn<Store>>((jobType) => ({
        key: `rate.${jobType}`,
        title: `${label(JOB_TYPE_LABELS, jobType)}${t('perHour')}`,
        width: 120,
        align: 'right',
        defaultHidden: jobType !== 'mechanical',
        render: (s) => formatMoney(s.labourRates[jobType]),
      })),
      { key: 'active', title: t('status'), width: 90, render: (s) => <ActiveTag active={s.active} />, exportValue: (s) => (s.active ? t('active') : t('inactive')) },
    ],
    [t, label],
  );
  const createButton = canManage ? (
    <Button type="primary" icon={<PlusOutlined />} onClick={drawer.openNew}>
      {t('create')}
    </Button>
  ) : null;

  return (
    <>
      <ListPage<Store>
        title={t('title')}
        description={t('description')}
        listKey="stores"
        queryKey={storesApi.key}
        fetch={storesApi.list}
        columns={columns}
        rowKey={(s) => s.id}
        search={{ placeholder: t('search') }}
        filters={[activeFilter]}
        actions={createButton}
        onOpen={(s) => drawer.openRecord(s.id)}
        rowClassName={(s) => (s.active ? '' : 'row-inactive')}
        empty={{ title: t('empty'), hint: t('emptyHint'), action: createButton }}
        exportName={t('exportName')}
      />
      <StoreDrawer target={drawer.target} onClose={drawer.close} canManage={canManage} />
    </>
  );
}
