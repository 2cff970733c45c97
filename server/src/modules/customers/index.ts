/**
 * Customer and vehicle files (客户档案, SPEC §3): the record every other module points to.
 * Other modules use only what is exported here.
 */
export { customerRoutes } from './customers.routes';
export { getCustomer, listCustomers } from './customers.service';
export { getVehiclePage, listVehicles, loadVehiclePage, recordOdometer, vehicleForVisit, type VehicleForVisit } from './vehicles.service';
/** The timeline interface: repair orders, calls, messages, complaints, surveys add their events. */
export { addTimelineEvent, type TimelineEventInput } from './timeline';
/** Contact data and consent per channel, for modules that call or message a customer. */
export { customerContact, type CustomerContact } from './consent';
/** Tables referencing a customer or a vehicle register here so that merges move their rows. */
export { registerCustomerReference, registerVehicleReference, type MergeReference } from './merge-references';
/** Visit and spend sources of segments (repair orders plug in here). */
export { registerSpendSource, registerVisitSource, type SpendSource, type VisitSource } from './segments.sql';
