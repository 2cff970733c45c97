import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Form, Input, Radio, Row, Select, Space, Tooltip } from 'antd';
import {
  CONSENT_CHANNELS,
  CUSTOMER_KIND_LABELS,
  CUSTOMER_SOURCE_LABELS,
  MASKED_PHONE_PATTERN,
  type Consent,
  type ConsentChannel,
  type Customer,
  type CustomerCreate,
  type CustomerKind,
  type CustomerSource,
} from '#contracts/customers';
import type { CustomerDetail } from '#contracts/customers-vehicles';
import { FormDrawer } from '../../components/form/FormDrawer';
import type { RecordTarget } from '../../components/form/useRecordTarget';
import { SectionTitle } from '../../components/SectionTitle';
import { ErrorState } from '../../components/states';
import { useOptions, useT } from '../../lib/i18n';
import { customersApi, duplicatesOf, SEARCH_KEY, VEHICLES_KEY } from './api';
import { AdvisorSelect } from './pickers';
import { useCustomerRules } from './rules';
import { CUSTOMER_TEXT } from './text';
import { useDuplicateDialog } from './useDuplicateDialog';

type Tri = 'yes' | 'no' | 'unknown';

interface Values {
  kind: CustomerKind;
  name: string;
  mobile: string;
  otherPhones: string[];
  address: string;
  source: CustomerSource | null;
  outletName: string;
  consentPhone: Tri;
  consentSms: Tri;
  consentWechat: Tri;
  preferredAdvisorId: number | null;
  tags: string[];
  notes: string;
}

const toTri = (v: boolean | null): Tri => (v === null ? 'unknown' : v ? 'yes' : 'no');
const fromTri = (v: Tri | undefined): boolean | null => (v === 'yes' ? true : v === 'no' ? false : null);
const CONSENT_FIELD: Record<ConsentChannel, 'consentPhone' | 'consentSms' | 'consentWechat'> = {
  phone: 'consentPhone',
  sms: 'consentSms',
  wechat: 'consentWechat',
};

function toValues(c: Customer | null): Partial<Values> {
  if (!c) {
    return {
      kind: 'person',
      mobile: '',
      otherPhones: [],
      address: '',
      source: null,
      outletName: '',
      consentPhone: 'unknown',
      consentSms: 'unknown',
      consentWechat: 'unknown',
      preferredAdvisorId: null,
      tags: [],
      notes: '',
    };
  }
  return {
    kind: c.kind,
    name: c.name,
    mobile: c.mobile ?? '',
    otherPhones: c.otherPhones,
    address: c.address,
    source: c.source,
    outletName: c.outletName,
    consentPhone: toTri(c.consent.phone),
    consentSms: toTri(c.consent.sms),
    consentWechat: toTri(c.consent.wechat),
    preferredAdvisorId: c.preferredAdvisorId,
    tags: c.tags,
    notes: c.notes,
  };
}

function toBody(v: Values, confirmDuplicate: boolean): CustomerCreate {
  const consent: Consent = { phone: fromTri(v.consentPhone), sms: fromTri(v.consentSms), wechat: fromTri(v.consentWechat) };
  return {
    kind: v.kind,
    name: v.name.trim(),
    mobile: v.mobile?.trim() ? v.mobile.trim() : null,
    otherPhones: (v.otherPhones ?? []).map((p) => p.trim()).filter(Boolean),
    address: v.address?.trim() ?? '',
    source: v.source ?? null,
    outletName: v.source === 'outlet' ? (v.outletName?.trim() ?? '') : '',
    consent,
    preferredAdvisorId: v.preferredAdvisorId ?? null,
    tags: (v.tags ?? []).map((x) => x.trim()).filter(Boolean),
    notes: v.notes?.trim() ?? '',
    confirmDuplicate,
  };
}

/**
 * Creates or edits a customer file: person or company, mobile first (and other phones), address,
 * source (with the outlet's name), consent per channel, preferred advisor, tags and notes. A 409
 * DUPLICATE shows the files with the same mobile: open one, or save anyway.
 */
export function CustomerDrawer({ target, onClose, onSaved }: { target: RecordTarget; onClose: () => void; onSaved?: (c: Customer) => void }) {
  const t = useT(CUSTOMER_TEXT);
  const { message } = App.useApp();
  const client = useQueryClient();
  const rules = useCustomerRules();
  const [form] = Form.useForm<Values>();
  const askDuplicate = useDuplicateDialog();
  const kindOptions = useOptions(CUSTOMER_KIND_LABELS);
  const sourceOptions = useOptions(CUSTOMER_SOURCE_LABELS);
  const id = typeof target === 'number' ? target : null;
  const record = useQuery({ queryKey: [customersApi.key, 'record', id], queryFn: () => customersApi.get(id!), enabled: id !== null });
  const current: CustomerDetail | null = id === null ? null : (record.data ?? null);
  const kind = Form.useWatch('kind', form);
  const source = Form.useWatch('source', form);
  const editingMasked = current?.masked ?? false;

  const triOptions = [
    { value: 'yes', label: t('consentYes') },
    { value: 'no', label: t('consentNo') },
    { value: 'unknown', label: t('consentUnknown') },
  ];

  const submit = async (values: Values) => {
    const send = (confirm: boolean) =>
      current ? customersApi.update(current.id, { ...toBody(values, confirm), version: current.version }) : customersApi.create(toBody(values, confirm));
    let saved: Customer;
    try {
      saved = await send(false);
    } catch (err) {
      const candidates = duplicatesOf(err);
      if (!candidates) throw err;
      const choice = await askDuplicate(candidates);
      if (choice.kind !== 'save') {
        if (candidates.some((c) => c.matched === 'mobile')) form.setFields([{ name: 'mobile', errors: [t('duplicateField', { field: t('mobile') })] }]);
        throw err;
      }
      saved = await send(true);
    }
    await Promise.all([
      client.invalidateQueries({ queryKey: [customersApi.key] }),
      client.invalidateQueries({ queryKey: [VEHICLES_KEY] }),
      client.invalidateQueries({ queryKey: [SEARCH_KEY] }),
    ]);
    message.success(current ? t('saved') : t('created'));
    onSaved?.(saved);
    onClose();
  };

  const title = current ? `${t('edit')}：${current.name}` : id !== null ? t('edit') : t('create');

  if (id !== null && record.isError) {
    return (
      <FormDrawer open title={title} form={form} initialValues={{}} initKey="error" onSubmit={async () => {}} onClose={onClose} readOnly>
        <ErrorState error={record.error} onRetry={() => void record.refetch()} />
      </FormDrawer>
    );
  }

  return (
    <FormDrawer<Values>
      open={target !== null}
      title={title}
      form={form}
      initialValues={toValues(current)}
      initKey={current ? `${current.id}:${current.version}` : String(target)}
      loading={id !== null && record.isPending}
      onSubmit={submit}
      onClose={onClose}
      onReload={() => void record.refetch()}
      width={640}
      rename={{ 'consent.phone': 'consentPhone', 'consent.sms': 'consentSms', 'consent.wechat': 'consentWechat' }}
    >
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item name="kind" label={t('kind')} rules={[{ required: true }]}>
            <Radio.Group optionType="button" options={kindOptions} />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="name" label={kind === 'company' ? t('companyName') : t('name')} rules={[{ required: true, whitespace: true }, { max: 100 }]}>
            <Input autoFocus autoComplete="off" maxLength={100} />
          </Form.Item>
        </Col>
      </Row>
      <SectionTitle>{t('sectionContact')}</SectionTitle>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="mobile"
            label={t('mobile')}
            rules={[rules.mobile(editingMasked)]}
            extra={editingMasked && MASKED_PHONE_PATTERN.test(current?.mobile ?? '') ? t('maskedHint') : t('mobileHint')}
          >
            <Input autoComplete="off" inputMode="tel" maxLength={20} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label={t('otherPhones')} extra={t('otherPhoneHint')} style={{ marginBottom: 0 }}>
            <Form.List name="otherPhones">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field) => (
                    <Space.Compact key={field.key} style={{ width: '100%', marginBottom: 8 }}>
                      <Form.Item name={field.name} noStyle rules={[rules.otherPhone(editingMasked)]}>
                        <Input autoComplete="off" inputMode="tel" maxLength={20} />
                      </Form.Item>
                      <Tooltip title={t('removePhone')}>
                        <Button icon={<DeleteOutlined />} aria-label={t('removePhone')} onClick={() => remove(field.name)} />
                      </Tooltip>
                    </Space.Compact>
                  ))}
                  {fields.length < 5 ? (
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} block style={{ marginBottom: 8 }}>
                      {t('addPhone')}
                    </Button>
                  ) : null}
                </>
              )}
            </Form.List>
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="address" label={t('address')} rules={[{ max: 200 }]}>
        <Input autoComplete="off" maxLength={200} />
      </Form.Item>
      <Form.Item label={t('consent')} required={false} style={{ marginBottom: 8 }}>
        <Space orientation="vertical" size={6}>
          {CONSENT_CHANNELS.map((ch) => (
            <Space key={ch} size={12}>
              <span style={{ display: 'inline-block', width: 48 }}>{t(CONSENT_FIELD[ch])}</span>
              <Form.Item name={CONSENT_FIELD[ch]} noStyle>
                <Radio.Group optionType="button" size="small" options={triOptions} aria-label={t('consent')} />
              </Form.Item>
            </Space>
          ))}
        </Space>
      </Form.Item>
      <SectionTitle>{t('sectionSource')}</SectionTitle>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="source" label={t('source')}>
            <Select allowClear options={sourceOptions} placeholder={t('pleaseSelect')} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="outletName"
            label={t('outletName')}
            extra={source === 'outlet' ? undefined : t('outletHint')}
            rules={source === 'outlet' ? [{ required: true, whitespace: true, message: t('outletHint') }, { max: 100 }] : []}
          >
            <Input autoComplete="off" maxLength={100} disabled={source !== 'outlet'} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="preferredAdvisorId" label={t('advisor')}>
        <AdvisorSelect currentName={current?.preferredAdvisorName} />
      </Form.Item>
      <Form.Item name="tags" label={t('tags')} extra={t('tagsHint')}>
        <Select mode="tags" tokenSeparators={[',', '，', ';', '；']} open={false} suffixIcon={null} placeholder={t('tagPlaceholder')} />
      </Form.Item>
      <Form.Item name="notes" label={t('notes')} rules={[{ max: 2000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
    </FormDrawer>
  );
}
