import { CameraOutlined, CheckOutlined, PauseOutlined, PlayCircleOutlined, PlusOutlined, ShoppingCartOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Empty, Input, InputNumber, Modal, Radio, Select, Space, Spin, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { PART_REQUEST_STATUS_LABELS, type PartRequest } from '#contracts/parts-requests';
import { PAUSE_REASON_LABELS } from '#contracts/repair-orders';
import { JOB_PAUSE_REASONS, JOB_STATE_LABELS, QC_STAGE_LABELS, type Job, type JobAction, type JobPauseReason } from '#contracts/workshop';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/states';
import { isApiError } from '../../lib/api';
import { useLabel, useT } from '../../lib/i18n';
import { partsApi, requestsApi } from '../parts/api';
import { roApi } from '../repair-orders/api';
import { Plate } from '../repair-orders/display';
import { photoDataUrl, WORKSHOP_KEY, workshopApi, type QcResult } from './api';
import { useBoardEvents } from './useBoardEvents';
import { WS_TEXT } from './text';
import './workshop.css';

/**
 * The technician's tablet (UX: gloves, noise): my jobs with big buttons — start, pause with a reason,
 * resume, finish, self-check — plus extra work with photos from the camera and parts for the job.
 * A tap that fails on a weak network is retried once before it says so.
 */
export default function TechnicianPage() {
  const t = useT(WS_TEXT);
  const query = useQuery({ queryKey: [WORKSHOP_KEY, 'mine'], queryFn: ({ signal }) => workshopApi.myJobs(signal), refetchInterval: 60_000 });
  const refetch = query.refetch;
  useBoardEvents(useCallback(() => void refetch(), [refetch]));
  if (query.error && !query.data) return <ErrorState error={query.error} onRetry={() => void refetch()} />;
  return (
    <div className="ws-tablet">
      <PageHeader title={t('myJobsTitle')} description={t('myJobsHint')} />
      {query.isLoading ? <Spin /> : null}
      {query.data && query.data.length === 0 ? (
        <Empty description={<><div style={{ fontSize: 20 }}>{t('noJobs')}</div><Typography.Text type="secondary">{t('noJobsHint')}</Typography.Text></>} />
      ) : null}
      {query.data?.map((job) => <JobCard key={job.id} job={job} />)}
    </div>
  );
}

function JobCard({ job }: { job: Job }) {
  const t = useT(WS_TEXT);
  const label = useLabel();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [pausing, setPausing] = useState(false);
  const [checking, setChecking] = useState(false);
  const [extra, setExtra] = useState(false);
  const [part, setPart] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: [WORKSHOP_KEY] });
  const act = useMutation({
    retry: (count, err) => count < 1 && isApiError(err) && err.status === 0,
    mutationFn: (body: { action: JobAction; pauseReason?: JobPauseReason }) => workshopApi.act(job.id, { ...body, version: job.version }),
    onSuccess: (_, body) => {
      message.success(t(body.action));
      setPausing(false);
      void refresh();
    },
    onError: (err) => {
      message.error(isApiError(err) ? err.message : String(err));
      void refresh();
    },
  });
  const color = job.state === 'in_progress' ? 'processing' : job.state === 'paused' ? 'warning' : job.state === 'done' ? 'success' : 'default';
  return (
    <Card className="ws-tablet-job" data-testid={`job-${job.id}`}>
      <Space wrap size={8}>
        <Plate plate={job.plate} />
        <span className="ws-tablet-meta">{job.modelName}</span>
        <Tag color={color} style={{ fontSize: 16, padding: '2px 10px' }}>
          {label(JOB_STATE_LABELS, job.state)}
        </Tag>
        {job.state === 'paused' && job.pauseReason ? <Tag>{label(PAUSE_REASON_LABELS, job.pauseReason)}</Tag> : null}
        {job.qcStage && job.qcStage !== 'passed' ? <Tag color="purple">{label(QC_STAGE_LABELS, job.qcStage)}</Tag> : null}
        {job.reworkCount ? <Tag color="red">{t('rework', { n: job.reworkCount })}</Tag> : null}
      </Space>
      <div className="ws-tablet-title">{job.description}</div>
      <div className="ws-tablet-meta">
        {job.bayName ? `${job.bayName} · ` : ''}
        {t('clocked', { hours: job.clockedHours, std: job.standardHours })}
      </div>
      <JobParts job={job} />
      <div className="ws-big-actions">
        {job.state === 'assigned' ? (
          <Button type="primary" icon={<PlayCircleOutlined />} loading={act.isPending} onClick={() => act.mutate({ action: 'start' })}>
            {t('start')}
          </Button>
        ) : null}
        {job.state === 'in_progress' ? (
          <>
            <Button icon={<PauseOutlined />} onClick={() => setPausing(true)}>
              {t('pause')}
            </Button>
            <Button type="primary" icon={<CheckOutlined />} loading={act.isPending} onClick={() => act.mutate({ action: 'finish' })}>
              {t('finish')}
            </Button>
          </>
        ) : null}
        {job.state === 'paused' ? (
          <Button type="primary" icon={<PlayCircleOutlined />} loading={act.isPending} onClick={() => act.mutate({ action: 'resume' })}>
            {t('resume')}
          </Button>
        ) : null}
        {job.state === 'done' && job.qcStage === 'self' ? (
          <Button type="primary" icon={<CheckOutlined />} onClick={() => setChecking(true)}>
            {t('selfCheck')}
          </Button>
        ) : null}
        {job.state !== 'done' ? (
          <>
            <Button icon={<PlusOutlined />} onClick={() => setExtra(true)}>
              {t('extraWork')}
            </Button>
            <Button icon={<ShoppingCartOutlined />} onClick={() => setPart(true)}>
              {t('requestPart')}
            </Button>
          </>
        ) : null}
      </div>
      <Modal open={pausing} title={t('pauseWhy')} footer={null} onCancel={() => setPausing(false)} destroyOnHidden>
        <div className="ws-reasons">
          {JOB_PAUSE_REASONS.map((r) => (
            <Button key={r} size="large" loading={act.isPending && act.variables?.pauseReason === r} onClick={() => act.mutate({ action: 'pause', pauseReason: r })}>
              {label(PAUSE_REASON_LABELS, r)}
            </Button>
          ))}
        </div>
      </Modal>
      {checking ? <InspectionModal job={job} level="self" onClose={() => setChecking(false)} /> : null}
      {extra ? <ExtraWorkModal job={job} onClose={() => setExtra(false)} /> : null}
      {part ? <PartModal job={job} onClose={() => setPart(false)} /> : null}
    </Card>
  );
}

/** One level of QC: each checklist item pass / fail with a remark; a fail needs a reason. */
export function InspectionModal({ job, level, onClose }: { job: Job; level: 'self' | 'team' | 'final'; onClose: () => void }) {
  const t = useT(WS_TEXT);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const detail = useQuery({ queryKey: [WORKSHOP_KEY, 'job', job.id], queryFn: ({ signal }) => workshopApi.job(job.id, signal) });
  const [results, setResults] = useState<Record<string, QcResult>>({});
  const [remarks, setRemarks] = useState('');
  const [wash, setWash] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const items = detail.data?.checklist ?? [];
  const resultOf = (code: string) => results[code] ?? { code, pass: true, remark: '' };
  const failed = items.some((i) => !resultOf(i.code).pass);
  const save = useMutation({
    mutationFn: () => workshopApi.inspect(job.id, level, { items: items.map((i) => resultOf(i.code)), remarks, wash, version: job.version }),
    onSuccess: () => {
      message.success(t('inspected'));
      void queryClient.invalidateQueries({ queryKey: [WORKSHOP_KEY] });
      onClose();
    },
    onError: (err) => setError(isApiError(err) ? err.message : String(err)),
  });
  const titles = { self: t('selfCheck'), team: t('inspect'), final: t('inspect') };
  return (
    <Modal
      open
      width={720}
      title={`${titles[level]} · ${job.description}`}
      okText={failed ? t('fail') : t('pass')}
      okButtonProps={{ danger: failed, size: 'large', disabled: items.length === 0 || (failed && remarks.trim() === '') }}
      cancelButtonProps={{ size: 'large' }}
      confirmLoading={save.isPending}
      onOk={() => save.mutate()}
      onCancel={onClose}
      destroyOnHidden
    >
      {detail.isLoading ? <Spin /> : null}
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} /> : null}
      {items.map((i) => {
        const r = resultOf(i.code);
        return (
          <div key={i.code} className="ws-check-item">
            <span>{i.text}</span>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              value={r.pass ? 'pass' : 'fail'}
              onChange={(e) => setResults((all) => ({ ...all, [i.code]: { ...r, pass: e.target.value === 'pass' } }))}
              options={[
                { value: 'pass', label: t('pass') },
                { value: 'fail', label: t('fail') },
              ]}
            />
          </div>
        );
      })}
      {failed ? (
        <Input.TextArea
          style={{ marginTop: 12, fontSize: 16 }}
          rows={3}
          status={remarks.trim() === '' ? 'error' : undefined}
          placeholder={t('remarks')}
          value={remarks}
          onChange={(e) => setRemarks(e.target.value)}
        />
      ) : null}
      {level === 'final' && !failed ? (
        <Checkbox style={{ marginTop: 12 }} checked={wash} onChange={(e) => setWash(e.target.checked)}>
          {t('wash')}
        </Checkbox>
      ) : null}
    </Modal>
  );
}

/** 追加项目 raised from the tablet: what was found, the hours, photos from the camera. */
function ExtraWorkModal({ job, onClose }: { job: Job; onClose: () => void }) {
  const t = useT(WS_TEXT);
  const { message } = App.useApp();
  const [description, setDescription] = useState('');
  const [hours, setHours] = useState<number | null>(1);
  const [safety, setSafety] = useState(false);
  const [photos, setPhotos] = useState<string[]>([]);
  const save = useMutation({
    retry: (count, err) => count < 1 && isApiError(err) && err.status === 0,
    mutationFn: () =>
      roApi.raiseWork(job.roId, {
        description,
        safety,
        delayMinutes: Math.round((hours ?? 0) * 60),
        lines: [{ kind: 'labour', serviceItemId: null, description, jobType: job.jobType, hours: String(hours ?? 0), fixedPriceFen: null, payer: 'customer' }],
        photos,
      }),
    onSuccess: () => {
      message.success(t('sent'));
      onClose();
    },
    onError: (err) => message.error(isApiError(err) ? err.message : String(err)),
  });
  return (
    <Modal open width={640} title={t('extraTitle')} okText={t('send')} okButtonProps={{ size: 'large', disabled: description.trim() === '' }} onOk={() => save.mutate()} confirmLoading={save.isPending} onCancel={onClose} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }} size={12}>
        <Input.TextArea autoFocus rows={3} style={{ fontSize: 18 }} placeholder={t('extraDescription')} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} />
        <Space size={16} wrap>
          <span style={{ fontSize: 18 }}>{t('extraHours')}</span>
          <InputNumber size="large" min={0} max={99} step={0.5} value={hours} onChange={setHours} />
          <Checkbox checked={safety} onChange={(e) => setSafety(e.target.checked)} style={{ fontSize: 18 }}>
            {t('extraSafety')}
          </Checkbox>
        </Space>
        <label className="ant-btn ant-btn-default ant-btn-lg" style={{ height: 56, fontSize: 20, display: 'inline-flex', alignItems: 'center', gap: 8, cursor: 'pointer', width: 'fit-content' }}>
          <CameraOutlined /> {t('takePhoto')}
          <input
            type="file"
            accept="image/*"
            capture="environment"
            hidden
            onChange={async (e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file && photos.length < 6) setPhotos([...photos, await photoDataUrl(file)]);
            }}
          />
        </label>
        <div className="ws-photos">
          {photos.map((p, i) => (
            <img key={i} src={p} alt="" onClick={() => setPhotos(photos.filter((_, k) => k !== i))} />
          ))}
        </div>
      </Space>
    </Modal>
  );
}

/**
 * The parts asked for this job: what the counter issued, and a tap to confirm it went into the car
 * (装车确认) — an RO is settled only when issued = fitted + returned.
 */
function JobParts({ job }: { job: Job }) {
  const t = useT(WS_TEXT);
  const label = useLabel();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const requests = useQuery({
    queryKey: [WORKSHOP_KEY, 'parts', job.roId],
    queryFn: ({ signal }) => requestsApi.list({ page: 1, pageSize: 100, roId: job.roId }, signal),
  });
  const fit = useMutation({
    retry: (count, err) => count < 1 && isApiError(err) && err.status === 0,
    mutationFn: (r: PartRequest) => requestsApi.fitted(r.id, { fitted: String(Number(r.issued) - Number(r.returned)) }),
    onSuccess: () => {
      message.success(t('partFitted'));
      void queryClient.invalidateQueries({ queryKey: [WORKSHOP_KEY, 'parts', job.roId] });
    },
    onError: (err) => message.error(isApiError(err) ? err.message : String(err)),
  });
  const mine = (requests.data?.items ?? []).filter((r) => r.roLineId === job.lineId && r.status !== 'cancelled');
  if (mine.length === 0) return null;
  return (
    <div className="ws-job-parts">
      {mine.map((r) => (
        <div key={r.id} className="ws-job-part" data-testid={`job-part-${r.id}`}>
          <span>
            {r.partNo} {r.partName}
          </span>
          <Tag>{label(PART_REQUEST_STATUS_LABELS, r.status)}</Tag>
          <span className="ws-tablet-meta">{t('partCounts', { quantity: r.quantity, issued: r.issued, fitted: r.fitted })}</span>
          {Number(r.outstanding) > 0 ? (
            <Button size="large" icon={<CheckOutlined />} loading={fit.isPending && fit.variables?.id === r.id} onClick={() => fit.mutate(r)}>
              {t('confirmFitted')}
            </Button>
          ) : null}
        </div>
      ))}
    </div>
  );
}

/** Asks the parts counter for a part for this job (领料). */
function PartModal({ job, onClose }: { job: Job; onClose: () => void }) {
  const t = useT(WS_TEXT);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [partId, setPartId] = useState<number | null>(null);
  const [quantity, setQuantity] = useState<number | null>(1);
  const parts = useQuery({ queryKey: ['parts', 'pick', q], queryFn: ({ signal }) => partsApi.list({ page: 1, pageSize: 20, q }, signal), enabled: q.trim().length > 0 });
  const save = useMutation({
    retry: (count, err) => count < 1 && isApiError(err) && err.status === 0,
    mutationFn: () => requestsApi.create({ roId: job.roId, roLineId: job.lineId, roNumber: job.roNumber, partId: partId!, quantity: String(quantity ?? 1), note: job.description }),
    onSuccess: () => {
      message.success(t('partRequested'));
      void queryClient.invalidateQueries({ queryKey: [WORKSHOP_KEY, 'parts', job.roId] });
      onClose();
    },
    onError: (err) => message.error(isApiError(err) ? err.message : String(err)),
  });
  return (
    <Modal open title={t('requestPart')} okText={t('send')} okButtonProps={{ size: 'large', disabled: partId === null }} onOk={() => save.mutate()} confirmLoading={save.isPending} onCancel={onClose} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }} size={12}>
        <Select
          showSearch
          autoFocus
          size="large"
          style={{ width: '100%' }}
          placeholder={t('partSearch')}
          filterOption={false}
          onSearch={setQ}
          value={partId ?? undefined}
          onChange={setPartId}
          loading={parts.isFetching}
          options={(parts.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.partNo} ${p.name}` }))}
        />
        <Space>
          <span style={{ fontSize: 18 }}>{t('quantity')}</span>
          <InputNumber size="large" min={0.001} max={9999} value={quantity} onChange={setQuantity} />
        </Space>
      </Space>
    </Modal>
  );
}
