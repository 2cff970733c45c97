import { LeftOutlined, PlusOutlined, RightOutlined, SettingOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, InputNumber, Modal, Segmented, Select, Space, Spin, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { HOLDING_APPOINTMENT_STATUSES, type Appointment, type Slot } from '#contracts/appointments';
import { JOB_TYPE_LABELS, JOB_TYPES, type JobType } from '#contracts/stores';
import { useCan, useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { useRecordTarget } from '../../components/form/useRecordTarget';
import { ErrorState } from '../../components/states';
import { formatPlate } from '../../lib/format';
import { useLabel, useT } from '../../lib/i18n';
import { appointmentsApi, APPOINTMENTS_KEY, SLOTS_KEY, useRefreshAppointments } from './api';
import { AppointmentDrawer, type SlotPreset } from './AppointmentDrawer';
import { APPOINTMENT_TEXT } from './text';
import './appointments.css';

type View = 'day' | 'week';

function storeToday(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function storeNowTime(timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date());
}

const addDays = (day: string, n: number) => dayjs(day).add(n, 'day').format('YYYY-MM-DD');
/** Monday of the week of `day` (weeks start on Monday, UX.md). */
const mondayOf = (day: string) => {
  const d = dayjs(day);
  return d.subtract((d.day() + 6) % 7, 'day').format('YYYY-MM-DD');
};

interface CellProps {
  slot: Slot | undefined;
  bookings: Appointment[];
  past: boolean;
  canBook: boolean;
  canCapacity: boolean;
  onBook: (slot: Slot) => void;
  onOpen: (a: Appointment) => void;
  onCapacity: (slot: Slot) => void;
}

/** One slot of one bay type: its load, its bookings, a free place to click. */
function SlotCell({ slot, bookings, past, canBook, canCapacity, onBook, onOpen, onCapacity }: CellProps) {
  const t = useT(APPOINTMENT_TEXT);
  if (!slot) return <td className="ac-cell ac-none" />;
  const free = slot.capacity - slot.booked;
  const state = slot.capacity === 0 && slot.booked === 0 ? 'closed' : free <= 0 ? 'full' : 'free';
  const bookable = canBook && !past && free > 0;
  return (
    <td
      className={`ac-cell ac-${state}${past ? ' ac-past' : ''}${bookable ? ' ac-bookable' : ''}`}
      onClick={bookable ? () => onBook(slot) : undefined}
      title={bookable ? t('bookHere') : undefined}
    >
      <div className="ac-load">
        <span className="ac-count">
          {slot.booked}/{slot.capacity}
        </span>
        {slot.overridden ? <span className="ac-adjusted">{t('overridden')}</span> : null}
        {state === 'full' ? <span className="ac-state">{t('full')}</span> : state === 'closed' ? <span className="ac-state">{t('closed')}</span> : null}
        {canCapacity && !past ? (
          <Tooltip title={t('setCapacity')}>
            <Button
              size="small"
              type="text"
              className="ac-gear"
              icon={<SettingOutlined />}
              aria-label={t('setCapacity')}
              onClick={(e) => {
                e.stopPropagation();
                onCapacity(slot);
              }}
            />
          </Tooltip>
        ) : null}
      </div>
      {bookings.map((a) => (
        <button
          type="button"
          key={a.id}
          className={`ac-booking ac-b-${a.status}`}
          onClick={(e) => {
            e.stopPropagation();
            onOpen(a);
          }}
        >
          {formatPlate(a.plate)} <span className="ac-who">{a.contactName}</span>
        </button>
      ))}
      {bookable ? (
        <div className="ac-add">
          <PlusOutlined /> {t('free', { n: free })}
        </div>
      ) : null}
    </td>
  );
}

/** 预约看板: slots × bay types (a day) or slots × days (a week, one bay type), with load and bookings. */
export default function AppointmentCalendarPage() {
  const t = useT(APPOINTMENT_TEXT);
  const label = useLabel();
  const me = useMe();
  const can = useCan();
  const { message } = App.useApp();
  const canManage = can('appointment:manage');
  const canCapacity = can('appointment:capacity');
  const tz = me.store.timeZone;
  const today = storeToday(tz);
  const [params, setParams] = useSearchParams();
  const view: View = params.get('view') === 'week' ? 'week' : 'day';
  const rawDay = params.get('date');
  const day = rawDay && /^\d{4}-\d{2}-\d{2}$/.test(rawDay) ? rawDay : today;
  const typeParam = params.get('type') as JobType | null;
  const drawer = useRecordTarget();
  const [preset, setPreset] = useState<SlotPreset | null>(null);
  const [capacityOf, setCapacityOf] = useState<Slot | null>(null);
  const refresh = useRefreshAppointments();

  const setParam = (patch: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v === null) next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: true },
    );

  const from = view === 'day' ? day : mondayOf(day);
  const to = view === 'day' ? day : addDays(from, 6);
  const days = Array.from({ length: view === 'day' ? 1 : 7 }, (_, i) => addDays(from, i));

  const slots = useQuery({
    queryKey: [SLOTS_KEY, { from, to }],
    queryFn: ({ signal }) => appointmentsApi.slots({ from, to }, signal),
  });
  const bookings = useQuery({
    queryKey: [APPOINTMENTS_KEY, 'calendar', { from, to }],
    queryFn: ({ signal }) => appointmentsApi.list({ page: 1, pageSize: 200, from, to, sort: 'startsAt', order: 'asc' }, signal),
  });

  // Bay types with a place or a booking in the range; the rest would be empty columns.
  const usedTypes = useMemo(
    () => JOB_TYPES.filter((jt) => (slots.data ?? []).some((s) => s.jobType === jt && (s.capacity > 0 || s.booked > 0))),
    [slots.data],
  );
  const weekType: JobType | undefined = typeParam && JOB_TYPES.includes(typeParam) ? typeParam : usedTypes[0];
  const times = useMemo(() => [...new Set((slots.data ?? []).map((s) => s.time))].sort(), [slots.data]);
  const slotAt = useMemo(() => {
    const map = new Map<string, Slot>();
    for (const s of slots.data ?? []) map.set(`${s.date}|${s.time}|${s.jobType}`, s);
    return map;
  }, [slots.data]);
  const bookingsAt = useMemo(() => {
    const map = new Map<string, Appointment[]>();
    for (const a of bookings.data?.items ?? []) {
      if (!HOLDING_APPOINTMENT_STATUSES.includes(a.status)) continue;
      const key = `${a.date}|${a.time}|${a.jobType}`;
      map.set(key, [...(map.get(key) ?? []), a]);
    }
    return map;
  }, [bookings.data]);

  const nowTime = storeNowTime(tz);
  const isPast = (date: string, time: string) => date < today || (date === today && time < nowTime);
  const book = (slot: Slot) => {
    setPreset({ date: slot.date, time: slot.time, jobType: slot.jobType });
    drawer.openNew();
  };
  const cell = (date: string, time: string, jobType: JobType) => (
    <SlotCell
      key={`${date}|${jobType}`}
      slot={slotAt.get(`${date}|${time}|${jobType}`)}
      bookings={bookingsAt.get(`${date}|${time}|${jobType}`) ?? []}
      past={isPast(date, time)}
      canBook={canManage}
      canCapacity={canCapacity}
      onBook={book}
      onOpen={(a) => drawer.openRecord(a.id)}
      onCapacity={setCapacityOf}
    />
  );

  const weekdayName = (d: string) => t(`weekday${dayjs(d).day()}` as 'weekday0');
  const step = view === 'day' ? 1 : 7;

  const toolbar = (
    <div className="ac-toolbar">
      <Segmented<View>
        value={view}
        onChange={(v) => setParam({ view: v === 'day' ? null : v })}
        options={[
          { value: 'day', label: t('dayView') },
          { value: 'week', label: t('weekView') },
        ]}
      />
      <Space.Compact>
        <Button icon={<LeftOutlined />} aria-label={t('prev')} onClick={() => setParam({ date: addDays(day, -step) })} />
        <Button onClick={() => setParam({ date: null })}>{t('today')}</Button>
        <Button icon={<RightOutlined />} aria-label={t('next')} onClick={() => setParam({ date: addDays(day, step) })} />
      </Space.Compact>
      <DatePicker value={dayjs(day)} format="YYYY-MM-DD" allowClear={false} onChange={(d) => d && setParam({ date: d.format('YYYY-MM-DD') })} />
      <span className="ac-range">{view === 'day' ? `${day} ${weekdayName(day)}` : t('weekOf', { from, to })}</span>
      {view === 'week' ? (
        <Select<JobType>
          value={weekType}
          style={{ width: 150 }}
          aria-label={t('jobType')}
          prefix={<span style={{ color: 'rgba(0,0,0,0.45)' }}>{t('jobType')}</span>}
          onChange={(v) => setParam({ type: v })}
          options={JOB_TYPES.map((jt) => ({ value: jt, label: label(JOB_TYPE_LABELS, jt) }))}
          popupMatchSelectWidth={false}
        />
      ) : null}
      <span className="ac-legend">
        <span className="ac-dot ac-dot-free" />
        {t('legendFree')}
        <span className="ac-dot ac-dot-full" />
        {t('legendFull')}
      </span>
    </div>
  );

  const error = slots.error ?? bookings.error;
  let body;
  if (error) body = <ErrorState error={error} onRetry={() => void Promise.all([slots.refetch(), bookings.refetch()])} />;
  else if (slots.isPending) body = <div style={{ textAlign: 'center', padding: 48 }}><Spin /></div>;
  else if (usedTypes.length === 0 && view === 'day') body = <Alert type="info" showIcon title={t('noCapacity')} />;
  else if (view === 'day') {
    body = (
      <div className="ac-scroll">
        <table className="ac-grid">
          <thead>
            <tr>
              <th className="ac-time">{t('slotHeader')}</th>
              {usedTypes.map((jt) => (
                <th key={jt}>{label(JOB_TYPE_LABELS, jt)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {times.map((time) => (
              <tr key={time}>
                <th className="ac-time">{time}</th>
                {usedTypes.map((jt) => cell(day, time, jt))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  } else {
    body = weekType ? (
      <div className="ac-scroll">
        <table className="ac-grid ac-week">
          <thead>
            <tr>
              <th className="ac-time">{t('slotHeader')}</th>
              {days.map((d) => (
                <th key={d} className={d === today ? 'ac-today' : undefined}>
                  {d.slice(5)} {weekdayName(d)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {times.map((time) => (
              <tr key={time}>
                <th className="ac-time">{time}</th>
                {days.map((d) => cell(d, time, weekType))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    ) : (
      <Alert type="info" showIcon title={t('noCapacity')} />
    );
  }

  return (
    <>
      <PageHeader
        title={t('calendarTitle')}
        description={t('calendarDescription')}
        actions={
          <>
            <Link to="/appointments">
              <Button icon={<UnorderedListOutlined />}>{t('register')}</Button>
            </Link>
            {canManage ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => {
                  setPreset(null);
                  drawer.openNew();
                }}
              >
                {t('create')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card size="small" className="ac-card">
        {toolbar}
        {body}
      </Card>
      <AppointmentDrawer
        target={drawer.target}
        preset={preset}
        onClose={() => {
          drawer.close();
          setPreset(null);
        }}
        canManage={canManage}
      />
      <CapacityModal
        slot={capacityOf}
        onClose={() => setCapacityOf(null)}
        onSaved={async () => {
          setCapacityOf(null);
          void message.success(t('capacitySaved'));
          await refresh();
        }}
      />
    </>
  );
}

/** The manager sets one slot's capacity for one bay type (never below what is booked). */
function CapacityModal({ slot, onClose, onSaved }: { slot: Slot | null; onClose: () => void; onSaved: () => Promise<void> }) {
  const t = useT(APPOINTMENT_TEXT);
  const label = useLabel();
  const [value, setValue] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [seen, setSeen] = useState<Slot | null>(null);
  if (slot !== seen) {
    setSeen(slot);
    setValue(slot?.capacity ?? null);
    setError(null);
  }
  const save = async () => {
    if (!slot || value === null) return;
    setSaving(true);
    setError(null);
    try {
      await appointmentsApi.setCapacity({ date: slot.date, time: slot.time, jobType: slot.jobType, capacity: value });
      await onSaved();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={slot !== null}
      title={slot ? t('capacityTitle', { date: slot.date, time: slot.time, type: label(JOB_TYPE_LABELS, slot.jobType) }) : ''}
      okText={t('save')}
      cancelText={t('cancel')}
      okButtonProps={{ loading: saving, disabled: value === null }}
      onOk={() => void save()}
      onCancel={onClose}
      width={420}
    >
      <p style={{ color: 'rgba(0,0,0,0.65)' }}>{t('capacityHint', { booked: slot?.booked ?? 0 })}</p>
      <InputNumber
        autoFocus
        min={slot?.booked ?? 0}
        max={200}
        precision={0}
        value={value}
        onChange={(v) => setValue(v)}
        onPressEnter={() => void save()}
        prefix={t('capacity')}
        style={{ width: 200 }}
      />
      {error ? <div style={{ color: '#cf1322', marginTop: 8 }}>{error}</div> : null}
    </Modal>
  );
}
