/**
 * Validation messages that our own schemas raise, by key, in both UI languages. Schemas put the key
 * in `error`; the server's error handler and the web forms translate it. Messages of zod's own
 * checks (too short, wrong type…) come from zod's locales.
 */
export const MESSAGES = {
  'time.hhmm': { zh: '时间格式应为 HH:mm', en: 'Time must be HH:mm' },
  'openingHours.order': { zh: '关门时间应晚于开门时间', en: 'Closing time must be after opening time' },
  'password.tooShort': { zh: '密码至少 10 个字符', en: 'Password must have at least 10 characters' },
  'phone.invalid': { zh: '手机号格式不正确', en: 'Invalid mobile number' },
  'plate.invalid': { zh: '车牌号格式不正确', en: 'Invalid plate number' },
  'vin.invalid': { zh: 'VIN 码格式不正确（17 位，不含 I、O、Q）', en: 'Invalid VIN (17 characters, no I, O, Q)' },
  'vin.checkDigit': { zh: 'VIN 码校验位不正确', en: 'VIN check digit is wrong' },
  'code.invalid': { zh: '编码只能包含字母、数字、- 和 _', en: 'Code may contain letters, digits, - and _ only' },
  'timezone.invalid': { zh: '时区无效', en: 'Unknown time zone' },
  'date.order': { zh: '结束日期应晚于开始日期', en: 'End date must be after start date' },
  'sort.invalid': { zh: '排序字段无效', en: 'Invalid sort field' },
  'login.username': { zh: '请输入用户名', en: 'Enter your user name' },
  'date.invalid': { zh: '日期格式应为 YYYY-MM-DD', en: 'Date must be YYYY-MM-DD' },
  'hours.invalid': { zh: '工时格式不正确（最多两位小数）', en: 'Invalid hours (at most 2 decimals)' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type MessageKey = keyof typeof MESSAGES;
export type Lang = 'zh' | 'en';

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(MESSAGES, value);
}

export function translate(keyOrText: string, lang: Lang): string {
  return isMessageKey(keyOrText) ? MESSAGES[keyOrText][lang] : keyOrText;
}
