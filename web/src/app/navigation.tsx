import {
  AccountBookOutlined,
  AlertOutlined,
  ApartmentOutlined,
  BookOutlined,
  FileProtectOutlined,
  FundProjectionScreenOutlined,
  LineChartOutlined,
  SafetyCertificateOutlined,
  TabletOutlined,
  AuditOutlined,
  DesktopOutlined,
  FileTextOutlined,
  LoginOutlined,
  PrinterOutlined,
  StopOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CustomerServiceOutlined,
  ScheduleOutlined,
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
  CalculatorOutlined,
  ContainerOutlined,
  FileDoneOutlined,
  FundOutlined,
  InboxOutlined,
  ProfileOutlined,
  ReconciliationOutlined,
  ShoppingCartOutlined,
  SwapOutlined,
  ToolTwoTone,
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
    key: 'service',
    label: { zh: '服务接待', en: 'Service' },
    icon: CustomerServiceOutlined,
    pages: [
      {
        path: '/advisor',
        label: { zh: '顾问工作台', en: 'Advisor desk' },
        description: { zh: '今日预约、在厂车辆、待确认与待结算', en: 'Today’s bookings, cars in the store, answers and settlements due' },
        icon: DesktopOutlined,
        permission: 'repair_order:write',
        load: () => import('../features/repair-orders/AdvisorHomePage'),
      },
      {
        path: '/appointment-calendar',
        label: { zh: '预约看板', en: 'Appointment calendar' },
        description: { zh: '各时段、各工位类型的预约量与容量', en: 'Bookings and capacity per slot and bay type' },
        icon: CalendarOutlined,
        permission: 'appointment:read',
        load: () => import('../features/appointments/AppointmentCalendarPage'),
      },
      {
        path: '/appointments',
        label: { zh: '预约登记表', en: 'Appointments' },
        description: { zh: '维修预约单的登记、提醒与到店结果', en: 'Bookings, reminders and outcomes' },
        icon: ScheduleOutlined,
        permission: 'appointment:read',
        load: () => import('../features/appointments/AppointmentsPage'),
      },
      {
        path: '/repair-orders',
        label: { zh: '维修委托书', en: 'Repair orders' },
        description: { zh: '委托书的状态、交车时间与金额', en: 'Repair orders: state, promised time, amount' },
        icon: FileTextOutlined,
        permission: 'repair_order:read',
        load: () => import('../features/repair-orders/RepairOrdersPage'),
      },
      {
        path: '/settlement-due',
        label: { zh: '待结算', en: 'Settlement due' },
        description: { zh: '完工待结算与逾期未结算的委托书', en: 'Finished repair orders to settle, overdue first' },
        icon: AccountBookOutlined,
        permission: 'settlement:create',
        load: () => import('../features/repair-orders/SettlementDuePage'),
      },
      {
        path: '/declined-work',
        label: { zh: '拒修项目', en: 'Declined work' },
        description: { zh: '客户拒绝的追加项目，待回访与再次推荐', en: 'Work customers declined, to follow up' },
        icon: StopOutlined,
        permission: 'repair_order:read',
        load: () => import('../features/repair-orders/DeclinedWorkPage'),
      },
      {
        path: '/discount-approvals',
        label: { zh: '折扣审批', en: 'Discount approvals' },
        description: { zh: '超出权限的折扣申请', en: 'Discounts beyond a limit' },
        icon: AuditOutlined,
        permission: 'discount:approve',
        load: () => import('../features/repair-orders/DiscountApprovalsPage'),
      },
    ],
  },
  {
    key: 'workshop',
    label: { zh: '车间', en: 'Workshop' },
    icon: ToolOutlined,
    pages: [
      {
        path: '/workshop/dispatch',
        label: { zh: '派工', en: 'Dispatch' },
        description: { zh: '把待派工项目分给工位和技师，看技师负荷', en: 'Give jobs to bays and technicians, with their load' },
        icon: ApartmentOutlined,
        permission: 'job:dispatch',
        load: () => import('../features/workshop/DispatchPage'),
      },
      {
        path: '/workshop/board',
        label: { zh: '控工看板', en: 'Control board' },
        description: { zh: '在厂车辆实时进度、超时与预警', en: 'Live progress of every car, late and at-risk ones' },
        icon: FundProjectionScreenOutlined,
        permission: 'workshop:board',
        load: () => import('../features/workshop/BoardPage'),
      },
      {
        path: '/workshop/my-jobs',
        label: { zh: '我的作业', en: 'My jobs' },
        description: { zh: '开工、暂停、完工、自检、追加与领料', en: 'Start, pause, finish, self-check, extra work, parts' },
        icon: TabletOutlined,
        permission: 'job:work',
        load: () => import('../features/workshop/TechnicianPage'),
      },
      {
        path: '/workshop/team-check',
        label: { zh: '互检', en: 'Team-leader check' },
        description: { zh: '组长对自检合格的作业进行互检', en: 'Check jobs that passed the self-check' },
        icon: SafetyCertificateOutlined,
        permission: 'qc:team_check',
        load: () => import('../features/workshop/QcPage'),
      },
      {
        path: '/workshop/final-inspection',
        label: { zh: '终检', en: 'Final inspection' },
        description: { zh: '终检与检查清单设置', en: 'Final inspection and the checklists' },
        icon: FileProtectOutlined,
        permission: 'qc:final_inspect',
        load: () => import('../features/workshop/FinalInspectionPage'),
      },
      {
        path: '/workshop/figures',
        label: { zh: '车间指标', en: 'Workshop figures' },
        description: { zh: '一次修复率、内返率、工时效率与利用率、返修', en: 'First-time fix, rework, efficiency, utilisation, comebacks' },
        icon: LineChartOutlined,
        permission: 'workshop_report:read',
        load: () => import('../features/workshop/FiguresPage'),
      },
      {
        path: '/workshop/cases',
        label: { zh: '故障案例库', en: 'Case library' },
        description: { zh: '按车型和故障现象查找典型案例', en: 'Find hard cases by model and symptom' },
        icon: BookOutlined,
        permission: 'case:read',
        load: () => import('../features/workshop/CasesPage'),
      },
      {
        path: '/workshop/incidents',
        label: { zh: '质量安全事件', en: 'Incidents' },
        description: { zh: '车辆损伤、配件未装车、物品遗失的登记与跟进', en: 'Damage, parts not fitted, lost items: record and follow up' },
        icon: AlertOutlined,
        permission: 'incident:manage',
        load: () => import('../features/workshop/IncidentsPage'),
      },
    ],
  },
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
    key: 'parts',
    label: { zh: '配件', en: 'Parts' },
    icon: InboxOutlined,
    pages: [
      {
        path: '/parts/counter',
        label: { zh: '配件柜台', en: 'Parts counter' },
        description: { zh: '待发料申请、发料、退料与柜台销售', en: 'Requests to serve, issues, returns, counter sales' },
        icon: ShoppingCartOutlined,
        permission: 'stock:issue',
        load: () => import('../features/parts/CounterPage'),
      },
      {
        path: '/parts/stock',
        label: { zh: '库存查询', en: 'Stock' },
        description: { zh: '库存、库位、金额与出入库台账', en: 'Stock, locations, value and the ledger' },
        icon: ContainerOutlined,
        permission: 'stock:read',
        load: () => import('../features/parts/StockPage'),
      },
      {
        path: '/parts/catalog',
        label: { zh: '配件目录', en: 'Parts catalog' },
        description: { zh: '配件编号、价格、适用车型与 Excel 导入', en: 'Part numbers, prices, models, Excel import' },
        icon: ProfileOutlined,
        permission: 'part:read',
        load: () => import('../features/parts/CatalogPage'),
      },
      {
        path: '/parts/suggestions',
        label: { zh: '建议订货', en: 'Suggested orders' },
        description: { zh: '按安全库存计算补货数量', en: 'What to order from safety stock' },
        icon: CalculatorOutlined,
        permission: 'purchase:read',
        load: () => import('../features/parts/SuggestionsPage'),
      },
      {
        path: '/parts/purchase-orders',
        label: { zh: '采购订单', en: 'Purchase orders' },
        description: { zh: '下单、按订单收货与外采', en: 'Orders, receiving and outside purchases' },
        icon: FileDoneOutlined,
        permission: 'purchase:read',
        load: () => import('../features/parts/PurchaseOrdersPage'),
      },
      {
        path: '/parts/outside-approval',
        label: { zh: '外采审批', en: 'Outside purchases' },
        description: { zh: '车间确认外采配件质量', en: 'The workshop approves outside purchases' },
        icon: AuditOutlined,
        permission: 'purchase:approve_outside',
        load: () => import('../features/parts/OutsideApprovalPage'),
      },
      {
        path: '/parts/transfers',
        label: { zh: '门店调拨', en: 'Transfers' },
        description: { zh: '集团门店之间调拨配件', en: 'Parts moved between stores of the group' },
        icon: SwapOutlined,
        permission: 'stock:transfer',
        load: () => import('../features/parts/TransfersPage'),
      },
      {
        path: '/parts/old-parts',
        label: { zh: '旧件管理', en: 'Old parts' },
        description: { zh: '三包旧件保管、返厂与报废', en: 'Warranty old parts: kept, returned, scrapped' },
        icon: ToolTwoTone,
        permission: 'old_part:read',
        load: () => import('../features/parts/OldPartsPage'),
      },
      {
        path: '/parts/stocktakes',
        label: { zh: '库存盘点', en: 'Stocktake' },
        description: { zh: '盘点表、差异报告与审核', en: 'Count sheets, variance and approval' },
        icon: ReconciliationOutlined,
        permission: 'stocktake:count',
        load: () => import('../features/parts/StocktakesPage'),
      },
      {
        path: '/parts/dashboard',
        label: { zh: '配件看板', en: 'Parts dashboard' },
        description: { zh: '库存金额、满足率、周转率与呆滞', en: 'Stock value, fill rate, turnover, slow-moving' },
        icon: FundOutlined,
        permission: 'parts_report:read',
        load: () => import('../features/parts/DashboardPage'),
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
    path: '/reception',
    label: { zh: '接车', en: 'Reception' },
    description: { zh: '环车检查与开单', en: 'Walk-around and a new repair order' },
    icon: LoginOutlined,
    permission: 'repair_order:write',
    load: () => import('../features/repair-orders/ReceptionPage'),
  },
  {
    path: '/repair-orders/:id/print/:form',
    label: { zh: '打印表单', en: 'Print' },
    description: { zh: '委托书的打印表单（A4）', en: 'Printed forms of a repair order (A4)' },
    icon: PrinterOutlined,
    permission: 'repair_order:read',
    load: () => import('../features/repair-orders/PrintPage'),
  },
  {
    path: '/repair-orders/:id',
    label: { zh: '维修委托书', en: 'Repair order' },
    description: { zh: '委托书详情', en: 'Repair order' },
    icon: FileTextOutlined,
    permission: 'repair_order:read',
    load: () => import('../features/repair-orders/RepairOrderPage'),
  },
  {
    path: '/appointments/:id/print',
    label: { zh: '打印维修预约单', en: 'Print appointment' },
    description: { zh: '维修预约单（A4）', en: 'Appointment form (A4)' },
    icon: ScheduleOutlined,
    permission: 'appointment:read',
    load: () => import('../features/appointments/AppointmentPrintPage'),
  },
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
  {
    path: '/parts/stock/:id',
    label: { zh: '配件台账', en: 'Part' },
    description: { zh: '配件库存与出入库台账', en: 'A part’s stock and ledger' },
    icon: ContainerOutlined,
    permission: 'stock:read',
    load: () => import('../features/parts/PartPage'),
  },
  {
    path: '/parts/stocktakes/:id',
    label: { zh: '盘点单', en: 'Stocktake' },
    description: { zh: '盘点表与差异报告', en: 'Count sheet and variance' },
    icon: ReconciliationOutlined,
    permission: 'stocktake:count',
    load: () => import('../features/parts/StocktakePage'),
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
