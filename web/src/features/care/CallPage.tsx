import { ArrowLeftOutlined, CheckOutlined, ClockCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Empty, Form, Input, Modal, Radio, Row, Select, Space, Spin, Tag, Timeline } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  answerProblems,
  CALL_OUTCOME_LABELS,
  CALL_OUTCOMES,
  CARE_TASK_KIND_LABELS,
  CARE_TASK_STATUS_LABELS,
  LOSS_DESTINATION_MAX,
  LOSS_REASON_LABELS,
  LOSS_REASONS,
  LOSS_REASONS_WITH_DESTINATION,
  SCORE_LABELS,
  type AnswerInput,
  type CallInput,
  type CallOutcome,
  type CallWorkspace,
  type LossReason,
  type Question,
} from '#contracts/care';
import { COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_LABELS, COMPLAINT_SEVERITY_LABELS, type ComplaintCategory, type ComplaintSeverity } from '#contracts/complaints';
import { localToInstant } from '#contracts/local-time';
import { useCan, useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/states';
import { isApiError } from '../../lib/api';
import { formatDateTime, formatMoney, formatNumber, formatPlate } from '../../lib/format';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { careApi, CARE_KEY, useRefreshCare } from './api';
import { CARE_TEXT } from './text';
import './care.css';

type Answers = Record<string, Omit<AnswerInput, 'code'>>;

/** The call screen (SPEC §8): who and what on the left, the script, the questionnaire and the outcome on the right. */
export default function CallPage() {
  const { id: raw } = useParams();
  const id = raw && /^\d+$/.test(raw) ? Number(raw) : null;
  const t = useT(CARE_TEXT);
  const query = useQuery({ queryKey: [CARE_KEY, 'workspace', id], queryFn: ({ signal }) => careApi.workspace(id!, signal), enabled: id !== null });
  const back = (
    <Link to="/care/queue">
      <Button icon={<ArrowLeftOutlined />}>{t('back')}</Button>
    </Link>
  );
  if (query.error || id === null) return <ErrorState error={query.error ?? new Error(t('notFound'))} onRetry={() => void query.refetch()} />;
  if (!query.data) return <div style={{ textAlign: 'center', padding: 64 }}><Spin /></div>;
  return <Workspace key={`${query.data.task.id}:${query.data.task.version}`} w={query.data} back={back} />;
}

function Workspace({ w, back }: { w: CallWorkspace; back: React.ReactNode }) {
  const t = useT(CARE_TEXT);
  const label = useLabel();
  const me = useMe();
  const can = useCan();
  const tz = me.store.timeZone;
  const task = w.task;
  const open = task.status === 'open';
  const [rescheduling, setRescheduling] = useState(false);
  const [closing, setClosing] = useState(false);
  const refresh = useRefreshCare();
  const { message } = App.useApp();
  const [closeNote, setCloseNote] = useState('');
  const close = useMutation({
    mutationFn: () => careApi.close(task.id, { version: task.version, note: closeNote }),
    onSuccess: async () => {
      message.success(t('taskClosed'));
      setClosing(false);
      await refresh();
    },
    onError: (e) => message.error(e.message),
  });

  const consent = w.customer?.consentPhone;
  return (
    <>
      <PageHeader
        title={`${t('callTitle')} · ${label(CARE_TASK_KIND_LABELS, task.kind)} · ${formatPlate(task.plate)}`}
        description={
          <Space wrap>
            <Tag color={open ? 'blue' : 'default'}>{label(CARE_TASK_STATUS_LABELS, task.status)}</Tag>
            <span>
              {t('dueAt')}：{formatDateTime(task.dueAt, tz)}
            </span>
            <span>{task.subject}</span>
          </Space>
        }
        actions={
          <>
            {back}
            {open ? (
              <Button icon={<ClockCircleOutlined />} onClick={() => setRescheduling(true)}>
                {t('reschedule')}
              </Button>
            ) : null}
            {open && task.kind === 'supervisor_request' && can('care:supervise') ? (
              <Button type="primary" icon={<CheckOutlined />} onClick={() => setClosing(true)}>
                {t('closeTask')}
              </Button>
            ) : null}
          </>
        }
      />
      <Row gutter={16}>
        <Col xs={24} lg={9}>
          <Card size="small" title={t('customerFile')} className="care-card">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('customer')}>
                {w.customer ? <Link to={`/customers/${w.customer.id}`}>{w.customer.name}</Link> : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('phone')}>
                <span className="care-phone" data-testid="care-phone">
                  {w.customer?.phone ?? '—'}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('consent')}>
                <Tag color={consent === true ? 'green' : 'red'}>{consent === true ? t('consentYes') : consent === false ? t('consentNo') : t('consentUnknown')}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('plate')}>{w.vehicle ? <Link to={`/vehicles/${w.vehicle.id}`}>{formatPlate(w.vehicle.plate)}</Link> : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('model')}>{w.vehicle?.modelName || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('vin')}>{w.vehicle?.vin ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('mileage')}>{w.vehicle?.mileageKm != null ? `${formatNumber(w.vehicle.mileageKm)} km` : '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t('lastVisit')} className="care-card">
            {w.lastVisit ? (
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('roNumber')}>
                  <Link to={`/repair-orders/${w.lastVisit.roId}`}>{w.lastVisit.roNumber}</Link>
                </Descriptions.Item>
                <Descriptions.Item label={t('deliveredAt')}>{formatDateTime(w.lastVisit.deliveredAt, tz)}</Descriptions.Item>
                <Descriptions.Item label={t('advisor')}>{w.lastVisit.advisorName || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('amount')}>{formatMoney(w.lastVisit.totalFen)}</Descriptions.Item>
                <Descriptions.Item label={t('concerns')}>{w.lastVisit.concerns.join('；') || '—'}</Descriptions.Item>
              </Descriptions>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noVisit')} />
            )}
          </Card>
          <Card size="small" title={t('earlierCalls')} className="care-card">
            {w.calls.length ? (
              <Timeline
                items={w.calls.map((c) => ({
                  color: c.outcome === 'reached' ? 'green' : 'gray',
                  children: (
                    <div>
                      <div>
                        {formatDateTime(c.calledAt, tz)} · {label(CALL_OUTCOME_LABELS, c.outcome)} · {c.agentName}
                        {c.overallScore ? ` · ${c.overallScore}${t('score')}` : ''}
                      </div>
                      {c.lossReason ? (
                        <div>
                          <Tag color="orange">{label(LOSS_REASON_LABELS, c.lossReason)}</Tag>
                          {c.lossDestination ? <span className="care-muted">{c.lossDestination}</span> : null}
                        </div>
                      ) : null}
                      {c.note ? <div className="care-muted">{c.note}</div> : null}
                      {c.complaintNumber ? <Tag color="red">{c.complaintNumber}</Tag> : null}
                    </div>
                  ),
                }))}
              />
            ) : (
              <span className="care-muted">{t('noCalls')}</span>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <Card size="small" title={t('script')} className="care-card">
            <div className="care-script">{w.script}</div>
          </Card>
          {open ? <CallForm w={w} /> : <Alert type="info" showIcon message={t('closed')} />}
        </Col>
      </Row>
      {rescheduling ? <RescheduleModal w={w} onClose={() => setRescheduling(false)} /> : null}
      <Modal open={closing} title={t('closeTaskTitle')} onCancel={() => setClosing(false)} onOk={() => close.mutate()} confirmLoading={close.isPending} okText={t('closeTask')}>
        <Form layout="vertical">
          <Form.Item label={t('closeNote')}>
            <Input.TextArea autoFocus rows={3} maxLength={1000} value={closeNote} onChange={(e) => setCloseNote(e.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function AnswerField({ q, value, onChange }: { q: Question; value: Omit<AnswerInput, 'code'> | undefined; onChange: (v: Omit<AnswerInput, 'code'> | undefined) => void }) {
  const t = useT(CARE_TEXT);
  const label = useLabel();
  if (q.type === 'score')
    return (
      <Radio.Group optionType="button" buttonStyle="solid" value={value?.score ?? undefined} onChange={(e) => onChange({ score: e.target.value as number })}>
        {[5, 4, 3, 2, 1].map((s) => (
          <Radio.Button key={s} value={s} data-testid={`answer-${q.code}-${s}`}>
            {s} {label(SCORE_LABELS as Record<string, { zh: string; en: string }>, String(s))}
          </Radio.Button>
        ))}
      </Radio.Group>
    );
  if (q.type === 'yes_no')
    return (
      <Radio.Group optionType="button" value={value?.yes ?? undefined} onChange={(e) => onChange({ yes: e.target.value as boolean })}>
        <Radio.Button value>{t('yes')}</Radio.Button>
        <Radio.Button value={false}>{t('no')}</Radio.Button>
      </Radio.Group>
    );
  if (q.type === 'choice')
    return (
      <Radio.Group optionType="button" value={value?.choice ?? undefined} onChange={(e) => onChange({ choice: e.target.value as string })}>
        {q.options.map((o) => (
          <Radio.Button key={o} value={o}>
            {o}
          </Radio.Button>
        ))}
      </Radio.Group>
    );
  return <Input.TextArea rows={2} maxLength={1000} value={value?.text ?? ''} onChange={(e) => onChange(e.target.value.trim() ? { text: e.target.value } : undefined)} />;
}

function CallForm({ w }: { w: CallWorkspace }) {
  const t = useT(CARE_TEXT);
  const me = useMe();
  const navigate = useNavigate();
  const refresh = useRefreshCare();
  const { message } = App.useApp();
  const categoryOptions = useOptions(COMPLAINT_CATEGORY_LABELS);
  const severityOptions = useOptions(COMPLAINT_SEVERITY_LABELS);
  const outcomeOptions = useOptions(CALL_OUTCOME_LABELS, CALL_OUTCOMES);
  const lossOptions = useOptions(LOSS_REASON_LABELS, LOSS_REASONS);
  const [outcome, setOutcome] = useState<CallOutcome | null>(null);
  const [answers, setAnswers] = useState<Answers>({});
  const [note, setNote] = useState('');
  const [nextStep, setNextStep] = useState('');
  const [withComplaint, setWithComplaint] = useState(false);
  const [complaint, setComplaint] = useState<{ category: ComplaintCategory | null; severity: ComplaintSeverity; description: string }>({ category: null, severity: 'major', description: '' });
  const [withRequest, setWithRequest] = useState(false);
  const [request, setRequest] = useState('');
  const [retryAt, setRetryAt] = useState<Dayjs | null>(null);
  const [giveUp, setGiveUp] = useState(false);
  const [confirmOutside, setConfirmOutside] = useState(false);
  const [lossReason, setLossReason] = useState<LossReason | null>(null);
  const [lossDestination, setLossDestination] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const reached = outcome === 'reached';
  const recall = w.task.kind === 'recall';
  const withDestination = lossReason !== null && LOSS_REASONS_WITH_DESTINATION.includes(lossReason);
  const questions = w.questionnaire?.questions ?? [];

  const save = useMutation({
    mutationFn: (body: Parameters<typeof careApi.call>[1]) => careApi.call(w.task.id, body),
    onSuccess: async (r) => {
      message.success(r.complaint ? t('complaintOpened', { number: r.complaint.number }) : t('callSaved'));
      await refresh();
      if (r.task.status !== 'open') navigate('/care/queue');
    },
    onError: (e) => {
      if (isApiError(e) && e.fields.length) setErrors(Object.fromEntries(e.fields.map((f) => [f.path, f.message])));
      message.error(e.message);
    },
  });

  const submit = () => {
    if (!outcome) return setErrors({ outcome: t('pleaseSelect') });
    const list: AnswerInput[] = reached ? Object.entries(answers).map(([code, a]) => ({ code, ...a })) : [];
    const problems = reached ? answerProblems(questions, list) : [];
    const next: Record<string, string> = {};
    for (const p of problems) next[`q.${p.code}`] = t('answerMissing');
    if (withComplaint && reached && (!complaint.category || !complaint.description.trim())) next.complaint = t('pleaseSelect');
    if (withRequest && reached && !request.trim()) next.request = t('supervisorRequestText');
    if (recall && reached && !lossReason) next.lossReason = t('pleaseSelect');
    setErrors(next);
    if (Object.keys(next).length) return;
    const body: Partial<CallInput> & { outcome: CallOutcome; version: number } = {
      outcome,
      version: w.task.version,
      questionnaireId: list.length ? (w.questionnaire?.id ?? null) : null,
      answers: list,
      note,
      nextStep,
      confirmOutsideHours: confirmOutside,
    };
    if (reached && withComplaint && complaint.category) body.complaint = { category: complaint.category, severity: complaint.severity, description: complaint.description };
    if (reached && withRequest) body.supervisorRequest = request;
    if (recall && reached && lossReason) {
      body.lossReason = lossReason;
      if (withDestination && lossDestination.trim()) body.lossDestination = lossDestination.trim();
    }
    if (!reached && giveUp) body.giveUp = true;
    if (!reached && !giveUp && retryAt) body.rescheduleTo = localToInstant(retryAt.format('YYYY-MM-DD'), retryAt.format('HH:mm'), me.store.timeZone).toISOString();
    save.mutate(body);
  };

  const blocked = !w.canCall;
  const outsideBlocked = w.outsideCallingHours && !confirmOutside;
  return (
    <Card size="small" title={t('outcome')} className="care-card">
      {blocked ? <Alert type="error" showIcon icon={<WarningOutlined />} message={t('blocked')} description={w.blockedReason} style={{ marginBottom: 12 }} data-testid="care-blocked" /> : null}
      {w.outsideCallingHours && !blocked ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('outsideHours', { opens: w.callingHours.opens, closes: w.callingHours.closes })}
          description={
            <>
              <div>{t('outsideHoursHint')}</div>
              <Checkbox checked={confirmOutside} onChange={(e) => setConfirmOutside(e.target.checked)}>
                {t('confirmOutside')}
              </Checkbox>
            </>
          }
        />
      ) : null}
      <Form layout="vertical" disabled={blocked} onFinish={submit}>
        <Form.Item label={t('outcome')} required validateStatus={errors.outcome ? 'error' : undefined} help={errors.outcome}>
          <Radio.Group optionType="button" buttonStyle="solid" value={outcome} onChange={(e) => setOutcome(e.target.value as CallOutcome)} data-testid="care-outcome">
            {outcomeOptions.map((o) => (
              <Radio.Button key={o.value} value={o.value}>
                {o.label}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        {reached && recall ? (
          <>
            <Form.Item label={t('lossReason')} required extra={t('lossReasonHint')} validateStatus={errors.lossReason ? 'error' : undefined} help={errors.lossReason}>
              <Radio.Group value={lossReason} onChange={(e) => setLossReason(e.target.value as LossReason)} data-testid="care-loss-reason">
                {lossOptions.map((o) => (
                  <Radio.Button key={o.value} value={o.value}>
                    {o.label}
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
            {withDestination ? (
              <Form.Item label={t('lossDestination')} validateStatus={errors.lossDestination ? 'error' : undefined} help={errors.lossDestination}>
                <Input
                  maxLength={LOSS_DESTINATION_MAX}
                  showCount
                  placeholder={t('lossDestinationHint')}
                  value={lossDestination}
                  onChange={(e) => setLossDestination(e.target.value)}
                  data-testid="care-loss-destination"
                />
              </Form.Item>
            ) : null}
          </>
        ) : null}
        {reached && questions.length ? (
          <div className="care-questions" data-testid="care-questionnaire">
            {questions.map((q) => (
              <Form.Item key={q.code} label={q.text} required={q.required} validateStatus={errors[`q.${q.code}`] ? 'error' : undefined} help={errors[`q.${q.code}`]}>
                <AnswerField
                  q={q}
                  value={answers[q.code]}
                  onChange={(v) =>
                    setAnswers((prev) => {
                      const next = { ...prev };
                      if (v) next[q.code] = v;
                      else delete next[q.code];
                      return next;
                    })
                  }
                />
              </Form.Item>
            ))}
          </div>
        ) : null}
        <Form.Item label={t('note')}>
          <Input.TextArea rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} data-testid="care-note" />
        </Form.Item>
        <Form.Item label={t('nextStep')}>
          <Input maxLength={500} value={nextStep} onChange={(e) => setNextStep(e.target.value)} />
        </Form.Item>
        {reached ? (
          <>
            <Form.Item validateStatus={errors.complaint ? 'error' : undefined} help={errors.complaint}>
              <Checkbox checked={withComplaint} onChange={(e) => setWithComplaint(e.target.checked)} data-testid="care-raise-complaint">
                {t('raiseComplaint')}
              </Checkbox>
              {withComplaint ? (
                <div className="care-sub">
                  <Space wrap>
                    <Select
                      aria-label={t('complaintCategory')}
                      placeholder={t('complaintCategory')}
                      style={{ width: 160 }}
                      options={categoryOptions.filter((o) => COMPLAINT_CATEGORIES.includes(o.value))}
                      value={complaint.category}
                      onChange={(v) => setComplaint((c) => ({ ...c, category: v }))}
                      data-testid="care-complaint-category"
                    />
                    <Select aria-label={t('complaintSeverity')} style={{ width: 120 }} options={severityOptions} value={complaint.severity} onChange={(v) => setComplaint((c) => ({ ...c, severity: v }))} />
                  </Space>
                  <Input.TextArea
                    rows={2}
                    maxLength={2000}
                    placeholder={t('complaintDescription')}
                    value={complaint.description}
                    onChange={(e) => setComplaint((c) => ({ ...c, description: e.target.value }))}
                    style={{ marginTop: 8 }}
                    data-testid="care-complaint-description"
                  />
                </div>
              ) : null}
            </Form.Item>
            <Form.Item validateStatus={errors.request ? 'error' : undefined} help={errors.request}>
              <Checkbox checked={withRequest} onChange={(e) => setWithRequest(e.target.checked)}>
                {t('supervisorRequest')}
              </Checkbox>
              {withRequest ? <Input.TextArea className="care-sub" rows={2} maxLength={1000} placeholder={t('supervisorRequestText')} value={request} onChange={(e) => setRequest(e.target.value)} /> : null}
            </Form.Item>
          </>
        ) : outcome ? (
          <Space wrap align="center" style={{ marginBottom: 16 }}>
            <span>{t('rescheduleTo')}</span>
            <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" value={retryAt} onChange={setRetryAt} disabled={giveUp} />
            <Checkbox checked={giveUp} onChange={(e) => setGiveUp(e.target.checked)}>
              {t('giveUp')}
            </Checkbox>
          </Space>
        ) : null}
        <Button type="primary" htmlType="submit" loading={save.isPending} disabled={blocked || outsideBlocked} data-testid="care-save">
          {t('saveCall')}
        </Button>
      </Form>
    </Card>
  );
}

function RescheduleModal({ w, onClose }: { w: CallWorkspace; onClose: () => void }) {
  const t = useT(CARE_TEXT);
  const me = useMe();
  const refresh = useRefreshCare();
  const { message } = App.useApp();
  const [to, setTo] = useState<Dayjs | null>(null);
  const [reason, setReason] = useState('');
  const save = useMutation({
    mutationFn: () => careApi.reschedule(w.task.id, { version: w.task.version, reason, to: localToInstant(to!.format('YYYY-MM-DD'), to!.format('HH:mm'), me.store.timeZone).toISOString() }),
    onSuccess: async () => {
      message.success(t('rescheduled'));
      onClose();
      await refresh();
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <Modal open title={t('reschedule')} onCancel={onClose} onOk={() => save.mutate()} okButtonProps={{ disabled: !to }} confirmLoading={save.isPending}>
      <Form layout="vertical">
        <Form.Item label={t('rescheduleTo')} required>
          <DatePicker autoFocus showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" value={to} onChange={setTo} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('reason')}>
          <Input maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
