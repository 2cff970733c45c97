export { bayRoutes } from './bays.routes';
export { getBay, listBays } from './bays.service';
/** Appointments: a slot's default capacity is the number of active reserved bays of its type. */
export { countReservedBays, reservedBayCounts } from './bays.repository';
