import type { Permission } from '#contracts/permissions';
import { ROLE_LABELS, SKILL_GRADE_LABELS } from '#contracts/roles';
import { VEHICLE_SYSTEM_LABELS } from '#contracts/service-items';
import { JOB_TYPE_LABELS } from '#contracts/stores';
import type { Text } from '../../lib/i18n';
import { FIELDS as SETTING_FIELDS } from '../settings/sections';

/**
 * Words for what the audit log records. The server writes `entity.verb` actions; the ones known
 * today have their own label, others are composed from the entity and the verb, so a new module's
 * actions read sensibly before anyone adds them here.
 */
export const ENTITY_LABELS: Record<string, Text> = {
  user: { zh: '用户', en: 'User' },
  store: { zh: '门店', en: 'Store' },
  settings: { zh: '门店设置', en: 'Store settings' },
  bay: { zh: '工位', en: 'Bay' },
  vehicle_model: { zh: '车型', en: 'Vehicle model' },
  service_item: { zh: '维修项目', en: 'Service item' },
  maintenance_package: { zh: '保养套餐', en: 'Maintenance package' },
  staff: { zh: '员工档案', en: 'Staff profile' },
  certification: { zh: '厂家认证', en: 'Certification' },
  route: { zh: '接口', en: 'Endpoint' },
};

export const ACTION_LABELS: Record<string, Text> = {
  'login.succeeded': { zh: '登录成功', en: 'Signed in' },
  'login.failed': { zh: '登录失败', en: 'Sign-in failed' },
  'login.throttled': { zh: '登录受限（失败次数过多）', en: 'Sign-in throttled' },
  logout: { zh: '退出登录', en: 'Signed out' },
  'store.switched': { zh: '切换门店', en: 'Switched store' },
  'password.changed': { zh: '修改密码', en: 'Changed password' },
  'permission.denied': { zh: '越权访问被拒绝', en: 'Access denied' },
  'user.updated_with_password_reset': { zh: '修改用户并重置密码', en: 'Updated user and reset password' },
  'staff.profile_updated': { zh: '修改员工档案', en: 'Updated staff profile' },
  'settings.updated': { zh: '修改门店设置', en: 'Updated store settings' },
  'certification.created': { zh: '添加厂家认证', en: 'Added certification' },
  'certification.deleted': { zh: '删除厂家认证', en: 'Deleted certification' },
};

const VERBS: Record<string, Text> = {
  created: { zh: '新建', en: 'Created' },
  updated: { zh: '修改', en: 'Updated' },
  deleted: { zh: '删除', en: 'Deleted' },
  deactivated: { zh: '停用', en: 'Deactivated' },
  activated: { zh: '启用', en: 'Activated' },
  exported: { zh: '导出', en: 'Exported' },
  revealed: { zh: '查看完整信息', en: 'Revealed' },
};

/** The actions offered in the filter: the labelled ones plus created/updated of each entity. */
export const FILTER_ACTIONS: string[] = [
  ...Object.keys(ACTION_LABELS),
  ...['user', 'store', 'bay', 'vehicle_model', 'service_item', 'maintenance_package'].flatMap((e) => [`${e}.created`, `${e}.updated`]),
];

export function actionLabel(action: string): Text {
  const known = ACTION_LABELS[action];
  if (known) return known;
  const [entity, verb] = action.split('.');
  const e = entity ? ENTITY_LABELS[entity] : undefined;
  const v = verb ? VERBS[verb] : undefined;
  if (e && v) return { zh: `${v.zh}${e.zh}`, en: `${v.en} ${e.en.toLowerCase()}` };
  return { zh: action, en: action };
}

export function entityLabel(entity: string): Text {
  return ENTITY_LABELS[entity] ?? { zh: entity, en: entity };
}

/** Partial: permissions of modules written later fall back to their name until labelled (better: labels in contracts). */
export const PERMISSION_LABELS: Partial<Record<Permission, Text>> = {
  'store:read': { zh: '查看门店', en: 'View stores' },
  'store:manage': { zh: '管理门店', en: 'Manage stores' },
  'settings:read': { zh: '查看门店设置', en: 'View settings' },
  'settings:update': { zh: '修改门店设置', en: 'Change settings' },
  'user:read': { zh: '查看用户', en: 'View users' },
  'user:manage': { zh: '管理用户', en: 'Manage users' },
  'staff:read': { zh: '查看员工档案', en: 'View staff' },
  'staff:manage': { zh: '管理员工档案', en: 'Manage staff' },
  'audit:read': { zh: '查看审计日志', en: 'View audit log' },
  'bay:read': { zh: '查看工位', en: 'View bays' },
  'bay:manage': { zh: '管理工位', en: 'Manage bays' },
  'service_item:read': { zh: '查看维修项目', en: 'View service items' },
  'service_item:manage': { zh: '管理维修项目', en: 'Manage service items' },
  'vehicle_model:read': { zh: '查看车型', en: 'View vehicle models' },
  'vehicle_model:manage': { zh: '管理车型', en: 'Manage vehicle models' },
};

/** Field names of the records the log stores before/after, for the diff. */
export const FIELD_LABELS: Record<string, Text> = {
  code: { zh: '编码', en: 'Code' },
  name: { zh: '名称', en: 'Name' },
  type: { zh: '类型', en: 'Type' },
  active: { zh: '状态', en: 'Status' },
  version: { zh: '版本', en: 'Version' },
  reservedForAppointments: { zh: '预约工位', en: 'Appointment bay' },
  username: { zh: '用户名', en: 'User name' },
  displayName: { zh: '姓名', en: 'Name' },
  phone: { zh: '电话', en: 'Phone' },
  groupRole: { zh: '集团角色', en: 'Group role' },
  memberships: { zh: '门店岗位', en: 'Store roles' },
  storeId: { zh: '门店', en: 'Store' },
  role: { zh: '岗位', en: 'Role' },
  skillGrade: { zh: '技能等级', en: 'Skill grade' },
  team: { zh: '班组', en: 'Team' },
  brand: { zh: '品牌', en: 'Brand' },
  series: { zh: '车系', en: 'Series' },
  model: { zh: '车型', en: 'Model' },
  year: { zh: '年款', en: 'Year' },
  engine: { zh: '发动机', en: 'Engine' },
  maintenanceIntervalMonths: { zh: '保养周期（月）', en: 'Interval (months)' },
  maintenanceIntervalKm: { zh: '保养周期（公里）', en: 'Interval (km)' },
  system: { zh: '所属系统', en: 'System' },
  jobType: { zh: '作业类型', en: 'Job type' },
  standardHours: { zh: '标准工时', en: 'Standard hours' },
  requiredGrade: { zh: '技能要求', en: 'Required grade' },
  requiredCertification: { zh: '所需认证', en: 'Required certification' },
  fixedPriceFen: { zh: '固定价格', en: 'Fixed price' },
  priceFen: { zh: '价格', en: 'Price' },
  vehicleModelId: { zh: '适用车型', en: 'Vehicle model' },
  mileageKm: { zh: '保养里程', en: 'Mileage' },
  serviceItemIds: { zh: '维修项目', en: 'Service items' },
  address: { zh: '地址', en: 'Address' },
  timeZone: { zh: '时区', en: 'Time zone' },
  openingHours: { zh: '营业时间', en: 'Opening hours' },
  opens: { zh: '开门', en: 'Opens' },
  closes: { zh: '关门', en: 'Closes' },
  from: { zh: '开始', en: 'From' },
  to: { zh: '结束', en: 'To' },
  labourRates: { zh: '工时单价', en: 'Labour rates' },
  settings: { zh: '设置', en: 'Settings' },
  permission: { zh: '所需权限', en: 'Permission' },
  reason: { zh: '原因', en: 'Reason' },
  issuer: { zh: '发证机构', en: 'Issuer' },
  certifiedOn: { zh: '发证日期', en: 'Certified on' },
  expiresOn: { zh: '到期日期', en: 'Expires on' },
  expired: { zh: '已过期', en: 'Expired' },
  certifications: { zh: '厂家认证', en: 'Certifications' },
  ...Object.fromEntries(Object.entries(SETTING_FIELDS).map(([k, f]) => [k, f.label])),
  ...JOB_TYPE_LABELS,
  ...ROLE_LABELS,
};

/** Keys whose values are enum members: shown with the contract's label. */
export const VALUE_LABELS: Record<string, Record<string, Text>> = {
  type: JOB_TYPE_LABELS,
  jobType: JOB_TYPE_LABELS,
  role: ROLE_LABELS,
  groupRole: ROLE_LABELS,
  skillGrade: SKILL_GRADE_LABELS,
  requiredGrade: SKILL_GRADE_LABELS,
  system: VEHICLE_SYSTEM_LABELS,
  permission: PERMISSION_LABELS as Record<string, Text>,
  reason: {
    unknown_user: { zh: '用户不存在', en: 'Unknown user' },
    bad_password: { zh: '密码错误', en: 'Wrong password' },
    disabled: { zh: '用户已停用', en: 'User disabled' },
    no_store: { zh: '没有门店岗位', en: 'No store role' },
  },
};
