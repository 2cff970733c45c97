import { PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Select, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { INCIDENT_KIND_LABELS, INCIDENT_STATUS_LABELS, type Incident, type IncidentKind, type IncidentStatus } from '#contracts/workshop';
import { useMe } from '../../app/auth';
import { FormDrawer } from '../../components/form/FormDrawer';
import { useRecordTarget, type RecordTarget } from '../../components/form/useRecordTarget';
import { ListPage } from '../../components/list/ListPage';
import type { ListColumn, ListFilter } from '../../components/list/types';
import { api } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { INCIDENTS_KEY, workshopApi } from './api';
import { WS_TEXT } from './text';

const STATUS_COLOR: Record<IncidentStatus, string> = { open: 'red', following_up: 'orange', closed: 'green' };

/** Quality and safety incidents (SPEC §6) with an owner, follow-up and status. */
export default function IncidentsPage() {
  const t = useT(WS_TEXT);
  const label = useLabel();
  const tz = useMe().store.timeZone;
  const drawer = useRecordTarget();
  const kinds = useOptions(INCIDENT_KIND_LABELS);
  const statuses = useOptions(INCIDENT_STATUS_LABELS);
  const columns = useMemo<ListColumn<Incident>[]>(
    () => [
      { key: 'occurredAt', title: t('occurredAt'), width: 150, render: (i) => formatDateTime(i.occurredAt, tz) },
      { key: 'kind', title: t('kind'), width: 140, render: (i) => label(INCIDENT_KIND_LABELS, i.kind) },
      { key: 'roNumber', title: t('roNumber'), width: 150, render: (i) => i.roNumber ?? '—' },
      { key: 'description', title: t('description'), ellipsis: true },
      { key: 'ownerName', title: t('owner'), width: 100, render: (i) => i.ownerName || '—' },
      { key: 'status', title: t('status'), width: 100, render: (i) => <Tag color={STATUS_COLOR[i.status]}>{label(INCIDENT_STATUS_LABELS, i.status)}</Tag>, exportValue: (i) => label(INCIDENT_STATUS_LABELS, i.status) },
    ],
    [t, tz, label],
  );
  const filters = useMemo<ListFilter[]>(
    () => [
      { kind: 'select', name: 'status', label: t('status'), options: statuses },
      { kind: 'select', name: 'kind', label: t('kind'), options: kinds, width: 160 },
    ],
    [t, statuses, kinds],
  );
  const createButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={drawer.openNew}>
      {t('newIncident')}
    </Button>
  );
  return (
    <>
      <ListPage<Incident>
        title={t('incidentsTitle')}
        description={t('incidentsHint')}
        listKey="incidents"
        queryKey={INCIDENTS_KEY}
        fetch={workshopApi.incidents}
        columns={columns}
        rowKey={(i) => i.id}
        search={false}
        filters={filters}
        actions={createButton}
        onOpen={(i) => drawer.openRecord(i.id)}
        empty={{ title: t('noIncidents'), hint: t('noIncidentsHint'), action: createButton }}
        exportName={t('incidentsTitle')}
      />
      <IncidentDrawer target={drawer.target} onClose={drawer.close} />
    </>
  );
}

interface Values {
  kind: IncidentKind;
  occurredAt: Dayjs;
  description: string;
  ownerId: number | null;
  followUp: string;
  status: IncidentStatus;
}

function IncidentDrawer({ target, onClose }: { target: RecordTarget; onClose: () => void }) {
  const t = useT(WS_TEXT);
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const kinds = useOptions(INCIDENT_KIND_LABELS);
  const statuses = useOptions(INCIDENT_STATUS_LABELS);
  const id = typeof target === 'number' ? target : null;
  const record = useQuery({ queryKey: [INCIDENTS_KEY, 'one', id], queryFn: () => workshopApi.getIncident(id!), enabled: id !== null });
  const staff = useQuery({ queryKey: ['staff', 'owners'], queryFn: () => api.get<{ items: { userId: number; displayName: string }[] }>('/api/staff', { page: 1, pageSize: 200 }), retry: false });
  const r = record.data;
  const initial: Partial<Values> = r
    ? { kind: r.kind, occurredAt: dayjs(r.occurredAt), description: r.description, ownerId: r.ownerId, followUp: r.followUp, status: r.status }
    : { kind: 'vehicle_damage', occurredAt: dayjs(), description: '', ownerId: null, followUp: '', status: 'open' };
  return (
    <FormDrawer<Values>
      open={target !== null}
      title={id === null ? t('newIncident') : t('incidentsTitle')}
      form={form}
      initialValues={initial}
      initKey={`${id ?? 'new'}-${r?.version ?? 0}`}
      loading={id !== null && record.isLoading}
      onReload={() => void record.refetch()}
      onClose={onClose}
      onSubmit={async (v) => {
        const body = { kind: v.kind, occurredAt: v.occurredAt.toISOString(), description: v.description, ownerId: v.ownerId ?? null, followUp: v.followUp ?? '', status: v.status, roId: r?.roId ?? null };
        if (id === null) await workshopApi.createIncident(body);
        else await workshopApi.updateIncident(id, { ...body, version: r!.version });
        await queryClient.invalidateQueries({ queryKey: [INCIDENTS_KEY] });
        onClose();
      }}
    >
      <Form.Item name="kind" label={t('kind')} rules={[{ required: true }]}>
        <Select options={kinds} />
      </Form.Item>
      <Form.Item name="occurredAt" label={t('occurredAt')} rules={[{ required: true }]}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="description" label={t('description')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item name="ownerId" label={t('owner')}>
        <Select allowClear showSearch optionFilterProp="label" options={(staff.data?.items ?? []).map((s) => ({ value: s.userId, label: s.displayName }))} />
      </Form.Item>
      <Form.Item name="followUp" label={t('followUp')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item name="status" label={t('status')} rules={[{ required: true }]}>
        <Select options={statuses} />
      </Form.Item>
    </FormDrawer>
  );
}
