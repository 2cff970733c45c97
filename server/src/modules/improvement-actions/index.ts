/**
 * Improvement actions (整改措施 / TOP5, SPEC §17): planned per department and month, worked through
 * 未开始 → 进行中 → 已完成 with evidence; the monthly reports read them through this face only.
 */
export { improvementActionRoutes } from './improvement-actions.routes';
export { actionsOfMonths } from './improvement-actions.service';
