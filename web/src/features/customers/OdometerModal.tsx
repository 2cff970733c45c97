import { useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { MILEAGE_MAX_KM, type VehiclePage } from '#contracts/customers-vehicles';
import { applyServerErrors } from '../../components/form/serverErrors';
import { isApiError } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { CUSTOMERS_KEY, vehiclesApi } from './api';
import { VEHICLE_TEXT } from './text';

interface Values {
  km: number | null;
  readAt: Dayjs;
  service: boolean;
  reason: string;
  broughtBy: number | null;
  broughtByName: string;
}

/**
 * Records an odometer reading at a visit: the km, when, whether a service was done (the base of the
 * next due), who brought the car; a reading below the last one needs a reason (meter replaced, typo).
 */
export function OdometerModal({ vehicle, open, onClose }: { vehicle: VehiclePage; open: boolean; onClose: () => void }) {
  const t = useT(VEHICLE_TEXT);
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const km = Form.useWatch('km', form);
  const last = vehicle.currentMileageKm;
  const below = last !== null && typeof km === 'number' && km < last;

  // Mounted afresh for every reading (the page renders it only while open).
  const [initial] = useState<Partial<Values>>(() => ({
    km: null,
    readAt: dayjs(),
    service: true,
    reason: '',
    broughtBy: vehicle.driverId ?? vehicle.ownerId ?? null,
    broughtByName: '',
  }));

  const people = [vehicle.owner, vehicle.driver].filter((p): p is NonNullable<typeof p> => p !== null);

  const save = async (v: Values) => {
    setSaving(true);
    try {
      const page = await vehiclesApi.addReading(vehicle.id, {
        km: v.km ?? 0,
        readAt: v.readAt.toISOString(),
        service: v.service,
        reason: v.reason?.trim() ?? '',
        broughtByCustomerId: v.broughtBy ?? null,
        broughtByName: v.broughtBy ? '' : (v.broughtByName?.trim() ?? ''),
      });
      client.setQueryData([vehiclesApi.key, 'record', vehicle.id], page);
      await Promise.all([client.invalidateQueries({ queryKey: [vehiclesApi.key] }), client.invalidateQueries({ queryKey: [CUSTOMERS_KEY] })]);
      message.success(t('readingSaved'));
      onClose();
    } catch (err) {
      const unplaced = applyServerErrors(form, err);
      if (unplaced.length || !(isApiError(err) && err.fields.length > 0)) message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('readingTitle')}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={480}
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={initial}>
        <Form.Item
          name="km"
          label={t('readingKm')}
          rules={[{ required: true, type: 'number', min: 0, max: MILEAGE_MAX_KM }]}
          extra={last !== null ? `${t('currentMileage')}：${formatNumber(last)} km` : undefined}
        >
          <InputNumber autoFocus min={0} max={MILEAGE_MAX_KM} precision={0} suffix="km" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="readAt" label={t('readingAt')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="service" label={t('readingService')} valuePropName="checked" extra={t('readingServiceHint')}>
          <Switch />
        </Form.Item>
        {below ? (
          <Form.Item
            name="reason"
            label={t('readingReason')}
            extra={t('readingReasonHint', { km: formatNumber(last) })}
            rules={[{ required: true, whitespace: true, message: t('readingReasonRequired') }, { max: 200 }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        ) : null}
        <Form.Item name="broughtBy" label={t('readingBroughtBy')} extra={t('readingBroughtByHint')}>
          <Select allowClear options={people.map((p) => ({ value: p.id, label: p.name }))} placeholder={t('pleaseSelect')} />
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a, b) => a.broughtBy !== b.broughtBy}>
          {({ getFieldValue }) =>
            getFieldValue('broughtBy') ? null : (
              <Form.Item name="broughtByName" rules={[{ max: 40 }]} style={{ marginTop: -8 }}>
                <Input maxLength={40} placeholder={t('readingBroughtBy')} />
              </Form.Item>
            )
          }
        </Form.Item>
        <button type="submit" className="hidden-submit" tabIndex={-1} aria-hidden="true" />
      </Form>
    </Modal>
  );
}
