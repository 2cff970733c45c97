import { PlusOutlined } from '@ant-design/icons';
import { Button, Tag } from 'antd';
import { useMemo } from 'react';
import { ROLES, ROLE_LABELS, SKILL_GRADE_LABELS } from '#contracts/roles';
import type { User } from '#contracts/users';
import { useCan, useMe } from '../../app/auth';
import { ActiveTag } from '../../components/ActiveTag';
import { useRecordTarget } from '../../components/form/useRecordTarget';
import { useActiveFilter } from '../../components/list/commonFilters';
import { ListPage } from '../../components/list/ListPage';
import type { ListColumn, ListFilter } from '../../components/list/types';
import { formatPhone } from '../../lib/format';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { useStoreNames, usersApi } from './api';
import { UserDrawer } from './UserDrawer';
import { USER_TEXT } from './text';

/** 用户管理: accounts with their store roles. */
export default function UsersPage() {
  const t = useT(USER_TEXT);
  const label = useLabel();
  const me = useMe();
  const canManage = useCan()('user:manage');
  const drawer = useRecordTarget();
  const activeFilter = useActiveFilter();
  const roleOptions = useOptions(ROLE_LABELS, ROLES);
  const { names } = useStoreNames();
  const storeId = me.store.id;

  const columns = useMemo<ListColumn<User>[]>(() => {
    const here = (u: User) => u.memberships.find((m) => m.storeId === storeId);
    const roleHere = (u: User) => (u.groupRole ? label(ROLE_LABELS, u.groupRole) : label(ROLE_LABELS, here(u)?.role));
    const storesOf = (u: User) =>
      u.groupRole ? t('allStores') : u.memberships.map((m) => names.get(m.storeId) ?? t('otherStore')).join('、') || '—';
    return [
      { key: 'username', title: t('username'), sortField: 'username', width: 140 },
      { key: 'displayName', title: t('displayName'), sortField: 'displayName', width: 120 },
      { key: 'phone', title: t('phone'), width: 130, render: (u) => formatPhone(u.phone) },
      {
        key: 'roleHere',
        title: t('roleHere'),
        width: 170,
        render: (u) => (u.groupRole ? <Tag color="geekblue">{roleHere(u)}</Tag> : roleHere(u)),
        exportValue: roleHere,
      },
      { key: 'skillGrade', title: t('skillGrade'), width: 100, render: (u) => label(SKILL_GRADE_LABELS, here(u)?.skillGrade) },
      { key: 'team', title: t('team'), width: 100, render: (u) => here(u)?.team ?? '—' },
      { key: 'stores', title: t('stores'), ellipsis: true, render: storesOf },
      { key: 'active', title: t('status'), width: 90, render: (u) => <ActiveTag active={u.active} />, exportValue: (u) => (u.active ? t('active') : t('inactive')) },
    ];
  }, [t, label, names, storeId]);
  const filters = useMemo<ListFilter[]>(
    () => [{ kind: 'select', name: 'role', label: t('role'), options: roleOptions, width: 200 }, activeFilter],
    [t, roleOptions, activeFilter],
  );
  const createButton = canManage ? (
    <Button type="primary" icon={<PlusOutlined />} onClick={drawer.openNew}>
      {t('create')}
    </Button>
  ) : null;

  return (
    <>
      <ListPage<User>
        title={t('title')}
        description={t('description')}
        listKey="users"
        queryKey={usersApi.key}
        fetch={usersApi.list}
        columns={columns}
        rowKey={(u) => u.id}
        search={{ placeholder: t('search') }}
        filters={filters}
        actions={createButton}
        onOpen={(u) => drawer.openRecord(u.id)}
        rowClassName={(u) => (u.active ? '' : 'row-inactive')}
        empty={{ title: t('empty'), hint: canManage ? t('emptyHint') : t('emptyHintReadOnly'), action: createButton }}
        exportName={t('exportName')}
      />
      <UserDrawer target={drawer.target} onClose={drawer.close} canManage={canManage} currentStoreId={storeId} />
    </>
  );
}
