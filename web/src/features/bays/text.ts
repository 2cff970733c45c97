import type { Dict } from '../../lib/i18n';

export const BAY_TEXT = {
  title: { zh: '工位管理', en: 'Bays' },
  description: {
    zh: '车间的工位及其类型；预约工位优先留给预约客户。停用的工位不再参与派工和预约。',
    en: 'The workshop\'s bays and their types; appointment bays are held for booked customers. Inactive bays are not dispatched or booked.',
  },
  create: { zh: '新建工位', en: 'New bay' },
  edit: { zh: '编辑工位', en: 'Edit bay' },
  view: { zh: '查看工位', en: 'Bay' },
  code: { zh: '工位编号', en: 'Bay number' },
  codeHint: { zh: '字母、数字、- 或 _，例如 K01', en: 'Letters, digits, - or _, e.g. K01' },
  name: { zh: '工位名称', en: 'Name' },
  type: { zh: '工位类型', en: 'Type' },
  reserved: { zh: '预约工位', en: 'Appointment bay' },
  reservedHint: { zh: '开启后，该工位优先保留给预约客户', en: 'Held for customers with an appointment' },
  search: { zh: '搜索工位编号或名称', en: 'Search number or name' },
  empty: { zh: '还没有工位', en: 'No bays yet' },
  emptyHint: { zh: '先添加车间的工位，派工和预约才能选择工位。', en: 'Add the workshop\'s bays so that dispatch and appointments can use them.' },
  emptyHintReadOnly: { zh: '请联系车间主管或售后经理添加工位。', en: 'Ask the workshop supervisor or manager to add bays.' },
  deactivation: {
    zh: '停用后，该工位不会再出现在派工和预约中；历史记录保留，可随时重新启用。',
    en: 'The bay will no longer be offered for dispatch or appointments; its history is kept and it can be activated again.',
  },
  exportName: { zh: '工位', en: 'Bays' },
} satisfies Dict;
