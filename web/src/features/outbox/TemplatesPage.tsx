import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch, Table, Tag, TimePicker } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { MESSAGE_CHANNEL_LABELS, OUTBOX_PROVIDER_LABELS, TEMPLATE_VARIABLES, type MessageTemplate, type MessageTemplateInput, type OutboxSettings } from '#contracts/outbox';
import { useCan } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { applyServerErrors } from '../../components/form/serverErrors';
import { EmptyState, ErrorState } from '../../components/states';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { outboxApi, OUTBOX_KEY } from './api';
import { OUTBOX_TEXT } from './text';

/** 短信模板 and the delivery settings (quiet hours, gateway, retries). */
export default function TemplatesPage() {
  const t = useT(OUTBOX_TEXT);
  const label = useLabel();
  const can = useCan();
  const manage = can('message:manage');
  const templates = useQuery({ queryKey: [OUTBOX_KEY, 'templates'], queryFn: outboxApi.templates });
  const [editing, setEditing] = useState<MessageTemplate | 'new' | null>(null);

  return (
    <>
      <PageHeader
        title={t('templatesTitle')}
        description={t('templatesDescription')}
        actions={
          manage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('newTemplate')}
            </Button>
          ) : null
        }
      />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card>
          {templates.isError ? (
            <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />
          ) : (
            <Table<MessageTemplate>
              size="small"
              rowKey="id"
              loading={templates.isLoading}
              dataSource={templates.data ?? []}
              pagination={false}
              locale={{ emptyText: <EmptyState title={t('emptyTemplates')} hint={t('emptyTemplatesHint')} /> }}
              onRow={(r) => ({ onClick: () => manage && setEditing(r), style: { cursor: manage ? 'pointer' : undefined } })}
              columns={[
                { title: t('name'), dataIndex: 'name', width: 160 },
                { title: t('channel'), dataIndex: 'channel', width: 100, render: (c) => label(MESSAGE_CHANNEL_LABELS, c) },
                { title: t('body'), dataIndex: 'body' },
                { title: t('status'), dataIndex: 'active', width: 80, render: (a: boolean) => <Tag color={a ? 'green' : 'default'}>{a ? t('active') : t('inactive')}</Tag> },
              ]}
            />
          )}
        </Card>
        <SettingsCard manage={manage} />
      </Space>
      {editing ? <TemplateModal template={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

function TemplateModal({ template, onClose }: { template: MessageTemplate | null; onClose: () => void }) {
  const t = useT(OUTBOX_TEXT);
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<MessageTemplateInput>();
  const channel = Form.useWatch('channel', form);
  const channelOptions = useOptions(MESSAGE_CHANNEL_LABELS);
  const save = useMutation({
    mutationFn: (v: MessageTemplateInput) => (template ? outboxApi.updateTemplate(template.id, { ...v, version: template.version }) : outboxApi.createTemplate(v)),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: [OUTBOX_KEY] });
      message.success(t('saved'));
      onClose();
    },
    onError: (err) => {
      if (applyServerErrors(form, err).length === 0 && err instanceof Error) message.error(err.message);
    },
  });
  const insert = (v: string) => form.setFieldValue('body', `${form.getFieldValue('body') ?? ''}{${v}}`);
  return (
    <Modal open title={template ? t('editTemplate') : t('newTemplate')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} width={620}>
      <Form<MessageTemplateInput>
        form={form}
        layout="vertical"
        initialValues={template ?? { channel: 'sms', active: true, subject: '', body: '' }}
        onFinish={(v) => save.mutate({ ...v, subject: v.subject ?? '' })}
      >
        <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="channel" label={t('channel')} rules={[{ required: true }]}>
          <Radio.Group options={channelOptions} optionType="button" />
        </Form.Item>
        {channel === 'email' ? (
          <Form.Item name="subject" label={t('subject')}>
            <Input maxLength={120} />
          </Form.Item>
        ) : null}
        <Form.Item name="body" label={t('body')} rules={[{ required: true, whitespace: true }]} extra={
          <Space size={4} wrap>
            {t('insertVariable')}
            {TEMPLATE_VARIABLES.map((v) => (
              <Tag key={v} style={{ cursor: 'pointer' }} onClick={() => insert(v)}>{`{${v}}`}</Tag>
            ))}
          </Space>
        }>
          <Input.TextArea rows={4} maxLength={1000} showCount />
        </Form.Item>
        <Form.Item name="active" label={t('status')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type SettingsForm = Omit<OutboxSettings, 'quietStart' | 'quietEnd'> & { quiet: [dayjs.Dayjs, dayjs.Dayjs] };

function SettingsCard({ manage }: { manage: boolean }) {
  const t = useT(OUTBOX_TEXT);
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<SettingsForm>();
  const provider = Form.useWatch('provider', form);
  const settings = useQuery({ queryKey: [OUTBOX_KEY, 'settings'], queryFn: outboxApi.settings });
  const providerOptions = useOptions(OUTBOX_PROVIDER_LABELS);
  useEffect(() => {
    if (settings.data) {
      const { quietStart, quietEnd, ...rest } = settings.data;
      form.setFieldsValue({ ...rest, quiet: [dayjs(`2000-01-01T${quietStart}`), dayjs(`2000-01-01T${quietEnd}`)] });
    }
  }, [settings.data, form]);
  const save = useMutation({
    mutationFn: ({ quiet, ...v }: SettingsForm) => outboxApi.saveSettings({ ...v, webhookUrl: v.webhookUrl ?? '', quietStart: quiet[0].format('HH:mm'), quietEnd: quiet[1].format('HH:mm') }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: [OUTBOX_KEY, 'settings'] });
      message.success(t('saved'));
    },
    onError: (err) => {
      if (applyServerErrors(form, err).length === 0 && err instanceof Error) message.error(err.message);
    },
  });
  return (
    <Card title={t('settings')} loading={settings.isLoading}>
      <Form<SettingsForm> form={form} layout="inline" disabled={!manage} onFinish={(v) => save.mutate(v)} style={{ rowGap: 12 }}>
        <Form.Item name="quiet" label={t('quietHours')} rules={[{ required: true }]}>
          <TimePicker.RangePicker format="HH:mm" order={false} />
        </Form.Item>
        <Form.Item name="provider" label={t('provider')}>
          <Select options={providerOptions} style={{ width: 180 }} />
        </Form.Item>
        {provider === 'webhook' ? (
          <Form.Item name="webhookUrl" label={t('webhookUrl')} rules={[{ required: true }]}>
            <Input style={{ width: 320 }} placeholder="https://" />
          </Form.Item>
        ) : null}
        <Form.Item name="maxAttempts" label={t('maxAttempts')}>
          <InputNumber min={1} max={20} />
        </Form.Item>
        <Form.Item name="retryBaseSeconds" label={t('retryBaseSeconds')}>
          <InputNumber min={5} max={3600} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('save')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
