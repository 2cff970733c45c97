import { useQueryClient } from '@tanstack/react-query';
import { Col, Form, Input, Row, Select } from 'antd';
import { useMemo } from 'react';
import { DEFAULT_LABOUR_RATES, JOB_TYPES, JOB_TYPE_LABELS, type LabourRates, type OpeningHours, type Store, type StoreCreate } from '#contracts/stores';
import { MoneyInput } from '../../components/form/MoneyInput';
import { RecordDrawer } from '../../components/form/RecordDrawer';
import { TimeRangeInput } from '../../components/form/TimeInput';
import type { RecordTarget } from '../../components/form/useRecordTarget';
import { SectionTitle } from '../../components/SectionTitle';
import { useLabel, useT } from '../../lib/i18n';
import { ME_KEY } from '../../app/session';
import { storesApi } from './api';
import { STORE_TEXT } from './text';

interface Values {
  code: string;
  name: string;
  brand: string;
  address: string;
  phone: string;
  timeZone: string;
  openingHours: OpeningHours;
  labourRates: LabourRates;
}

const toValues = (s: Store | null): Partial<Values> =>
  s
    ? { code: s.code, name: s.name, brand: s.brand, address: s.address, phone: s.phone, timeZone: s.timeZone, openingHours: s.openingHours, labourRates: s.labourRates }
    : { timeZone: 'Asia/Shanghai', openingHours: { opens: '08:30', closes: '18:00' }, labourRates: DEFAULT_LABOUR_RATES, brand: '', address: '', phone: '' };

const toBody = (v: Values): StoreCreate => ({
  code: v.code,
  name: v.name,
  brand: v.brand ?? '',
  address: v.address ?? '',
  phone: v.phone ?? '',
  timeZone: v.timeZone,
  openingHours: v.openingHours,
  labourRates: v.labourRates,
});

/** Chinese zones first: nearly every store is in Asia/Shanghai. */
function useTimeZoneOptions() {
  return useMemo(() => {
    const first = ['Asia/Shanghai', 'Asia/Urumqi', 'Asia/Hong_Kong', 'Asia/Macau', 'Asia/Taipei'];
    const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : first;
    return [...first, ...all.filter((z) => !first.includes(z))].map((z) => ({ value: z, label: z }));
  }, []);
}

export function StoreDrawer({ target, onClose, canManage }: { target: RecordTarget; onClose: () => void; canManage: boolean }) {
  const t = useT(STORE_TEXT);
  const label = useLabel();
  const zones = useTimeZoneOptions();
  const client = useQueryClient();
  return (
    <RecordDrawer<Store, Values, StoreCreate>
      resource={storesApi}
      target={target}
      onClose={onClose}
      canManage={canManage}
      titles={{ create: t('create'), edit: t('edit'), view: t('view') }}
      nameOf={(s) => s.name}
      toValues={toValues}
      toBody={toBody}
      deactivation={t('deactivation')}
      width={640}
      // The store switcher lists the user's stores: a new or renamed store shows up there at once.
      onSaved={() => void client.invalidateQueries({ queryKey: ME_KEY })}
    >
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="code" label={t('code')} tooltip={t('codeHint')} rules={[{ required: true, whitespace: true }, { max: 32 }]}>
            <Input autoFocus maxLength={32} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true }, { max: 100 }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="brand" label={t('brand')} rules={[{ max: 60 }]}>
            <Input maxLength={60} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="phone" label={t('phone')} rules={[{ max: 30 }]}>
            <Input maxLength={30} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="address" label={t('address')} rules={[{ max: 200 }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="timeZone" label={t('timeZone')} extra={t('timeZoneHint')} rules={[{ required: true }]}>
            <Select showSearch options={zones} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="openingHours" label={t('openingHours')} rules={[{ required: true }]}>
            <TimeRangeInput keys={['opens', 'closes']} separator={t('to')} />
          </Form.Item>
        </Col>
      </Row>
      <SectionTitle hint={t('labourRatesHint')}>{t('labourRates')}</SectionTitle>
      <Row gutter={16}>
        {JOB_TYPES.map((jobType) => (
          <Col span={8} key={jobType}>
            <Form.Item name={['labourRates', jobType]} label={label(JOB_TYPE_LABELS, jobType)} rules={[{ required: true }]}>
              <MoneyInput suffix={t('perHour')} />
            </Form.Item>
          </Col>
        ))}
      </Row>
    </RecordDrawer>
  );
}
