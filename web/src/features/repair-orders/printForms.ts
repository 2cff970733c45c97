import type { RepairOrder } from '#contracts/repair-orders';
import type { Text } from '../../lib/i18n';

export type PrintFormKey = 'ro' | 'estimate' | 'additional-work' | 'settlement' | 'gate-pass' | 'belongings';

/** The printed forms of an RO (SPEC §18), in the order the print menu offers them. */
export const PRINT_FORMS: { key: PrintFormKey; label: Text; when: (ro: RepairOrder) => boolean }[] = [
  { key: 'ro', label: { zh: '进厂维修单', en: 'Repair order' }, when: () => true },
  { key: 'estimate', label: { zh: '维修估价单', en: 'Estimate' }, when: () => true },
  { key: 'additional-work', label: { zh: '维修追加项目单', en: 'Additional work' }, when: (ro) => ro.additionalWork.length > 0 },
  { key: 'settlement', label: { zh: '维修结算单', en: 'Settlement' }, when: (ro) => ro.settlement !== null },
  { key: 'gate-pass', label: { zh: '出厂通知单', en: 'Gate pass' }, when: (ro) => ro.settlement !== null && ro.settlement.reversedAt === null },
  { key: 'belongings', label: { zh: '随车物品清单', en: 'Belongings list' }, when: () => true },
];

export function isPrintForm(value: string | undefined): value is PrintFormKey {
  return PRINT_FORMS.some((f) => f.key === value);
}
