import { sql } from 'drizzle-orm';
import type { AppointmentChannel, AppointmentStatus } from '#contracts/appointments';
import { StoreSettingsSchema } from '#contracts/settings';
import type { JobType, OpeningHours } from '#contracts/stores';
import { queryRows } from '../db/rows';
import type { Executor } from '../db/types';
import { appointments } from '../modules/appointments/appointments.table';
import { slotTimes } from '../modules/appointments/slots';
import { addDays, localToInstant, todayIn } from '../platform/local-time';
import { addTimelineEvent } from '../modules/customers';
import { nextDocNumber } from '../platform/doc-numbers';
import { FEATURED_CAR } from './files';
import type { DemoStore } from './generator';

/** Bookings of the demo stores (SPEC §4): yesterday's outcomes, today's arrivals, the coming days. */
const WORK: [string, JobType, string][] = [
  ['常规保养（机油、机滤）', 'quick_service', ''],
  ['20000 公里保养', 'quick_service', '空气滤清器、空调滤清器'],
  ['刹车异响检查', 'mechanical', '前刹车片（已收定金）'],
  ['更换轮胎', 'quick_service', '轮胎 2 条'],
  ['发动机故障灯亮', 'mechanical', ''],
  ['首次保养', 'quick_service', ''],
  ['空调不制冷', 'mechanical', '空调压缩机皮带'],
  ['40000 公里保养', 'quick_service', '火花塞 4 只'],
];
const CHANNELS: AppointmentChannel[] = ['phone', 'phone', 'proactive', 'counter', 'phone', 'proactive', 'online', 'phone'];

interface Car {
  vehicleId: number;
  customerId: number;
  name: string;
  mobile: string | null;
}

export async function insertDemoAppointments(tx: Executor, store: DemoStore, now = new Date()): Promise<number> {
  const [info] = await queryRows<{ timeZone: string; openingHours: OpeningHours; settings: unknown }>(
    tx,
    sql`SELECT time_zone AS "timeZone", opening_hours AS "openingHours", settings FROM stores WHERE id = ${store.id}`,
  );
  if (!info) return 0;
  const tz = info.timeZone;
  const slotMinutes = StoreSettingsSchema.parse(info.settings ?? {}).appointmentSlotMinutes;
  const times = slotTimes(info.openingHours, slotMinutes);
  const reserved = await queryRows<{ type: JobType; n: number }>(
    tx,
    sql`SELECT type, count(*)::int AS n FROM bays WHERE store_id = ${store.id} AND active AND reserved_for_appointments GROUP BY type`,
  );
  const capacity = new Map(reserved.map((r) => [r.type, Number(r.n)]));
  const cars = await queryRows<Car>(
    tx,
    sql`SELECT v.id AS "vehicleId", c.id AS "customerId", c.name, c.mobile FROM vehicles v JOIN customers c ON c.id = v.owner_id
        WHERE v.store_id = ${store.id} AND v.merged_into_id IS NULL AND v.plate IS NOT NULL AND v.plate <> ${FEATURED_CAR.plate} AND c.mobile IS NOT NULL
        ORDER BY v.id LIMIT 16`,
  );
  const advisors = store.staff.filter((s) => s.role === 'service_advisor');
  if (cars.length === 0 || times.length === 0) return 0;

  const today = todayIn(tz, now);
  const load = new Map<string, number>();
  let made = 0;
  const book = async (day: string, time: string, k: number, status: AppointmentStatus) => {
    const [work, jobType, parts] = WORK[k % WORK.length]!;
    const cap = capacity.get(jobType) ?? 0;
    const startsAt = localToInstant(day, time, tz);
    const key = `${startsAt.toISOString()}|${jobType}`;
    const holds = status === 'booked' || status === 'arrived' || status === 'arrived_late';
    if (holds && (load.get(key) ?? 0) >= cap) return;
    const car = cars[k % cars.length]!;
    const advisor = advisors.length ? advisors[k % advisors.length]! : null;
    const number = await nextDocNumber(tx, store.id, 'YY', tz);
    const past = startsAt.getTime() < now.getTime();
    const [row] = await tx
      .insert(appointments)
      .values({
        storeId: store.id,
        number,
        vehicleId: car.vehicleId,
        customerId: car.customerId,
        contactName: car.name,
        contactPhone: car.mobile!,
        channel: CHANNELS[k % CHANNELS.length]!,
        startsAt,
        endsAt: new Date(startsAt.getTime() + slotMinutes * 60_000),
        jobType,
        requestedWork: work,
        advisorId: advisor?.userId ?? null,
        partsToPrepare: parts,
        depositFen: parts.includes('定金') ? 20000 : 0,
        status,
        arrivedAt: status === 'arrived' ? startsAt : status === 'arrived_late' ? new Date(startsAt.getTime() + 25 * 60_000) : null,
        remindedAt: past || day === addDays(today, 1) ? new Date(startsAt.getTime() - 20 * 3_600_000) : null,
        cancelReason: status === 'cancelled' ? '客户临时出差' : '',
        createdBy: advisor?.userId ?? null,
        createdByName: advisor?.displayName ?? '',
        createdAt: new Date(Math.min(now.getTime(), startsAt.getTime() - 2 * 86_400_000)),
      })
      .returning({ id: appointments.id });
    if (holds) {
      load.set(key, (load.get(key) ?? 0) + 1);
      await tx.execute(
        sql`INSERT INTO appointment_slots (store_id, starts_at, job_type, capacity, booked) VALUES (${store.id}, ${startsAt}, ${jobType}, ${cap}, 1)
            ON CONFLICT (store_id, starts_at, job_type) DO UPDATE SET booked = appointment_slots.booked + 1`,
      );
    }
    await addTimelineEvent(tx, store.id, {
      vehicleId: car.vehicleId,
      customerId: car.customerId,
      kind: 'appointment',
      title: `预约 ${day} ${time}：${work}`,
      refType: 'appointment',
      refId: row!.id,
      at: now,
      actor: advisor ? { userId: advisor.userId, displayName: advisor.displayName } : null,
    });
    made++;
  };

  // Yesterday: what happened to its bookings.
  const yesterday = addDays(today, -1);
  const outcomes: AppointmentStatus[] = ['arrived', 'arrived', 'arrived_late', 'no_show', 'cancelled'];
  for (const [i, status] of outcomes.entries()) await book(yesterday, times[(i * 2) % times.length]!, i, status);
  // Today (slots still ahead) and the next four days.
  let k = outcomes.length;
  for (let d = 0; d <= 4; d++) {
    const day = addDays(today, d);
    for (const [i, time] of times.entries()) {
      if ((i + d) % 3 !== 0) continue;
      if (localToInstant(day, time, tz).getTime() <= now.getTime()) continue;
      await book(day, time, k++, 'booked');
    }
  }
  return made;
}
