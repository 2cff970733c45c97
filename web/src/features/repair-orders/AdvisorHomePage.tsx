import { CarOutlined, CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Card, Col, Empty, Row, Skeleton, Tag, Tooltip } from 'antd';
import type { KeyboardEvent, ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { APPOINTMENT_STATUS_LABELS, type AppointmentStatus } from '#contracts/appointments';
import type { RepairOrderSummary } from '#contracts/repair-orders';
import { useCan, useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/states';
import { formatDateTime, formatMoney, formatPhone, formatTime } from '../../lib/format';
import { useLabel, useT } from '../../lib/i18n';
import { ADVISOR_HOME_KEY, invalidateRoLists, roApi } from './api';
import { Plate, StateTag, TimeLeft, useRoErrors } from './display';
import { RO_TEXT } from './text';
import './ro.css';

function Section({ title, count, children, testId, extra }: { title: string; count: number; children: ReactNode; testId: string; extra?: ReactNode }) {
  return (
    <Card
      variant="borderless"
      size="small"
      data-testid={testId}
      title={
        <span>
          {title} <Badge count={count} showZero color={count ? '#1677ff' : '#bfbfbf'} style={{ marginInlineStart: 4 }} />
        </span>
      }
      extra={extra}
      styles={{ body: { padding: '4px 12px 8px', maxHeight: 300, overflow: 'auto' } }}
      style={{ height: '100%' }}
    >
      {children}
    </Card>
  );
}

function Item({ onOpen, children, testId }: { onOpen: () => void; children: ReactNode; testId?: string }) {
  return (
    <li
      tabIndex={0}
      role="link"
      onClick={onOpen}
      onKeyDown={(e: KeyboardEvent) => {
        if (e.key === 'Enter') onOpen();
      }}
      data-testid={testId}
    >
      {children}
    </li>
  );
}

/**
 * 顾问工作台: the advisor's day on one screen (SPEC §4, §5, §7, §19): today's bookings (receive the car
 * from here), tomorrow's reminders, my open ROs with the time left, progress checks and pick-up notices
 * that are due, additional work waiting for the customer, settlements overdue. Every line opens its record.
 */
export default function AdvisorHomePage() {
  const t = useT(RO_TEXT);
  const label = useLabel();
  const me = useMe();
  const can = useCan();
  const tz = me.store.timeZone;
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const query = useQuery({ queryKey: [ADVISOR_HOME_KEY], queryFn: ({ signal }) => roApi.advisorHome(signal), refetchInterval: 60_000 });
  const onError = useRoErrors(() => void query.refetch());
  const reminded = useMutation({
    mutationFn: (id: number) => roApi.markReminded(id),
    onSuccess: () => {
      message.success(t('remindedDone'));
      invalidateRoLists(client);
    },
    onError,
  });
  const roReminder = useMutation({
    mutationFn: (v: { ro: RepairOrderSummary; kind: 'progress_check' | 'pickup_notice' }) => roApi.reminder(v.ro.id, v.kind, v.ro.version),
    onSuccess: () => {
      message.success(t('reminderDone'));
      invalidateRoLists(client);
    },
    onError,
  });

  const header = (
    <PageHeader
      title={t('advisorHome')}
      description={t('advisorHomeHint', { name: me.user.displayName })}
      actions={
        <>
          <Tooltip title={t('refresh')}>
            <Button icon={<ReloadOutlined />} aria-label={t('refresh')} onClick={() => void query.refetch()} loading={query.isFetching} />
          </Tooltip>
          {can('repair_order:write') ? (
            <Button type="primary" icon={<CarOutlined />} onClick={() => navigate('/reception')}>
              {t('receiveCar')}
            </Button>
          ) : null}
        </>
      }
    />
  );
  if (query.isError) return (
    <>
      {header}
      <ErrorState error={query.error} onRetry={() => void query.refetch()} />
    </>
  );
  if (query.isPending)
    return (
      <>
        {header}
        <Skeleton active paragraph={{ rows: 12 }} />
      </>
    );
  const h = query.data;
  const empty = (text: string) => <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} style={{ margin: '12px 0' }} />;
  // `extra` (a done button) goes with the narrow cards: the RO number and state give way there.
  const roLine = (ro: RepairOrderSummary, extra?: ReactNode) => (
    <Item key={ro.id} onOpen={() => navigate(`/repair-orders/${ro.id}`)} testId="home-ro">
      <Plate plate={ro.plate} />
      <span className="grow">{extra ? ro.customerName : `${ro.number} · ${ro.customerName}`}</span>
      {extra ? null : <StateTag state={ro.state} />}
      <span style={{ whiteSpace: 'nowrap', textAlign: 'right', minWidth: extra ? undefined : 120 }}>
        <TimeLeft promisedAt={ro.promisedAt} />
      </span>
      {extra}
    </Item>
  );

  return (
    <>
      {header}
      {h.pendingDiscountApprovals > 0 && can('discount:approve') ? (
        <Card variant="borderless" size="small" style={{ marginBottom: 16 }}>
          <span>{t('pendingApprovals', { n: h.pendingDiscountApprovals })}</span>{' '}
          <Button type="link" onClick={() => navigate('/discount-approvals')}>
            {t('goApprove')}
          </Button>
        </Card>
      ) : null}
      <Row gutter={[16, 16]} className="home-grid">
        <Col xs={24} xl={12}>
          <Section title={t('todayAppointments')} count={h.appointments.length} testId="home-appointments">
            {h.appointments.length === 0 ? (
              empty(t('noAppointments'))
            ) : (
              <ul className="home-list">
                {h.appointments.map((a) => (
                  <Item key={a.id} onOpen={() => navigate(`/vehicles/${a.vehicleId}`)}>
                    <span className="home-time">{formatTime(a.startsAt, tz)}</span>
                    <Plate plate={a.plate} />
                    <span className="grow">
                      {a.customerName} · {a.requestedWork || '—'}
                    </span>
                    <Tag>{label(APPOINTMENT_STATUS_LABELS, a.status as AppointmentStatus, a.status === 'booked' ? '' : '—')}</Tag>
                    {a.status === 'booked' && can('repair_order:write') ? (
                      <Button
                        size="small"
                        type="primary"
                        onClick={(e) => {
                          e.stopPropagation();
                          navigate(`/reception?vehicleId=${a.vehicleId}`);
                        }}
                        data-testid="home-receive"
                      >
                        {t('receive')}
                      </Button>
                    ) : null}
                  </Item>
                ))}
              </ul>
            )}
          </Section>
        </Col>
        <Col xs={24} xl={12}>
          <Section title={t('myOpenRos')} count={h.openRos.length} testId="home-open-ros">
            {h.openRos.length === 0 ? empty(t('noOpenRos')) : <ul className="home-list">{h.openRos.map((ro) => roLine(ro))}</ul>}
          </Section>
        </Col>
        <Col xs={24} xl={8}>
          <Section title={t('progressChecks')} count={h.progressChecks.length} testId="home-progress">
            {h.progressChecks.length === 0 ? (
              empty(t('nothingDue'))
            ) : (
              <ul className="home-list">
                {h.progressChecks.map((ro) =>
                  roLine(
                    ro,
                    <Tooltip title={t('markProgressChecked')}>
                      <Button
                        size="small"
                        icon={<CheckOutlined />}
                        aria-label={t('markProgressChecked')}
                        onClick={(e) => {
                          e.stopPropagation();
                          roReminder.mutate({ ro, kind: 'progress_check' });
                        }}
                      />
                    </Tooltip>,
                  ),
                )}
              </ul>
            )}
          </Section>
        </Col>
        <Col xs={24} xl={8}>
          <Section title={t('pickupNotices')} count={h.pickupNotices.length} testId="home-pickup">
            {h.pickupNotices.length === 0 ? (
              empty(t('nothingDue'))
            ) : (
              <ul className="home-list">
                {h.pickupNotices.map((ro) =>
                  roLine(
                    ro,
                    <Tooltip title={t('markPickupNotified')}>
                      <Button
                        size="small"
                        icon={<CheckOutlined />}
                        aria-label={t('markPickupNotified')}
                        onClick={(e) => {
                          e.stopPropagation();
                          roReminder.mutate({ ro, kind: 'pickup_notice' });
                        }}
                      />
                    </Tooltip>,
                  ),
                )}
              </ul>
            )}
          </Section>
        </Col>
        <Col xs={24} xl={8}>
          <Section title={t('remindersDue')} count={h.remindersDue.length} testId="home-reminders">
            {h.remindersDue.length === 0 ? (
              empty(t('noReminders'))
            ) : (
              <ul className="home-list">
                {h.remindersDue.map((a) => (
                  <Item key={a.id} onOpen={() => navigate(`/appointments?open=${a.id}`)}>
                    <span className="home-time">{formatTime(a.startsAt, tz)}</span>
                    <span className="grow">
                      {a.customerName} {formatPhone(a.phone)}
                    </span>
                    <Button
                      size="small"
                      loading={reminded.isPending && reminded.variables === a.id}
                      onClick={(e) => {
                        e.stopPropagation();
                        reminded.mutate(a.id);
                      }}
                    >
                      {t('markReminded')}
                    </Button>
                  </Item>
                ))}
              </ul>
            )}
          </Section>
        </Col>
        <Col xs={24} xl={12}>
          <Section title={t('pendingWork')} count={h.pendingAdditionalWork.length} testId="home-pending-work">
            {h.pendingAdditionalWork.length === 0 ? (
              empty(t('noPendingWork'))
            ) : (
              <ul className="home-list">
                {h.pendingAdditionalWork.map((w) => (
                  <Item key={w.id} onOpen={() => navigate(`/repair-orders/${w.roId}`)}>
                    <Plate plate={w.plate} />
                    <span className="grow">
                      {w.safety ? <Tag color="red">{t('safety')}</Tag> : null}
                      {w.description}
                    </span>
                    <span>{formatMoney(w.amountFen)}</span>
                    <span className="home-count">{formatDateTime(w.raisedAt, tz)}</span>
                  </Item>
                ))}
              </ul>
            )}
          </Section>
        </Col>
        <Col xs={24} xl={12}>
          <Section
            title={t('settlementOverdue')}
            count={h.settlementOverdue.length}
            testId="home-settlement-overdue"
            extra={
              <Button size="small" type="link" onClick={() => navigate('/settlement-due')}>
                {t('seeAll')}
              </Button>
            }
          >
            {h.settlementOverdue.length === 0 ? empty(t('noOverdue')) : <ul className="home-list">{h.settlementOverdue.map((ro) => roLine(ro))}</ul>}
          </Section>
        </Col>
      </Row>
    </>
  );
}
