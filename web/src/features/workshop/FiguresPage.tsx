import { App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Statistic, Table, Tabs, Tooltip } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { COMEBACK_REASON_LABELS, COMEBACK_REASONS, type ComebackReason, type Comeback, type QualityRates, type TechnicianDay } from '#contracts/workshop';
import { useCan, useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/states';
import { api, isApiError } from '../../lib/api';
import type { Page } from '#contracts/common';
import type { StaffMember } from '#contracts/staff';
import { formatDateTime, formatPercent } from '../../lib/format';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { roApi } from '../repair-orders/api';
import { plateText } from '../repair-orders/display';
import { WORKSHOP_KEY, workshopApi } from './api';
import { WS_TEXT } from './text';

const pct = (v: number | null) => (v === null ? '—' : formatPercent(v * 100));

/** 车间指标: first-time fix and internal rework (SPEC §16) by store, team and technician; hours per technician-day; comebacks. */
export default function FiguresPage() {
  const t = useT(WS_TEXT);
  const can = useCan();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('month'), dayjs()]);
  const [from, to] = [range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD')];
  const [recording, setRecording] = useState(false);
  const [attendance, setAttendance] = useState(false);
  return (
    <div>
      <PageHeader
        title={t('figuresTitle')}
        description={t('figuresHint')}
        actions={
          <>
            <DatePicker.RangePicker allowClear={false} value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
            {can('attendance:manage') ? <Button onClick={() => setAttendance(true)}>{t('recordAttendance')}</Button> : null}
            {can('comeback:manage') ? <Button onClick={() => setRecording(true)}>{t('recordComeback')}</Button> : null}
          </>
        }
      />
      <Tabs
        items={[
          { key: 'quality', label: `${t('ftf')} / ${t('reworkRate')}`, children: <Quality from={from} to={to} /> },
          { key: 'hours', label: `${t('efficiency')} / ${t('utilisation')}`, children: <Hours from={from} to={to} /> },
          { key: 'comebacks', label: t('comebacks'), children: <ComebackList from={from} to={to} /> },
        ]}
      />
      {recording ? <ComebackModal onClose={() => setRecording(false)} /> : null}
      {attendance ? <AttendanceModal onClose={() => setAttendance(false)} /> : null}
    </div>
  );
}

function Quality({ from, to }: { from: string; to: string }) {
  const t = useT(WS_TEXT);
  const query = useQuery({ queryKey: [WORKSHOP_KEY, 'quality', from, to], queryFn: () => workshopApi.quality(from, to) });
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const columns = [
    { key: 'name', title: t('name'), dataIndex: 'name' },
    { key: 'ros', title: t('ros'), dataIndex: 'ros', align: 'right' as const, width: 100 },
    { key: 'comebackRos', title: t('comebackRos'), dataIndex: 'comebackRos', align: 'right' as const, width: 100 },
    { key: 'ftf', title: t('ftf'), align: 'right' as const, width: 110, render: (_: unknown, r: QualityRates) => pct(r.firstTimeFixRate) },
    { key: 'qcRos', title: t('qcRos'), dataIndex: 'qcRos', align: 'right' as const, width: 100 },
    { key: 'reworkRos', title: t('reworkRos'), dataIndex: 'reworkRos', align: 'right' as const, width: 100 },
    { key: 'rework', title: t('reworkRate'), align: 'right' as const, width: 110, render: (_: unknown, r: QualityRates) => pct(r.reworkRate) },
  ];
  const s = query.data?.store;
  return (
    <>
      <Row gutter={12} style={{ marginBottom: 12 }}>
        <Col span={6}><Card size="small" loading={query.isLoading}><Statistic title={t('ftf')} value={s ? pct(s.firstTimeFixRate) : '—'} /></Card></Col>
        <Col span={6}><Card size="small" loading={query.isLoading}><Statistic title={t('reworkRate')} value={s ? pct(s.reworkRate) : '—'} /></Card></Col>
        <Col span={6}><Card size="small" loading={query.isLoading}><Statistic title={t('ros')} value={s?.ros ?? 0} suffix={s ? ` / ${t('comebackRos')} ${s.comebackRos}` : ''} /></Card></Col>
        <Col span={6}><Card size="small" loading={query.isLoading}><Statistic title={t('qcRos')} value={s?.qcRos ?? 0} suffix={s ? ` / ${t('reworkRos')} ${s.reworkRos}` : ''} /></Card></Col>
      </Row>
      <Card size="small" title={t('byTeam')} style={{ marginBottom: 12 }}>
        <Table<QualityRates> size="small" rowKey="key" loading={query.isLoading} dataSource={query.data?.teams ?? []} columns={columns} pagination={false} locale={{ emptyText: t('noData') }} />
      </Card>
      <Card size="small" title={t('byTechnician')}>
        <Table<QualityRates> size="small" rowKey="key" loading={query.isLoading} dataSource={query.data?.technicians ?? []} columns={columns} pagination={false} locale={{ emptyText: t('noData') }} />
      </Card>
    </>
  );
}

function Hours({ from, to }: { from: string; to: string }) {
  const t = useT(WS_TEXT);
  const days = dayjs(to).diff(dayjs(from), 'day');
  const query = useQuery({ queryKey: [WORKSHOP_KEY, 'days', from, to], queryFn: () => workshopApi.technicianDays(from, days > 92 ? dayjs(from).add(92, 'day').format('YYYY-MM-DD') : to) });
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Card size="small">
      <Table<TechnicianDay>
        size="small"
        rowKey={(r) => `${r.userId}-${r.day}`}
        loading={query.isLoading}
        dataSource={query.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('noData') }}
        columns={[
          { key: 'day', title: t('day'), dataIndex: 'day', width: 120 },
          { key: 'name', title: t('technician'), dataIndex: 'name' },
          { key: 'clocked', title: t('clockedHours'), dataIndex: 'clockedHours', align: 'right', width: 110 },
          { key: 'earned', title: t('earnedHours'), dataIndex: 'earnedHours', align: 'right', width: 110 },
          {
            key: 'attendance',
            title: t('attendanceHours'),
            align: 'right',
            width: 120,
            render: (_, r) => (r.attendanceEntered ? r.attendanceHours : <Tooltip title={t('defaultAttendance')}>{r.attendanceHours}*</Tooltip>),
          },
          { key: 'eff', title: t('efficiency'), align: 'right', width: 100, render: (_, r) => pct(r.efficiency) },
          { key: 'util', title: t('utilisation'), align: 'right', width: 100, render: (_, r) => pct(r.utilisation) },
        ]}
      />
    </Card>
  );
}

function ComebackList({ from, to }: { from: string; to: string }) {
  const t = useT(WS_TEXT);
  const label = useLabel();
  const tz = useMe().store.timeZone;
  const query = useQuery({ queryKey: [WORKSHOP_KEY, 'comebacks', from, to], queryFn: () => workshopApi.comebacks(from, to) });
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Card size="small">
      <Table<Comeback>
        size="small"
        rowKey="id"
        loading={query.isLoading}
        dataSource={query.data ?? []}
        pagination={false}
        locale={{ emptyText: t('noData') }}
        columns={[
          { key: 'at', title: t('recordedAt'), width: 150, render: (_, r) => formatDateTime(r.recordedAt, tz) },
          { key: 'ro', title: t('roNumber'), dataIndex: 'roNumber', width: 150 },
          { key: 'orig', title: t('originalRoNumber'), dataIndex: 'originalRoNumber', width: 150 },
          { key: 'reason', title: t('comebackReason'), width: 120, render: (_, r) => label(COMEBACK_REASON_LABELS, r.reason) },
          { key: 'techs', title: t('technicianNames'), width: 160, render: (_, r) => r.technicians.join('、') || '—' },
          { key: 'note', title: t('note'), dataIndex: 'note' },
        ]}
      />
    </Card>
  );
}

function ComebackModal({ onClose }: { onClose: () => void }) {
  const t = useT(WS_TEXT);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reasons = useOptions(COMEBACK_REASON_LABELS, COMEBACK_REASONS);
  const [form] = Form.useForm<{ roId: number; originalRoId: number; reason: ComebackReason; note: string }>();
  const [q, setQ] = useState('');
  const roId = Form.useWatch('roId', form);
  const found = useQuery({ queryKey: ['repair-orders', 'comeback-pick', q], queryFn: () => roApi.list({ page: 1, pageSize: 10, q, stage: 'open' }), enabled: q.trim().length >= 2 });
  const current = found.data?.items.find((r) => r.id === roId);
  const earlier = useQuery({
    queryKey: ['repair-orders', 'comeback-originals', current?.vehicleId],
    queryFn: () => roApi.list({ page: 1, pageSize: 20, vehicleId: current!.vehicleId, stage: 'closed', sort: 'openedAt', order: 'desc' }),
    enabled: current !== undefined,
  });
  const save = useMutation({
    mutationFn: (v: { roId: number; originalRoId: number; reason: ComebackReason; note: string }) => workshopApi.recordComeback({ ...v, note: v.note ?? '' }),
    onSuccess: () => {
      message.success(t('recorded'));
      void queryClient.invalidateQueries({ queryKey: [WORKSHOP_KEY] });
      onClose();
    },
    onError: (err) => message.error(isApiError(err) ? err.message : String(err)),
  });
  return (
    <Modal open title={t('recordComeback')} onOk={() => form.submit()} confirmLoading={save.isPending} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="roId" label={t('comebackRo')} rules={[{ required: true }]}>
          <Select
            showSearch
            autoFocus
            filterOption={false}
            onSearch={setQ}
            loading={found.isFetching}
            options={(found.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.number} ${plateText(r.plate)} ${r.customerName}` }))}
          />
        </Form.Item>
        <Form.Item name="originalRoId" label={t('originalRo')} rules={[{ required: true }]}>
          <Select
            disabled={!current}
            loading={earlier.isFetching}
            options={(earlier.data?.items ?? []).filter((r) => r.id !== roId && r.state !== 'cancelled').map((r) => ({ value: r.id, label: `${r.number} · ${formatDateTime(r.openedAt)}` }))}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('comebackReason')} rules={[{ required: true }]}>
          <Select options={reasons} />
        </Form.Item>
        <Form.Item name="note" label={t('note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}

/** The team leader records a technician's attendance hours for a day (otherwise: the opening hours). */
function AttendanceModal({ onClose }: { onClose: () => void }) {
  const t = useT(WS_TEXT);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ userId: number; day: Dayjs; hours: number }>();
  const staff = useQuery({ queryKey: ['staff', 'workshop'], queryFn: () => api.get<Page<StaffMember>>('/api/staff', { page: 1, pageSize: 200 }) });
  const save = useMutation({
    mutationFn: (v: { userId: number; day: Dayjs; hours: number }) => workshopApi.attendance({ userId: v.userId, day: v.day.format('YYYY-MM-DD'), hours: v.hours }),
    onSuccess: () => {
      message.success(t('saved'));
      void queryClient.invalidateQueries({ queryKey: [WORKSHOP_KEY, 'days'] });
      onClose();
    },
    onError: (err) => message.error(isApiError(err) ? err.message : String(err)),
  });
  const workshopRoles = ['technician', 'team_leader', 'technical_supervisor', 'workshop_supervisor'];
  return (
    <Modal open title={t('recordAttendance')} onOk={() => form.submit()} confirmLoading={save.isPending} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ day: dayjs(), hours: 8 }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="userId" label={t('technician')} rules={[{ required: true, message: t('pickTechnician') }]}>
          <Select
            showSearch
            autoFocus
            optionFilterProp="label"
            loading={staff.isLoading}
            options={(staff.data?.items ?? []).filter((m) => workshopRoles.includes(m.role) && m.active).map((m) => ({ value: m.userId, label: m.team ? `${m.displayName}（${m.team}）` : m.displayName }))}
          />
        </Form.Item>
        <Form.Item name="day" label={t('day')} rules={[{ required: true }]}>
          <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="hours" label={t('attendanceHours')} rules={[{ required: true }]}>
          <InputNumber min={0} max={24} step={0.5} />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
