import { BellOutlined, CheckCircleOutlined, CloseCircleOutlined, PrinterOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Space, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { APPOINTMENT_STATUS_LABELS, type Appointment, type AppointmentStatus } from '#contracts/appointments';
import { useCan } from '../../app/auth';
import { isApiError } from '../../lib/api';
import { formatPlate } from '../../lib/format';
import { useLabel, useT } from '../../lib/i18n';
import { appointmentsApi, useRefreshAppointments } from './api';
import { APPOINTMENT_TEXT } from './text';

/** SPEC §4's default lateness; the store may set another (store settings). */
export const DEFAULT_LATE_MINUTES = 15;

const STATUS_COLOR: Record<AppointmentStatus, string> = {
  booked: 'blue',
  arrived: 'green',
  arrived_late: 'orange',
  no_show: 'red',
  cancelled: 'default',
};

export function StatusTag({ status }: { status: AppointmentStatus }) {
  const label = useLabel();
  return <Tag color={STATUS_COLOR[status]}>{label(APPOINTMENT_STATUS_LABELS, status)}</Tag>;
}

/** Opens the printable 维修预约单 in a new tab. */
export function printAppointment(id: number): void {
  window.open(`/appointments/${id}/print`, '_blank', 'noopener');
}

/** Outcomes and the reminder, each confirmed first and saying what it does. */
export function useAppointmentActions() {
  const t = useT(APPOINTMENT_TEXT);
  const label = useLabel();
  const { modal, message } = App.useApp();
  const refresh = useRefreshAppointments();
  const [cancelling, setCancelling] = useState<Appointment | null>(null);

  const fail = (err: unknown) => {
    void message.error(isApiError(err) || err instanceof Error ? err.message : String(err));
  };
  const plateOf = (a: Appointment) => (a.plate ? formatPlate(a.plate) : a.contactName);

  const outcome = (a: Appointment, kind: 'arrived' | 'no_show') =>
    modal.confirm({
      title: kind === 'arrived' ? t('arriveTitle', { plate: plateOf(a) }) : t('noShowTitle', { plate: plateOf(a) }),
      content: kind === 'arrived' ? t('arriveContent', { late: DEFAULT_LATE_MINUTES }) : t('noShowContent'),
      okText: kind === 'arrived' ? t('arrive') : t('noShow'),
      okButtonProps: kind === 'no_show' ? { danger: true } : undefined,
      cancelText: t('cancel'),
      onOk: async () => {
        try {
          const saved = await appointmentsApi.outcome(a.id, { outcome: kind, reason: '', version: a.version });
          void message.success(t('outcomeSaved', { status: label(APPOINTMENT_STATUS_LABELS, saved.status) }));
          await refresh();
        } catch (err) {
          fail(err);
          await refresh();
        }
      },
    });

  const remind = (a: Appointment) =>
    modal.confirm({
      title: t('markRemindedTitle'),
      content: t('markRemindedContent', { name: a.contactName, date: a.date, time: a.time }),
      okText: t('markReminded'),
      cancelText: t('cancel'),
      onOk: async () => {
        try {
          await appointmentsApi.reminded(a.id);
          void message.success(t('remindedDone'));
          await refresh();
        } catch (err) {
          fail(err);
        }
      },
    });

  const cancelModal = (
    <CancelModal
      appointment={cancelling}
      onClose={() => setCancelling(null)}
      onDone={async () => {
        setCancelling(null);
        void message.success(t('outcomeSaved', { status: label(APPOINTMENT_STATUS_LABELS, 'cancelled') }));
        await refresh();
      }}
    />
  );

  return { arrive: (a: Appointment) => outcome(a, 'arrived'), noShow: (a: Appointment) => outcome(a, 'no_show'), remind, cancel: setCancelling, cancelModal };
}

function CancelModal({ appointment, onClose, onDone }: { appointment: Appointment | null; onClose: () => void; onDone: () => Promise<void> }) {
  const t = useT(APPOINTMENT_TEXT);
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async ({ reason }: { reason: string }) => {
    if (!appointment) return;
    setSaving(true);
    setError(null);
    try {
      await appointmentsApi.outcome(appointment.id, { outcome: 'cancelled', reason, version: appointment.version });
      form.resetFields();
      await onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={appointment !== null}
      title={appointment ? t('cancelTitle', { number: appointment.number }) : ''}
      okText={t('confirmCancel')}
      okButtonProps={{ danger: true, loading: saving }}
      cancelText={t('keepBooking')}
      onOk={() => form.submit()}
      onCancel={() => {
        form.resetFields();
        setError(null);
        onClose();
      }}
      destroyOnHidden
    >
      <p>{t('cancelContent')}</p>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="reason" label={t('cancelReason')} rules={[{ required: true, whitespace: true, message: t('cancelReasonRequired') }, { max: 300 }]}>
          <Input autoFocus maxLength={300} />
        </Form.Item>
        {error ? <div style={{ color: '#cf1322' }}>{error}</div> : null}
      </Form>
    </Modal>
  );
}

/** The buttons of one booking (register row, drawer footer). */
export function AppointmentActionButtons({ a, actions, size = 'small', withPrint = false }: { a: Appointment; actions: ReturnType<typeof useAppointmentActions>; size?: 'small' | 'middle'; withPrint?: boolean }) {
  const t = useT(APPOINTMENT_TEXT);
  const can = useCan();
  const manage = can('appointment:manage');
  const stop = (fn: () => void) => (e: React.MouseEvent) => {
    e.stopPropagation();
    fn();
  };
  const compact = size === 'small';
  const button = (key: string, text: string, icon: React.ReactNode, onClick: () => void, danger = false) =>
    compact ? (
      <Tooltip key={key} title={text}>
        <Button size={size} danger={danger} icon={icon} aria-label={text} onClick={stop(onClick)} />
      </Tooltip>
    ) : (
      <Button key={key} size={size} danger={danger} icon={icon} onClick={stop(onClick)}>
        {text}
      </Button>
    );
  return (
    <Space size={4} wrap={false} onClick={(e) => e.stopPropagation()}>
      {manage && a.status === 'booked'
        ? [
            a.remindedAt ? null : (
              <Button key="remind" size={size} icon={<BellOutlined />} onClick={stop(() => actions.remind(a))}>
                {t('markReminded')}
              </Button>
            ),
            button('arrive', t('arrive'), <CheckCircleOutlined />, () => actions.arrive(a)),
            button('noShow', t('noShow'), <StopOutlined />, () => actions.noShow(a)),
            button('cancel', t('cancelBooking'), <CloseCircleOutlined />, () => actions.cancel(a), true),
          ]
        : null}
      {withPrint ? button('print', t('print'), <PrinterOutlined />, () => printAppointment(a.id)) : null}
    </Space>
  );
}
