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
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const MASTER_DATA_READ: Permission[] = ['bay:read', 'service_item:read', 'vehicle_model:read', 'staff:read'];
const ALL: Permission[] = [...PERMISSIONS];
/** Files are kept by the front desk and customer service; phones in full only with reveal (masked otherwise). */
const CUSTOMER_FILES: Permission[] = ['customer:read', 'customer:write'];
/** Roles that read files without maintaining them: names and phones masked in lists. */
const CUSTOMER_READ: Permission[] = ['customer:read'];

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
  ],
  service_advisor: [...MASTER_DATA_READ, ...CUSTOMER_FILES],
  workshop_supervisor: [...MASTER_DATA_READ, 'bay:manage', 'staff:manage', 'user:read', ...CUSTOMER_READ],
  team_leader: [...MASTER_DATA_READ],
  technician: ['service_item:read', 'vehicle_model:read'],
  technical_supervisor: [...MASTER_DATA_READ, 'service_item:manage', 'vehicle_model:manage'],
  parts_supervisor: [...MASTER_DATA_READ],
  parts_clerk: ['vehicle_model:read', 'service_item:read'],
  warranty_clerk: ['vehicle_model:read', 'service_item:read', ...CUSTOMER_READ],
  customer_service: ['vehicle_model:read', ...CUSTOMER_FILES, 'customer:reveal_phone', 'customer:export', 'segment:manage'],
  insurance_renewal: ['vehicle_model:read', ...CUSTOMER_READ],
  cashier: ['service_item:read', ...CUSTOMER_READ],
};

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
