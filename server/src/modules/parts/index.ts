/**
 * The parts module's public face (SPEC §13). Other modules call these, never the tables:
 * - the repair-order module (issue 4), inside its own store transaction: `requestPartsForLine` when a
 *   part line is added, `issuedVsFitted` for the RO page, `assertPartsReconciled` before settling and
 *   `settlePartsOfRo` at settlement;
 * - the reports module: `partsFigures` and the single figures, inside its store transaction.
 */
export { partsRoutes } from './parts.routes';
export { getPart, listParts, loadPart } from './catalog.service';
export { assertPartsReconciled, cancelRequestIn, issuedVsFitted, registerRoResolver, requestPartsForLine, settlePartsOfRo, type PartsCtx, type RoForParts } from './requests.service';
export { fillRate, outboundByCategory, slowMoving, stockValue, turnover, type MonthInStore } from './figures';
export { currentMonth, partsFigures } from './figures.service';
