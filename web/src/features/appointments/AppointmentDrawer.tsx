import { useQuery } from '@tanstack/react-query';
import { App, Col, DatePicker, Descriptions, Form, Input, Radio, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import {
  APPOINTMENT_CHANNEL_LABELS,
  APPOINTMENT_STATUS_LABELS,
  type Appointment,
  type AppointmentChannel,
  type AppointmentCreate,
} from '#contracts/appointments';
import type { SearchResponse } from '#contracts/customers-tools';
import type { VehiclePage } from '#contracts/customers-vehicles';
import { JOB_TYPE_LABELS, type JobType } from '#contracts/stores';
import { useMe } from '../../app/auth';
import { FormDrawer } from '../../components/form/FormDrawer';
import { MoneyInput } from '../../components/form/MoneyInput';
import type { RecordTarget } from '../../components/form/useRecordTarget';
import { api } from '../../lib/api';
import { formatDateTime, formatPlate } from '../../lib/format';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { vehiclesApi } from '../customers/api';
import { AdvisorSelect, useDebounced } from '../customers/pickers';
import { AppointmentActionButtons, StatusTag, useAppointmentActions } from './actions';
import { APPOINTMENTS_KEY, appointmentsApi, SLOTS_KEY, useRefreshAppointments } from './api';
import { APPOINTMENT_TEXT } from './text';

interface Values {
  vehicleId: number | null;
  contactFrom: 'owner' | 'driver' | 'other';
  customerId: number | null;
  contactName: string;
  contactPhone: string;
  channel: AppointmentChannel;
  date: string | null;
  time: string | null;
  jobType: JobType;
  requestedWork: string;
  advisorId: number | null;
  partsToPrepare: string;
  depositFen: number | null;
  notes: string;
}

export interface SlotPreset {
  date: string;
  time: string;
  jobType: JobType;
}

/** The store's "now" as a local day and HH:mm. */
function storeNow(timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date());
  const get = (k: string) => parts.find((p) => p.type === k)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/** A day as the form keeps it (YYYY-MM-DD) in an Ant date picker; days before today cannot be picked. */
function DayInput({ id, value, onChange, today, disabled }: { id?: string; value?: string | null; onChange?: (v: string | null) => void; today: string; disabled?: boolean }) {
  return (
    <DatePicker
      id={id}
      style={{ width: '100%' }}
      format="YYYY-MM-DD"
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
      disabledDate={(d) => d.format('YYYY-MM-DD') < today}
      disabled={disabled}
      allowClear={false}
    />
  );
}

/** Finds the car by plate, phone or name through the header search's endpoint. */
function VehicleFinder({ id, value, onChange, autoFocus }: { id?: string; value?: number | null; onChange?: (v: number | null) => void; autoFocus?: boolean }) {
  const t = useT(APPOINTMENT_TEXT);
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 200);
  const query = useQuery({
    queryKey: ['search', q],
    queryFn: ({ signal }) => api.get<SearchResponse>('/api/search', { q, limit: 10 }, signal),
    enabled: q.length > 0,
    staleTime: 15_000,
  });
  const options = (query.data?.items ?? []).filter((i) => i.type === 'vehicle').map((i) => ({ value: i.id, label: `${i.title}  ${i.subtitle}` }));
  return (
    <Select<number>
      id={id}
      value={value ?? undefined}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      autoFocus={autoFocus}
      defaultActiveFirstOption
      placeholder={t('findVehicle')}
      options={options}
      loading={query.isFetching}
      notFoundContent={q ? (query.isFetching ? t('searching') : t('noVehicle')) : t('findVehicleHint')}
      onChange={(v) => onChange?.(v ?? null)}
      aria-label={t('findVehicle')}
    />
  );
}

/** The free times of a day for a bay type, from the slot grid: full and past slots cannot be picked. */
function SlotSelect({ id, value, onChange, date, jobType, keep, timeZone, disabled }: { id?: string; value?: string | null; onChange?: (v: string | null) => void; date: string | null; jobType: JobType | undefined; keep?: string; timeZone: string; disabled?: boolean }) {
  const t = useT(APPOINTMENT_TEXT);
  const slots = useQuery({
    queryKey: [SLOTS_KEY, { from: date, to: date, jobType }],
    queryFn: ({ signal }) => appointmentsApi.slots({ from: date!, to: date!, jobType }, signal),
    enabled: Boolean(date && jobType),
  });
  const now = storeNow(timeZone);
  const options = (slots.data ?? []).map((s) => {
    const past = s.date < now.date || (s.date === now.date && s.time < now.time);
    const full = s.booked >= s.capacity;
    const state = s.capacity === 0 ? t('closed') : full ? t('full') : past ? t('past') : t('free', { n: s.capacity - s.booked });
    return {
      value: s.time,
      label: `${s.time}  ${state}（${s.booked}/${s.capacity}）`,
      disabled: s.time !== keep && (past || full),
    };
  });
  return (
    <Select<string>
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      loading={slots.isFetching}
      disabled={disabled || !date || !jobType}
      placeholder={!date || !jobType ? t('pickDateFirst') : undefined}
      notFoundContent={t('noSlots')}
      showSearch={{ optionFilterProp: 'label' }}
    />
  );
}

export function AppointmentDrawer({ target, preset, onClose, canManage }: { target: RecordTarget; preset?: SlotPreset | null; onClose: () => void; canManage: boolean }) {
  const t = useT(APPOINTMENT_TEXT);
  const label = useLabel();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const refresh = useRefreshAppointments();
  const actions = useAppointmentActions();
  const channelOptions = useOptions(APPOINTMENT_CHANNEL_LABELS);
  const jobTypeOptions = useOptions(JOB_TYPE_LABELS);
  const isNew = target === 'new';
  const id = typeof target === 'number' ? target : null;
  const today = storeNow(me.store.timeZone).date;

  const record = useQuery({
    queryKey: [APPOINTMENTS_KEY, 'detail', id],
    queryFn: () => appointmentsApi.get(id!),
    enabled: id !== null,
  });
  const a: Appointment | undefined = record.data;

  const vehicleId = Form.useWatch('vehicleId', form) ?? null;
  const date = Form.useWatch('date', form) ?? null;
  const jobType = Form.useWatch('jobType', form);
  const vehicle = useQuery({
    queryKey: ['vehicles', 'detail', vehicleId],
    queryFn: () => vehiclesApi.get(vehicleId!),
    enabled: isNew && vehicleId !== null,
  });

  // A picked car fills the contact from its owner (or driver): nothing retyped that the files know.
  const fillContact = (v: VehiclePage, from: 'owner' | 'driver' | 'other') => {
    const person = from === 'owner' ? v.owner : from === 'driver' ? v.driver : null;
    if (person) form.setFieldsValue({ customerId: person.id, contactName: person.name, contactPhone: person.mobile ?? '' });
    else form.setFieldsValue({ customerId: null });
  };
  useEffect(() => {
    if (!isNew || !vehicle.data || vehicle.data.id !== vehicleId) return;
    const from = vehicle.data.owner ? 'owner' : vehicle.data.driver ? 'driver' : 'other';
    form.setFieldsValue({ contactFrom: from });
    fillContact(vehicle.data, from);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [vehicle.data, vehicleId, isNew]);

  const initialValues = useMemo<Partial<Values>>(() => {
    if (a) {
      return {
        vehicleId: a.vehicleId,
        contactFrom: 'other',
        customerId: a.customerId,
        contactName: a.contactName,
        contactPhone: a.contactPhone,
        channel: a.channel,
        date: a.date,
        time: a.time,
        jobType: a.jobType,
        requestedWork: a.requestedWork,
        advisorId: a.advisorId,
        partsToPrepare: a.partsToPrepare,
        depositFen: a.depositFen,
        notes: a.notes,
      };
    }
    return {
      vehicleId: null,
      contactFrom: 'other',
      customerId: null,
      channel: 'phone',
      date: preset?.date ?? today,
      time: preset?.time ?? null,
      jobType: preset?.jobType ?? 'quick_service',
      advisorId: me.role === 'service_advisor' ? me.user.id : null,
      partsToPrepare: '',
      depositFen: 0,
      notes: '',
    };
  }, [a, preset, today, me]);

  const readOnly = !canManage || (a !== undefined && a.status !== 'booked');
  const open = target !== null;

  const submit = async (v: Values) => {
    const body: Omit<AppointmentCreate, 'vehicleId'> = {
      customerId: v.customerId ?? null,
      contactName: v.contactName,
      contactPhone: v.contactPhone,
      channel: v.channel,
      date: v.date ?? '',
      time: v.time ?? '',
      jobType: v.jobType,
      requestedWork: v.requestedWork,
      advisorId: v.advisorId ?? null,
      partsToPrepare: v.partsToPrepare ?? '',
      depositFen: v.depositFen ?? 0,
      notes: v.notes ?? '',
    };
    if (isNew) {
      await appointmentsApi.create({ ...body, vehicleId: v.vehicleId ?? 0 });
      void message.success(t('created'));
    } else if (a) {
      await appointmentsApi.update(a.id, { ...body, version: a.version });
      void message.success(t('saved'));
    }
    await refresh();
    onClose();
  };

  const title = isNew ? t('create') : a ? (
    <span>
      {t('form')} {a.number} <StatusTag status={a.status} />
    </span>
  ) : t('view');

  return (
    <>
      <FormDrawer<Values>
        open={open}
        title={title}
        form={form}
        initialValues={initialValues}
        initKey={isNew ? `new-${preset?.date ?? ''}-${preset?.time ?? ''}-${preset?.jobType ?? ''}` : `${id}-${a?.version ?? 0}`}
        loading={id !== null && record.isPending}
        onSubmit={submit}
        onClose={onClose}
        onReload={() => void record.refetch()}
        readOnly={readOnly}
        width={800}
        rename={{ vehicleId: 'vehicleId' }}
        footerExtra={a ? <AppointmentActionButtons a={a} actions={actions} size="middle" withPrint /> : null}
      >
        {isNew ? (
          <Form.Item name="vehicleId" label={t('vehicle')} rules={[{ required: true, message: t('findVehicle') }]}>
            <VehicleFinder autoFocus />
          </Form.Item>
        ) : a ? (
          <Descriptions size="small" column={2} style={{ marginBottom: 16 }} bordered>
            <Descriptions.Item label={t('plate')}>{formatPlate(a.plate)}</Descriptions.Item>
            <Descriptions.Item label={t('model')}>{a.modelName || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('createdBy')}>{a.createdByName || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('createdAt')}>{formatDateTime(a.createdAt, me.store.timeZone)}</Descriptions.Item>
            {a.arrivedAt ? <Descriptions.Item label={t('arrivedAt')}>{formatDateTime(a.arrivedAt, me.store.timeZone)}</Descriptions.Item> : null}
            {a.cancelReason ? <Descriptions.Item label={t('cancelReason')}>{a.cancelReason}</Descriptions.Item> : null}
            {a.status === 'booked' ? <Descriptions.Item label={t('reminded')}>{a.remindedAt ? formatDateTime(a.remindedAt, me.store.timeZone) : t('notReminded')}</Descriptions.Item> : null}
            {a.status !== 'booked' ? <Descriptions.Item label={t('status')}>{label(APPOINTMENT_STATUS_LABELS, a.status)}</Descriptions.Item> : null}
          </Descriptions>
        ) : null}
        <Form.Item name="customerId" hidden>
          <Input />
        </Form.Item>
        {isNew && vehicle.data && (vehicle.data.owner || vehicle.data.driver) ? (
          <Form.Item name="contactFrom" label={t('contactFrom')}>
            <Radio.Group
              optionType="button"
              onChange={(e) => vehicle.data && fillContact(vehicle.data, e.target.value as Values['contactFrom'])}
              options={[
                ...(vehicle.data.owner ? [{ value: 'owner', label: `${t('owner')} ${vehicle.data.owner.name}` }] : []),
                ...(vehicle.data.driver && vehicle.data.driver.id !== vehicle.data.owner?.id ? [{ value: 'driver', label: `${t('driver')} ${vehicle.data.driver.name}` }] : []),
                { value: 'other', label: t('other') },
              ]}
            />
          </Form.Item>
        ) : null}
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="contactName" label={t('contactName')} rules={[{ required: true, whitespace: true }, { max: 50 }]}>
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="contactPhone" label={t('contactPhone')} rules={[{ required: true, whitespace: true }, { min: 5, max: 30 }]}>
              <Input maxLength={30} autoComplete="off" inputMode="tel" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="channel" label={t('channel')} rules={[{ required: true }]}>
              <Select options={channelOptions} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="date" label={t('date')} rules={[{ required: true }]}>
              <DayInput today={today} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="jobType" label={t('jobType')} rules={[{ required: true }]}>
              <Select options={jobTypeOptions} onChange={() => form.setFieldsValue({ time: null })} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="time" label={t('time')} rules={[{ required: true }]}>
              <SlotSelect date={date} jobType={jobType} keep={a && a.date === date && a.jobType === jobType ? a.time : undefined} timeZone={me.store.timeZone} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="requestedWork" label={t('requestedWork')} rules={[{ required: true, whitespace: true }, { max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} placeholder={t('requestedWorkPlaceholder')} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="advisorId" label={t('advisor')}>
              <AdvisorSelect currentName={a?.advisorName} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="depositFen" label={t('deposit')}>
              <MoneyInput max="10000000" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="partsToPrepare" label={t('partsToPrepare')} rules={[{ max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} placeholder={t('partsPlaceholder')} />
        </Form.Item>
        <Form.Item name="notes" label={t('notes')} rules={[{ max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} />
        </Form.Item>
      </FormDrawer>
      {actions.cancelModal}
    </>
  );
}
