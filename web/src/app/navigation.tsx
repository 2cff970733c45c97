import {
  BarChartOutlined,
  ClusterOutlined,
  ContactsOutlined,
  DashboardOutlined,
  ImportOutlined,
  SolutionOutlined,
  CarOutlined,
  DatabaseOutlined,
  FileSearchOutlined,
  GiftOutlined,
  IdcardOutlined,
  SettingOutlined,
  ShopOutlined,
  SlidersOutlined,
  TeamOutlined,
  ToolOutlined,
  AppstoreOutlined,
} from '@ant-design/icons';
import type { ComponentType } from 'react';
import type { Permission } from '#contracts/permissions';
import type { Text } from '../lib/i18n';

/**
 * Every page of the signed-in app, in sidebar order. The router, the sidebar, the home page's
 * shortcuts and the page guard all read this one list; a page is shown to a role exactly when its
 * permission is in `Me.permissions`.
 */
export interface NavPage {
  path: string;
  label: Text;
  description: Text;
  icon: ComponentType;
  permission: Permission;
  load: () => Promise<{ default: ComponentType }>;
}

export interface NavGroup {
  key: string;
  label: Text;
  icon: ComponentType;
  pages: NavPage[];
}

export const NAV: NavGroup[] = [
  {
    key: 'customers',
    label: { zh: '客户与车辆', en: 'Customers & vehicles' },
    icon: ContactsOutlined,
    pages: [
      {
        path: '/customers',
        label: { zh: '客户档案', en: 'Customers' },
        description: { zh: '车主与使用人、联系方式与来源', en: 'Owners and drivers, contacts and sources' },
        icon: SolutionOutlined,
        permission: 'customer:read',
        load: () => import('../features/customers/CustomersPage'),
      },
      {
        path: '/vehicles',
        label: { zh: '车辆档案', en: 'Vehicles' },
        description: { zh: '车辆、里程、保养到期与履历', en: 'Cars, mileage, next service and history' },
        icon: CarOutlined,
        permission: 'customer:read',
        load: () => import('../features/customers/VehiclesPage'),
      },
      {
        path: '/segments',
        label: { zh: '客户细分', en: 'Segments' },
        description: { zh: '按车型、车龄、进厂等筛选目标客户', en: 'Target customers by model, age, visits…' },
        icon: ClusterOutlined,
        permission: 'customer:read',
        load: () => import('../features/customers/SegmentsPage'),
      },
      {
        path: '/customer-quality',
        label: { zh: '数据质量', en: 'Data quality' },
        description: { zh: '档案完整度与待完善档案', en: 'File completeness and files to fix' },
        icon: BarChartOutlined,
        permission: 'customer:read',
        load: () => import('../features/customers/QualityPage'),
      },
      {
        path: '/customer-import',
        label: { zh: '档案导入', en: 'Import files' },
        description: { zh: '从 Excel 批量导入客户与车辆', en: 'Import customers and vehicles from Excel' },
        icon: ImportOutlined,
        permission: 'customer:import',
        load: () => import('../features/customers/ImportPage'),
      },
    ],
  },
  {
    key: 'master-data',
    label: { zh: '基础资料', en: 'Master data' },
    icon: DatabaseOutlined,
    pages: [
      {
        path: '/bays',
        label: { zh: '工位管理', en: 'Bays' },
        description: { zh: '工位编号、类型与预约工位', en: 'Bay numbers, types and appointment bays' },
        icon: AppstoreOutlined,
        permission: 'bay:read',
        load: () => import('../features/bays/BaysPage'),
      },
      {
        path: '/vehicle-models',
        label: { zh: '车型管理', en: 'Vehicle models' },
        description: { zh: '品牌、车系、车型与保养周期', en: 'Brands, series, models and service intervals' },
        icon: CarOutlined,
        permission: 'vehicle_model:read',
        load: () => import('../features/vehicle-models/VehicleModelsPage'),
      },
      {
        path: '/service-items',
        label: { zh: '维修项目', en: 'Service items' },
        description: { zh: '标准工时、技能要求与价格', en: 'Standard hours, required skills and prices' },
        icon: ToolOutlined,
        permission: 'service_item:read',
        load: () => import('../features/service-items/ServiceItemsPage'),
      },
      {
        path: '/maintenance-packages',
        label: { zh: '保养套餐', en: 'Packages' },
        description: { zh: '按车型和里程组合维修项目', en: 'Service items bundled per model and mileage' },
        icon: GiftOutlined,
        permission: 'service_item:read',
        load: () => import('../features/maintenance-packages/MaintenancePackagesPage'),
      },
      {
        path: '/staff',
        label: { zh: '员工技能与认证', en: 'Staff skills' },
        description: { zh: '技能等级、班组与厂家认证', en: 'Skill grades, teams and certifications' },
        icon: IdcardOutlined,
        permission: 'staff:read',
        load: () => import('../features/staff/StaffPage'),
      },
    ],
  },
  {
    key: 'administration',
    label: { zh: '系统管理', en: 'Administration' },
    icon: SettingOutlined,
    pages: [
      {
        path: '/stores',
        label: { zh: '门店管理', en: 'Stores' },
        description: { zh: '集团门店、工时单价与营业时间', en: 'Stores of the group, labour rates and hours' },
        icon: ShopOutlined,
        permission: 'store:manage',
        load: () => import('../features/stores/StoresPage'),
      },
      {
        path: '/settings',
        label: { zh: '门店设置', en: 'Store settings' },
        description: { zh: '时限、目标值等业务参数', en: 'Deadlines, targets and other business rules' },
        icon: SlidersOutlined,
        permission: 'settings:read',
        load: () => import('../features/settings/SettingsPage'),
      },
      {
        path: '/users',
        label: { zh: '用户管理', en: 'Users' },
        description: { zh: '账号、门店岗位与启用状态', en: 'Accounts, store roles and access' },
        icon: TeamOutlined,
        permission: 'user:read',
        load: () => import('../features/users/UsersPage'),
      },
      {
        path: '/audit',
        label: { zh: '审计日志', en: 'Audit log' },
        description: { zh: '谁在何时做了什么', en: 'Who did what, and when' },
        icon: FileSearchOutlined,
        permission: 'audit:read',
        load: () => import('../features/audit/AuditPage'),
      },
    ],
  },
];

/**
 * Pages of one record, reached from lists and the header search rather than the sidebar. They come
 * after the sidebar pages, so `pageOfPath` names them by their list (breadcrumb, selected menu item).
 */
export const RECORD_PAGES: NavPage[] = [
  {
    path: '/customers/:id',
    label: { zh: '客户档案', en: 'Customer' },
    description: { zh: '客户详情', en: 'Customer file' },
    icon: SolutionOutlined,
    permission: 'customer:read',
    load: () => import('../features/customers/CustomerPage'),
  },
  {
    path: '/vehicles/:id',
    label: { zh: '车辆档案', en: 'Vehicle' },
    description: { zh: '车辆详情', en: 'Vehicle file' },
    icon: CarOutlined,
    permission: 'customer:read',
    load: () => import('../features/customers/VehiclePage'),
  },
];

export const ALL_PAGES: NavPage[] = [...NAV.flatMap((g) => g.pages), ...RECORD_PAGES];

export function pageOfPath(pathname: string): NavPage | undefined {
  return ALL_PAGES.find((p) => pathname === p.path || pathname.startsWith(`${p.path}/`));
}

export function groupOfPage(page: NavPage): NavGroup | undefined {
  return NAV.find((g) => g.pages.includes(page));
}

/** The sidebar groups a role sees: pages it may open, groups with at least one page. */
export function visibleNav(permissions: readonly Permission[]): NavGroup[] {
  return NAV.map((g) => ({ ...g, pages: g.pages.filter((p) => permissions.includes(p.permission)) })).filter((g) => g.pages.length > 0);
}

export const HomeIcon = DashboardOutlined;
