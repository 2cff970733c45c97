import { Form, Input, Select, Switch } from 'antd';
import type { Bay, BayCreate } from '#contracts/bays';
import { JOB_TYPE_LABELS, type JobType } from '#contracts/stores';
import { RecordDrawer } from '../../components/form/RecordDrawer';
import type { RecordTarget } from '../../components/form/useRecordTarget';
import { useOptions, useT } from '../../lib/i18n';
import { baysApi } from './api';
import { BAY_TEXT } from './text';

interface Values {
  code: string;
  name: string;
  type: JobType;
  reservedForAppointments: boolean;
}

const toValues = (bay: Bay | null): Partial<Values> =>
  bay
    ? { code: bay.code, name: bay.name, type: bay.type, reservedForAppointments: bay.reservedForAppointments }
    : { type: 'mechanical', reservedForAppointments: false };

const toBody = (v: Values): BayCreate => ({
  code: v.code,
  name: v.name,
  type: v.type,
  reservedForAppointments: v.reservedForAppointments,
});

export function BayDrawer({ target, onClose, canManage }: { target: RecordTarget; onClose: () => void; canManage: boolean }) {
  const t = useT(BAY_TEXT);
  const typeOptions = useOptions(JOB_TYPE_LABELS);
  return (
    <RecordDrawer<Bay, Values, BayCreate>
      resource={baysApi}
      target={target}
      onClose={onClose}
      canManage={canManage}
      titles={{ create: t('create'), edit: t('edit'), view: t('view') }}
      nameOf={(b) => `${b.code} ${b.name}`}
      toValues={toValues}
      toBody={toBody}
      deactivation={t('deactivation')}
      width={480}
    >
      <Form.Item name="code" label={t('code')} extra={t('codeHint')} rules={[{ required: true, whitespace: true }, { max: 32 }]}>
        <Input autoFocus maxLength={32} autoComplete="off" />
      </Form.Item>
      <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true }, { max: 100 }]}>
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
      <Form.Item name="type" label={t('type')} rules={[{ required: true }]}>
        <Select options={typeOptions} />
      </Form.Item>
      <Form.Item name="reservedForAppointments" label={t('reserved')} extra={t('reservedHint')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </RecordDrawer>
  );
}
