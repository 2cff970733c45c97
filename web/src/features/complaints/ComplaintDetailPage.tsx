import { ArrowLeftOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Descriptions, Form, Input, Modal, Row, Select, Space, Table, Tag, Timeline, Tooltip } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import {
  COMPLAINT_ACTION_LABELS,
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_CHANNEL_LABELS,
  COMPLAINT_DEPARTMENT_LABELS,
  COMPLAINT_SEVERITY_LABELS,
  COMPLAINT_STATE_LABELS,
  HANDLING_SATISFACTION_LABELS,
  REMEDY_KIND_LABELS,
  complaintMovesFrom,
  type ComplaintAction,
  type ComplaintDetail,
  type ComplaintMove,
  type ComplaintStepInput,
} from '#contracts/complaints';
import { useCan, useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { MoneyInput } from '../../components/form/MoneyInput';
import { applyServerErrors } from '../../components/form/serverErrors';
import { ErrorState } from '../../components/states';
import { isApiError } from '../../lib/api';
import { formatDateTime, formatMoney } from '../../lib/format';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { staffApi } from '../staff/api';
import { complaintsApi, COMPLAINTS_KEY } from './api';
import { COMPLAINT_TEXT } from './text';

/** Primary (the next step of the process) first; side steps after. */
const MOVE_ORDER: ComplaintMove[] = ['acknowledge', 'investigate', 'propose', 'accept', 'close', 'decline', 'assign', 'escalate'];

/** The complaint with its lifecycle buttons, steps, remedies, and the closing form (处理满意度). */
export default function ComplaintDetailPage() {
  const t = useT(COMPLAINT_TEXT);
  const label = useLabel();
  const can = useCan();
  const tz = useMe().store.timeZone;
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const query = useQuery({ queryKey: [COMPLAINTS_KEY, 'detail', id], queryFn: () => complaintsApi.get(id), enabled: Number.isInteger(id) });
  const [action, setAction] = useState<ComplaintMove | null>(null);

  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const c = query.data;
  const moves = c ? MOVE_ORDER.filter((m) => complaintMovesFrom(c.state).includes(m)) : [];
  const allowed = (m: ComplaintMove) => can('complaint:handle') && (m !== 'close' || can('complaint:close'));

  return (
    <>
      <PageHeader
        title={c ? `${t('detail')} ${c.number}` : t('detail')}
        actions={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/complaints')}>
            {t('back')}
          </Button>
        }
      />
      {c ? (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card
            title={
              <Space>
                <Tag color={c.state === 'closed' ? 'default' : 'blue'}>{label(COMPLAINT_STATE_LABELS, c.state)}</Tag>
                {c.overdue ? <Tag color="red">{t('overdue')}</Tag> : null}
                {c.escalationLevel > 0 ? <Tag color="volcano">{t('escalated', { n: c.escalationLevel })}</Tag> : null}
              </Space>
            }
            extra={
              <Space wrap>
                {moves.map((m, i) => (
                  <Tooltip key={m} title={!allowed(m) && m === 'close' ? t('closeOnlySupervisor') : undefined}>
                    <Button type={i === 0 && m !== 'escalate' && m !== 'assign' ? 'primary' : 'default'} danger={m === 'escalate'} disabled={!allowed(m)} onClick={() => setAction(m)}>
                      {label(COMPLAINT_ACTION_LABELS, m)}
                    </Button>
                  </Tooltip>
                ))}
              </Space>
            }
          >
            <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} bordered>
              <Descriptions.Item label={t('customer')}>{c.customerName}</Descriptions.Item>
              <Descriptions.Item label={t('plate')}>{c.vehicleId ? <a onClick={() => navigate(`/vehicles/${c.vehicleId}`)}>{c.plate ?? '—'}</a> : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('ro')}>{c.roId ? <a onClick={() => navigate(`/repair-orders/${c.roId}`)}>{c.roNumber}</a> : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('channel')}>{label(COMPLAINT_CHANNEL_LABELS, c.channel)}</Descriptions.Item>
              <Descriptions.Item label={t('category')}>{label(COMPLAINT_CATEGORY_LABELS, c.category)}</Descriptions.Item>
              <Descriptions.Item label={t('department')}>{label(COMPLAINT_DEPARTMENT_LABELS, c.department)}</Descriptions.Item>
              <Descriptions.Item label={t('severity')}>{label(COMPLAINT_SEVERITY_LABELS, c.severity)}</Descriptions.Item>
              <Descriptions.Item label={t('owner')}>{c.ownerName || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('createdAt')}>{`${formatDateTime(c.createdAt, tz)} ${c.createdByName}`}</Descriptions.Item>
              <Descriptions.Item label={t('acknowledgeDue')}>{formatDateTime(c.acknowledgeDueAt, tz)}</Descriptions.Item>
              <Descriptions.Item label={t('resolveDue')}>{formatDateTime(c.resolveDueAt, tz)}</Descriptions.Item>
              <Descriptions.Item label={t('promisedReplyAt')}>{c.promisedReplyAt ? formatDateTime(c.promisedReplyAt, tz) : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('description')} span={3}>
                {c.description}
              </Descriptions.Item>
              {c.apology ? <Descriptions.Item label={t('apology')} span={3}>{c.apology}</Descriptions.Item> : null}
              {c.solution ? <Descriptions.Item label={t('solution')} span={3}>{c.solution}</Descriptions.Item> : null}
              {c.state === 'closed' ? (
                <>
                  <Descriptions.Item label={t('cause')} span={3}>{c.cause}</Descriptions.Item>
                  <Descriptions.Item label={t('resolution')} span={3}>{c.resolution}</Descriptions.Item>
                  <Descriptions.Item label={t('prevention')} span={2}>{c.prevention || '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('satisfaction')}>{label(HANDLING_SATISFACTION_LABELS, c.satisfaction)}</Descriptions.Item>
                </>
              ) : null}
            </Descriptions>
          </Card>
          <Row gutter={16}>
            <Col xs={24} lg={14}>
              <Card title={t('steps')} size="small">
                <Timeline
                  items={c.steps.map((s) => ({
                    color: s.action === 'escalate' ? 'red' : s.toState === 'closed' ? 'green' : 'blue',
                    children: (
                      <div>
                        <b>{label(COMPLAINT_ACTION_LABELS, s.action as ComplaintAction, s.action)}</b>
                        <span style={{ marginLeft: 8, color: '#888' }}>
                          {formatDateTime(s.at, tz)} · {s.actorName || '—'}
                        </span>
                        {s.note ? <div>{s.note}</div> : null}
                      </div>
                    ),
                  }))}
                />
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Card title={`${t('remedies')}（${formatMoney(c.remedyCostFen)}）`} size="small">
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={c.remedies}
                  locale={{ emptyText: t('noRemedies') }}
                  columns={[
                    { title: t('remedyKind'), dataIndex: 'kind', render: (k) => label(REMEDY_KIND_LABELS, k) },
                    { title: t('cost'), dataIndex: 'costFen', align: 'right', render: (f: number) => formatMoney(f) },
                    { title: t('note'), dataIndex: 'note' },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </Space>
      ) : (
        <Card loading />
      )}
      {c && action ? <StepModal complaint={c} action={action} onClose={() => setAction(null)} /> : null}
    </>
  );
}

interface StepValues {
  note?: string;
  apology?: string;
  promisedReplyAt?: Dayjs;
  solution?: string;
  remedies?: { kind: string; costFen: number | null; note?: string }[];
  cause?: string;
  resolution?: string;
  prevention?: string;
  satisfaction?: string;
  ownerId?: number;
  department?: string;
  resolveDueAt?: Dayjs;
}

function StepModal({ complaint, action, onClose }: { complaint: ComplaintDetail; action: ComplaintMove; onClose: () => void }) {
  const t = useT(COMPLAINT_TEXT);
  const label = useLabel();
  const can = useCan();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<StepValues>();
  const remedyOptions = useOptions(REMEDY_KIND_LABELS);
  const satisfactionOptions = useOptions(HANDLING_SATISFACTION_LABELS);
  const departmentOptions = useOptions(COMPLAINT_DEPARTMENT_LABELS);
  const staff = useQuery({
    queryKey: [staffApi.key, 'list', { pageSize: 200, complaintOwners: true }],
    queryFn: ({ signal }) => staffApi.list({ page: 1, pageSize: 200, sort: 'displayName', order: 'asc' }, signal),
    enabled: action === 'assign' && can('staff:read'),
  });
  const ownerOptions = useMemo(() => (staff.data?.items ?? []).filter((s) => s.active).map((s) => ({ value: s.userId, label: s.displayName })), [staff.data]);

  const save = useMutation({
    mutationFn: (v: StepValues) => {
      const base = { version: complaint.version, note: v.note ?? '' };
      const body = ((): ComplaintStepInput => {
        switch (action) {
          case 'acknowledge':
            return { action, ...base, apology: v.apology ?? '', promisedReplyAt: v.promisedReplyAt?.toISOString() ?? '' };
          case 'propose':
            return { action, ...base, solution: v.solution ?? '', remedies: (v.remedies ?? []).map((r) => ({ kind: r.kind as never, costFen: r.costFen ?? 0, note: r.note ?? '' })) };
          case 'close':
            return { action, ...base, cause: v.cause ?? '', resolution: v.resolution ?? '', prevention: v.prevention ?? '', satisfaction: v.satisfaction as never };
          case 'assign':
            return { action, ...base, ownerId: v.ownerId as number, department: v.department as never, resolveDueAt: v.resolveDueAt?.toISOString() };
          default:
            return { action, ...base } as ComplaintStepInput;
        }
      })();
      return complaintsApi.step(complaint.id, body);
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: [COMPLAINTS_KEY] });
      message.success(t('done', { action: label(COMPLAINT_ACTION_LABELS, action) }));
      onClose();
    },
    onError: (err) => {
      if (applyServerErrors(form, err, { 'remedies': 'remedies' }).length === 0) message.error(isApiError(err) || err instanceof Error ? err.message : String(err));
    },
  });

  const noteRequired = action === 'decline' || action === 'escalate';
  return (
    <Modal open title={label(COMPLAINT_ACTION_LABELS, action)} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} width={640} destroyOnHidden>
      <Form<StepValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ remedies: [] }}>
        {action === 'acknowledge' ? (
          <>
            <Form.Item name="apology" label={t('apology')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={2} placeholder={t('apologyPlaceholder')} />
            </Form.Item>
            <Form.Item name="promisedReplyAt" label={t('promisedReplyAt')} rules={[{ required: true }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
            </Form.Item>
          </>
        ) : null}
        {action === 'propose' ? (
          <>
            <Form.Item name="solution" label={t('solution')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.List name="remedies">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" wrap>
                      <Form.Item name={[f.name, 'kind']} rules={[{ required: true }]}>
                        <Select options={remedyOptions} placeholder={t('remedyKind')} style={{ width: 130 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'costFen']} rules={[{ required: true }]}>
                        <MoneyInput placeholder={t('cost')} style={{ width: 130 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'note']}>
                        <Input placeholder={t('note')} style={{ width: 200 }} />
                      </Form.Item>
                      <MinusCircleOutlined onClick={() => remove(f.name)} />
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'rework', costFen: 0 })}>
                    {t('addRemedy')}
                  </Button>
                </>
              )}
            </Form.List>
          </>
        ) : null}
        {action === 'close' ? (
          <>
            <Form.Item name="cause" label={t('cause')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="resolution" label={t('resolution')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="prevention" label={t('prevention')}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="satisfaction" label={t('satisfaction')} rules={[{ required: true }]}>
              <Select options={satisfactionOptions} style={{ maxWidth: 200 }} />
            </Form.Item>
          </>
        ) : null}
        {action === 'assign' ? (
          <>
            <Form.Item name="ownerId" label={t('owner')} rules={[{ required: true }]}>
              <Select options={ownerOptions} showSearch={{ optionFilterProp: 'label' }} loading={staff.isFetching} disabled={!can('staff:read')} placeholder={can('staff:read') ? t('pleaseSelect') : t('ownerNoAccess')} />
            </Form.Item>
            <Form.Item name="department" label={t('department')}>
              <Select options={departmentOptions} allowClear />
            </Form.Item>
            <Form.Item name="resolveDueAt" label={t('resolveDue')}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="note" label={t('note')} rules={noteRequired ? [{ required: true, whitespace: true }] : []}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
