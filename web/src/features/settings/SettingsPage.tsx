import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Switch } from 'antd';
import { useLayoutEffect, useState } from 'react';
import { ROLES, ROLE_LABELS, type Role } from '#contracts/roles';
import { DEFAULT_STORE_SETTINGS, type StoreSettings } from '#contracts/settings';
import { useCan, useMe } from '../../app/auth';
import { applyServerErrors } from '../../components/form/serverErrors';
import { TimeRangeInput } from '../../components/form/TimeInput';
import { useEscape } from '../../components/form/useEscape';
import { useConfirmDiscard, useUnsavedGuard } from '../../components/form/useUnsavedGuard';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/states';
import { FullPageSpinner } from '../../components/FullPageSpinner';
import { api, isApiError } from '../../lib/api';
import { useLabel, useLang, useT, type Dict } from '../../lib/i18n';
import { FIELDS, FIELD_KEYS, SECTIONS, type FieldDef } from './sections';

const TEXT = {
  title: { zh: '门店设置', en: 'Store settings' },
  description: {
    zh: '{store} 的业务参数：各项时限、目标值和折扣权限。默认值来自业务规范，修改后立即生效并记入审计日志。',
    en: 'Business rules of {store}: deadlines, targets and discount limits. Defaults come from the specification; changes apply at once and are audited.',
  },
  saveSettings: { zh: '保存设置', en: 'Save settings' },
  discardChanges: { zh: '放弃修改', en: 'Discard changes' },
  restoreDefaults: { zh: '恢复默认值', en: 'Restore defaults' },
  restoreTitle: { zh: '将所有设置恢复为默认值？', en: 'Restore every setting to its default?' },
  restoreContent: { zh: '表单将填入默认值，点击“保存设置”后才会生效。', en: 'The form is filled with the defaults; they apply once you save.' },
  readOnly: { zh: '您可以查看门店设置，修改需要售后经理或集团管理员权限。', en: 'You may view the settings; changing them needs the manager or administrator.' },
  unsaved: { zh: '有未保存的修改', en: 'Unsaved changes' },
  to: { zh: '至', en: 'to' },
  noDiscount: { zh: '不可打折', en: 'No discount' },
} satisfies Dict;

interface SettingsResponse {
  settings: StoreSettings;
  version: number;
}

const SETTINGS_KEY = ['settings'];
/** Roles of a store (group roles are not limited per store). */
const STORE_ROLES = ROLES.filter((r) => r !== 'group_admin');

/** Empty discount inputs mean "may not discount": they are left out of the map. */
function cleanDiscounts(map: Partial<Record<Role, number | null>>): StoreSettings['discountLimitPercent'] {
  const out: StoreSettings['discountLimitPercent'] = {};
  for (const role of STORE_ROLES) {
    const v = map[role];
    if (typeof v === 'number') out[role] = v;
  }
  return out;
}

function DiscountLimits({ disabled }: { disabled: boolean }) {
  const t = useT(TEXT);
  const label = useLabel();
  return (
    <Row gutter={[16, 0]}>
      {STORE_ROLES.map((role) => (
        <Col key={role} span={12}>
          <Form.Item name={['discountLimitPercent', role]} label={label(ROLE_LABELS, role)} labelCol={{ flex: '120px' }}>
            <InputNumber min={0} max={100} precision={1} suffix="%" placeholder={t('noDiscount')} disabled={disabled} style={{ width: 130 }} />
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}

function SettingField({ name, def, disabled }: { name: keyof StoreSettings; def: FieldDef; disabled: boolean }) {
  const t = useT(TEXT);
  const { lang } = useLang();
  const common = { name, label: def.label[lang], tooltip: def.hint?.[lang] };
  switch (def.kind) {
    case 'number':
      return (
        <Form.Item {...common} rules={[{ required: true }]}>
          <InputNumber min={def.min} max={def.max} step={def.step ?? 1} precision={def.precision ?? 0} suffix={def.unit[lang]} style={{ width: 200 }} />
        </Form.Item>
      );
    case 'switch':
      return (
        <Form.Item {...common} valuePropName="checked">
          <Switch />
        </Form.Item>
      );
    case 'timeRange':
      return (
        <Form.Item {...common} rules={[{ required: true }]}>
          <TimeRangeInput keys={def.keys} separator={t('to')} disabled={disabled} />
        </Form.Item>
      );
    case 'discounts':
      return null;
  }
}

/** 门店设置: every SPEC default of the active store in one form, grouped by topic. */
export default function SettingsPage() {
  const t = useT(TEXT);
  const { lang } = useLang();
  const me = useMe();
  const canEdit = useCan()('settings:update');
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const confirmDiscard = useConfirmDiscard();
  const [form] = Form.useForm<StoreSettings>();
  const [dirty, setDirty] = useState(false);
  const [stale, setStale] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useUnsavedGuard(dirty);

  const query = useQuery({ queryKey: SETTINGS_KEY, queryFn: () => api.get<SettingsResponse>('/api/settings') });
  const version = query.data?.version;

  // Each version read from the server starts clean (after loading, saving or reloading).
  const [seenVersion, setSeenVersion] = useState(version);
  if (version !== seenVersion) {
    setSeenVersion(version);
    setDirty(false);
    setStale(false);
    setError(null);
  }
  useLayoutEffect(() => {
    if (version !== undefined) form.resetFields();
  }, [version, form]);

  const save = useMutation({
    mutationFn: (settings: StoreSettings) => api.put<SettingsResponse>('/api/settings', { settings, version }),
    onSuccess: (data) => {
      client.setQueryData(SETTINGS_KEY, data);
      setDirty(false);
      message.success(t('saved'));
    },
    onError: (err) => {
      if (isApiError(err) && err.isStaleVersion) return setStale(true);
      const unplaced = applyServerErrors(form, err);
      if (!isApiError(err) || err.fields.length === 0 || unplaced.length > 0) setError(err.message);
      else message.error(t('formHasErrors'));
    },
  });

  const onFinish = (values: StoreSettings) => {
    setError(null);
    save.mutate({ ...values, discountLimitPercent: cleanDiscounts(values.discountLimitPercent ?? {}) });
  };

  const discard = async () => {
    if (await confirmDiscard(dirty)) {
      form.resetFields();
      setDirty(false);
    }
  };
  useEscape(dirty, () => void discard());

  const restoreDefaults = () =>
    modal.confirm({
      title: t('restoreTitle'),
      content: t('restoreContent'),
      okText: t('restoreDefaults'),
      cancelText: t('cancel'),
      onOk: () => {
        form.setFieldsValue({ ...DEFAULT_STORE_SETTINGS, discountLimitPercent: { ...DEFAULT_STORE_SETTINGS.discountLimitPercent } });
        // Roles without a default limit are emptied too.
        form.setFields(STORE_ROLES.filter((r) => !(r in DEFAULT_STORE_SETTINGS.discountLimitPercent)).map((r) => ({ name: ['discountLimitPercent', r], value: null })));
        setDirty(true);
      },
    });

  if (query.isPending) return <FullPageSpinner />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;

  return (
    <div>
      <PageHeader title={t('title')} description={t('description', { store: me.store.name })} />
      {canEdit ? null : <Alert type="info" showIcon title={t('readOnly')} style={{ marginBottom: 12 }} />}
      {stale ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('staleTitle')}
          description={t('staleContent')}
          action={
            <Button size="small" type="primary" onClick={() => void query.refetch()}>
              {t('reload')}
            </Button>
          }
        />
      ) : null}
      {error ? <Alert type="error" showIcon closable={{ onClose: () => setError(null) }} title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<StoreSettings>
        form={form}
        layout="horizontal"
        labelCol={{ flex: '240px' }}
        labelWrap
        colon={false}
        requiredMark={canEdit}
        initialValues={query.data.settings}
        disabled={!canEdit}
        onFinish={onFinish}
        onValuesChange={() => setDirty(true)}
        scrollToFirstError
      >
        <div className="settings-grid">
          {SECTIONS.map((section) => {
            const keys = FIELD_KEYS.filter((k) => FIELDS[k].section === section.key);
            return (
              <Card key={section.key} id={`section-${section.key}`} className="settings-section" size="small" title={section.title[lang]} variant="borderless">
                {keys.map((key) => {
                  const def = FIELDS[key];
                  if (def.kind !== 'discounts') return <SettingField key={key} name={key} def={def} disabled={!canEdit} />;
                  return (
                    <div key={key} className="settings-subsection">
                      <div className="settings-subsection-title">{def.label[lang]}</div>
                      <div className="form-hint" style={{ marginBottom: 12 }}>
                        {def.hint?.[lang]}
                      </div>
                      <DiscountLimits disabled={!canEdit} />
                    </div>
                  );
                })}
              </Card>
            );
          })}
        </div>
        {canEdit ? (
          <Card size="small" variant="borderless" style={{ position: 'sticky', bottom: 0, zIndex: 5, boxShadow: '0 -2px 8px rgba(0,0,0,0.06)' }}>
            <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
              <Button onClick={restoreDefaults}>{t('restoreDefaults')}</Button>
              <div style={{ flex: 1 }} />
              {dirty ? <span style={{ color: '#d48806' }}>{t('unsaved')}</span> : null}
              <span className="form-hint">{t('formHint')}</span>
              <Button disabled={!dirty} onClick={() => void discard()}>
                {t('discardChanges')}
              </Button>
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                {t('saveSettings')}
              </Button>
            </div>
          </Card>
        ) : null}
      </Form>
    </div>
  );
}
