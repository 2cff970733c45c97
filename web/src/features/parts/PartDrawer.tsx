import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { PART_CATEGORY_LABELS, PART_ORIGIN_LABELS, PART_UNIT_LABELS, type Part, type PartCategory, type PartCreate, type PartOrigin, type PartUnit } from '#contracts/parts';
import { MoneyInput } from '../../components/form/MoneyInput';
import { RecordDrawer } from '../../components/form/RecordDrawer';
import type { RecordTarget } from '../../components/form/useRecordTarget';
import { useOptions, useT } from '../../lib/i18n';
import { VehicleModelSelect } from '../customers/pickers';
import { partsApi } from './api';
import { PARTS_TEXT } from './text';

interface Values {
  partNo: string;
  name: string;
  brand: string;
  origin: PartOrigin;
  unit: PartUnit;
  category: PartCategory;
  costFen: number | null;
  retailPriceFen: number | null;
  vehicleModelIds: number[];
  defaultLocation: string;
  safetyStock: string | null;
}

const toValues = (p: Part | null): Partial<Values> =>
  p
    ? { ...p, safetyStock: p.safetyStock }
    : { origin: 'oem', unit: 'piece', category: 'other', costFen: null, retailPriceFen: null, vehicleModelIds: [], defaultLocation: '', brand: '', safetyStock: null };

const toBody = (v: Values): PartCreate => ({
  partNo: v.partNo,
  name: v.name,
  brand: v.brand ?? '',
  origin: v.origin,
  unit: v.unit,
  category: v.category,
  costFen: v.costFen ?? 0,
  retailPriceFen: v.retailPriceFen ?? 0,
  vehicleModelIds: v.vehicleModelIds ?? [],
  defaultLocation: v.defaultLocation ?? '',
  safetyStock: v.safetyStock === null || v.safetyStock === undefined || v.safetyStock === '' ? null : String(v.safetyStock),
});

/** 配件目录 record: create, edit, deactivate. */
export function PartDrawer({ target, onClose, canManage, onSaved }: { target: RecordTarget; onClose: () => void; canManage: boolean; onSaved?: (p: Part) => void }) {
  const t = useT(PARTS_TEXT);
  const originOptions = useOptions(PART_ORIGIN_LABELS);
  const unitOptions = useOptions(PART_UNIT_LABELS);
  const categoryOptions = useOptions(PART_CATEGORY_LABELS);
  return (
    <RecordDrawer<Part, Values, PartCreate>
      resource={partsApi}
      target={target}
      onClose={onClose}
      canManage={canManage}
      titles={{ create: t('createPart'), edit: t('editPart'), view: t('viewPart') }}
      nameOf={(p) => `${p.partNo} ${p.name}`}
      toValues={toValues}
      toBody={toBody}
      deactivation={t('deactivation')}
      width={640}
      onSaved={onSaved}
    >
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item name="partNo" label={t('partNo')} tooltip={t('partNoHint')} rules={[{ required: true, whitespace: true }, { max: 40 }]}>
            <Input autoFocus maxLength={40} autoComplete="off" style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="name" label={t('partName')} rules={[{ required: true, whitespace: true }, { max: 100 }]}>
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="brand" label={t('brand')} rules={[{ max: 40 }]}>
            <Input maxLength={40} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="origin" label={t('origin')} rules={[{ required: true }]}>
            <Select options={originOptions} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="category" label={t('category')} rules={[{ required: true }]}>
            <Select options={categoryOptions} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="unit" label={t('unit')} rules={[{ required: true }]}>
            <Select options={unitOptions} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="costFen" label={t('cost')} rules={[{ required: true }]}>
            <MoneyInput />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="retailPriceFen" label={t('retailPrice')} rules={[{ required: true }]}>
            <MoneyInput />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="defaultLocation" label={t('defaultLocation')} rules={[{ max: 30 }]}>
            <Input maxLength={30} placeholder="A-01" />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="safetyStock" label={t('safetyStock')} extra={t('safetyStockHint')}>
            <InputNumber<string> stringMode min="0" style={{ width: '100%' }} placeholder={t('safetyComputed')} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="vehicleModelIds" label={t('models')}>
        <VehicleModelSelect mode="multiple" />
      </Form.Item>
    </RecordDrawer>
  );
}
