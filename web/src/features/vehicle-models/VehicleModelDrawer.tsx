import { Col, Form, Input, InputNumber, Row } from 'antd';
import type { VehicleModel, VehicleModelCreate } from '#contracts/vehicle-models';
import { RecordDrawer } from '../../components/form/RecordDrawer';
import type { RecordTarget } from '../../components/form/useRecordTarget';
import { useT } from '../../lib/i18n';
import { vehicleModelName, vehicleModelsApi } from './api';
import { VEHICLE_MODEL_TEXT } from './text';

interface Values {
  brand: string;
  series: string;
  model: string;
  year: number | null;
  engine: string;
  maintenanceIntervalMonths: number;
  maintenanceIntervalKm: number;
}

const toValues = (m: VehicleModel | null): Partial<Values> =>
  m
    ? {
        brand: m.brand,
        series: m.series,
        model: m.model,
        year: m.year,
        engine: m.engine,
        maintenanceIntervalMonths: m.maintenanceIntervalMonths,
        maintenanceIntervalKm: m.maintenanceIntervalKm,
      }
    : { maintenanceIntervalMonths: 6, maintenanceIntervalKm: 5000, year: null, engine: '' };

const toBody = (v: Values): VehicleModelCreate => ({
  brand: v.brand,
  series: v.series,
  model: v.model,
  year: v.year ?? null,
  engine: v.engine ?? '',
  maintenanceIntervalMonths: v.maintenanceIntervalMonths,
  maintenanceIntervalKm: v.maintenanceIntervalKm,
});

export function VehicleModelDrawer({ target, onClose, canManage }: { target: RecordTarget; onClose: () => void; canManage: boolean }) {
  const t = useT(VEHICLE_MODEL_TEXT);
  return (
    <RecordDrawer<VehicleModel, Values, VehicleModelCreate>
      resource={vehicleModelsApi}
      target={target}
      onClose={onClose}
      canManage={canManage}
      titles={{ create: t('create'), edit: t('edit'), view: t('view') }}
      nameOf={vehicleModelName}
      toValues={toValues}
      toBody={toBody}
      deactivation={t('deactivation')}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="brand" label={t('brand')} rules={[{ required: true, whitespace: true }, { max: 40 }]}>
            <Input autoFocus maxLength={40} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="series" label={t('series')} rules={[{ required: true, whitespace: true }, { max: 60 }]}>
            <Input maxLength={60} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="model" label={t('model')} rules={[{ required: true, whitespace: true }, { max: 100 }]}>
        <Input maxLength={100} placeholder={t('modelHint')} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="year" label={t('year')}>
            <InputNumber min={1990} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="engine" label={t('engine')} rules={[{ max: 60 }]}>
            <Input maxLength={60} placeholder={t('engineHint')} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="maintenanceIntervalMonths" label={t('intervalMonths')} rules={[{ required: true }]}>
            <InputNumber min={1} max={60} precision={0} suffix={t('months')} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="maintenanceIntervalKm" label={t('intervalKm')} rules={[{ required: true }]}>
            <InputNumber min={500} max={100000} step={500} precision={0} suffix={t('km')} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </RecordDrawer>
  );
}
