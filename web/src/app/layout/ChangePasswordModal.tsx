import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { PASSWORD_MIN_LENGTH } from '#contracts/identity';
import { applyServerErrors } from '../../components/form/serverErrors';
import { isApiError } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { useChangePassword } from '../session';

const TEXT = {
  title: { zh: '修改密码', en: 'Change password' },
  current: { zh: '当前密码', en: 'Current password' },
  next: { zh: '新密码', en: 'New password' },
  repeat: { zh: '确认新密码', en: 'Repeat new password' },
  tooShort: { zh: '密码至少 {n} 个字符', en: 'At least {n} characters' },
  mismatch: { zh: '两次输入的新密码不一致', en: 'The two new passwords differ' },
  sameAsOld: { zh: '新密码不能与当前密码相同', en: 'Choose a password different from the current one' },
  done: { zh: '密码已修改，其他设备上的登录已退出', en: 'Password changed; other sessions were signed out' },
  hint: { zh: '修改后，您在其他设备上的登录会自动退出。', en: 'Your sessions on other devices will be signed out.' },
};

interface Values {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT(TEXT);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    form.resetFields();
    setError(null);
    onClose();
  };

  const finish = (values: Values) => {
    setError(null);
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          message.success(t('done'));
          close();
        },
        onError: (err) => {
          const unplaced = applyServerErrors(form, err);
          if (!isApiError(err) || err.fields.length === 0 || unplaced.length > 0) setError(err.message);
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('title')}
      okText={t('save')}
      cancelText={t('cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={change.isPending}
      destroyOnHidden
      width={420}
    >
      <p className="form-hint">{t('hint')}</p>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<Values> form={form} layout="vertical" onFinish={finish} autoComplete="off">
        <Form.Item name="currentPassword" label={t('current')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('next')}
          rules={[
            { required: true },
            { min: PASSWORD_MIN_LENGTH, message: t('tooShort', { n: PASSWORD_MIN_LENGTH }) },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                value && value === getFieldValue('currentPassword') ? Promise.reject(new Error(t('sameAsOld'))) : Promise.resolve(),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="repeat"
          label={t('repeat')}
          dependencies={['newPassword']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <button type="submit" className="hidden-submit" tabIndex={-1} aria-hidden="true" />
      </Form>
    </Modal>
  );
}
