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
/** Advisors and the workshop look parts up, see availability and ask the counter for them. */
const PARTS_REQUESTER: Permission[] = ['part:read', 'stock:read', 'part_request:read', 'part_request:create'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  group_admin: ALL,
  after_sales_manager: [
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
  ],
  front_desk_supervisor: [
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
  ],
  service_advisor: [...MASTER_DATA_READ, ...CUSTOMER_FILES, ...PARTS_REQUESTER],
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
  ],
  team_leader: [...MASTER_DATA_READ, ...PARTS_REQUESTER, 'part_request:fit'],
  technician: ['service_item:read', 'vehicle_model:read', ...PARTS_REQUESTER, 'part_request:fit'],
  technical_supervisor: [...MASTER_DATA_READ, 'service_item:manage', 'vehicle_model:manage', ...PARTS_REQUESTER],
  parts_supervisor: [...MASTER_DATA_READ, ...PARTS_COUNTER, 'part:import', 'stock:adjust', 'stocktake:approve', 'parts_report:read'],
  parts_clerk: ['vehicle_model:read', 'service_item:read', ...PARTS_COUNTER],
  warranty_clerk: ['vehicle_model:read', 'service_item:read', ...CUSTOMER_READ, 'part:read', 'part_request:read', 'old_part:read', 'old_part:manage'],
  customer_service: ['vehicle_model:read', ...CUSTOMER_FILES, 'customer:reveal_phone', 'customer:export', 'segment:manage'],
  insurance_renewal: ['vehicle_model:read', ...CUSTOMER_READ],
  cashier: ['service_item:read', ...CUSTOMER_READ],
};

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
