import { sql } from 'drizzle-orm';
import type { JobType } from '#contracts/stores';
import { asSystem } from '../../db/scope';
import type { Executor } from '../../db/types';
import { buildBay } from '../../../test/factories';
import { buildVehicle } from '../customers/customers.factories';
import { appointments } from './appointments.table';
import { addDays, localToInstant, todayIn } from '../../platform/local-time';

const TZ = 'Asia/Shanghai';
let seq = 0;

/** A store-local day `days` ahead of today (the fixture stores are in Asia/Shanghai). */
export const dayAhead = (days: number) => addDays(todayIn(TZ), days);
/** A future day unlikely to be used by another example of the same run. */
export const randomFutureDay = () => dayAhead(40 + Math.floor(Math.random() * 600));

/** A valid booking form for a fresh vehicle, on a slot that has a reserved bay behind it. */
export async function bookableBody(db: Executor, storeId: number, overrides: { date?: string; time?: string; jobType?: JobType } = {}) {
  const jobType = overrides.jobType ?? 'wash';
  await buildBay(db, storeId, { type: jobType, reservedForAppointments: true });
  const vehicle = await buildVehicle(db, storeId);
  return {
    vehicleId: vehicle.id,
    contactName: '张先生',
    contactPhone: '13800000000',
    channel: 'phone' as const,
    date: overrides.date ?? randomFutureDay(),
    time: overrides.time ?? '09:30',
    jobType,
    requestedWork: '常规保养',
  };
}

/** An appointment row written directly (with its slot place taken), for tests of later steps. */
export async function buildAppointment(db: Executor, storeId: number, overrides: Partial<typeof appointments.$inferInsert> & { date?: string; time?: string } = {}) {
  const { date = randomFutureDay(), time = '09:30', ...rest } = overrides;
  const vehicleId = rest.vehicleId ?? (await buildVehicle(db, storeId)).id;
  const startsAt = rest.startsAt ?? localToInstant(date, time, TZ);
  const jobType = rest.jobType ?? 'mechanical';
  return asSystem(db, async (tx) => {
    await tx.execute(
      sql`INSERT INTO appointment_slots (store_id, starts_at, job_type, capacity, booked, overridden) VALUES (${storeId}, ${startsAt}, ${jobType}, 100, 1, true)
          ON CONFLICT (store_id, starts_at, job_type) DO UPDATE SET booked = appointment_slots.booked + 1`,
    );
    const [row] = await tx
      .insert(appointments)
      .values({
        storeId,
        number: `YYTEST-${++seq}-${Math.random().toString(36).slice(2, 8)}`,
        contactName: '李女士',
        contactPhone: '13900000000',
        channel: 'phone',
        requestedWork: '更换刹车片',
        endsAt: new Date(startsAt.getTime() + 60 * 60_000),
        ...rest,
        vehicleId,
        startsAt,
        jobType,
      })
      .returning();
    return row!;
  });
}
