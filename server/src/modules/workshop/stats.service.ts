import { rate, type AttendanceBody, type PeriodQuery, type TechnicianDay } from '#contracts/workshop';
import { inStore } from '../../db/scope';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { invalidField } from '../../platform/errors';
import { addDays, daysBetween, daysRange, instantToLocal } from '../../platform/local-time';
import { getStaffMember } from '../identity/staff.service';
import { clockedByDay, hoursOf, hoursText, openingHoursLength } from './clocking';
import { WORKSHOP_ROLES } from './jobs.service';
import * as repo from './workshop.repository';

export function assertPeriod(query: PeriodQuery, maxDays = 370): void {
  if (query.to < query.from) throw invalidField('to', { zh: '结束日期早于开始日期', en: 'The end is before the start' });
  if (daysBetween(query.from, query.to) > maxDays) throw invalidField('to', { zh: `期间不能超过${maxDays}天`, en: `At most ${maxDays} days` });
}

/**
 * Clocked, earned and attendance hours per technician and store-local day, with efficiency and
 * utilisation (formulas in contracts/workshop.ts, TechnicianDaySchema).
 */
export function technicianDays(ctx: Ctx, query: PeriodQuery, now = new Date()): Promise<TechnicianDay[]> {
  assertPeriod(query, 92);
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { start, end } = daysRange(query.from, query.to, ctx.timeZone);
    const [clocks, finished, entered, opening] = await Promise.all([
      repo.clocksBetween(tx, ctx.storeId, start, end),
      repo.finishedJobsBetween(tx, ctx.storeId, start, end),
      repo.attendanceBetween(tx, ctx.storeId, query.from, query.to),
      repo.storeOpeningHours(tx, ctx.storeId),
    ]);
    const key = (userId: number, day: string) => `${userId}|${day}`;
    const names = new Map<number, string>();
    const clocked = new Map<string, number>();
    for (const c of clocks) {
      names.set(c.technicianId, c.technicianName);
      for (const [day, ms] of clockedByDay([c], ctx.timeZone, now, { from: start, to: end })) clocked.set(key(c.technicianId, day), (clocked.get(key(c.technicianId, day)) ?? 0) + ms);
    }
    const teamSize = new Map<number, number>();
    for (const f of finished) teamSize.set(f.jobId, (teamSize.get(f.jobId) ?? 0) + 1);
    const earned = new Map<string, number>();
    for (const f of finished) {
      names.set(f.userId, f.name);
      const k = key(f.userId, instantToLocal(f.finishedAt!, ctx.timeZone).date);
      earned.set(k, (earned.get(k) ?? 0) + Number(f.standardHours) / teamSize.get(f.jobId)!);
    }
    const attendance = new Map(entered.map((a) => [key(a.userId, a.day), Number(a.hours)]));
    const defaultHours = openingHoursLength(opening);
    const keys = new Set([...clocked.keys(), ...earned.keys(), ...attendance.keys()]);
    const out: TechnicianDay[] = [];
    for (const k of keys) {
      const [userIdText, day] = k.split('|') as [string, string];
      const userId = Number(userIdText);
      const clockedHours = hoursOf(clocked.get(k) ?? 0);
      const earnedHours = earned.get(k) ?? 0;
      const attendanceEntered = attendance.has(k);
      const attendanceHours = attendanceEntered ? attendance.get(k)! : clockedHours > 0 ? defaultHours : 0;
      out.push({
        userId,
        name: names.get(userId) ?? '',
        day,
        clockedHours: hoursText(clockedHours),
        earnedHours: hoursText(earnedHours),
        attendanceHours: hoursText(attendanceHours),
        attendanceEntered,
        efficiency: rate(earnedHours, clockedHours),
        utilisation: rate(clockedHours, attendanceHours),
      });
    }
    return out.sort((a, b) => a.day.localeCompare(b.day) || a.name.localeCompare(b.name) || a.userId - b.userId);
  });
}

/** The team leader records a technician's attendance hours for a day (replacing the day's entry). */
export async function recordAttendance(ctx: Ctx, input: AttendanceBody): Promise<{ userId: number; day: string; hours: string }> {
  const member = await getStaffMember(ctx, input.userId);
  if (!WORKSHOP_ROLES.includes(member.role)) throw invalidField('userId', { zh: '不是车间技师', en: 'Not a workshop technician' });
  if (input.day > addDays(instantToLocal(new Date(), ctx.timeZone).date, 1)) throw invalidField('day', { zh: '不能登记未来的出勤', en: 'Attendance cannot be entered ahead' });
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    await repo.upsertAttendance(tx, { storeId: ctx.storeId, userId: input.userId, day: input.day, hours: String(input.hours), enteredBy: ctx.actor.userId });
    await writeAudit(ctx, tx, { action: 'attendance.recorded', entity: 'attendance', entityId: `${input.userId}:${input.day}`, after: input });
    return { userId: input.userId, day: input.day, hours: input.hours.toFixed(2) };
  });
}
