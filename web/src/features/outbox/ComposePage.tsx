import { EyeOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Row, Select, Space } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { MESSAGE_CHANNEL_LABELS, type MessageCompose, type MessagePreview } from '#contracts/outbox';
import { useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { applyServerErrors } from '../../components/form/serverErrors';
import { formatDateTime } from '../../lib/format';
import { useLabel, useT } from '../../lib/i18n';
import { customersApi } from '../customers/api';
import { CustomerPicker } from '../customers/pickers';
import { outboxApi, OUTBOX_KEY } from './api';
import { OUTBOX_TEXT } from './text';

interface Values {
  customerId: number | null;
  vehicleId: number | null;
  templateId: number | null;
  time: string;
  email: string;
}

const idParam = (v: string | null) => (v && /^\d+$/.test(v) ? Number(v) : null);

/** 发送消息: a template filled for one customer, previewed, then queued in the outbox. */
export default function ComposePage() {
  const t = useT(OUTBOX_TEXT);
  const label = useLabel();
  const tz = useMe().store.timeZone;
  const client = useQueryClient();
  const { message } = App.useApp();
  const [search] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const customerId = Form.useWatch('customerId', form);
  const templateId = Form.useWatch('templateId', form);
  const [preview, setPreview] = useState<MessagePreview | null>(null);
  const templates = useQuery({ queryKey: [OUTBOX_KEY, 'templates'], queryFn: outboxApi.templates });
  const customer = useQuery({ queryKey: ['customers', 'detail', customerId], queryFn: () => customersApi.get(customerId!), enabled: customerId != null });
  const template = templates.data?.find((x) => x.id === templateId);
  const templateOptions = useMemo(
    () => (templates.data ?? []).filter((x) => x.active).map((x) => ({ value: x.id, label: `${x.name}（${label(MESSAGE_CHANNEL_LABELS, x.channel)}）` })),
    [templates.data, label],
  );
  const vehicleOptions = useMemo(
    () => [{ value: 0, label: t('noVehicle') }, ...(customer.data?.vehicles ?? []).map((v) => ({ value: v.id, label: [v.plateDisplay ?? v.vin, v.modelName].filter(Boolean).join('  ') }))],
    [customer.data, t],
  );

  const bodyOf = (v: Values): MessageCompose => ({
    templateId: v.templateId ?? 0,
    customerId: v.customerId ?? 0,
    vehicleId: v.vehicleId ? v.vehicleId : null,
    time: v.time ?? '',
    email: template?.channel === 'email' ? v.email || null : null,
  });
  const onError = (err: unknown) => {
    if (applyServerErrors(form, err).length === 0 && err instanceof Error) message.error(err.message);
  };
  const previewMutation = useMutation({ mutationFn: (v: Values) => outboxApi.preview(bodyOf(v)), onSuccess: setPreview, onError });
  const send = useMutation({
    mutationFn: (v: Values) => outboxApi.send(bodyOf(v)),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: [OUTBOX_KEY] });
      message.success(t('queued'));
      setPreview(null);
      form.resetFields(['time']);
    },
    onError,
  });

  return (
    <>
      <PageHeader title={t('composeTitle')} description={t('composeDescription')} />
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card>
            <Form<Values>
              form={form}
              layout="vertical"
              initialValues={{ customerId: idParam(search.get('customerId')), vehicleId: idParam(search.get('vehicleId')), templateId: null, time: '', email: '' }}
              onValuesChange={() => setPreview(null)}
              onFinish={(v) => previewMutation.mutate(v)}
            >
              <Form.Item name="customerId" label={t('customer')} rules={[{ required: true, message: t('pickCustomerFirst') }]}>
                <CustomerPicker allowCreate={false} onChange={() => form.setFieldValue('vehicleId', null)} />
              </Form.Item>
              <Form.Item name="vehicleId" label={t('vehicle')}>
                <Select options={vehicleOptions} disabled={customerId == null} allowClear />
              </Form.Item>
              <Form.Item name="templateId" label={t('template')} rules={[{ required: true }]}>
                <Select options={templateOptions} loading={templates.isLoading} showSearch={{ optionFilterProp: 'label' }} />
              </Form.Item>
              <Form.Item name="time" label={t('time')}>
                <Input placeholder={t('timePlaceholder')} maxLength={40} />
              </Form.Item>
              {template?.channel === 'email' ? (
                <Form.Item name="email" label={t('email')} rules={[{ required: true, type: 'email' }]}>
                  <Input />
                </Form.Item>
              ) : null}
              <Space>
                <Button icon={<EyeOutlined />} htmlType="submit" loading={previewMutation.isPending}>
                  {t('preview')}
                </Button>
                <Button type="primary" icon={<SendOutlined />} disabled={!preview?.consent} loading={send.isPending} onClick={() => form.validateFields().then((v) => send.mutate(v), () => undefined)}>
                  {t('send')}
                </Button>
              </Space>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          {preview ? (
            <Card title={t('preview')}>
              {!preview.consent ? <Alert type="error" showIcon message={t('noConsent')} style={{ marginBottom: 12 }} /> : null}
              {preview.consent && preview.quietUntil ? <Alert type="warning" showIcon message={t('quietUntil', { time: formatDateTime(preview.quietUntil, tz) })} style={{ marginBottom: 12 }} /> : null}
              <Descriptions column={1} size="small" bordered>
                <Descriptions.Item label={t('channel')}>{label(MESSAGE_CHANNEL_LABELS, preview.channel)}</Descriptions.Item>
                <Descriptions.Item label={t('recipient')}>{preview.recipient || '—'}</Descriptions.Item>
                {preview.subject ? <Descriptions.Item label={t('subject')}>{preview.subject}</Descriptions.Item> : null}
                <Descriptions.Item label={t('body')}>
                  <div style={{ whiteSpace: 'pre-wrap' }}>{preview.body}</div>
                </Descriptions.Item>
              </Descriptions>
            </Card>
          ) : null}
        </Col>
      </Row>
    </>
  );
}
