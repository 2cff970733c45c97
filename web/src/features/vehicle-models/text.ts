import type { Dict } from '../../lib/i18n';

export const VEHICLE_MODEL_TEXT = {
  title: { zh: '车型管理', en: 'Vehicle models' },
  description: {
    zh: '本店维修的品牌、车系与车型，以及各车型的保养周期（按月或按公里，先到为准）。',
    en: 'Brands, series and models serviced here, with each model\'s maintenance interval (months or km, whichever comes first).',
  },
  create: { zh: '新建车型', en: 'New vehicle model' },
  edit: { zh: '编辑车型', en: 'Edit vehicle model' },
  view: { zh: '查看车型', en: 'Vehicle model' },
  brand: { zh: '品牌', en: 'Brand' },
  series: { zh: '车系', en: 'Series' },
  model: { zh: '车型', en: 'Model' },
  modelHint: { zh: '例如 2.0G 豪华版', en: 'e.g. 2.0G Luxury' },
  year: { zh: '年款', en: 'Model year' },
  engine: { zh: '发动机', en: 'Engine' },
  engineHint: { zh: '例如 2.0L 自然吸气 / 1.5T', en: 'e.g. 2.0L NA / 1.5T' },
  interval: { zh: '保养周期', en: 'Maintenance interval' },
  intervalMonths: { zh: '保养周期（月）', en: 'Interval (months)' },
  intervalKm: { zh: '保养周期（公里）', en: 'Interval (km)' },
  months: { zh: '个月', en: 'months' },
  km: { zh: '公里', en: 'km' },
  intervalValue: { zh: '{months} 个月 / {km} 公里', en: '{months} months / {km} km' },
  search: { zh: '搜索品牌、车系或车型', en: 'Search brand, series or model' },
  empty: { zh: '还没有车型', en: 'No vehicle models yet' },
  emptyHint: { zh: '添加本店维修的车型和保养周期，保养提醒和保养套餐会用到它们。', en: 'Add the models you service and their intervals; reminders and packages use them.' },
  emptyHintReadOnly: { zh: '请联系售后经理或技术主管添加车型。', en: 'Ask the after-sales manager or technical supervisor to add models.' },
  deactivation: {
    zh: '停用后，新建档案和保养套餐时不能再选择该车型；已有车辆和历史记录不受影响。',
    en: 'The model can no longer be picked for new files or packages; existing vehicles and history are kept.',
  },
  exportName: { zh: '车型', en: 'Vehicle models' },
} satisfies Dict;
