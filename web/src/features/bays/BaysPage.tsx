import { PlusOutlined } from '@ant-design/icons';
import { Button, Tag } from 'antd';
import { useMemo } from 'react';
import type { Bay } from '#contracts/bays';
import { JOB_TYPE_LABELS } from '#contracts/stores';
import { ActiveTag } from '../../components/ActiveTag';
import { useRecordTarget } from '../../components/form/useRecordTarget';
import { useActiveFilter } from '../../components/list/commonFilters';
import { ListPage } from '../../components/list/ListPage';
import type { ListColumn, ListFilter } from '../../components/list/types';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { useCan } from '../../app/auth';
import { baysApi } from './api';
import { BayDrawer } from './BayDrawer';
import { BAY_TEXT } from './text';

/** 工位管理: the list of bays and the drawer that creates and edits one. */
export default function BaysPage() {
  const t = useT(BAY_TEXT);
  const label = useLabel();
  const can = useCan();
  const canManage = can('bay:manage');
  const drawer = useRecordTarget();
  const typeOptions = useOptions(JOB_TYPE_LABELS);
  const activeFilter = useActiveFilter();

  const columns = useMemo<ListColumn<Bay>[]>(
    () => [
      { key: 'code', title: t('code'), sortField: 'code', width: 120 },
      { key: 'name', title: t('name'), sortField: 'name' },
      { key: 'type', title: t('type'), sortField: 'type', width: 140, render: (b) => label(JOB_TYPE_LABELS, b.type) },
      {
        key: 'reservedForAppointments',
        title: t('reserved'),
        width: 120,
        render: (b) => (b.reservedForAppointments ? <Tag color="blue">{t('reserved')}</Tag> : '—'),
        exportValue: (b) => (b.reservedForAppointments ? t('yes') : t('no')),
      },
      { key: 'active', title: t('status'), width: 100, render: (b) => <ActiveTag active={b.active} />, exportValue: (b) => (b.active ? t('active') : t('inactive')) },
    ],
    [t, label],
  );
  const filters = useMemo<ListFilter[]>(
    () => [{ kind: 'select', name: 'type', label: t('type'), options: typeOptions }, activeFilter],
    [t, typeOptions, activeFilter],
  );

  const createButton = canManage ? (
    <Button type="primary" icon={<PlusOutlined />} onClick={drawer.openNew}>
      {t('create')}
    </Button>
  ) : null;

  return (
    <>
      <ListPage<Bay>
        title={t('title')}
        description={t('description')}
        listKey="bays"
        queryKey={baysApi.key}
        fetch={baysApi.list}
        columns={columns}
        rowKey={(b) => b.id}
        search={{ placeholder: t('search') }}
        filters={filters}
        actions={createButton}
        onOpen={(b) => drawer.openRecord(b.id)}
        rowClassName={(b) => (b.active ? '' : 'row-inactive')}
        empty={{ title: t('empty'), hint: canManage ? t('emptyHint') : t('emptyHintReadOnly'), action: createButton }}
        exportName={t('exportName')}
      />
      <BayDrawer target={drawer.target} onClose={drawer.close} canManage={canManage} />
    </>
  );
}
