import { Space } from 'antd';
import { useMemo } from 'react';
import { ROLES, ROLE_LABELS, SKILL_GRADES, SKILL_GRADE_LABELS } from '#contracts/roles';
import { localDay, type StaffMember } from '#contracts/staff';
import { useCan, useMe } from '../../app/auth';
import { useRecordTarget } from '../../components/form/useRecordTarget';
import { ListPage } from '../../components/list/ListPage';
import type { ListColumn, ListFilter } from '../../components/list/types';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { staffApi } from './api';
import { CertificationTag } from './CertificationTag';
import { StaffDrawer } from './StaffDrawer';
import { STAFF_TEXT } from './text';

/** 员工技能与认证 */
export default function StaffPage() {
  const t = useT(STAFF_TEXT);
  const label = useLabel();
  const me = useMe();
  const canManage = useCan()('staff:manage');
  const drawer = useRecordTarget();
  const roleOptions = useOptions(ROLE_LABELS, ROLES);
  const gradeOptions = useOptions(SKILL_GRADE_LABELS, SKILL_GRADES);
  const today = localDay(new Date(), me.store.timeZone);

  const columns = useMemo<ListColumn<StaffMember>[]>(
    () => [
      { key: 'displayName', title: t('displayName'), sortField: 'displayName', width: 110 },
      { key: 'username', title: t('username'), sortField: 'username', width: 120, defaultHidden: true },
      { key: 'role', title: t('role'), sortField: 'role', width: 150, render: (m) => label(ROLE_LABELS, m.role) },
      { key: 'skillGrade', title: t('skillGrade'), width: 100, render: (m) => label(SKILL_GRADE_LABELS, m.skillGrade) },
      { key: 'team', title: t('team'), sortField: 'team', width: 110, render: (m) => m.team ?? '—' },
      {
        key: 'certifications',
        title: t('certifications'),
        render: (m) =>
          m.certifications.length === 0 ? (
            '—'
          ) : (
            <Space size={[0, 4]} wrap>
              {m.certifications.map((c) => (
                <CertificationTag key={c.id} cert={c} today={today} />
              ))}
            </Space>
          ),
        exportValue: (m) => m.certifications.map((c) => `${c.name}${c.expiresOn ? `（${c.expiresOn}）` : ''}${c.expired ? ` ${t('expired')}` : ''}`).join('；'),
      },
      { key: 'status', title: t('status'), width: 80, render: (m) => (m.active ? t('active') : t('inactive')), defaultHidden: true },
    ],
    [t, label, today],
  );
  const filters = useMemo<ListFilter[]>(
    () => [
      { kind: 'select', name: 'role', label: t('role'), options: roleOptions, width: 200 },
      { kind: 'select', name: 'skillGrade', label: t('skillGrade'), options: gradeOptions },
    ],
    [t, roleOptions, gradeOptions],
  );

  return (
    <>
      <ListPage<StaffMember>
        title={t('title')}
        description={t('description')}
        listKey="staff"
        queryKey={staffApi.key}
        fetch={staffApi.list}
        columns={columns}
        rowKey={(m) => m.userId}
        search={{ placeholder: t('search') }}
        filters={filters}
        onOpen={(m) => drawer.openRecord(m.userId)}
        rowClassName={(m) => (m.active ? '' : 'row-inactive')}
        empty={{ title: t('empty'), hint: t('emptyHint') }}
        exportName={t('exportName')}
      />
      <StaffDrawer target={drawer.target} onClose={drawer.close} canManage={canManage} today={today} />
    </>
  );
}
