import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useMemo } from 'react';
import type { MaintenancePackage, MaintenancePackageCreate } from '#contracts/service-items';
import { RecordDrawer } from '../../components/form/RecordDrawer';
import type { RecordTarget } from '../../components/form/useRecordTarget';
import { useT } from '../../lib/i18n';
import { usePickerOptions, useRecordsById } from '../../lib/records';
import { vehicleModelName, vehicleModelsApi } from '../vehicle-models/api';
import { packagesApi } from './api';
import { ServiceItemPicker } from './ServiceItemPicker';
import { PACKAGE_TEXT } from './text';

interface Values {
  code: string;
  name: string;
  vehicleModelId: number | null;
  mileageKm: number | null;
  serviceItemIds: number[];
}

const toValues = (p: MaintenancePackage | null): Partial<Values> =>
  p
    ? { code: p.code, name: p.name, vehicleModelId: p.vehicleModelId, mileageKm: p.mileageKm, serviceItemIds: p.serviceItemIds }
    : { vehicleModelId: null, mileageKm: null, serviceItemIds: [] };

const toBody = (v: Values): MaintenancePackageCreate => ({
  code: v.code,
  name: v.name,
  vehicleModelId: v.vehicleModelId ?? null,
  mileageKm: v.mileageKm ?? null,
  serviceItemIds: v.serviceItemIds,
});

/** Active models to pick from, plus the package's own model even if it was deactivated since. */
function useModelOptions(currentId: number | null | undefined) {
  const models = usePickerOptions(vehicleModelsApi, '', 'brand');
  const current = useRecordsById(vehicleModelsApi, currentId ? [currentId] : []);
  return useMemo(() => {
    const all = new Map((models.data?.items ?? []).map((m) => [m.id, m]));
    for (const m of current.values()) all.set(m.id, m);
    return [...all.values()].map((m) => ({ value: m.id, label: vehicleModelName(m) }));
  }, [models.data, current]);
}

function ModelSelect({ value, onChange, placeholder }: { value?: number | null; onChange?: (v: number | null) => void; placeholder: string }) {
  const options = useModelOptions(value);
  return (
    <Select<number | null>
      value={value ?? null}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder}
      options={options}
    />
  );
}

export function PackageDrawer({ target, onClose, canManage }: { target: RecordTarget; onClose: () => void; canManage: boolean }) {
  const t = useT(PACKAGE_TEXT);
  return (
    <RecordDrawer<MaintenancePackage, Values, MaintenancePackageCreate>
      resource={packagesApi}
      target={target}
      onClose={onClose}
      canManage={canManage}
      titles={{ create: t('create'), edit: t('edit'), view: t('view') }}
      nameOf={(p) => `${p.code} ${p.name}`}
      toValues={toValues}
      toBody={toBody}
      deactivation={t('deactivation')}
      width={720}
    >
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
        <Col span={14}>
          <Form.Item name="vehicleModelId" label={t('vehicleModel')}>
            <ModelSelect placeholder={t('allModels')} />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="mileageKm" label={t('mileage')}>
            <InputNumber min={0} max={1000000} step={5000} precision={0} suffix={t('km')} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="serviceItemIds" label={t('items')} rules={[{ required: true, type: 'array', min: 1, message: t('itemsRequired') }]}>
        <ServiceItemPicker />
      </Form.Item>
    </RecordDrawer>
  );
}
