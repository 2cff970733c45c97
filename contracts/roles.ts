/**
 * The roles of SPEC §1. A user holds one role in each store they belong to; group roles
 * (集团管理员) see every store of the dealer group.
 */
export const ROLES = [
  'after_sales_manager',
  'front_desk_supervisor',
  'service_advisor',
  'workshop_supervisor',
  'team_leader',
  'technician',
  'technical_supervisor',
  'parts_supervisor',
  'parts_clerk',
  'warranty_clerk',
  'customer_service',
  'insurance_renewal',
  'cashier',
  'group_admin',
] as const;

export type Role = (typeof ROLES)[number];

/** Roles that are not tied to one store: they may switch to any store of their group. */
export const GROUP_ROLES: readonly Role[] = ['group_admin'];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  after_sales_manager: { zh: '售后经理', en: 'After-sales manager' },
  front_desk_supervisor: { zh: '前台主管', en: 'Front-desk supervisor' },
  service_advisor: { zh: '服务顾问', en: 'Service advisor' },
  workshop_supervisor: { zh: '车间主管/调度', en: 'Workshop supervisor / dispatcher' },
  team_leader: { zh: '技师组长', en: 'Team leader' },
  technician: { zh: '技师', en: 'Technician' },
  technical_supervisor: { zh: '技术主管', en: 'Technical supervisor' },
  parts_supervisor: { zh: '配件主管', en: 'Parts supervisor' },
  parts_clerk: { zh: '配件员', en: 'Parts clerk' },
  warranty_clerk: { zh: '三包索赔员', en: 'Warranty clerk' },
  customer_service: { zh: '客服专员', en: 'Customer-service agent' },
  insurance_renewal: { zh: '续保专员', en: 'Insurance renewal specialist' },
  cashier: { zh: '收银', en: 'Cashier' },
  group_admin: { zh: '集团管理员', en: 'Group administrator' },
};

/** 技能等级 of SPEC §2, lowest first: a job's required grade is matched by index. */
export const SKILL_GRADES = ['junior', 'intermediate', 'senior', 'technician', 'senior_technician'] as const;
export type SkillGrade = (typeof SKILL_GRADES)[number];
export const SKILL_GRADE_LABELS: Record<SkillGrade, { zh: string; en: string }> = {
  junior: { zh: '初级', en: 'Junior' },
  intermediate: { zh: '中级', en: 'Intermediate' },
  senior: { zh: '高级', en: 'Senior' },
  technician: { zh: '技师', en: 'Technician' },
  senior_technician: { zh: '高级技师', en: 'Senior technician' },
};
