import { CalendarOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Tooltip } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { APPOINTMENT_CHANNEL_LABELS, APPOINTMENT_STATUS_LABELS, type Appointment } from '#contracts/appointments';
import { JOB_TYPE_LABELS } from '#contracts/stores';
import { useCan, useMe } from '../../app/auth';
import { useRecordTarget } from '../../components/form/useRecordTarget';
import { ListPage } from '../../components/list/ListPage';
import type { ListColumn, ListFilter } from '../../components/list/types';
import { formatDateTime, formatMoney, formatPlate } from '../../lib/format';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { staffApi } from '../staff/api';
import { AppointmentActionButtons, StatusTag, useAppointmentActions } from './actions';
import { appointmentsApi } from './api';
import { AppointmentDrawer } from './AppointmentDrawer';
import { APPOINTMENT_TEXT } from './text';

/** 维修预约登记表 (SPEC §4): every booking with its outcome; the day-before reminder is marked here. */
export default function AppointmentsPage() {
  const t = useT(APPOINTMENT_TEXT);
  const label = useLabel();
  const me = useMe();
  const can = useCan();
  const canManage = can('appointment:manage');
  const drawer = useRecordTarget();
  const actions = useAppointmentActions();
  const statusOptions = useOptions(APPOINTMENT_STATUS_LABELS);
  const channelOptions = useOptions(APPOINTMENT_CHANNEL_LABELS);
  const staff = useQuery({
    queryKey: [staffApi.key, 'list', { role: 'service_advisor', pageSize: 200 }],
    queryFn: ({ signal }) => staffApi.list({ page: 1, pageSize: 200, role: 'service_advisor', sort: 'displayName', order: 'asc' }, signal),
    enabled: can('staff:read'),
    staleTime: 5 * 60_000,
  });
  const advisorOptions = useMemo(() => (staff.data?.items ?? []).map((s) => ({ value: String(s.userId), label: s.displayName })), [staff.data]);
  const tz = me.store.timeZone;

  const columns = useMemo<ListColumn<Appointment>[]>(
    () => [
      { key: 'number', title: t('number'), sortField: 'number', width: 140 },
      { key: 'startsAt', title: t('date'), sortField: 'startsAt', width: 135, render: (a) => `${a.date} ${a.time}` },
      { key: 'plate', title: t('plate'), width: 100, render: (a) => formatPlate(a.plate) },
      { key: 'modelName', title: t('model'), width: 180, ellipsis: true, render: (a) => a.modelName || '—', defaultHidden: true },
      { key: 'contactName', title: t('contactName'), width: 90 },
      { key: 'contactPhone', title: t('contactPhone'), width: 120 },
      { key: 'jobType', title: t('jobType'), width: 100, render: (a) => label(JOB_TYPE_LABELS, a.jobType) },
      { key: 'requestedWork', title: t('requestedWork'), width: 160, ellipsis: true },
      { key: 'channel', title: t('channel'), width: 100, defaultHidden: true, render: (a) => label(APPOINTMENT_CHANNEL_LABELS, a.channel) },
      { key: 'advisorName', title: t('advisor'), width: 90, defaultHidden: true, render: (a) => a.advisorName || '—' },
      { key: 'partsToPrepare', title: t('partsToPrepare'), width: 160, ellipsis: true, defaultHidden: true, render: (a) => a.partsToPrepare || '—' },
      { key: 'depositFen', title: t('deposit'), width: 100, align: 'right', defaultHidden: true, render: (a) => (a.depositFen ? formatMoney(a.depositFen) : '—') },
      { key: 'status', title: t('status'), sortField: 'status', width: 100, render: (a) => <StatusTag status={a.status} />, exportValue: (a) => label(APPOINTMENT_STATUS_LABELS, a.status) },
      {
        key: 'remindedAt',
        title: t('reminded'),
        width: 130,
        render: (a) => (a.remindedAt ? formatDateTime(a.remindedAt, tz) : a.status === 'booked' ? <span style={{ color: '#d46b08' }}>{t('notReminded')}</span> : '—'),
        exportValue: (a) => (a.remindedAt ? formatDateTime(a.remindedAt, tz) : ''),
      },
      { key: 'arrivedAt', title: t('arrivedAt'), width: 140, defaultHidden: true, render: (a) => formatDateTime(a.arrivedAt, tz) },
      { key: 'cancelReason', title: t('cancelReason'), width: 140, defaultHidden: true, render: (a) => a.cancelReason || '—' },
      { key: 'createdByName', title: t('createdBy'), width: 90, defaultHidden: true },
      {
        key: 'actions',
        title: t('actions'),
        width: 210,
        render: (a) => <AppointmentActionButtons a={a} actions={actions} withPrint />,
        exportValue: () => null,
      },
    ],
    [t, label, tz, actions],
  );

  const filters = useMemo<ListFilter[]>(
    () => [
      { kind: 'dateRange', from: 'from', to: 'to', label: t('dateRange') },
      { kind: 'select', name: 'status', label: t('status'), options: statusOptions, width: 140 },
      { kind: 'select', name: 'channel', label: t('channel'), options: channelOptions, width: 150 },
      ...(advisorOptions.length ? [{ kind: 'select' as const, name: 'advisorId', label: t('advisor'), options: advisorOptions, width: 150 }] : []),
    ],
    [t, statusOptions, channelOptions, advisorOptions],
  );

  const headerActions = (
    <>
      <Tooltip title={t('calendarDescription')}>
        <Link to="/appointment-calendar">
          <Button icon={<CalendarOutlined />}>{t('calendar')}</Button>
        </Link>
      </Tooltip>
      {canManage ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={drawer.openNew}>
          {t('create')}
        </Button>
      ) : null}
    </>
  );

  return (
    <>
      <ListPage<Appointment>
        title={t('registerTitle')}
        description={t('registerDescription')}
        listKey="appointments"
        queryKey={appointmentsApi.key}
        fetch={appointmentsApi.list}
        columns={columns}
        rowKey={(a) => a.id}
        search={{ placeholder: t('search') }}
        filters={filters}
        actions={headerActions}
        onOpen={(a) => drawer.openRecord(a.id)}
        rowClassName={(a) => (a.status === 'cancelled' || a.status === 'no_show' ? 'row-inactive' : '')}
        empty={{ title: t('empty'), hint: t('emptyHint'), action: canManage ? <Button onClick={drawer.openNew}>{t('create')}</Button> : undefined }}
        exportName={t('exportName')}
      />
      <AppointmentDrawer target={drawer.target} onClose={drawer.close} canManage={canManage} />
      {actions.cancelModal}
    </>
  );
}
