import { CarOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Segmented, Select, Skeleton, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  COMMON_BELONGINGS,
  FUEL_LEVEL_LABELS,
  PRICING_METHOD_LABELS,
  PRICING_METHOD_WARNINGS,
  RO_STATE_LABELS,
  RO_TYPE_LABELS,
  WARNING_LIGHT_LABELS,
  type DamageMark,
  type FuelLevel,
  type PricingMethod,
  type ReceptionSuggestion,
  type RoType,
  type WarningLight,
} from '#contracts/repair-orders';
import type { StaffMember } from '#contracts/staff';
import type { Page } from '#contracts/common';
import { instantToLocal, localToInstant, todayIn } from '#contracts/local-time';
import { useCan, useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { applyServerErrors } from '../../components/form/serverErrors';
import { useEscape } from '../../components/form/useEscape';
import { useConfirmDiscard, useUnsavedGuard } from '../../components/form/useUnsavedGuard';
import { ErrorState } from '../../components/states';
import { api, isApiError } from '../../lib/api';
import { formatDate, formatMoney, formatNumber, formatPhone, formatTime } from '../../lib/format';
import { useLabel, useLang, useOptions, useT } from '../../lib/i18n';
import { roApi, type RoCreate } from './api';
import { Plate } from './display';
import { ConcernsInput, DamageInput, VehicleFinder } from './inputs';
import { RO_TEXT } from './text';
import './ro.css';

interface Values {
  odometerKm: number | null;
  odometerReason: string;
  fuelLevel: FuelLevel;
  damageMarks: DamageMark[];
  warningLights: WarningLight[];
  belongings: string[];
  otherBelongings: string[];
  concerns: string[];
  type: RoType;
  pricingMethod: PricingMethod;
  promisedAt: Dayjs | null;
  broughtByName: string;
  broughtByPhone: string;
  advisorId: number | null;
  usePackage: boolean;
  declined: number[];
  notes: string;
}

/**
 * A promised time with a margin: the package's hours plus one hour, rounded up to the half hour.
 * Like the picker's value, it is the store's wall clock (the browser may be in another zone).
 */
function defaultPromise(s: ReceptionSuggestion | undefined, timeZone: string): Dayjs {
  const hours = (s?.suggestedPackage?.lines ?? []).reduce((sum, l) => sum + Number(l.hours || 0), 0);
  const minutes = Math.max(60, Math.round(hours * 60)) + 60;
  const local = instantToLocal(new Date(Date.now() + minutes * 60_000), timeZone);
  const at = dayjs(`${local.date}T${local.time}`);
  const rounded = at.minute() === 0 || at.minute() === 30 ? at : at.minute() < 30 ? at.minute(30) : at.add(1, 'hour').minute(0);
  return rounded.second(0).millisecond(0);
}

/**
 * 接车 (SPEC §5): one screen from the car at the door to a draft RO. What the system knows is filled
 * in (the car, its owner and usual driver, the suggested type and package, today's appointment);
 * the advisor types the odometer, ticks the walk-around, writes each concern and opens the RO,
 * which the customer then signs on the RO page.
 */
export default function ReceptionPage() {
  const t = useT(RO_TEXT);
  const [params, setParams] = useSearchParams();
  const raw = params.get('vehicleId');
  const vehicleId = raw && /^\d+$/.test(raw) ? Number(raw) : null;
  const suggestion = useQuery({
    queryKey: ['reception', vehicleId],
    queryFn: ({ signal }) => roApi.suggestion(vehicleId!, signal),
    enabled: vehicleId !== null,
    staleTime: 0,
  });

  if (vehicleId === null) {
    return (
      <>
        <PageHeader title={t('receptionTitle')} description={t('receptionHint')} />
        <Card variant="borderless">
          <Space orientation="vertical" size={12}>
            <div>{t('pickVehicleFirst')}</div>
            <VehicleFinder autoFocus onPick={(id) => setParams({ vehicleId: String(id) })} />
          </Space>
        </Card>
      </>
    );
  }
  if (suggestion.isError) return <ErrorState error={suggestion.error} onRetry={() => void suggestion.refetch()} />;
  if (suggestion.isPending) return <Skeleton active paragraph={{ rows: 14 }} />;
  return <ReceptionForm key={vehicleId} s={suggestion.data} />;
}

function ReceptionForm({ s }: { s: ReceptionSuggestion }) {
  const t = useT(RO_TEXT);
  const me = useMe();
  const can = useCan();
  const label = useLabel();
  const { lang } = useLang();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const confirmDiscard = useConfirmDiscard();
  const [form] = Form.useForm<Values>();
  const [dirty, setDirty] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [createdId, setCreatedId] = useState<number | null>(null);
  const inFlight = useRef(false);
  const tz = me.store.timeZone;
  useUnsavedGuard(dirty && createdId === null);

  useEffect(() => {
    if (createdId !== null) navigate(`/repair-orders/${createdId}?sign=1`);
  }, [createdId, navigate]);

  const typeOptions = useOptions(RO_TYPE_LABELS);
  const pricingOptions = useOptions(PRICING_METHOD_LABELS);
  const fuelOptions = useOptions(FUEL_LEVEL_LABELS);
  const lightOptions = useOptions(WARNING_LIGHT_LABELS);
  const advisors = useQuery({
    queryKey: ['staff', 'list', { role: 'service_advisor', picker: true }],
    queryFn: ({ signal }) => api.get<Page<StaffMember>>('/api/staff', { page: 1, pageSize: 100, role: 'service_advisor', sort: 'displayName' }, signal),
    enabled: can('staff:read'),
    staleTime: 5 * 60_000,
  });
  const advisorOptions = useMemo(() => {
    const list = (advisors.data?.items ?? []).filter((a) => a.active).map((a) => ({ value: a.userId, label: a.displayName }));
    if (!list.some((o) => o.value === me.user.id)) list.unshift({ value: me.user.id, label: me.user.displayName });
    return list;
  }, [advisors.data, me.user]);

  const initialValues: Values = useMemo(
    () => ({
      odometerKm: null,
      odometerReason: '',
      fuelLevel: 'half',
      damageMarks: [],
      warningLights: [],
      belongings: [],
      otherBelongings: [],
      concerns: s.appointment?.requestedWork ? [s.appointment.requestedWork] : [],
      type: s.suggestedType,
      pricingMethod: 'by_item',
      promisedAt: defaultPromise(s, tz),
      broughtByName: s.driverName || s.ownerName,
      broughtByPhone: s.driverPhone,
      advisorId: me.user.id,
      usePackage: s.suggestedPackage !== null,
      declined: [],
      notes: '',
    }),
    [s, me.user.id, tz],
  );

  const odometer = Form.useWatch('odometerKm', form);
  const pricing = Form.useWatch('pricingMethod', form) ?? 'by_item';
  const usePackage = Form.useWatch('usePackage', form);
  const below = s.lastOdometerKm !== null && typeof odometer === 'number' && odometer < s.lastOdometerKm;

  const submit = async (v: Values) => {
    if (inFlight.current) return;
    if (s.openRo) {
      const ok = await new Promise<boolean>((resolve) =>
        modal.confirm({
          title: t('openRoConfirm', { number: s.openRo!.number }),
          content: t('openRoConfirmHint'),
          okText: t('createAnyway'),
          cancelText: t('cancel'),
          onOk: () => resolve(true),
          onCancel: () => resolve(false),
        }),
      );
      if (!ok) return;
    }
    inFlight.current = true;
    setSubmitting(true);
    setProblem(null);
    const declined = s.declinedWork.filter((d) => v.declined.includes(d.id));
    const body: RoCreate = {
      vehicleId: s.vehicleId,
      appointmentId: s.appointment?.id ?? null,
      type: v.type,
      pricingMethod: v.pricingMethod,
      broughtByName: v.broughtByName,
      broughtByPhone: v.broughtByPhone ?? '',
      odometerKm: v.odometerKm ?? -1,
      odometerReason: v.odometerReason ?? '',
      fuelLevel: v.fuelLevel,
      damageMarks: v.damageMarks,
      warningLights: v.warningLights,
      belongings: [...v.belongings, ...v.otherBelongings.map((b) => b.trim()).filter(Boolean)],
      concerns: [...v.concerns.map((c) => c.trim()).filter(Boolean), ...declined.map((d) => t('declinedConcern', { description: d.description }))],
      // The picked day and time are the store's wall clock.
      promisedAt: v.promisedAt ? localToInstant(v.promisedAt.format('YYYY-MM-DD'), v.promisedAt.format('HH:mm'), tz).toISOString() : null,
      advisorId: v.advisorId,
      notes: v.notes ?? '',
      packageId: v.usePackage && s.suggestedPackage ? s.suggestedPackage.id : null,
      lines: [],
    };
    try {
      const ro = await roApi.create(body);
      // The declined items taken up now are followed up (done on this visit).
      await Promise.allSettled(declined.map((d) => roApi.followUp(d.id)));
      message.success(t('roCreated', { number: ro.number }));
      setDirty(false);
      setCreatedId(ro.id);
    } catch (err) {
      const unplaced = applyServerErrors(form, err, { belongings: 'belongings', 'concerns': 'concerns' });
      if (isApiError(err) && err.fields.length > 0 && unplaced.length === 0) message.error(t('formHasErrors'));
      else setProblem(err instanceof Error ? [err.message, ...unplaced.map((f) => f.message)].join('；') : String(err));
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  };

  useEscape(createdId === null, () => {
    void confirmDiscard(dirty).then((ok) => {
      if (ok) {
        setDirty(false);
        navigate(-1);
      }
    });
  });

  const pkg = s.suggestedPackage;
  const due = [s.nextDueKm !== null ? t('dueKm', { km: formatNumber(s.nextDueKm) }) : null, s.nextDueDate ? t('dueDate', { date: s.nextDueDate }) : null].filter(Boolean).join(' · ');

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={(v) => void submit(v)}
      onValuesChange={() => setDirty(true)}
      scrollToFirstError
      className="reception"
      requiredMark
    >
      <PageHeader
        title={t('receptionTitle')}
        description={t('receptionHint')}
        actions={
          <>
            <span className="form-hint" style={{ alignSelf: 'center' }}>
              {t('receptionKeys')}
            </span>
            <Button type="primary" htmlType="submit" loading={submitting} icon={<CarOutlined />} data-testid="create-ro">
              {t('createRo')}
            </Button>
          </>
        }
      />

      <Card variant="borderless" className="reception-vehicle" styles={{ body: { padding: '12px 16px' } }}>
        <div className="rv-row">
          <Plate plate={s.plate} />
          <strong>{s.modelName || '—'}</strong>
          {s.vin ? <span className="rv-muted">VIN {s.vin}</span> : null}
          <span className="rv-sep" />
          <span>
            {t('owner')}：{s.ownerId ? <Link to={`/customers/${s.ownerId}`}>{s.ownerName}</Link> : s.ownerName || '—'}
          </span>
          {s.driverName && s.driverName !== s.ownerName ? (
            <span>
              {t('driver')}：{s.driverName} {s.driverPhone ? formatPhone(s.driverPhone) : ''}
            </span>
          ) : null}
        </div>
        <div className="rv-row rv-muted">
          <span>
            {t('lastKm')}：{s.lastOdometerKm === null ? '—' : `${formatNumber(s.lastOdometerKm)} km`}
          </span>
          <span>
            {t('lastVisit')}：{s.lastVisitAt ? formatDate(s.lastVisitAt, tz) : '—'}
          </span>
          <span>
            {t('nextDue')}：{due || '—'}
          </span>
          <Link to={`/vehicles/${s.vehicleId}`}>{t('vehicleFile')}</Link>
        </div>
      </Card>

      {s.openRo ? (
        <Alert
          type="warning"
          showIcon
          className="reception-alert"
          title={t('openRoWarning', { number: s.openRo.number, state: label(RO_STATE_LABELS, s.openRo.state) })}
          action={
            <Button size="small" type="primary" onClick={() => navigate(`/repair-orders/${s.openRo!.id}`)}>
              {t('openThatRo')}
            </Button>
          }
        />
      ) : null}
      {s.appointment ? (
        <Alert
          type="info"
          showIcon
          className="reception-alert"
          title={t('appointmentToday', { number: s.appointment.number, time: formatTime(s.appointment.startsAt, tz) })}
          description={s.appointment.requestedWork || undefined}
        />
      ) : null}
      {problem ? <Alert type="error" showIcon closable={{ onClose: () => setProblem(null) }} className="reception-alert" title={problem} /> : null}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card variant="borderless" title={t('walkAround')} size="small">
            <Row gutter={16}>
              <Col span={12}>
                <Form.Item
                  name="odometerKm"
                  label={t('odometer')}
                  rules={[{ required: true, message: t('odometerRequired') }]}
                  extra={s.lastOdometerKm === null ? t('noLastKm') : t('lastKmHint', { km: formatNumber(s.lastOdometerKm) })}
                >
                  <InputNumber<number> min={0} max={2_000_000} precision={0} suffix="km" style={{ width: '100%' }} autoFocus placeholder={t('odometerPlaceholder')} data-testid="odometer" />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="fuelLevel" label={t('fuel')}>
                  <Segmented options={fuelOptions} block />
                </Form.Item>
              </Col>
            </Row>
            {below ? (
              <Form.Item name="odometerReason" label={t('odometerReason')} rules={[{ required: true, whitespace: true, message: t('odometerReasonRequired') }]}>
                <Input maxLength={200} placeholder={t('odometerReasonPlaceholder')} />
              </Form.Item>
            ) : null}
            <Form.Item name="damageMarks" label={t('damage')}>
              <DamageInput height={250} />
            </Form.Item>
            <Form.Item name="warningLights" label={t('warningLights')}>
              <Checkbox.Group options={lightOptions} className="check-grid" />
            </Form.Item>
            <Row gutter={16}>
              <Col span={14}>
                <Form.Item name="belongings" label={t('belongings')} style={{ marginBottom: 8 }}>
                  <Checkbox.Group options={COMMON_BELONGINGS.map((b) => ({ value: b, label: b }))} className="check-grid" />
                </Form.Item>
              </Col>
              <Col span={10}>
                <Form.Item name="otherBelongings" label={t('otherBelongings')} style={{ marginBottom: 8 }}>
                  <Select mode="tags" open={false} suffixIcon={null} placeholder={t('otherBelongingsPlaceholder')} tokenSeparators={[',', '，', '、']} />
                </Form.Item>
              </Col>
            </Row>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card variant="borderless" title={t('concerns')} size="small">
              <Form.Item name="concerns" extra={t('concernsHint')} style={{ marginBottom: 0 }}>
                <ConcernsInput />
              </Form.Item>
            </Card>
            <Card variant="borderless" title={t('work')} size="small">
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name="type" label={t('type')} rules={[{ required: true }]}>
                    <Select options={typeOptions} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  {/* The value is the store's wall clock; "now" would be the browser's, hence no now button. */}
                  <Form.Item name="promisedAt" label={t('promisedAt')}>
                    <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} needConfirm={false} showNow={false} disabledDate={(d) => d.format('YYYY-MM-DD') < todayIn(tz)} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="pricingMethod" label={t('pricingMethod')} style={{ marginBottom: 8 }}>
                <Segmented options={pricingOptions} block />
              </Form.Item>
              <Alert type="warning" showIcon icon={<ExclamationCircleOutlined />} title={PRICING_METHOD_WARNINGS[pricing][lang]} style={{ marginBottom: 12 }} />
              {pkg ? (
                <div className="package-box">
                  <Form.Item name="usePackage" valuePropName="checked" style={{ marginBottom: 4 }}>
                    <Checkbox data-testid="use-package">
                      {t('usePackage', { name: pkg.name })} <strong>{formatMoney(pkg.totalFen)}</strong>
                    </Checkbox>
                  </Form.Item>
                  {usePackage ? (
                    <Table
                      size="small"
                      pagination={false}
                      rowKey={(l) => l.serviceItemId}
                      dataSource={pkg.lines}
                      columns={[
                        { key: 'd', title: t('item'), dataIndex: 'description', ellipsis: true },
                        { key: 'h', title: t('hours'), dataIndex: 'hours', width: 64, align: 'right' },
                        { key: 'a', title: t('amount'), width: 96, align: 'right', render: (_, l) => formatMoney(l.amountFen) },
                      ]}
                    />
                  ) : null}
                </div>
              ) : (
                <div className="form-hint" style={{ marginBottom: 12 }}>
                  {t('noPackage')}
                </div>
              )}
              {s.declinedWork.length ? (
                <Form.Item name="declined" label={t('declinedOffer')} extra={t('declinedOfferHint')}>
                  <Checkbox.Group className="check-column">
                    {s.declinedWork.map((d) => (
                      <Checkbox key={d.id} value={d.id}>
                        {d.safety ? (
                          <Tag color="red" style={{ marginInlineEnd: 4 }}>
                            {t('safety')}
                          </Tag>
                        ) : null}
                        {d.description} · {formatMoney(d.amountFen)} <span className="form-hint">({formatDate(d.raisedAt, tz)})</span>
                      </Checkbox>
                    ))}
                  </Checkbox.Group>
                </Form.Item>
              ) : null}
            </Card>
            <Card variant="borderless" title={t('broughtBy')} size="small">
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name="broughtByName" label={t('broughtByName')} rules={[{ required: true, whitespace: true, message: t('broughtByRequired') }]}>
                    <Input maxLength={50} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="broughtByPhone" label={t('broughtByPhone')}>
                    <Input maxLength={30} />
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name="advisorId" label={t('advisor')} style={{ marginBottom: 0 }}>
                    <Select options={advisorOptions} showSearch={{ optionFilterProp: 'label' }} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="notes" label={t('notes')} style={{ marginBottom: 0 }}>
                    <Input maxLength={1000} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          </Space>
        </Col>
      </Row>
      <button type="submit" className="hidden-submit" tabIndex={-1} aria-hidden="true" />
    </Form>
  );
}
