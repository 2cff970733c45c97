/**
 * The workshop (SPEC §6): dispatch, job clocking, three-level QC, the control board and its live
 * stream, comebacks and the quality figures, the case library and incidents.
 */
export { workshopRoutes } from './workshop.routes';
