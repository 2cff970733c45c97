import type { Dict } from '../../lib/i18n';

export const STORE_TEXT = {
  title: { zh: '门店管理', en: 'Stores' },
  description: {
    zh: '集团下的门店：联系方式、时区、营业时间和各作业类型的工时单价。',
    en: 'The group\'s stores: contact details, time zone, opening hours and the labour rate of each job type.',
  },
  create: { zh: '新建门店', en: 'New store' },
  edit: { zh: '编辑门店', en: 'Edit store' },
  view: { zh: '查看门店', en: 'Store' },
  code: { zh: '门店编码', en: 'Code' },
  codeHint: { zh: '字母、数字、- 或 _，例如 CD01；用于单据编号', en: 'Letters, digits, - or _, e.g. CD01; used in document numbers' },
  name: { zh: '门店名称', en: 'Name' },
  brand: { zh: '品牌', en: 'Brand' },
  address: { zh: '地址', en: 'Address' },
  phone: { zh: '服务电话', en: 'Service phone' },
  timeZone: { zh: '时区', en: 'Time zone' },
  timeZoneHint: { zh: '“今天”“本月”等按门店时区计算', en: '“Today” and “this month” are counted in this zone' },
  openingHours: { zh: '营业时间', en: 'Opening hours' },
  to: { zh: '至', en: 'to' },
  labourRates: { zh: '工时单价', en: 'Labour rates' },
  labourRatesHint: { zh: '每小时工时费（元），按作业类型分别设置', en: 'Labour charge per hour (¥), per job type' },
  perHour: { zh: '/小时', en: '/h' },
  basics: { zh: '基本信息', en: 'Basics' },
  search: { zh: '搜索门店编码、名称或地址', en: 'Search code, name or address' },
  empty: { zh: '还没有门店', en: 'No stores yet' },
  emptyHint: { zh: '新建门店后，再在“用户管理”中为员工分配该门店的岗位。', en: 'Create a store, then give staff a role in it under Users.' },
  deactivation: {
    zh: '停用后，该门店的所有用户将无法再登录到此门店；数据全部保留，可随时重新启用。',
    en: 'Nobody can sign in to this store any more; all its data is kept and it can be activated again.',
  },
  exportName: { zh: '门店', en: 'Stores' },
} satisfies Dict;
