/**
 * The service process (SPEC §4, §5, §7): reception, the repair order and its state machine,
 * additional work, discounts, settlement and delivery, the advisor's day. Other modules (workshop,
 * care, reports) use only what is exported here.
 */
import { sql } from 'drizzle-orm';
import { registerRoCounter } from '../appointments';
import { registerCustomerReference, registerSpendSource, registerVehicleReference } from '../customers';
import { registerRoResolver } from '../parts';
import { countRosOpened, roForParts } from './repair-orders.repository';
import { additionalWork, repairOrders, settlements } from './repair-orders.table';

export { repairOrderRoutes } from './repair-orders.routes';
export { applyTransition } from './state';
export { loadRepairOrder } from './views';
/** For the follow-up desk (care): set-based feeds of delivered ROs, declined work and pick-ups. */
export { declinedWorkFeed, deliveredRoFeed, lastVisitOf, pickupFeed, pickupSettledFeed, rosDeliveredByAdvisor } from './care-feed';

// Merging files moves the ROs and their additional work to the surviving file.
registerVehicleReference({ table: repairOrders, column: repairOrders.vehicleId, storeColumn: repairOrders.storeId });
registerVehicleReference({ table: additionalWork, column: additionalWork.vehicleId, storeColumn: additionalWork.storeId });
registerCustomerReference({ table: repairOrders, column: repairOrders.customerId, storeColumn: repairOrders.storeId });

// Segments count spend from live settlements (SPEC §3 "spend").
registerSpendSource(
  (scope, fromDay) =>
    sql`SELECT ${repairOrders.vehicleId} AS vehicle_id, ${settlements.totalFen} AS amount_fen
        FROM ${settlements} JOIN ${repairOrders} ON ${repairOrders.id} = ${settlements.roId} AND ${repairOrders.storeId} = ${settlements.storeId}
        WHERE ${settlements.storeId} = ${scope.storeId} AND ${settlements.reversedAt} IS NULL
          AND ${settlements.settledAt} >= ((${fromDay}::date)::timestamp AT TIME ZONE ${scope.timeZone})`,
);

// The appointment rate (SPEC §4): ROs from appointments / all ROs (cancelled ones not counted).
registerRoCounter(countRosOpened);

// A part request made at the counter or on the tablet must name an open RO of the store.
registerRoResolver(roForParts);
