import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import updateLocale from 'dayjs/plugin/updateLocale';
import type { Lang } from '../lib/i18n';

dayjs.extend(updateLocale);
// Weeks start on Monday in both languages (zh-cn already does; English must be told).
dayjs.updateLocale('en', { weekStart: 1 });

export function applyDayjsLocale(lang: Lang): void {
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
}
