/** The two monthly reports (SPEC §17) with their commentary and PowerPoint / Excel exports. */
export { monthlyReportRoutes } from './monthly.routes';
