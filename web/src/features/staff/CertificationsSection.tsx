import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, DatePicker, Form, Input, Row, Table, Tooltip } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Certification, StaffMember } from '#contracts/staff';
import { applyServerErrors } from '../../components/form/serverErrors';
import { EmptyState } from '../../components/states';
import { isApiError } from '../../lib/api';
import { SectionTitle } from '../../components/SectionTitle';
import { useT } from '../../lib/i18n';
import { certificationState, staffApi } from './api';
import { CertificationStateTag } from './CertificationTag';
import { STAFF_TEXT } from './text';

interface NewCertification {
  name: string;
  issuer?: string;
  certifiedOn: Dayjs;
  expiresOn: Dayjs;
}

/** 厂家认证 of one member: the list (expired ones highlighted), adding one, deleting one after a confirmation. */
export function CertificationsSection({ member, canManage, today }: { member: StaffMember; canManage: boolean; today: string }) {
  const t = useT(STAFF_TEXT);
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<NewCertification>();
  const [error, setError] = useState<string | null>(null);

  const refresh = () => client.invalidateQueries({ queryKey: [staffApi.key] });

  const add = useMutation({
    mutationFn: (v: NewCertification) =>
      staffApi.addCertification(member.userId, {
        name: v.name,
        issuer: v.issuer?.trim() ?? '',
        certifiedOn: v.certifiedOn.format('YYYY-MM-DD'),
        expiresOn: v.expiresOn.format('YYYY-MM-DD'),
      }),
    onSuccess: async () => {
      form.resetFields();
      setError(null);
      message.success(t('added'));
      await refresh();
    },
    onError: (err) => {
      const unplaced = applyServerErrors(form, err);
      if (!isApiError(err) || err.fields.length === 0 || unplaced.length > 0) setError(err.message);
    },
  });

  const remove = useMutation({
    mutationFn: (cert: Certification) => staffApi.deleteCertification(member.userId, cert.id),
    onSuccess: async () => {
      message.success(t('deleted'));
      await refresh();
    },
    onError: (err) => message.error(err.message),
  });

  const askDelete = (cert: Certification) =>
    modal.confirm({
      title: t('deleteTitle', { name: cert.name }),
      content: t('deleteContent'),
      okText: t('delete'),
      okButtonProps: { danger: true },
      cancelText: t('cancel'),
      onOk: () => remove.mutateAsync(cert).catch(() => undefined),
    });

  return (
    <div>
      <SectionTitle>{t('certifications')}</SectionTitle>
      <Table<Certification>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={member.certifications}
        rowClassName={(c) => (certificationState(c, today) === 'expired' ? 'row-expired' : '')}
        locale={{ emptyText: <EmptyState title={t('noCertifications')} hint={canManage ? t('noCertificationsHint') : undefined} /> }}
        columns={[
          { key: 'name', title: t('certName'), dataIndex: 'name' },
          { key: 'issuer', title: t('issuer'), render: (_, c) => c.issuer || '—' },
          { key: 'certifiedOn', title: t('certifiedOn'), width: 110, render: (_, c) => c.certifiedOn ?? '—' },
          { key: 'expiresOn', title: t('expiresOn'), width: 110, render: (_, c) => c.expiresOn ?? '—' },
          { key: 'state', title: t('state'), width: 96, render: (_, c) => <CertificationStateTag cert={c} today={today} /> },
          ...(canManage
            ? [
                {
                  key: 'actions',
                  title: '',
                  width: 48,
                  render: (_: unknown, c: Certification) => (
                    <Tooltip title={t('delete')}>
                      <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={`${t('delete')} ${c.name}`} onClick={() => askDelete(c)} />
                    </Tooltip>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canManage ? (
        <div style={{ marginTop: 16, padding: 12, background: '#fafafa', borderRadius: 4 }}>
          <div style={{ fontWeight: 500, marginBottom: 8 }}>{t('addCertification')}</div>
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
          <Form<NewCertification> form={form} layout="vertical" onFinish={(v) => add.mutate(v)} requiredMark>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="name" label={t('certName')} rules={[{ required: true, whitespace: true }, { max: 60 }]}>
                  <Input maxLength={60} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="issuer" label={t('issuer')} rules={[{ max: 60 }]}>
                  <Input maxLength={60} />
                </Form.Item>
              </Col>
              <Col span={9}>
                <Form.Item name="certifiedOn" label={t('certifiedOn')} rules={[{ required: true }]}>
                  <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={9}>
                <Form.Item name="expiresOn" label={t('expiresOn')} rules={[{ required: true }]}>
                  <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item label=" ">
                  <Button htmlType="submit" icon={<PlusOutlined />} loading={add.isPending} block>
                    {t('addCertification')}
                  </Button>
                </Form.Item>
              </Col>
            </Row>
          </Form>
        </div>
      ) : null}
    </div>
  );
}
