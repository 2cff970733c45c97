/**
 * Manufacturer scores (SPEC §10): CSS item scores and weights, MOT, the mystery shopper (PT), and
 * their trends. Other modules use only what is exported here.
 */
export { satisfactionRoutes } from './satisfaction.routes';
/** `manufacturerScores(tx, storeId, fromMonth, toMonth)`: month rows for the monthly reports. */
export { manufacturerScores } from './satisfaction.service';
