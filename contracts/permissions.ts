import type { Role } from './roles';

/**
 * Permission names are `entity:action`. Every route declares exactly one; the role table below is
 * the only place that says who holds it. Modules add their own names here as they are built.
 */
export const PERMISSIONS = [
  'store:read',
  'store:manage',
  'settings:read',
  'settings:update',
  'user:read',
  'user:manage',
  'staff:read',
  'staff:manage',
  'audit:read',
  'bay:read',
  'bay:manage',
  'service_item:read',
  'service_item:manage',
  'vehicle_model:read',
  'vehicle_model:manage',
  // Customer and vehicle files (SPEC §3): read/search, create and edit, see full phone numbers
  // (audited reveal), export to Excel (audited), import from Excel, merge duplicates, saved segments.
  'customer:read',
  'customer:write',
  'customer:reveal_phone',
  'customer:export',
  'customer:import',
  'customer:merge',
  'segment:manage',
  // Parts (SPEC §13): catalog read/maintain/import/export; stock read, receive (manual and against
  // orders), issue (to ROs and over the counter), adjust (scrap), transfer between stores; part
  // requests of jobs (ask, record what was fitted); ordering, and the workshop's approval of outside
  // purchases (外采); stocktake counting and approval; old parts (旧件); the parts figures.
  'part:read',
  'part:manage',
  'part:import',
  'part:export',
  'stock:read',
  'stock:receive',
  'stock:issue',
  'stock:adjust',
  'stock:transfer',
  'part_request:read',
  'part_request:create',
  'part_request:fit',
  'purchase:read',
  'purchase:manage',
  'purchase:approve_outside',
  'stocktake:count',
  'stocktake:approve',
  'old_part:read',
  'old_part:manage',
  'parts_report:read',
  // Service process (SPEC §4, §5, §7): appointments (book, record outcomes; set a slot's capacity);
  // repair orders (read; reception and the advisor's work: lines, signing, additional-work
  // decisions, cancelling; the workshop's state changes); raising additional work; settling;
  // approving discounts beyond one's limit; reversing a settlement.
  'appointment:read',
  'appointment:manage',
  'appointment:capacity',
  'repair_order:read',
  'repair_order:write',
  'repair_order:workshop',
  'additional_work:raise',
  'settlement:create',
  'settlement:reverse',
  'discount:approve',
  // Workshop (SPEC §6): dispatch jobs to bays and technicians; work one's jobs (clocking, self-check);
  // the team-leader check (互检) and the final inspection (终检); the control board; attendance hours;
  // linking comebacks; the case library (read / write); quality and safety incidents; the
  // workshop's figures (efficiency, utilisation, first-time fix, rework).
  'job:dispatch',
  'job:work',
  'qc:team_check',
  'qc:final_inspect',
  'workshop:board',
  'attendance:manage',
  'comeback:manage',
  'case:read',
  'case:write',
  'incident:manage',
  'workshop_report:read',
  // KPIs and reports (SPEC §11, §16, §17): the dashboard, drill-downs, business statistics, base and
  // lost customers (read, group-wide for group roles); KPI targets per store and month; freezing a
  // month's KPI values (the month-end job does it too).
  'report:read',
  'kpi_target:manage',
  'kpi_snapshot:manage',
  // Monthly reports (SPEC §17): read and export the two reports; write their commentary;
  // improvement actions (整改措施 / TOP5): read, and plan / update / attach evidence.
  'monthly_report:read',
  'monthly_report:comment',
  'improvement_action:read',
  'improvement_action:manage',
  // Complaints (SPEC §9): read the register and figures; register a complaint; work it through its
  // lifecycle (acknowledge, investigate, propose, escalate, assign); close it (the supervisor's).
  'complaint:read',
  'complaint:register',
  'complaint:handle',
  'complaint:close',
  // Messages (SPEC §8 信函): read the letters register; send from a template; maintain templates and
  // the outbox settings (quiet hours, gateway).
  'message:read',
  'message:send',
  'message:manage',
  // Manufacturer scores (SPEC §10): read CSS / MOT / PT and trends; enter periods and set weights.
  'satisfaction:read',
  'satisfaction:manage',
  // Follow-up service (SPEC §8, §10): work the call queue and record calls; the supervisor's queue
  // and running the task scan now; maintain questionnaires; read callback statistics and registers.
  'care:work',
  'care:supervise',
  'questionnaire:manage',
  'care:report',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const MASTER_DATA_READ: Permission[] = ['bay:read', 'service_item:read', 'vehicle_model:read', 'staff:read'];
const ALL: Permission[] = [...PERMISSIONS];
/** Files are kept by the front desk and customer service; phones in full only with reveal (masked otherwise). */
const CUSTOMER_FILES: Permission[] = ['customer:read', 'customer:write'];
/** Roles that read files without maintaining them: names and phones masked in lists. */
const CUSTOMER_READ: Permission[] = ['customer:read'];
/** The parts counter and ordering, worked by parts clerks and the parts supervisor alike. */
const PARTS_COUNTER: Permission[] = [
  'part:read',
  'part:manage',
  'part:export',
  'stock:read',
  'stock:receive',
  'stock:issue',
  'stock:transfer',
  'part_request:read',
  'part_request:create',
  'purchase:read',
  'purchase:manage',
  'stocktake:count',
  'old_part:read',
  'old_part:manage',
];
/** The advisor's day: appointments, reception, the RO, additional-work decisions, settlement. */
const FRONT_DESK: Permission[] = [
  'appointment:read',
  'appointment:manage',
  'repair_order:read',
  'repair_order:write',
  'additional_work:raise',
  'settlement:create',
];
/** The workshop moves ROs through its states and raises additional work; it sees the bookings. */
const WORKSHOP: Permission[] = ['appointment:read', 'repair_order:read', 'repair_order:workshop', 'additional_work:raise'];
/** Advisors and the workshop look parts up, see availability and ask the counter for them. */
const PARTS_REQUESTER: Permission[] = ['part:read', 'stock:read', 'part_request:read', 'part_request:create'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  group_admin: ALL,
  after_sales_manager: [
    'care:work',
    'care:supervise',
    'questionnaire:manage',
    'care:report',
    // Complaints, messages and manufacturer scores (SPEC §8–§10): the manager owns escalation.
    'complaint:read',
    'complaint:register',
    'complaint:handle',
    'complaint:close',
    'message:read',
    'message:send',
    'message:manage',
    'satisfaction:read',
    'satisfaction:manage',
    ...MASTER_DATA_READ,
    'store:read',
    'settings:read',
    'settings:update',
    'user:read',
    'staff:manage',
    'audit:read',
    'bay:manage',
    'service_item:manage',
    'vehicle_model:manage',
    ...CUSTOMER_FILES,
    'customer:reveal_phone',
    'customer:export',
    'customer:import',
    'customer:merge',
    'segment:manage',
    'part:read',
    'part:export',
    'stock:read',
    'part_request:read',
    'purchase:read',
    'old_part:read',
    'parts_report:read',
    ...FRONT_DESK,
    'appointment:capacity',
    'discount:approve',
    'settlement:reverse',
    'workshop:board',
    'comeback:manage',
    'case:read',
    'incident:manage',
    'workshop_report:read',
    // The manager's dashboard, statistics and targets (SPEC §16, §17).
    'report:read',
    'kpi_target:manage',
    'kpi_snapshot:manage',
    // The monthly reports and their improvement actions (SPEC §17).
    'monthly_report:read',
    'monthly_report:comment',
    'improvement_action:read',
    'improvement_action:manage',
  ],
  front_desk_supervisor: [
    'care:work',
    'care:supervise',
    'questionnaire:manage',
    'care:report',
    // The supervisor of satisfaction and complaints (SPEC §1): closes complaints.
    'complaint:read',
    'complaint:register',
    'complaint:handle',
    'complaint:close',
    'message:read',
    'message:send',
    'message:manage',
    'satisfaction:read',
    'satisfaction:manage',
    ...MASTER_DATA_READ,
    'settings:read',
    'user:read',
    ...CUSTOMER_FILES,
    'customer:reveal_phone',
    'customer:export',
    'customer:import',
    'customer:merge',
    'segment:manage',
    'part:read',
    'stock:read',
    'part_request:read',
    ...FRONT_DESK,
    'appointment:capacity',
    'discount:approve',
    'workshop:board',
    'comeback:manage',
    'report:read',
    // The monthly reports and their improvement actions (SPEC §17).
    'monthly_report:read',
    'monthly_report:comment',
    'improvement_action:read',
    'improvement_action:manage',
  ],
  service_advisor: ['care:work', ...MASTER_DATA_READ, ...CUSTOMER_FILES, ...PARTS_REQUESTER, ...FRONT_DESK, 'workshop:board', 'comeback:manage', 'complaint:read', 'complaint:register', 'message:read', 'message:send'],
  workshop_supervisor: [
    ...MASTER_DATA_READ,
    'bay:manage',
    'staff:manage',
    'user:read',
    ...CUSTOMER_READ,
    ...PARTS_REQUESTER,
    'part_request:fit',
    'purchase:read',
    'purchase:approve_outside',
    'old_part:read',
    ...WORKSHOP,
    'appointment:capacity',
    'job:dispatch',
    'job:work',
    'qc:team_check',
    'qc:final_inspect',
    'workshop:board',
    'attendance:manage',
    'comeback:manage',
    'case:read',
    'case:write',
    'incident:manage',
    'workshop_report:read',
    'report:read',
    'monthly_report:read',
    'improvement_action:read',
    'improvement_action:manage',
  ],
  team_leader: [...MASTER_DATA_READ, ...PARTS_REQUESTER, 'part_request:fit', ...WORKSHOP, 'job:work', 'qc:team_check', 'workshop:board', 'attendance:manage', 'case:read', 'workshop_report:read'],
  technician: ['service_item:read', 'vehicle_model:read', ...PARTS_REQUESTER, 'part_request:fit', ...WORKSHOP, 'job:work', 'workshop:board', 'case:read'],
  technical_supervisor: [...MASTER_DATA_READ, 'service_item:manage', 'vehicle_model:manage', ...PARTS_REQUESTER, ...WORKSHOP, 'job:work', 'qc:final_inspect', 'workshop:board', 'comeback:manage', 'case:read', 'case:write', 'incident:manage', 'workshop_report:read'],
  parts_supervisor: [...MASTER_DATA_READ, ...PARTS_COUNTER, 'part:import', 'stock:adjust', 'stocktake:approve', 'parts_report:read', 'repair_order:read', 'monthly_report:read', 'improvement_action:read', 'improvement_action:manage'],
  parts_clerk: ['vehicle_model:read', 'service_item:read', ...PARTS_COUNTER, 'repair_order:read'],
  warranty_clerk: ['vehicle_model:read', 'service_item:read', ...CUSTOMER_READ, 'part:read', 'part_request:read', 'old_part:read', 'old_part:manage', 'repair_order:read'],
  customer_service: ['care:work', 'care:report', 'vehicle_model:read', 'complaint:read', 'complaint:register', 'complaint:handle', 'message:read', 'message:send', 'satisfaction:read', ...CUSTOMER_FILES, 'customer:reveal_phone', 'customer:export', 'segment:manage', 'appointment:read', 'appointment:manage', 'repair_order:read', 'monthly_report:read', 'monthly_report:comment', 'improvement_action:read', 'improvement_action:manage'],
  insurance_renewal: ['vehicle_model:read', ...CUSTOMER_READ],
  cashier: ['service_item:read', ...CUSTOMER_READ, 'repair_order:read', 'settlement:create'],
};

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
