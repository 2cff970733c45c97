import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import {
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_CHANNEL_LABELS,
  COMPLAINT_CHANNELS,
  COMPLAINT_DEPARTMENT_LABELS,
  COMPLAINT_SEVERITY_LABELS,
  type ComplaintCategory,
  type ComplaintChannel,
  type ComplaintDepartment,
  type ComplaintSeverity,
} from '#contracts/complaints';
import { PageHeader } from '../../components/PageHeader';
import { applyServerErrors } from '../../components/form/serverErrors';
import { useOptions, useT } from '../../lib/i18n';
import { customersApi } from '../customers/api';
import { CustomerPicker } from '../customers/pickers';
import { complaintsApi, COMPLAINTS_KEY } from './api';
import { COMPLAINT_TEXT } from './text';

interface Values {
  customerId: number | null;
  vehicleId: number | null;
  channel: ComplaintChannel;
  category: ComplaintCategory;
  department: ComplaintDepartment | null;
  severity: ComplaintSeverity;
  description: string;
  resolveDueAt: Dayjs | null;
}

const idParam = (v: string | null) => (v && /^\d+$/.test(v) ? Number(v) : null);

/**
 * 投诉登记: who complains, about which car, through which channel, why and how badly. Opened with
 * `?customerId=&vehicleId=&roId=&channel=` from another screen (a call, a vehicle page) the form is
 * filled with what that screen knows.
 */
export default function ComplaintNewPage() {
  const t = useT(COMPLAINT_TEXT);
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [search] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const customerId = Form.useWatch('customerId', form);
  const roId = idParam(search.get('roId'));
  const channelParam = search.get('channel');
  const initial: Partial<Values> = {
    customerId: idParam(search.get('customerId')),
    vehicleId: idParam(search.get('vehicleId')),
    channel: (COMPLAINT_CHANNELS as readonly string[]).includes(channelParam ?? '') ? (channelParam as ComplaintChannel) : 'phone',
    severity: 'minor',
    department: null,
    resolveDueAt: null,
  };
  const customer = useQuery({ queryKey: ['customers', 'detail', customerId], queryFn: () => customersApi.get(customerId!), enabled: customerId != null });
  const vehicleOptions = useMemo(
    () => [{ value: 0, label: t('noVehicle') }, ...(customer.data?.vehicles ?? []).map((v) => ({ value: v.id, label: [v.plateDisplay ?? v.vin, v.modelName].filter(Boolean).join('  ') }))],
    [customer.data, t],
  );
  const channelOptions = useOptions(COMPLAINT_CHANNEL_LABELS);
  const categoryOptions = useOptions(COMPLAINT_CATEGORY_LABELS);
  const departmentOptions = useOptions(COMPLAINT_DEPARTMENT_LABELS);
  const severityOptions = useOptions(COMPLAINT_SEVERITY_LABELS);

  const save = useMutation({
    mutationFn: (v: Values) =>
      complaintsApi.create({
        customerId: v.customerId ?? undefined,
        vehicleId: v.vehicleId ? v.vehicleId : null,
        roId,
        channel: v.channel,
        category: v.category,
        department: v.department ?? null,
        severity: v.severity,
        description: v.description,
        resolveDueAt: v.resolveDueAt ? v.resolveDueAt.toISOString() : null,
      }),
    onSuccess: async (c) => {
      await client.invalidateQueries({ queryKey: [COMPLAINTS_KEY] });
      message.success(t('registered', { number: c.number }));
      navigate(`/complaints/${c.id}`);
    },
    onError: (err) => {
      if (applyServerErrors(form, err).length === 0 && err instanceof Error) message.error(err.message);
    },
  });

  return (
    <>
      <PageHeader title={t('newTitle')} description={t('newDescription')} />
      <Card>
        <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)} style={{ maxWidth: 760 }}>
          <Form.Item name="customerId" label={t('customer')} rules={[{ required: true, message: t('pickCustomerFirst') }]}>
            <CustomerPicker onChange={() => form.setFieldValue('vehicleId', null)} />
          </Form.Item>
          <Form.Item name="vehicleId" label={t('vehicle')}>
            <Select options={vehicleOptions} disabled={customerId == null} placeholder={customerId == null ? t('pickCustomerFirst') : t('pleaseSelect')} allowClear />
          </Form.Item>
          <Form.Item name="channel" label={t('channel')} rules={[{ required: true }]}>
            <Radio.Group options={channelOptions} optionType="button" />
          </Form.Item>
          <Form.Item name="category" label={t('category')} rules={[{ required: true }]}>
            <Radio.Group options={categoryOptions} optionType="button" />
          </Form.Item>
          <Form.Item name="department" label={t('department')}>
            <Select options={departmentOptions} allowClear placeholder={t('optional')} style={{ maxWidth: 240 }} />
          </Form.Item>
          <Form.Item name="severity" label={t('severity')} rules={[{ required: true }]}>
            <Radio.Group options={severityOptions} optionType="button" />
          </Form.Item>
          <Form.Item name="description" label={t('description')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('descriptionPlaceholder')} />
          </Form.Item>
          <Form.Item name="resolveDueAt" label={t('resolveDue')} extra={t('resolveDueHint')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('register')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
