import type { Page } from '#contracts/common';
import { MONTH_SETTLED_RO_TYPES, OPEN_RO_STATES, type AdvisorHome, type SettlementDue } from '#contracts/repair-orders';
import type { StoreSettings } from '#contracts/settings';
import { inStore } from '../../db/scope';
import type { Ctx } from '../../platform/context';
import { addDays, instantToLocal, localToInstant, todayIn } from '../../platform/local-time';
import { appointmentsOfDay, remindersDue } from '../appointments';
import { storeSettingsIn } from '../stores';
import * as repo from './repair-orders.repository';
import { toAdditionalWork, toSummary } from './views';

const HOUR = 3_600_000;
const WORKING_STATES = ['dispatched', 'in_progress', 'paused', 'qc', 'rework', 'washing'] as const;

/**
 * When the progress check is due (SPEC §5): at `progressCheckPercent` of the time between the RO's
 * opening and its promised delivery.
 */
export function progressCheckAt(ro: Pick<repo.RoRow, 'openedAt' | 'promisedAt'>, percent: number): Date | null {
  if (!ro.promisedAt) return null;
  const span = ro.promisedAt.getTime() - ro.openedAt.getTime();
  return new Date(ro.openedAt.getTime() + (span * percent) / 100);
}

/** The pick-up notice (SPEC §7): 1 h before for jobs under 2 days, 4 h before for longer ones. */
export function pickupNoticeAt(ro: Pick<repo.RoRow, 'openedAt' | 'promisedAt'>, settings: StoreSettings): Date | null {
  if (!ro.promisedAt) return null;
  const long = ro.promisedAt.getTime() - ro.openedAt.getTime() >= settings.longJobThresholdDays * 24 * HOUR;
  return new Date(ro.promisedAt.getTime() - (long ? settings.pickupNoticeLongJobHours : settings.pickupNoticeShortJobHours) * HOUR);
}

/**
 * The settlement deadline (SPEC §19): maintenance ROs within `maintenanceSettleWithinDays` of
 * completion, insurance (body and paint) ROs by the end of the month of completion.
 */
export function settleBy(ro: Pick<repo.RoRow, 'type' | 'readyAt' | 'openedAt'>, settings: StoreSettings, timeZone: string): Date {
  const done = ro.readyAt ?? ro.openedAt;
  if (MONTH_SETTLED_RO_TYPES.includes(ro.type) && settings.insuranceSettleWithinMonth) {
    const { date } = instantToLocal(done, timeZone);
    const firstOfNext = addDays(`${date.slice(0, 8)}01`, 32).slice(0, 8) + '01';
    return localToInstant(firstOfNext, '00:00', timeZone);
  }
  return new Date(done.getTime() + settings.maintenanceSettleWithinDays * 24 * HOUR);
}

export function advisorHome(ctx: Ctx): Promise<AdvisorHome> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const now = new Date();
    const settings = await storeSettingsIn(tx, ctx.storeId);
    const today = todayIn(ctx.timeZone, now);
    // An advisor sees their own ROs; a supervisor or manager the whole front desk's.
    const mine = ctx.actor.role === 'service_advisor' ? ctx.actor.userId : null;
    const [appointments, reminders, open, pending, pendingDiscounts] = await Promise.all([
      appointmentsOfDay(tx, ctx.storeId, ctx.timeZone, today),
      remindersDue(tx, ctx.storeId, ctx.timeZone, now, settings.appointmentReminderHoursBefore),
      repo.rosInStates(tx, ctx.storeId, OPEN_RO_STATES, mine),
      repo.pendingAdditionalWork(tx, ctx.storeId, mine),
      ctx.actor.permissions.has('discount:approve') ? repo.countPendingDiscountRequests(tx, ctx.storeId) : Promise.resolve(0),
    ]);
    const due = (at: Date | null) => at !== null && at.getTime() <= now.getTime();
    return {
      today,
      appointments: appointments.map((a) => ({ id: a.id, number: a.number, startsAt: a.startsAt, plate: a.plate, customerName: a.contactName, requestedWork: a.requestedWork, status: a.status, vehicleId: a.vehicleId })),
      remindersDue: reminders.map((a) => ({ id: a.id, number: a.number, startsAt: a.startsAt, plate: a.plate, customerName: a.contactName, phone: a.contactPhone })),
      openRos: open.map((r) => toSummary(r, now)),
      progressChecks: open
        .filter((r) => (WORKING_STATES as readonly string[]).includes(r.state) && r.progressCheckedAt === null && due(progressCheckAt(r, settings.progressCheckPercent)))
        .map((r) => toSummary(r, now)),
      pickupNotices: open
        .filter((r) => r.state !== 'draft' && r.state !== 'open' && r.pickupNoticeAt === null && due(pickupNoticeAt(r, settings)))
        .map((r) => toSummary(r, now)),
      pendingAdditionalWork: pending.map((p) => toAdditionalWork(p.work, { number: p.roNumber, plate: p.plate })),
      settlementOverdue: open.filter((r) => r.state === 'ready' && settleBy(r, settings, ctx.timeZone).getTime() < now.getTime()).map((r) => toSummary(r, now)),
      pendingDiscountApprovals: pendingDiscounts,
    };
  });
}

/** Ready ROs and their settlement deadlines (SPEC §19), the overdue first. */
export function settlementDue(ctx: Ctx, query: { page: number; pageSize: number; overdue?: boolean | undefined }): Promise<Page<SettlementDue>> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const now = new Date();
    const settings = await storeSettingsIn(tx, ctx.storeId);
    const rows = (await repo.rosInStates(tx, ctx.storeId, ['ready']))
      .map((r) => {
        const by = settleBy(r, settings, ctx.timeZone);
        return { ...toSummary(r, now), readyAt: r.readyAt?.toISOString() ?? null, settleBy: by.toISOString(), overdue: by.getTime() < now.getTime() };
      })
      .filter((r) => query.overdue === undefined || r.overdue === query.overdue)
      .sort((a, b) => a.settleBy.localeCompare(b.settleBy));
    const start = (query.page - 1) * query.pageSize;
    return { items: rows.slice(start, start + query.pageSize), total: rows.length, page: query.page, pageSize: query.pageSize };
  });
}

