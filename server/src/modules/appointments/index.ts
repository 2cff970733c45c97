/**
 * Appointments (预约, SPEC §4): the appointment form and register, the slot calendar and its
 * capacity. Other modules use only what is exported here.
 */
import { registerCustomerReference, registerVehicleReference } from '../customers';
import { appointments } from './appointments.table';

export { appointmentRoutes } from './appointments.routes';
/** For reception (repair orders), reminders and reports: each runs in the caller's transaction. */
export { appointmentsOfDay, appointmentStats, findArrivingAppointment, markAppointmentArrived, registerRoCounter, remindersDue, type RoCounter } from './appointments.service';

// Merging customer or vehicle files moves their appointments to the surviving file.
registerVehicleReference({ table: appointments, column: appointments.vehicleId, storeColumn: appointments.storeId });
registerCustomerReference({ table: appointments, column: appointments.customerId, storeColumn: appointments.storeId });
