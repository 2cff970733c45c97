/**
 * Follow-up service (跟踪服务 / 回访, SPEC §8, §10): the task engine, the agent queue, calls,
 * questionnaires and callback statistics. Other modules use only what is exported here.
 */
import { registerJob } from '../../platform/jobs';
import { registerCustomerReference, registerVehicleReference } from '../customers';
import { careCalls, careTasks } from './care.table';
import { scanCareTasks } from './scan';

export { careRoutes } from './care.routes';
/** `scanCareTasks(db, now, storeId?)`: the task scan (the job's handler; bench and demo call it too). */
export { scanCareTasks } from './scan';
/** `callbackStats(ctx, { from, to })`: totals, per-question averages and per-advisor rows (the monthly reports). */
export { callbackStats } from './care.service';
/**
 * `createRecallTasks(tx, storeId, cohortMonth, feed, now)`: one recall task (流失客户回访) per lost
 * vehicle of the feed, once per store + cohort month + vehicle, for customers who may be called
 * (the reports module's 生成招揽回访任务 passes its lost cohort).
 */
export { createRecallTasks } from './recall';

// Merging customer or vehicle files moves their follow-up tasks and calls to the surviving file.
registerVehicleReference({ table: careTasks, column: careTasks.vehicleId, storeColumn: careTasks.storeId });
registerCustomerReference({ table: careTasks, column: careTasks.customerId, storeColumn: careTasks.storeId });
registerVehicleReference({ table: careCalls, column: careCalls.vehicleId, storeColumn: careCalls.storeId });
registerCustomerReference({ table: careCalls, column: careCalls.customerId, storeColumn: careCalls.storeId });

// Tasks appear within 15 minutes of their window opening; the scan is idempotent per business key.
registerJob({ name: 'care.scan', everyMinutes: 15, handler: async (db, now) => void (await scanCareTasks(db, now)) });
