import { PlusOutlined } from '@ant-design/icons';
import { Button, Space, Tag } from 'antd';
import { useMemo } from 'react';
import { SKILL_GRADE_LABELS } from '#contracts/roles';
import { VEHICLE_SYSTEM_LABELS, type ServiceItem } from '#contracts/service-items';
import { JOB_TYPE_LABELS } from '#contracts/stores';
import { useCan } from '../../app/auth';
import { ActiveTag } from '../../components/ActiveTag';
import { useRecordTarget } from '../../components/form/useRecordTarget';
import { useActiveFilter } from '../../components/list/commonFilters';
import { ListPage } from '../../components/list/ListPage';
import type { ListColumn, ListFilter } from '../../components/list/types';
import { formatMoney } from '../../lib/format';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { serviceItemsApi } from './api';
import { ServiceItemDrawer } from './ServiceItemDrawer';
import { SERVICE_ITEM_TEXT } from './text';

/** 维修项目 */
export default function ServiceItemsPage() {
  const t = useT(SERVICE_ITEM_TEXT);
  const label = useLabel();
  const canManage = useCan()('service_item:manage');
  const drawer = useRecordTarget();
  const activeFilter = useActiveFilter();
  const systemOptions = useOptions(VEHICLE_SYSTEM_LABELS);
  const jobTypeOptions = useOptions(JOB_TYPE_LABELS);

  const columns = useMemo<ListColumn<ServiceItem>[]>(
    () => [
      { key: 'code', title: t('code'), sortField: 'code', width: 110 },
      { key: 'name', title: t('name'), sortField: 'name' },
      { key: 'system', title: t('system'), sortField: 'system', width: 100, render: (s) => label(VEHICLE_SYSTEM_LABELS, s.system) },
      { key: 'jobType', title: t('jobType'), width: 100, render: (s) => label(JOB_TYPE_LABELS, s.jobType) },
      { key: 'standardHours', title: t('standardHours'), sortField: 'standardHours', width: 100, align: 'right', render: (s) => s.standardHours },
      { key: 'requiredGrade', title: t('requiredGrade'), width: 100, render: (s) => label(SKILL_GRADE_LABELS, s.requiredGrade) },
      { key: 'requiredCertification', title: t('requiredCertification'), width: 140, ellipsis: true, render: (s) => s.requiredCertification ?? '—' },
      {
        key: 'price',
        title: t('price'),
        width: 140,
        align: 'right',
        render: (s) => (
          <Space size={4}>
            {s.fixedPriceFen !== null ? <Tag color="purple">{t('fixedTag')}</Tag> : null}
            {formatMoney(s.priceFen)}
          </Space>
        ),
        exportValue: (s) => formatMoney(s.priceFen),
      },
      { key: 'active', title: t('status'), width: 90, render: (s) => <ActiveTag active={s.active} />, exportValue: (s) => (s.active ? t('active') : t('inactive')) },
    ],
    [t, label],
  );
  const filters = useMemo<ListFilter[]>(
    () => [
      { kind: 'select', name: 'system', label: t('system'), options: systemOptions },
      { kind: 'select', name: 'jobType', label: t('jobType'), options: jobTypeOptions },
      activeFilter,
    ],
    [t, systemOptions, jobTypeOptions, activeFilter],
  );
  const createButton = canManage ? (
    <Button type="primary" icon={<PlusOutlined />} onClick={drawer.openNew}>
      {t('create')}
    </Button>
  ) : null;

  return (
    <>
      <ListPage<ServiceItem>
        title={t('title')}
        description={t('description')}
        listKey="service-items"
        queryKey={serviceItemsApi.key}
        fetch={serviceItemsApi.list}
        columns={columns}
        rowKey={(s) => s.id}
        search={{ placeholder: t('search') }}
        filters={filters}
        actions={createButton}
        onOpen={(s) => drawer.openRecord(s.id)}
        rowClassName={(s) => (s.active ? '' : 'row-inactive')}
        empty={{ title: t('empty'), hint: canManage ? t('emptyHint') : t('emptyHintReadOnly'), action: createButton }}
        exportName={t('exportName')}
      />
      <ServiceItemDrawer target={drawer.target} onClose={drawer.close} canManage={canManage} />
    </>
  );
}
