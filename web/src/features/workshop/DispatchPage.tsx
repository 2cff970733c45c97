import { Alert, App, Badge, Button, Card, Empty, Form, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { SKILL_GRADE_LABELS } from '#contracts/roles';
import { JOB_TYPE_LABELS } from '#contracts/stores';
import { JOB_STATE_LABELS, QC_STAGE_LABELS, type DispatchWarning, type Job, type JobCandidate } from '#contracts/workshop';
import { useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/states';
import { isApiError } from '../../lib/api';
import { formatTime } from '../../lib/format';
import { useLabel, useLang, useT } from '../../lib/i18n';
import { Plate } from '../repair-orders/display';
import { WORKSHOP_KEY, workshopApi } from './api';
import { useBoardEvents } from './useBoardEvents';
import { WS_TEXT } from './text';
import './workshop.css';

type Target = { kind: 'new'; candidate: JobCandidate; technicianId?: number } | { kind: 'move'; job: Job };

/** 派工 (SPEC §6, UX: everything open at a glance, drag or keys, warnings before mistakes). */
export default function DispatchPage() {
  const t = useT(WS_TEXT);
  const label = useLabel();
  const tz = useMe().store.timeZone;
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: [WORKSHOP_KEY, 'dispatch'], queryFn: ({ signal }) => workshopApi.dispatch(signal) });
  const refetch = query.refetch;
  useBoardEvents(useCallback(() => void refetch(), [refetch]));
  const [picked, setSelected] = useState(0);
  const [target, setTarget] = useState<Target | null>(null);
  const [dragOver, setDragOver] = useState<number | null>(null);
  const listRef = useRef<HTMLDivElement>(null);

  const data = query.data;
  const unassigned = data?.unassigned ?? [];
  /** The selected card, kept inside the list when it shrinks. */
  const selected = Math.min(picked, Math.max(0, unassigned.length - 1));

  const onListKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') setSelected((i) => Math.min(unassigned.length - 1, i + 1));
    else if (e.key === 'ArrowUp') setSelected((i) => Math.max(0, i - 1));
    else if (e.key === 'Enter' && unassigned[selected]) setTarget({ kind: 'new', candidate: unassigned[selected] });
    else return;
    e.preventDefault();
  };

  if (query.error) return <ErrorState error={query.error} onRetry={() => void refetch()} />;
  const techLoadMax = Math.max(8, ...(data?.technicians ?? []).map((x) => Number(x.loadHours)));

  return (
    <div className="ws-dispatch">
      <PageHeader title={t('dispatchTitle')} description={t('dispatchHint')} />
      <div className="ws-dispatch-grid">
        <Card size="small" title={`${t('unassigned')} · ${unassigned.length}`} loading={query.isLoading} className="ws-panel">
          {unassigned.length === 0 ? (
            <Empty description={<><div>{t('noUnassigned')}</div><Typography.Text type="secondary">{t('noUnassignedHint')}</Typography.Text></>} />
          ) : (
            <div ref={listRef} tabIndex={0} role="listbox" aria-label={t('unassigned')} className="ws-job-list" onKeyDown={onListKey}>
              {unassigned.map((c, i) => (
                <div
                  key={c.lineId}
                  role="option"
                  aria-selected={i === selected}
                  draggable
                  onDragStart={(e) => e.dataTransfer.setData('text/plain', String(c.lineId))}
                  onClick={() => setSelected(i)}
                  onDoubleClick={() => setTarget({ kind: 'new', candidate: c })}
                  className={`ws-job-card${i === selected ? ' is-selected' : ''}`}
                >
                  <div className="ws-job-card-head">
                    <Plate plate={c.plate} />
                    <span className="ws-muted">{c.roNumber}</span>
                    {c.promisedAt ? <span className="ws-muted">{t('promised', { time: formatTime(c.promisedAt, tz) })}</span> : null}
                  </div>
                  <div className="ws-job-card-title">{c.description}</div>
                  <Space size={4} wrap>
                    <Tag>{label(JOB_TYPE_LABELS, c.jobType)}</Tag>
                    <Tag>{t('hours', { hours: c.hours })}</Tag>
                    {c.requiredGrade ? <Tag color="blue">{t('requires', { grade: label(SKILL_GRADE_LABELS, c.requiredGrade) })}</Tag> : null}
                    {c.requiredCertification ? <Tag color="gold">{t('certRequired', { name: c.requiredCertification })}</Tag> : null}
                  </Space>
                  <Button size="small" type="link" onClick={() => setTarget({ kind: 'new', candidate: c })}>
                    {t('assign')}
                  </Button>
                </div>
              ))}
            </div>
          )}
        </Card>
        <Card size="small" title={t('technicians')} loading={query.isLoading} className="ws-panel">
          {data && data.technicians.length === 0 ? (
            <Empty description={<><div>{t('noTechnicians')}</div><Typography.Text type="secondary">{t('noTechniciansHint')}</Typography.Text></>} />
          ) : (
            <div className="ws-tech-grid">
              {data?.technicians.map((tech) => {
                const jobs = data.jobs.filter((j) => j.state !== 'done' && j.technicians.some((x) => x.userId === tech.userId));
                return (
                  <div
                    key={tech.userId}
                    className={`ws-tech-card${dragOver === tech.userId ? ' is-over' : ''}`}
                    data-testid={`tech-${tech.userId}`}
                    onDragOver={(e) => {
                      e.preventDefault();
                      setDragOver(tech.userId);
                    }}
                    onDragLeave={() => setDragOver(null)}
                    onDrop={(e) => {
                      e.preventDefault();
                      setDragOver(null);
                      const candidate = unassigned.find((c) => String(c.lineId) === e.dataTransfer.getData('text/plain'));
                      if (candidate) setTarget({ kind: 'new', candidate, technicianId: tech.userId });
                    }}
                  >
                    <div className="ws-tech-head">
                      <Badge status={tech.clockedJobId ? 'processing' : 'default'} text={<strong>{tech.name}</strong>} />
                      <span className="ws-muted">
                        {label(SKILL_GRADE_LABELS, tech.skillGrade)}
                        {tech.team ? ` · ${tech.team}` : ''}
                      </span>
                    </div>
                    <div className="ws-load" title={t('load', { hours: tech.loadHours })}>
                      <div className="ws-load-bar" style={{ width: `${Math.min(100, (Number(tech.loadHours) / techLoadMax) * 100)}%` }} />
                      <span>{t('load', { hours: tech.loadHours })}</span>
                    </div>
                    {tech.certifications.length ? (
                      <div className="ws-certs">
                        {tech.certifications.map((c) => (
                          <Tag key={c} color="gold">
                            {c}
                          </Tag>
                        ))}
                      </div>
                    ) : null}
                    {jobs.map((j) => (
                      <div key={j.id} className="ws-tech-job">
                        <Plate plate={j.plate} /> {j.description} <Tag>{label(JOB_STATE_LABELS, j.state)}</Tag>
                      </div>
                    ))}
                  </div>
                );
              })}
            </div>
          )}
        </Card>
      </div>
      <Card size="small" title={t('currentJobs')} className="ws-panel" style={{ marginTop: 12 }}>
        <Table<Job>
          size="small"
          rowKey="id"
          loading={query.isLoading}
          dataSource={data?.jobs ?? []}
          pagination={false}
          sticky
          columns={[
            { key: 'plate', title: t('plate'), width: 110, render: (_, j) => <Plate plate={j.plate} /> },
            { key: 'ro', title: t('roNumber'), dataIndex: 'roNumber', width: 150 },
            { key: 'desc', title: t('description'), dataIndex: 'description' },
            { key: 'bay', title: t('bay'), width: 100, render: (_, j) => j.bayName || '—' },
            { key: 'techs', title: t('technician'), width: 160, render: (_, j) => j.technicians.map((x) => x.name).join('、') },
            {
              key: 'state',
              title: t('state'),
              width: 130,
              render: (_, j) => (
                <Space size={2}>
                  <Tag color={j.state === 'in_progress' ? 'processing' : j.state === 'paused' ? 'warning' : j.state === 'done' ? 'success' : 'default'}>{label(JOB_STATE_LABELS, j.state)}</Tag>
                  {j.qcStage && j.qcStage !== 'passed' ? <Tag>{label(QC_STAGE_LABELS, j.qcStage)}</Tag> : null}
                </Space>
              ),
            },
            { key: 'hours', title: t('progress'), width: 120, render: (_, j) => t('clocked', { hours: j.clockedHours, std: j.standardHours }) },
            {
              key: 'actions',
              title: t('actions'),
              width: 110,
              render: (_, j) =>
                j.state === 'assigned' || j.state === 'paused' ? (
                  <Button size="small" onClick={() => setTarget({ kind: 'move', job: j })}>
                    {t('reassign')}
                  </Button>
                ) : j.state === 'done' && j.roState === 'rework' ? (
                  <ReopenButton job={j} />
                ) : null,
            },
          ]}
        />
      </Card>
      {target && data ? (
        <AssignModal
          target={target}
          technicians={data.technicians}
          bays={data.bays}
          onClose={() => setTarget(null)}
          onDone={() => {
            setTarget(null);
            void queryClient.invalidateQueries({ queryKey: [WORKSHOP_KEY] });
            listRef.current?.focus();
          }}
        />
      ) : null}
    </div>
  );
}

function ReopenButton({ job }: { job: Job }) {
  const t = useT(WS_TEXT);
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  return (
    <Button
      size="small"
      onClick={() => {
        let reason = '';
        modal.confirm({
          title: t('reopen'),
          content: <Input autoFocus placeholder={t('reopenReason')} onChange={(e) => (reason = e.target.value)} />,
          onOk: async () => {
            await workshopApi.reopen(job.id, reason || t('reopen'), job.version);
            message.success(t('saved'));
            void queryClient.invalidateQueries({ queryKey: [WORKSHOP_KEY] });
          },
        });
      }}
    >
      {t('reopen')}
    </Button>
  );
}

function AssignModal({
  target,
  technicians,
  bays,
  onClose,
  onDone,
}: {
  target: Target;
  technicians: { userId: number; name: string; skillGrade: string | null; loadHours: string; certifications: string[] }[];
  bays: { id: number; name: string; type: string }[];
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT(WS_TEXT);
  const label = useLabel();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ technicianIds: number[]; bayId: number | null; reason?: string }>();
  const [warnings, setWarnings] = useState<DispatchWarning[]>([]);
  const [error, setError] = useState<string | null>(null);
  const job = target.kind === 'new' ? target.candidate : target.job;
  const jobType = target.kind === 'new' ? target.candidate.jobType : target.job.jobType;
  const initial = useMemo(
    () =>
      target.kind === 'new'
        ? { technicianIds: target.technicianId ? [target.technicianId] : [], bayId: bays.find((b) => b.type === jobType)?.id ?? null }
        : { technicianIds: target.job.technicians.map((x) => x.userId), bayId: target.job.bayId },
    [target, bays, jobType],
  );
  const save = useMutation({
    mutationFn: (v: { technicianIds: number[]; bayId: number | null; reason?: string }) =>
      target.kind === 'new'
        ? workshopApi.assign({ lineId: target.candidate.lineId, bayId: v.bayId ?? null, technicianIds: v.technicianIds })
        : workshopApi.reassign(target.job.id, { bayId: v.bayId ?? null, technicianIds: v.technicianIds, reason: v.reason ?? '', version: target.job.version }),
    onSuccess: (res) => {
      message.success(target.kind === 'new' ? t('assigned') : t('reassigned'));
      if (res.warnings.length) {
        message.warning(res.warnings.map((w) => w.message[lang]).join('；'), 6);
      }
      setWarnings(res.warnings);
      onDone();
    },
    onError: (err) => setError(isApiError(err) ? err.message : String(err)),
  });
  const required = job.requiredGrade;
  return (
    <Modal
      open
      title={t('assignTitle', { job: job.description })}
      okText={target.kind === 'new' ? t('assign') : t('reassign')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Space size={4} wrap style={{ marginBottom: 12 }}>
        <Plate plate={job.plate} />
        <Tag>{label(JOB_TYPE_LABELS, jobType)}</Tag>
        {required ? <Tag color="blue">{t('requires', { grade: label(SKILL_GRADE_LABELS, required) })}</Tag> : null}
        {job.requiredCertification ? <Tag color="gold">{t('certRequired', { name: job.requiredCertification })}</Tag> : null}
      </Space>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      {warnings.length ? <Alert type="warning" showIcon message={t('gradeWarning')} description={warnings.map((w) => w.message[lang]).join('；')} /> : null}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="technicianIds" label={t('technician')} extra={t('technicianHint')} rules={[{ required: true, message: t('pickTechnician') }]}>
          <Select
            mode="multiple"
            autoFocus
            showSearch
            optionFilterProp="search"
            placeholder={t('pickTechnician')}
            options={technicians.map((x) => {
              const low = required !== null && x.skillGrade !== null && gradeIndex(x.skillGrade) < gradeIndex(required);
              const uncertified = job.requiredCertification !== null && !x.certifications.some((c) => c.toLowerCase() === job.requiredCertification!.toLowerCase());
              return {
                value: x.userId,
                search: x.name,
                disabled: uncertified,
                label: (
                  <Tooltip title={uncertified ? t('certRequired', { name: job.requiredCertification ?? '' }) : undefined}>
                    <span>
                      {x.name} · {label(SKILL_GRADE_LABELS, x.skillGrade as never)} · {t('load', { hours: x.loadHours })} {low ? <Tag color="orange">!</Tag> : null}
                    </span>
                  </Tooltip>
                ),
              };
            })}
          />
        </Form.Item>
        <Form.Item name="bayId" label={t('bay')}>
          <Select allowClear placeholder={t('noBay')} options={bays.map((b) => ({ value: b.id, label: `${b.name}（${label(JOB_TYPE_LABELS, b.type as never)}）` }))} />
        </Form.Item>
        {target.kind === 'move' ? (
          <Form.Item name="reason" label={t('reason')}>
            <Input maxLength={200} />
          </Form.Item>
        ) : null}
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}

const GRADES = Object.keys(SKILL_GRADE_LABELS);
const gradeIndex = (g: string) => GRADES.indexOf(g);
