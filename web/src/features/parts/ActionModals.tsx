import { Form, Input, Modal, Select } from 'antd';
import { useState, type ReactNode } from 'react';
import type { PartUnit } from '#contracts/parts';
import { isApiError } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { QtyInput, qtyRule } from './common';
import { PARTS_TEXT } from './text';

/**
 * A small confirm-with-a-reason dialog (cancel a request or an order, scrap an old part): the
 * reason is asked in the dialog itself; a failed call keeps the dialog open with the server's words.
 */
type ReasonProps = {
  open: boolean;
  title: string;
  content?: ReactNode;
  okText: string;
  danger?: boolean;
  required?: boolean;
  label?: string;
  onOk: (reason: string) => Promise<unknown>;
  onClose: () => void;
};

export function ReasonModal(props: ReasonProps) {
  return props.open ? <ReasonDialog {...props} /> : null;
}

function ReasonDialog({
  title,
  content,
  okText,
  danger,
  required = true,
  label,
  onOk,
  onClose,
}: ReasonProps) {
  const t = useT(PARTS_TEXT);
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await onOk((reason ?? '').trim());
      onClose();
    } catch (err) {
      setError(isApiError(err) || err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={title} okText={okText} cancelText={t('cancel')} okButtonProps={{ danger, loading: busy }} onOk={() => void submit()} onCancel={onClose} destroyOnHidden>
      {content ? <div style={{ marginBottom: 12 }}>{content}</div> : null}
      <Form form={form} layout="vertical" onFinish={() => void submit()}>
        <Form.Item name="reason" label={label ?? t('reason')} rules={required ? [{ required: true, whitespace: true }, { max: 200 }] : [{ max: 200 }]} validateStatus={error ? 'error' : undefined} help={error ?? undefined}>
          <Input autoFocus maxLength={200} onPressEnter={() => void submit()} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export interface QtyValues {
  quantity: string;
  location: string;
  reason: string;
}

/** Asks a quantity (and where from / why): partial issue, return. */
type QtyProps = {
  open: boolean;
  title: string;
  hint?: ReactNode;
  unit?: PartUnit;
  okText: string;
  defaults: Partial<QtyValues>;
  locations: string[];
  withReason?: boolean;
  onOk: (values: QtyValues) => Promise<unknown>;
  onClose: () => void;
};

export function QtyModal(props: QtyProps) {
  return props.open ? <QtyDialog {...props} /> : null;
}

function QtyDialog({
  title,
  hint,
  unit,
  okText,
  defaults,
  locations,
  withReason,
  onOk,
  onClose,
}: QtyProps) {
  const t = useT(PARTS_TEXT);
  const [form] = Form.useForm<QtyValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await onOk({ ...values, quantity: String(values.quantity), reason: values.reason ?? '' });
      onClose();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const options = [...new Set([defaults.location ?? '', ...locations])].map((l) => ({ value: l, label: l || t('noLocation') }));
  return (
    <Modal open title={title} okText={okText} cancelText={t('cancel')} okButtonProps={{ loading: busy }} onOk={() => void submit()} onCancel={onClose} destroyOnHidden>
      {hint ? <div className="form-hint" style={{ marginBottom: 12 }}>{hint}</div> : null}
      <Form form={form} layout="vertical" initialValues={{ quantity: defaults.quantity, location: defaults.location ?? '', reason: '' }}>
        <Form.Item name="quantity" label={t('quantity')} rules={[{ required: true, message: t('qtyInvalid') }, qtyRule(t('qtyInvalid'))]}>
          <QtyInput unit={unit} autoFocus onPressEnter={() => void submit()} />
        </Form.Item>
        <Form.Item name="location" label={t('location')}>
          <Select options={options} />
        </Form.Item>
        {withReason ? (
          <Form.Item name="reason" label={t('reason')} rules={[{ max: 200 }]}>
            <Input maxLength={200} placeholder={t('optional')} />
          </Form.Item>
        ) : null}
      </Form>
      {error ? <div style={{ color: '#cf1322' }}>{error}</div> : null}
    </Modal>
  );
}
