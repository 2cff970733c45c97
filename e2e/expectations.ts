/**
 * What the UI must show, written down independently of the web code: the sidebar entry of each
 * page and the permission that opens it, the demo accounts, and strings that must never reach a
 * Chinese screen (raw enum values, English placeholders, leaked JavaScript values).
 */
import { COMPLETENESS_WEIGHTS, CUSTOMER_KINDS, CUSTOMER_SOURCES } from '#contracts/customers';
import { WARRANTY_STATES } from '#contracts/customers-tools';
import { TIMELINE_KINDS } from '#contracts/customers-vehicles';
import { PERMISSIONS, type Permission } from '#contracts/permissions';
import { ROLES, SKILL_GRADES, type Role } from '#contracts/roles';
import { VEHICLE_SYSTEMS } from '#contracts/service-items';
import { JOB_TYPES } from '#contracts/stores';
import { MOVEMENT_KINDS } from '#contracts/parts';
import { OLD_PART_STATUSES } from '#contracts/parts-old-parts';
import { PURCHASE_KINDS, PURCHASE_ORDER_STATUSES } from '#contracts/parts-purchasing';
import { PART_REQUEST_STATUSES } from '#contracts/parts-requests';
import { STOCKTAKE_STATUSES } from '#contracts/parts-stocktake';

export const MENU: { zh: string; en: string; path: string; permission: Permission }[] = [
  { zh: '顾问工作台', en: 'Advisor desk', path: '/advisor', permission: 'repair_order:write' },
  { zh: '预约看板', en: 'Appointment calendar', path: '/appointment-calendar', permission: 'appointment:read' },
  { zh: '预约登记表', en: 'Appointments', path: '/appointments', permission: 'appointment:read' },
  { zh: '维修委托书', en: 'Repair orders', path: '/repair-orders', permission: 'repair_order:read' },
  { zh: '待结算', en: 'Settlement due', path: '/settlement-due', permission: 'settlement:create' },
  { zh: '拒修项目', en: 'Declined work', path: '/declined-work', permission: 'repair_order:read' },
  { zh: '折扣审批', en: 'Discount approvals', path: '/discount-approvals', permission: 'discount:approve' },
  { zh: '派工', en: 'Dispatch', path: '/workshop/dispatch', permission: 'job:dispatch' },
  { zh: '控工看板', en: 'Control board', path: '/workshop/board', permission: 'workshop:board' },
  { zh: '我的作业', en: 'My jobs', path: '/workshop/my-jobs', permission: 'job:work' },
  { zh: '互检', en: 'Team-leader check', path: '/workshop/team-check', permission: 'qc:team_check' },
  { zh: '终检', en: 'Final inspection', path: '/workshop/final-inspection', permission: 'qc:final_inspect' },
  { zh: '车间指标', en: 'Workshop figures', path: '/workshop/figures', permission: 'workshop_report:read' },
  { zh: '故障案例库', en: 'Case library', path: '/workshop/cases', permission: 'case:read' },
  { zh: '质量安全事件', en: 'Incidents', path: '/workshop/incidents', permission: 'incident:manage' },
  { zh: '客户档案', en: 'Customers', path: '/customers', permission: 'customer:read' },
  { zh: '车辆档案', en: 'Vehicles', path: '/vehicles', permission: 'customer:read' },
  { zh: '客户细分', en: 'Segments', path: '/segments', permission: 'customer:read' },
  { zh: '数据质量', en: 'Data quality', path: '/customer-quality', permission: 'customer:read' },
  { zh: '档案导入', en: 'Import files', path: '/customer-import', permission: 'customer:import' },
  { zh: '配件柜台', en: 'Parts counter', path: '/parts/counter', permission: 'stock:issue' },
  { zh: '库存查询', en: 'Stock', path: '/parts/stock', permission: 'stock:read' },
  { zh: '配件目录', en: 'Parts catalog', path: '/parts/catalog', permission: 'part:read' },
  { zh: '建议订货', en: 'Suggested orders', path: '/parts/suggestions', permission: 'purchase:read' },
  { zh: '采购订单', en: 'Purchase orders', path: '/parts/purchase-orders', permission: 'purchase:read' },
  { zh: '外采审批', en: 'Outside purchases', path: '/parts/outside-approval', permission: 'purchase:approve_outside' },
  { zh: '门店调拨', en: 'Transfers', path: '/parts/transfers', permission: 'stock:transfer' },
  { zh: '旧件管理', en: 'Old parts', path: '/parts/old-parts', permission: 'old_part:read' },
  { zh: '库存盘点', en: 'Stocktake', path: '/parts/stocktakes', permission: 'stocktake:count' },
  { zh: '配件看板', en: 'Parts dashboard', path: '/parts/dashboard', permission: 'parts_report:read' },
  { zh: '回访工作台', en: 'Follow-up desk', path: '/care/queue', permission: 'care:work' },
  { zh: '跟踪服务电话记录表', en: 'Call register', path: '/care/calls', permission: 'care:report' },
  { zh: '回访统计', en: 'Callback statistics', path: '/care/stats', permission: 'care:report' },
  { zh: '问卷设置', en: 'Questionnaires', path: '/care/questionnaires', permission: 'questionnaire:manage' },
  { zh: '投诉列表', en: 'Complaints', path: '/complaints', permission: 'complaint:read' },
  { zh: '投诉登记', en: 'Register complaint', path: '/complaints/new', permission: 'complaint:register' },
  { zh: '投诉周报', en: 'Weekly complaints', path: '/complaints/weekly', permission: 'complaint:read' },
  { zh: '厂家满意度', en: 'Manufacturer scores', path: '/satisfaction', permission: 'satisfaction:read' },
  { zh: '发送消息', en: 'Send message', path: '/messages/compose', permission: 'message:send' },
  { zh: '短信模板', en: 'Message templates', path: '/messages/templates', permission: 'message:read' },
  { zh: '信函登记表', en: 'Letters register', path: '/messages/register', permission: 'message:read' },
  { zh: '经营看板', en: 'Dashboard', path: '/reports/dashboard', permission: 'report:read' },
  { zh: '业务统计表', en: 'Business statistics', path: '/reports/statistics', permission: 'report:read' },
  { zh: '基盘与流失', en: 'Base and loss', path: '/reports/base', permission: 'report:read' },
  { zh: '指标目标', en: 'KPI targets', path: '/reports/targets', permission: 'report:read' },
  { zh: '月度报告', en: 'Monthly reports', path: '/reports/monthly', permission: 'monthly_report:read' },
  { zh: '整改措施', en: 'Improvement actions', path: '/improvement-actions', permission: 'improvement_action:read' },
  { zh: '工位管理', en: 'Bays', path: '/bays', permission: 'bay:read' },
  { zh: '车型管理', en: 'Vehicle models', path: '/vehicle-models', permission: 'vehicle_model:read' },
  { zh: '维修项目', en: 'Service items', path: '/service-items', permission: 'service_item:read' },
  { zh: '保养套餐', en: 'Packages', path: '/maintenance-packages', permission: 'service_item:read' },
  { zh: '员工技能与认证', en: 'Staff skills', path: '/staff', permission: 'staff:read' },
  { zh: '门店管理', en: 'Stores', path: '/stores', permission: 'store:manage' },
  { zh: '门店设置', en: 'Store settings', path: '/settings', permission: 'settings:read' },
  { zh: '用户管理', en: 'Users', path: '/users', permission: 'user:read' },
  { zh: '审计日志', en: 'Audit log', path: '/audit', permission: 'audit:read' },
];

export const HOME_LABEL = '工作台';

export const DEMO_ACCOUNTS: { username: string; role: Role }[] = [
  { username: 'admin', role: 'group_admin' },
  { username: 'manager', role: 'after_sales_manager' },
  { username: 'frontdesk', role: 'front_desk_supervisor' },
  { username: 'advisor', role: 'service_advisor' },
  { username: 'dispatcher', role: 'workshop_supervisor' },
  { username: 'leader', role: 'team_leader' },
  { username: 'tech', role: 'technician' },
  { username: 'techlead', role: 'technical_supervisor' },
  { username: 'partsmgr', role: 'parts_supervisor' },
  { username: 'parts', role: 'parts_clerk' },
  { username: 'warranty', role: 'warranty_clerk' },
  { username: 'cs', role: 'customer_service' },
  { username: 'renewal', role: 'insurance_renewal' },
  { username: 'cashier', role: 'cashier' },
];

const RAW_VALUES: string[] = [
  ...ROLES,
  ...JOB_TYPES,
  ...SKILL_GRADES,
  ...VEHICLE_SYSTEMS,
  ...PERMISSIONS,
  // Customer files: kinds, sources, timeline kinds, warranty states, completeness items.
  ...CUSTOMER_KINDS,
  ...CUSTOMER_SOURCES,
  ...TIMELINE_KINDS,
  ...WARRANTY_STATES,
  ...Object.keys(COMPLETENESS_WEIGHTS),
  // Parts: movement kinds, request/order/stocktake/old-part states, order kinds.
  ...MOVEMENT_KINDS,
  ...PART_REQUEST_STATUSES,
  ...PURCHASE_ORDER_STATUSES,
  ...PURCHASE_KINDS,
  ...STOCKTAKE_STATUSES,
  ...OLD_PART_STATUSES,
];
const LEAKS = ['undefined', 'NaN', '[object Object]', 'Invalid Date', 'TODO'];
/** English words that would betray an untranslated placeholder on a Chinese screen. */
const ENGLISH = ['No data', 'Search', 'Cancel', 'Submit', 'Select', 'Loading', 'Please', 'Actions', 'Status', 'Name'];

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Problems found in the visible text of a Chinese screen. User names are data, not enum values
 * (the demo cashier signs in as `cashier`): they are taken out before looking.
 */
export function chineseScreenProblems(screenText: string): string[] {
  const problems: string[] = [];
  const usernames = new RegExp(`(^|[^A-Za-z0-9_.-])(${DEMO_ACCOUNTS.map((a) => escape(a.username)).join('|')})(?=$|[^A-Za-z0-9_.-])`, 'g');
  const text = screenText.replace(usernames, '$1');
  for (const value of RAW_VALUES) {
    if (new RegExp(`(^|[^A-Za-z0-9_:])${escape(value)}($|[^A-Za-z0-9_:])`).test(text)) problems.push(`raw value "${value}"`);
  }
  for (const leak of LEAKS) if (text.includes(leak)) problems.push(`"${leak}"`);
  for (const word of ENGLISH) if (new RegExp(`\\b${escape(word)}\\b`).test(text)) problems.push(`English "${word}"`);
  return problems;
}
