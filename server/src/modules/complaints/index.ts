/**
 * Complaints (客户抱怨与投诉, SPEC §9): intake, the lifecycle to closure, escalation when overdue, and
 * the weekly table by category. Other modules use only what is exported here.
 */
import { registerJob } from '../../platform/jobs';
import { registerCustomerReference, registerVehicleReference } from '../customers';
import { escalateOverdueComplaints } from './complaints.service';
import { complaints } from './complaints.table';

export { complaintRoutes } from './complaints.routes';
/**
 * `openComplaint(tx, ctx, { customerId, vehicleId?, roId?, channel, category, department?, severity,
 * description, ownerId?, resolveDueAt? })` → `{ id, number }`: opens a complaint inside the
 * caller's store transaction (e.g. from a follow-up call). Stable signature.
 * `complaintCountsByWeek(tx, storeId, timeZone, from, to)`: the weekly table for the monthly reports.
 * `escalateOverdueComplaints(db, now)`: the escalation job's handler.
 */
export { complaintCountsByWeek, escalateOverdueComplaints, openComplaint, type OpenComplaintInput } from './complaints.service';

// Merging customer or vehicle files moves their complaints to the surviving file.
registerVehicleReference({ table: complaints, column: complaints.vehicleId, storeColumn: complaints.storeId });
registerCustomerReference({ table: complaints, column: complaints.customerId, storeColumn: complaints.storeId });

registerJob({ name: 'complaints.escalate', everyMinutes: 15, handler: async (db, now) => void (await escalateOverdueComplaints(db, now)) });
