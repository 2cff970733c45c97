import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, AutoComplete, Col, DatePicker, Form, Input, InputNumber, Row, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { PartyRef, VehicleCreate, VehiclePage } from '#contracts/customers-vehicles';
import { MILEAGE_MAX_KM } from '#contracts/customers-vehicles';
import { normalizePlate, normalizeVin } from '#contracts/vehicle';
import { FormDrawer } from '../../components/form/FormDrawer';
import type { RecordTarget } from '../../components/form/useRecordTarget';
import { SectionTitle } from '../../components/SectionTitle';
import { ErrorState } from '../../components/states';
import { useT } from '../../lib/i18n';
import { CUSTOMERS_KEY, duplicatesOf, SEARCH_KEY, vehiclesApi } from './api';
import { PlateInput, usePlateRule } from './PlateInput';
import { CustomerPicker, VehicleModelSelect } from './pickers';
import { useCustomerRules } from './rules';
import { CUSTOMER_TEXT, VEHICLE_TEXT } from './text';
import { useDuplicateDialog } from './useDuplicateDialog';

interface Values {
  plate: string;
  vin: string;
  vehicleModelId: number | null;
  colour: string;
  engineNo: string;
  purchaseDate: Dayjs | null;
  soldByUs: boolean;
  warrantyStart: Dayjs | null;
  insuranceCompany: string;
  insuranceExpiry: Dayjs | null;
  extendedWarrantyUntil: Dayjs | null;
  extendedWarrantyKm: number | null;
  ownerId: number | null;
  driverId: number | null;
  mileageKm: number | null;
  notes: string;
}

const COLOURS = ['白色', '黑色', '银色', '灰色', '红色', '蓝色', '棕色', '绿色', '金色', '橙色'].map((value) => ({ value }));
const INSURERS = ['人保财险', '平安产险', '太平洋产险', '国寿财险', '大地保险', '阳光保险', '太平保险', '华安保险', '中华联合'].map((value) => ({ value }));

const day = (v: string | null) => (v ? dayjs(v) : null);
const iso = (v: Dayjs | null | undefined) => (v ? v.format('YYYY-MM-DD') : null);

function toValues(v: VehiclePage | null, defaults?: { ownerId?: number | null }): Partial<Values> {
  if (!v) {
    return { plate: '', vin: '', vehicleModelId: null, soldByUs: false, ownerId: defaults?.ownerId ?? null, driverId: null, mileageKm: null, extendedWarrantyKm: null };
  }
  return {
    plate: v.plate ?? '',
    vin: v.vin ?? '',
    vehicleModelId: v.vehicleModelId,
    colour: v.colour,
    engineNo: v.engineNo,
    purchaseDate: day(v.purchaseDate),
    soldByUs: v.soldByUs,
    warrantyStart: day(v.warrantyStart),
    insuranceCompany: v.insuranceCompany,
    insuranceExpiry: day(v.insuranceExpiry),
    extendedWarrantyUntil: day(v.extendedWarrantyUntil),
    extendedWarrantyKm: v.extendedWarrantyKm,
    ownerId: v.ownerId,
    driverId: v.driverId,
    notes: v.notes,
  };
}

function toBody(v: Values, confirmDuplicate: boolean): VehicleCreate {
  return {
    plate: v.plate ? normalizePlate(v.plate) || null : null,
    vin: v.vin ? normalizeVin(v.vin) || null : null,
    vehicleModelId: v.vehicleModelId ?? null,
    colour: v.colour?.trim() ?? '',
    engineNo: v.engineNo?.trim() ?? '',
    purchaseDate: iso(v.purchaseDate),
    soldByUs: v.soldByUs ?? false,
    warrantyStart: iso(v.warrantyStart),
    insuranceCompany: v.insuranceCompany?.trim() ?? '',
    insuranceExpiry: iso(v.insuranceExpiry),
    extendedWarrantyUntil: iso(v.extendedWarrantyUntil),
    extendedWarrantyKm: v.extendedWarrantyKm ?? null,
    ownerId: v.ownerId ?? null,
    driverId: v.driverId ?? null,
    notes: v.notes?.trim() ?? '',
    mileageKm: v.mileageKm ?? null,
    confirmDuplicate,
  };
}

/**
 * Creates or edits a vehicle file: plate (province picker, any case) and VIN (check digit), model,
 * owner (车主) and usual driver (使用人) with an inline new customer, purchase, warranty, insurance and
 * extended warranty; the first odometer reading when the car is new to the system.
 */
export function VehicleDrawer({
  target,
  onClose,
  onSaved,
  defaults,
}: {
  target: RecordTarget;
  onClose: () => void;
  onSaved?: (v: VehiclePage) => void;
  defaults?: { ownerId?: number | null; owner?: PartyRef | null };
}) {
  const t = useT(VEHICLE_TEXT);
  const tc = useT(CUSTOMER_TEXT);
  const { message } = App.useApp();
  const client = useQueryClient();
  const rules = useCustomerRules();
  const plateRule = usePlateRule();
  const [form] = Form.useForm<Values>();
  const askDuplicate = useDuplicateDialog();
  const id = typeof target === 'number' ? target : null;
  const record = useQuery({ queryKey: [vehiclesApi.key, 'record', id], queryFn: () => vehiclesApi.get(id!), enabled: id !== null });
  const current = id === null ? null : (record.data ?? null);
  const ownerId = Form.useWatch('ownerId', form);

  const submit = async (values: Values) => {
    const send = (confirm: boolean) =>
      current ? vehiclesApi.update(current.id, { ...toBody(values, confirm), version: current.version }) : vehiclesApi.create(toBody(values, confirm));
    let saved: VehiclePage;
    try {
      saved = await send(false);
    } catch (err) {
      const candidates = duplicatesOf(err);
      if (!candidates) throw err;
      const choice = await askDuplicate(candidates, { canSaveAnyway: !candidates.some((c) => c.matched === 'vin') });
      if (choice.kind !== 'save') {
        const fields = [...new Set(candidates.map((c) => c.matched))].filter((f): f is 'vin' | 'plate' => f === 'vin' || f === 'plate');
        form.setFields(fields.map((f) => ({ name: f, errors: [tc('duplicateField', { field: t(f) })] })));
        throw err;
      }
      saved = await send(true);
    }
    client.setQueryData([vehiclesApi.key, 'record', saved.id], saved);
    await Promise.all([
      client.invalidateQueries({ queryKey: [vehiclesApi.key] }),
      client.invalidateQueries({ queryKey: [CUSTOMERS_KEY] }),
      client.invalidateQueries({ queryKey: [SEARCH_KEY] }),
    ]);
    message.success(current ? t('saved') : t('created'));
    onSaved?.(saved);
    onClose();
  };

  const title = current ? `${t('edit')}：${current.plateDisplay ?? current.vin ?? ''}` : id !== null ? t('edit') : t('create');

  if (id !== null && record.isError) {
    return (
      <FormDrawer open title={title} form={form} initialValues={{}} initKey="error" onSubmit={async () => {}} onClose={onClose} readOnly>
        <ErrorState error={record.error} onRetry={() => void record.refetch()} />
      </FormDrawer>
    );
  }

  const today = dayjs();
  return (
    <FormDrawer<Values>
      open={target !== null}
      title={title}
      form={form}
      initialValues={toValues(current, defaults)}
      initKey={current ? `${current.id}:${current.version}` : `${String(target)}:${defaults?.ownerId ?? ''}`}
      loading={id !== null && record.isPending}
      onSubmit={submit}
      onClose={onClose}
      onReload={() => void record.refetch()}
      width={680}
    >
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item name="plate" label={t('plate')} extra={t('plateHint')} rules={[plateRule]}>
            <PlateInput autoFocus />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="vin" label={t('vin')} extra={t('vinHint')} rules={[rules.vin]} normalize={(v: string) => v.toUpperCase().replace(/\s+/g, '')}>
            <Input autoComplete="off" maxLength={17} showCount style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="vehicleModelId" label={t('model')}>
        <VehicleModelSelect />
      </Form.Item>
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item name="colour" label={t('colour')} rules={[{ max: 30 }]}>
            <AutoComplete options={COLOURS} maxLength={30} />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="engineNo" label={t('engineNo')} rules={[{ max: 40 }]}>
            <Input autoComplete="off" maxLength={40} />
          </Form.Item>
        </Col>
      </Row>

      <SectionTitle>{t('sectionPeople')}</SectionTitle>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="ownerId" label={t('owner')}>
            <CustomerPicker known={current?.owner ?? defaults?.owner ?? null} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="driverId" label={t('driver')} extra={t('driverHint')}>
            <CustomerPicker known={current?.driver ?? null} exclude={ownerId ?? undefined} />
          </Form.Item>
        </Col>
      </Row>

      <SectionTitle>{t('sectionWarranty')}</SectionTitle>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="purchaseDate" label={t('purchaseDate')}>
            <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={(d) => d.isAfter(today, 'day')} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="warrantyStart" label={t('warrantyStart')}>
            <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="soldByUs" label={t('soldByUs')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="extendedWarrantyUntil" label={t('extendedWarrantyUntil')}>
            <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="extendedWarrantyKm" label={t('extendedWarrantyKm')}>
            <InputNumber min={0} max={MILEAGE_MAX_KM} precision={0} step={10000} suffix="km" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        {current ? null : (
          <Col span={8}>
            <Form.Item name="mileageKm" label={t('mileageKm')} extra={t('mileageHint')}>
              <InputNumber min={0} max={MILEAGE_MAX_KM} precision={0} suffix="km" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        )}
      </Row>

      <SectionTitle>{t('sectionInsurance')}</SectionTitle>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="insuranceCompany" label={t('insuranceCompany')} rules={[{ max: 60 }]}>
            <AutoComplete options={INSURERS} maxLength={60} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="insuranceExpiry" label={t('insuranceExpiry')}>
            <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="notes" label={t('notes')} rules={[{ max: 2000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
    </FormDrawer>
  );
}
