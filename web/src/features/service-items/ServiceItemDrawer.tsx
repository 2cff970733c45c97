import { Col, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import { SKILL_GRADES, SKILL_GRADE_LABELS, type SkillGrade } from '#contracts/roles';
import { VEHICLE_SYSTEM_LABELS, type ServiceItem, type ServiceItemCreate, type VehicleSystem } from '#contracts/service-items';
import { JOB_TYPE_LABELS, type JobType } from '#contracts/stores';
import { MoneyInput } from '../../components/form/MoneyInput';
import { RecordDrawer } from '../../components/form/RecordDrawer';
import type { RecordTarget } from '../../components/form/useRecordTarget';
import { formatMoney, hoursTimesRate } from '../../lib/format';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { serviceItemsApi, useLabourRate } from './api';
import { SERVICE_ITEM_TEXT } from './text';

interface Values {
  code: string;
  name: string;
  system: VehicleSystem;
  jobType: JobType;
  standardHours: string;
  requiredGrade: SkillGrade;
  requiredCertification: string | null;
  pricing: 'hours' | 'fixed';
  fixedPriceFen: number | null;
}

const toValues = (s: ServiceItem | null): Partial<Values> =>
  s
    ? {
        code: s.code,
        name: s.name,
        system: s.system,
        jobType: s.jobType,
        standardHours: s.standardHours,
        requiredGrade: s.requiredGrade,
        requiredCertification: s.requiredCertification,
        pricing: s.fixedPriceFen === null ? 'hours' : 'fixed',
        fixedPriceFen: s.fixedPriceFen,
      }
    : { system: 'maintenance', jobType: 'quick_service', requiredGrade: 'junior', pricing: 'hours', fixedPriceFen: null, requiredCertification: null };

const toBody = (v: Values): ServiceItemCreate => ({
  code: v.code,
  name: v.name,
  system: v.system,
  jobType: v.jobType,
  standardHours: String(v.standardHours),
  requiredGrade: v.requiredGrade,
  requiredCertification: v.requiredCertification?.trim() || null,
  fixedPriceFen: v.pricing === 'fixed' ? (v.fixedPriceFen ?? null) : null,
});

/** "1.50 小时 × ¥240.00/小时 = ¥360.00" under the pricing choice, recomputed as the user types. */
function PriceHint({ record }: { record: ServiceItem | null }) {
  const t = useT(SERVICE_ITEM_TEXT);
  const label = useLabel();
  const form = Form.useFormInstance<Values>();
  const jobType = Form.useWatch('jobType', form);
  const hours = Form.useWatch('standardHours', form);
  const rate = useLabourRate(jobType, record?.id ?? null, record?.jobType);
  const jobTypeLabel = label(JOB_TYPE_LABELS, jobType);
  const price = rate !== null && hours ? hoursTimesRate(String(hours), rate) : null;
  return (
    <div className="form-hint" data-testid="price-hint">
      {price !== null && rate !== null
        ? t('priceHint', { hours: String(hours), rate: formatMoney(rate), jobType: jobTypeLabel, price: formatMoney(price) })
        : t('priceHintNoRate', { jobType: jobTypeLabel })}
    </div>
  );
}

export function ServiceItemDrawer({ target, onClose, canManage }: { target: RecordTarget; onClose: () => void; canManage: boolean }) {
  const t = useT(SERVICE_ITEM_TEXT);
  const systemOptions = useOptions(VEHICLE_SYSTEM_LABELS);
  const jobTypeOptions = useOptions(JOB_TYPE_LABELS);
  const gradeOptions = useOptions(SKILL_GRADE_LABELS, SKILL_GRADES);
  return (
    <RecordDrawer<ServiceItem, Values, ServiceItemCreate>
      resource={serviceItemsApi}
      target={target}
      onClose={onClose}
      canManage={canManage}
      titles={{ create: t('create'), edit: t('edit'), view: t('view') }}
      nameOf={(s) => `${s.code} ${s.name}`}
      toValues={toValues}
      toBody={toBody}
      deactivation={t('deactivation')}
      width={600}
    >
      {(record) => (
        <>
          <Row gutter={16}>
            <Col span={10}>
              <Form.Item name="code" label={t('code')} tooltip={t('codeHint')} rules={[{ required: true, whitespace: true }, { max: 32 }]}>
                <Input autoFocus maxLength={32} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col span={14}>
              <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true }, { max: 100 }]}>
                <Input maxLength={100} autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="system" label={t('system')} rules={[{ required: true }]}>
                <Select options={systemOptions} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="jobType" label={t('jobType')} rules={[{ required: true }]}>
                <Select options={jobTypeOptions} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="standardHours" label={t('standardHours')} rules={[{ required: true }]}>
                <InputNumber<string> stringMode min="0" max="9999.99" step="0.1" precision={2} suffix={t('hoursUnit')} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="requiredGrade" label={t('requiredGrade')} rules={[{ required: true }]}>
                <Select options={gradeOptions} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="requiredCertification" label={t('requiredCertificationLabel')} extra={t('requiredCertificationHint')} rules={[{ max: 60 }]}>
            <Input maxLength={60} allowClear />
          </Form.Item>
          <Form.Item name="pricing" label={t('pricing')} style={{ marginBottom: 8 }}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'hours', label: t('byHours') },
                { value: 'fixed', label: t('fixed') },
              ]}
            />
          </Form.Item>
          <Form.Item noStyle dependencies={['pricing']}>
            {({ getFieldValue }) =>
              getFieldValue('pricing') === 'fixed' ? (
                <Form.Item name="fixedPriceFen" label={t('fixedPrice')} rules={[{ required: true }]}>
                  <MoneyInput />
                </Form.Item>
              ) : (
                <div style={{ marginBottom: 24 }}>
                  <PriceHint record={record} />
                </div>
              )
            }
          </Form.Item>
        </>
      )}
    </RecordDrawer>
  );
}
