import type { BenchFixtures } from './endpoints';

/**
 * Request bodies several benchmarks send, kept apart from endpoints.ts and the benchmark files so
 * each can import them without an import cycle (service-process.ts imports endpoints.ts).
 */

const RECEPTION_VEHICLES = 50;
/** Who brought the benchmark's cars: marks the ROs it opens. */
export const BENCH_NAME = '基准测试';

/** Reception of 50 different cars in rotation; the reading is far above any real one (never "below the last"). */
export function receptionBodies(f: BenchFixtures): unknown[] {
  const step = Math.max(1, Math.floor(f.vehicles.length / RECEPTION_VEHICLES));
  return f.vehicles
    .filter((_, i) => i % step === 0)
    .slice(0, RECEPTION_VEHICLES)
    .map((v) => ({
      vehicleId: v.id,
      type: 'general_repair',
      broughtByName: BENCH_NAME,
      odometerKm: 1_999_999,
      concerns: ['刹车时有异响'],
      lines: [{ kind: 'labour', description: '刹车系统检查', hours: '0.5', jobType: 'mechanical' }],
    }));
}
