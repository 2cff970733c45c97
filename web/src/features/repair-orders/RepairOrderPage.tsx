import { CheckOutlined, DownOutlined, PlusOutlined, PrinterOutlined, RollbackOutlined, SafetyCertificateOutlined, SignatureOutlined, WalletOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Dropdown, Empty, Result, Row, Select, Skeleton, Space, Table, Tag, Timeline, type MenuProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  DAMAGE_KIND_LABELS,
  DECISION_CHANNEL_LABELS,
  DECISION_LABELS,
  DISCOUNT_REQUEST_STATUS_LABELS,
  FROZEN_RO_STATES,
  FUEL_LEVEL_LABELS,
  PAUSE_REASON_LABELS,
  PAYER_LABELS,
  PAYMENT_METHOD_LABELS,
  PRICING_METHOD_LABELS,
  REASON_REQUIRED_ACTIONS,
  RO_ACTION_LABELS,
  RO_TYPE_LABELS,
  WARNING_LIGHT_LABELS,
  WORKSHOP_RO_ACTIONS,
  type AdditionalWork,
  type Payer,
  type RepairOrder,
  type RoAction,
  type RoLine,
} from '#contracts/repair-orders';
import { useCan, useMe } from '../../app/auth';
import { ErrorState } from '../../components/states';
import { isApiError } from '../../lib/api';
import { formatDateTime, formatMoney, formatNumber, formatPhone } from '../../lib/format';
import { useLabel, useLang, useOptions, useT } from '../../lib/i18n';
import { invalidateRoLists, roApi, roQueryKey, useRo, useRoMutation, type ReasonAction, type WorkshopAction } from './api';
import { CarOutline } from './CarOutline';
import { Plate, StateTag, TimeLeft, useRoErrors } from './display';
import { AddLineModal, DecisionModal, RaiseWorkModal, ReasonModal } from './LineModals';
import { openPrint, SettlementModal } from './SettlementModal';
import { SignDialog } from './SignaturePad';
import { PRINT_FORMS } from './printForms';
import { RO_TEXT } from './text';
import './ro.css';

type ReasonAsk = { kind: 'action'; action: ReasonAction } | { kind: 'remove'; line: RoLine } | { kind: 'reverse' };

/**
 * 维修委托书 of one car (SPEC §5, §7): state and the next legal actions, the walk-around, concerns,
 * lines with a payer each, totals per payer, additional work with the customer's answer, the history,
 * settlement and delivery, and the printed forms.
 */
export default function RepairOrderPage() {
  const { id: raw } = useParams();
  const id = raw && /^\d+$/.test(raw) ? Number(raw) : null;
  const t = useT(RO_TEXT);
  const navigate = useNavigate();
  const query = useRo(id);
  if (id === null || (query.isError && isApiError(query.error) && query.error.status === 404)) {
    return (
      <Result
        status="404"
        title={t('roNotFound')}
        extra={
          <Button type="primary" onClick={() => navigate('/repair-orders')}>
            {t('backToList')}
          </Button>
        }
      />
    );
  }
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending) return <Skeleton active paragraph={{ rows: 16 }} />;
  return <RoView ro={query.data} reload={() => void query.refetch()} />;
}

function RoView({ ro, reload }: { ro: RepairOrder; reload: () => void }) {
  const t = useT(RO_TEXT);
  const label = useLabel();
  const { lang } = useLang();
  const can = useCan();
  const me = useMe();
  const tz = me.store.timeZone;
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const onError = useRoErrors(reload);
  const payerOptions = useOptions(PAYER_LABELS);
  const [signing, setSigning] = useState(params.get('sign') === '1' && ro.state === 'draft');
  const [delivering, setDelivering] = useState(false);
  const [settling, setSettling] = useState(false);
  const [adding, setAdding] = useState(false);
  const [raising, setRaising] = useState(false);
  const [deciding, setDeciding] = useState<AdditionalWork | null>(null);
  const [asking, setAsking] = useState<ReasonAsk | null>(null);

  const write = can('repair_order:write');
  const workshop = can('repair_order:workshop');
  const frozen = FROZEN_RO_STATES.includes(ro.state);
  const editable = write && !frozen;

  const mutate = useRoMutation(ro.id, (fn: () => Promise<RepairOrder>) => fn());
  const run = async (fn: () => Promise<RepairOrder>, done?: string) => {
    try {
      await mutate.mutateAsync(fn);
      if (done) message.success(done);
    } catch (err) {
      onError(err);
      throw err;
    }
  };
  const quiet = (p: Promise<unknown>) => p.catch(() => undefined);

  const closeSign = () => {
    setSigning(false);
    if (params.get('sign')) {
      params.delete('sign');
      setParams(params, { replace: true });
    }
  };

  const doAction = (action: RoAction) => {
    if (action === 'sign') setSigning(true);
    else if (action === 'settle') setSettling(true);
    else if (action === 'deliver') setDelivering(true);
    else if (action === 'reverse_settlement') setAsking({ kind: 'reverse' });
    else if (action === 'cancel' || action === 'return_to_workshop') setAsking({ kind: 'action', action });
    else if ((WORKSHOP_RO_ACTIONS as readonly RoAction[]).includes(action)) {
      const a = action as WorkshopAction;
      if (REASON_REQUIRED_ACTIONS.includes(a)) setAsking({ kind: 'action', action: a });
      else
        modal.confirm({
          title: t('actionConfirm', { action: label(RO_ACTION_LABELS, a) }),
          okText: label(RO_ACTION_LABELS, a),
          cancelText: t('cancel'),
          onOk: () => quiet(run(() => roApi.transition(ro.id, { action: a, version: ro.version }), t('done'))),
        });
    }
  };

  const allowed = (a: RoAction) => {
    if (a === 'settle') return can('settlement:create');
    if (a === 'reverse_settlement') return can('settlement:reverse') && ro.settlement !== null;
    if ((WORKSHOP_RO_ACTIONS as readonly RoAction[]).includes(a)) return workshop;
    return write;
  };
  const actions = ro.actions.filter(allowed);
  const primary: RoAction[] = ['sign', 'settle', 'deliver'];
  const main = actions.filter((a) => primary.includes(a));
  const rest = actions.filter((a) => !primary.includes(a));

  const printItems: MenuProps['items'] = PRINT_FORMS.filter((f) => f.when(ro)).map((f) => ({ key: f.key, label: f.label[lang] }));
  const reminderItems: MenuProps['items'] =
    write && !frozen && ro.state !== 'draft'
      ? [
          { key: 'progress_check', label: t('markProgressChecked') },
          { key: 'pickup_notice', label: t('markPickupNotified') },
        ]
      : [];

  const lines = ro.lines;
  const canRaise = can('additional_work:raise') && !frozen && ro.state !== 'draft' && ro.state !== 'cancelled';

  return (
    <div className="ro-page">
      <div className="ro-head">
        <div style={{ minWidth: 0 }}>
          <h1>
            <span data-testid="ro-number">{ro.number}</span>
            <StateTag state={ro.state} />
            {ro.late ? <Tag color="red">{t('late')}</Tag> : null}
            {ro.state === 'paused' && ro.pauseReason ? <Tag color="orange">{label(PAUSE_REASON_LABELS, ro.pauseReason)}</Tag> : null}
          </h1>
          <div className="ro-sub">
            <Plate plate={ro.plate} />
            <Link to={`/vehicles/${ro.vehicleId}`}>{ro.modelName || t('vehicleFile')}</Link>
            {ro.customerId ? <Link to={`/customers/${ro.customerId}`}>{ro.customerName}</Link> : <span>{ro.customerName}</span>}
            <span>{label(RO_TYPE_LABELS, ro.type)}</span>
            <span>
              {t('advisor')} {ro.advisorName || '—'}
            </span>
            <span>
              {t('promisedAt')} {ro.promisedAt ? formatDateTime(ro.promisedAt, tz) : '—'}{' '}
              {!frozen ? (
                <>
                  （<TimeLeft promisedAt={ro.promisedAt} />）
                </>
              ) : null}
            </span>
          </div>
        </div>
        <div className="ro-actions">
          {printItems.length ? (
            <Dropdown menu={{ items: printItems, onClick: ({ key }) => openPrint(ro.id, key) }}>
              <Button icon={<PrinterOutlined />}>
                {t('print')} <DownOutlined />
              </Button>
            </Dropdown>
          ) : null}
          {rest.length || reminderItems.length ? (
            <Dropdown
              menu={{
                items: [
                  ...rest.map((a) => ({ key: a, label: label(RO_ACTION_LABELS, a), danger: a === 'cancel' || a === 'reverse_settlement' })),
                  ...(rest.length && reminderItems.length ? [{ type: 'divider' as const }] : []),
                  ...reminderItems,
                ],
                onClick: ({ key }) => {
                  if (key === 'progress_check' || key === 'pickup_notice') void quiet(run(() => roApi.reminder(ro.id, key, ro.version), t('reminderDone')));
                  else doAction(key as RoAction);
                },
              }}
            >
              <Button data-testid="more-actions">
                {t('moreActions')} <DownOutlined />
              </Button>
            </Dropdown>
          ) : null}
          {main.map((a) => (
            <Button
              key={a}
              type="primary"
              icon={a === 'sign' ? <SignatureOutlined /> : a === 'settle' ? <WalletOutlined /> : <SafetyCertificateOutlined />}
              onClick={() => doAction(a)}
              data-testid={`action-${a}`}
            >
              {label(RO_ACTION_LABELS, a)}
            </Button>
          ))}
        </div>
      </div>

      {ro.state === 'draft' ? <Alert type="info" showIcon className="ro-alert" title={t('draftHint')} /> : null}
      {ro.partsOutstanding > 0 && !frozen ? <Alert type="warning" showIcon className="ro-alert" title={t('partsOutstandingWarn', { n: ro.partsOutstanding })} /> : null}
      {ro.state === 'cancelled' && ro.cancelReason ? <Alert type="warning" showIcon className="ro-alert" title={t('cancelledBecause', { reason: ro.cancelReason })} /> : null}
      {ro.additionalWork.some((w) => w.decision === 'pending') ? (
        <Alert type="warning" showIcon className="ro-alert" title={t('pendingWorkHint', { n: ro.additionalWork.filter((w) => w.decision === 'pending').length })} />
      ) : null}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card
              variant="borderless"
              size="small"
              title={t('lines')}
              extra={
                editable ? (
                  <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-line">
                    {t('addLine')}
                  </Button>
                ) : null
              }
            >
              <Table<RoLine>
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={lines}
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noLines')} /> }}
                columns={[
                  { key: 'kind', title: t('kind'), width: 56, render: (_, l) => (l.kind === 'labour' ? t('labour') : t('part')) },
                  {
                    key: 'desc',
                    title: t('item'),
                    render: (_, l) => (
                      <span>
                        {l.description}
                        {l.source === 'additional' ? (
                          <Tag color="purple" style={{ marginInlineStart: 6 }}>
                            {t('additional')}
                          </Tag>
                        ) : null}
                      </span>
                    ),
                  },
                  {
                    key: 'qty',
                    title: t('hoursOrQty'),
                    align: 'right',
                    width: 90,
                    render: (_, l) => (l.kind === 'labour' ? (l.fixedPriceFen !== null ? t('fixed') : `${l.hours ?? '—'} h`) : (l.quantity ?? '—')),
                  },
                  {
                    key: 'rate',
                    title: t('rateOrPrice'),
                    align: 'right',
                    width: 110,
                    render: (_, l) => (l.kind === 'labour' ? (l.fixedPriceFen !== null ? formatMoney(l.fixedPriceFen) : t('perHour', { rate: formatMoney(l.rateFen) })) : formatMoney(l.unitPriceFen)),
                  },
                  { key: 'amount', title: t('amount'), align: 'right', width: 110, render: (_, l) => formatMoney(l.amountFen) },
                  {
                    key: 'payer',
                    title: t('payer'),
                    width: 120,
                    render: (_, l) =>
                      editable ? (
                        <Select<Payer>
                          size="small"
                          value={l.payer}
                          options={payerOptions}
                          style={{ width: 108 }}
                          aria-label={t('payerOf', { item: l.description })}
                          onChange={(payer) => void quiet(run(() => roApi.setPayer(ro.id, l.id, payer, ro.version)))}
                        />
                      ) : (
                        label(PAYER_LABELS, l.payer)
                      ),
                  },
                  ...(editable
                    ? [
                        {
                          key: 'x',
                          title: '',
                          width: 56,
                          render: (_: unknown, l: RoLine) => (
                            <Button size="small" type="link" danger onClick={() => setAsking({ kind: 'remove', line: l })}>
                              {t('remove')}
                            </Button>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
              <Totals ro={ro} />
            </Card>

            <Card
              variant="borderless"
              size="small"
              title={t('additionalWork')}
              extra={
                canRaise ? (
                  <Button size="small" icon={<PlusOutlined />} onClick={() => setRaising(true)} data-testid="raise-work">
                    {t('raiseWork')}
                  </Button>
                ) : null
              }
            >
              {ro.additionalWork.length === 0 ? (
                <div className="form-hint">{t('noAdditionalWork')}</div>
              ) : (
                <div className="aw-list">
                  {ro.additionalWork.map((w) => (
                    <div className="aw-item" key={w.id} data-testid="additional-work">
                      <div className="aw-main">
                        <div>
                          {w.safety ? <Tag color="red">{t('safety')}</Tag> : null}
                          <strong>{w.description}</strong>
                        </div>
                        <div className="form-hint">
                          {t('awMeta', { amount: formatMoney(w.amountFen), minutes: w.delayMinutes, by: w.raisedByName, at: formatDateTime(w.raisedAt, tz) })}
                        </div>
                        {w.decision !== 'pending' ? (
                          <div className="form-hint">
                            {t('awDecided', {
                              by: w.decidedBy,
                              channel: label(DECISION_CHANNEL_LABELS, w.channel),
                              at: formatDateTime(w.decidedAt, tz),
                              recorder: w.recordedByName,
                            })}
                            {w.note ? ` · ${w.note}` : ''}
                          </div>
                        ) : null}
                      </div>
                      <Space>
                        <Tag color={w.decision === 'approved' ? 'green' : w.decision === 'declined' ? 'default' : 'orange'}>{label(DECISION_LABELS, w.decision)}</Tag>
                        {w.decision === 'pending' && write ? (
                          <Button size="small" type="primary" onClick={() => setDeciding(w)} data-testid="record-decision">
                            {t('recordDecision')}
                          </Button>
                        ) : null}
                        <Button size="small" icon={<PrinterOutlined />} onClick={() => openPrint(ro.id, `additional-work?work=${w.id}`)} aria-label={t('printAw')} />
                      </Space>
                    </div>
                  ))}
                </div>
              )}
            </Card>

            {ro.settlement || ro.discountRequests.length ? <SettlementCard ro={ro} /> : null}
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card variant="borderless" size="small" title={t('concerns')}>
              {ro.concerns.length ? (
                <ol className="concern-view" data-testid="concerns">
                  {ro.concerns.map((c, i) => (
                    <li key={i}>{c}</li>
                  ))}
                </ol>
              ) : (
                <div className="form-hint">{t('noConcerns')}</div>
              )}
            </Card>
            <Card variant="borderless" size="small" title={t('walkAround')}>
              <div className="wa-summary">
                <CarOutline marks={ro.damageMarks} height={170} front={t('front')} rear={t('rear')} />
                <Descriptions
                  size="small"
                  column={1}
                  styles={{ label: { width: 72 } }}
                  items={[
                    { key: 'km', label: t('odometer'), children: `${formatNumber(ro.odometerKm)} km` },
                    { key: 'fuel', label: t('fuel'), children: label(FUEL_LEVEL_LABELS, ro.fuelLevel) },
                    {
                      key: 'damage',
                      label: t('damage'),
                      children: ro.damageMarks.length ? ro.damageMarks.map((m, i) => `${i + 1}. ${label(DAMAGE_KIND_LABELS, m.kind)}${m.note ? ` ${m.note}` : ''}`).join('；') : t('none'),
                    },
                    { key: 'lights', label: t('warningLights'), children: ro.warningLights.length ? ro.warningLights.map((w) => label(WARNING_LIGHT_LABELS, w)).join('、') : t('none') },
                    { key: 'belongings', label: t('belongings'), children: ro.belongings.length ? ro.belongings.join('、') : t('none') },
                  ]}
                />
              </div>
              <Descriptions
                size="small"
                column={1}
                styles={{ label: { width: 96 } }}
                style={{ marginTop: 8 }}
                items={[
                  { key: 'by', label: t('broughtBy'), children: `${ro.broughtByName}${ro.broughtByPhone ? ` ${formatPhone(ro.broughtByPhone)}` : ''}` },
                  { key: 'pricing', label: t('pricingMethod'), children: label(PRICING_METHOD_LABELS, ro.pricingMethod) },
                  { key: 'opened', label: t('openedAt'), children: formatDateTime(ro.openedAt, tz) },
                  { key: 'hours', label: t('estimatedHours'), children: `${ro.estimatedHours} h` },
                  { key: 'signed', label: t('signedAt'), children: ro.signedAt ? `${formatDateTime(ro.signedAt, tz)}${ro.signature ? '' : ` ${t('onPaper')}`}` : '—' },
                  ...(ro.signature ? [{ key: 'sig', label: t('customerSignature'), children: <img src={ro.signature} alt={t('customerSignature')} className="sig-thumb" /> }] : []),
                  ...(ro.deliveredAt
                    ? [
                        {
                          key: 'delivered',
                          label: t('deliveredAt'),
                          children: (
                            <span>
                              {formatDateTime(ro.deliveredAt, tz)}
                              {ro.deliverySignature ? <img src={ro.deliverySignature} alt={t('deliverySignature')} className="sig-thumb" /> : ` ${t('onPaper')}`}
                            </span>
                          ),
                        },
                      ]
                    : []),
                  ...(ro.notes ? [{ key: 'notes', label: t('notes'), children: ro.notes }] : []),
                ]}
              />
            </Card>
            <Card variant="borderless" size="small" title={t('history')}>
              <Timeline
                items={[...ro.transitions].reverse().map((tr) => ({
                  key: `${tr.at}-${tr.action}`,
                  content: (
                    <div>
                      <div>
                        <strong>{label(RO_ACTION_LABELS, tr.action)}</strong> <span className="form-hint">{formatDateTime(tr.at, tz)}</span>
                      </div>
                      <div className="form-hint">
                        {tr.byName}
                        {tr.reason ? ` · ${tr.reason}` : ''}
                      </div>
                    </div>
                  ),
                }))}
              />
              {ro.transitions.length === 0 ? <div className="form-hint">{t('noHistory')}</div> : null}
            </Card>
          </Space>
        </Col>
      </Row>

      <SignDialog
        open={signing}
        title={t('signTitle', { number: ro.number })}
        statement={t('signStatement', { amount: formatMoney(ro.totals.totalFen) })}
        onCancel={closeSign}
        onSign={async (signature) => {
          await quiet(run(() => roApi.sign(ro.id, signature, ro.version), t('signed')).then(closeSign));
        }}
      />
      <SignDialog
        open={delivering}
        title={t('deliverTitle', { number: ro.number })}
        statement={t('deliverStatement')}
        onCancel={() => setDelivering(false)}
        onSign={async (signature) => {
          await quiet(run(() => roApi.deliver(ro.id, signature, ro.version), t('delivered')).then(() => setDelivering(false)));
        }}
      />
      {can('settlement:create') ? <SettlementModal ro={ro} open={settling} onClose={() => setSettling(false)} onDeliver={() => setDelivering(true)} /> : null}
      <AddLineModal
        open={adding}
        onClose={() => setAdding(false)}
        onAdd={async (newLines) => {
          // One line at a time: each answer carries the version the next one needs.
          let version = ro.version;
          let last: RepairOrder | null = null;
          try {
            for (const line of newLines) {
              last = await roApi.addLine(ro.id, line, version);
              version = last.version;
            }
          } catch (err) {
            onError(err);
            throw err;
          } finally {
            if (last) client.setQueryData(roQueryKey(ro.id), last);
            invalidateRoLists(client);
          }
          message.success(t('linesAdded', { n: newLines.length }));
        }}
      />
      <RaiseWorkModal open={raising} onClose={() => setRaising(false)} onRaise={(body) => run(() => roApi.raiseWork(ro.id, body), t('workRaised'))} />
      <DecisionModal work={deciding} defaultName={ro.broughtByName} onClose={() => setDeciding(null)} onDecide={(w, body) => run(() => roApi.decideWork(w.id, body), t('decisionSaved'))} />
      <ReasonModal
        open={asking !== null}
        title={
          asking?.kind === 'remove'
            ? t('removeTitle', { item: asking.line.description })
            : asking?.kind === 'reverse'
              ? t('reverseTitle')
              : asking
                ? label(RO_ACTION_LABELS, asking.action)
                : ''
        }
        content={asking?.kind === 'reverse' ? t('reverseHint') : asking?.kind === 'action' && asking.action === 'cancel' ? t('cancelHint') : undefined}
        okText={asking?.kind === 'remove' ? t('remove') : asking?.kind === 'reverse' ? t('reverse') : asking ? label(RO_ACTION_LABELS, asking.action) : ''}
        danger={asking?.kind !== 'action' || asking.action === 'cancel'}
        pause={asking?.kind === 'action' && asking.action === 'pause'}
        onClose={() => setAsking(null)}
        onSubmit={(reason, pauseReason) => {
          if (!asking) return Promise.resolve();
          if (asking.kind === 'remove') return run(() => roApi.removeLine(ro.id, asking.line.id, reason, ro.version), t('lineRemoved'));
          if (asking.kind === 'reverse') return run(() => roApi.reverse(ro.settlement!.id, reason), t('reversed'));
          const a = asking.action;
          if (a === 'cancel') return run(() => roApi.cancel(ro.id, reason, ro.version), t('done'));
          if (a === 'return_to_workshop') return run(() => roApi.returnToWorkshop(ro.id, reason, ro.version), t('done'));
          return run(() => roApi.transition(ro.id, { action: a, reason, pauseReason, version: ro.version }), t('done'));
        }}
      />
    </div>
  );
}

function Totals({ ro }: { ro: RepairOrder }) {
  const t = useT(RO_TEXT);
  const label = useLabel();
  const tt = ro.totals;
  return (
    <div className="ro-totals" data-testid="ro-totals">
      {tt.byPayer.map((p) => (
        <div className="ro-total-row" key={p.payer}>
          <span className="ro-total-payer">{label(PAYER_LABELS, p.payer)}</span>
          <span>
            {t('labourFee')} {formatMoney(p.labourFen)}
          </span>
          <span>
            {t('partsFee')} {formatMoney(p.partsFen)}
          </span>
          {p.discountFen ? (
            <span>
              {t('discount')} -{formatMoney(p.discountFen)}
            </span>
          ) : null}
          <strong>{formatMoney(p.totalFen)}</strong>
        </div>
      ))}
      <div className="ro-total-row grand">
        <span className="ro-total-payer">{t('total')}</span>
        <span>
          {t('labourFee')} {formatMoney(tt.labourFen)}
        </span>
        <span>
          {t('partsFee')} {formatMoney(tt.partsFen)}
        </span>
        {tt.discountFen ? (
          <span>
            {t('discount')} -{formatMoney(tt.discountFen)}
          </span>
        ) : null}
        <strong data-testid="ro-total">{formatMoney(tt.totalFen)}</strong>
      </div>
    </div>
  );
}

function SettlementCard({ ro }: { ro: RepairOrder }) {
  const t = useT(RO_TEXT);
  const label = useLabel();
  const me = useMe();
  const tz = me.store.timeZone;
  const s = ro.settlement;
  const rows: { key: string; label: string; children: ReactNode }[] = [];
  if (s) {
    rows.push(
      { key: 'no', label: t('settlementNo'), children: s.number },
      { key: 'by', label: t('settledBy'), children: `${s.settledByName} ${formatDateTime(s.settledAt, tz)}` },
      { key: 'gate', label: t('gatePassNo'), children: s.gatePassNumber },
      {
        key: 'pay',
        label: t('payments'),
        children: s.payments.map((p) => `${label(PAYER_LABELS, p.payer)} ${label(PAYMENT_METHOD_LABELS, p.method)} ${formatMoney(p.amountFen)}${p.reference ? ` (${p.reference})` : ''}`).join('；'),
      },
    );
    if (s.totals.discountFen) rows.push({ key: 'disc', label: t('discount'), children: `${formatMoney(s.totals.discountFen)}${s.discountReason ? ` · ${s.discountReason}` : ''}` });
    if (s.reversedAt) rows.push({ key: 'rev', label: t('reversedAt'), children: `${s.reversedByName} ${formatDateTime(s.reversedAt, tz)} · ${s.reversalReason}` });
  }
  return (
    <Card variant="borderless" size="small" title={t('settlement')} extra={s && !s.reversedAt ? <Tag icon={<CheckOutlined />} color="green">{t('settledTag')}</Tag> : s?.reversedAt ? <Tag icon={<RollbackOutlined />}>{t('reversedTag')}</Tag> : null}>
      {rows.length ? <Descriptions size="small" column={1} styles={{ label: { width: 96 } }} items={rows} /> : null}
      {ro.discountRequests.length ? (
        <div style={{ marginTop: rows.length ? 8 : 0 }}>
          <div className="field-label">{t('discountRequests')}</div>
          {ro.discountRequests.map((r) => (
            <div key={r.id} className="form-hint">
              {label(DISCOUNT_REQUEST_STATUS_LABELS, r.status)} · {t('requestSummary', { labour: formatMoney(r.labourDiscountFen), parts: formatMoney(r.partsDiscountFen), share: (r.percentOfLabourBp / 100).toFixed(1) })} ·{' '}
              {r.requestedByName} {formatDateTime(r.requestedAt, tz)}
              {r.decidedByName ? ` · ${r.decidedByName}${r.note ? `：${r.note}` : ''}` : ''}
            </div>
          ))}
        </div>
      ) : null}
    </Card>
  );
}
