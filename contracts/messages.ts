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
  'list.duplicate': { zh: '列表中有重复项', en: 'This entry appears twice in the list' },
  'certification.expiryOrder': { zh: '到期日期不能早于发证日期', en: 'Expiry date cannot be before the certification date' },
  'phone.otherInvalid': { zh: '电话号码格式不正确', en: 'Invalid phone number' },
  'tag.invalid': { zh: '标签不能包含逗号或分号', en: 'A tag cannot contain commas or semicolons' },
  'customer.outletRequired': { zh: '来源为二级网点时请填写网点名称', en: 'Enter the name of the second-tier outlet' },
  'vehicle.identifier': { zh: 'VIN 码和车牌号至少填写一项', en: 'Enter the VIN or the plate number' },
  'odometer.reasonRequired': { zh: '里程低于上次读数，请填写原因', en: 'The reading is below the last one: give a reason' },
  'odometer.future': { zh: '读数时间不能晚于当前时间', en: 'The reading time cannot be in the future' },
  'segment.range': { zh: '最小值不能大于最大值', en: 'The minimum cannot exceed the maximum' },
  'import.required': { zh: '必填', en: 'Required' },
  'import.kind': { zh: '应为“个人”或“单位”', en: 'Must be 个人 (person) or 单位 (company)' },
  'import.source': { zh: '客户来源无效', en: 'Unknown source' },
  'import.yesNo': { zh: '应为“是”或“否”', en: 'Must be 是 (yes) or 否 (no)' },
  'import.number': { zh: '应为整数', en: 'Must be a whole number' },
  'import.model': { zh: '车型不存在', en: 'Unknown vehicle model' },
  'import.duplicateVin': { zh: '该 VIN 码已有车辆档案', en: 'A vehicle with this VIN exists already' },
  'import.duplicatePlate': { zh: '该车牌号已有车辆档案', en: 'A vehicle with this plate exists already' },
  'import.duplicateInFile': { zh: '与文件中前面的行重复', en: 'Repeats an earlier row of the file' },
  'import.tooLong': { zh: '内容过长', en: 'Too long' },
  // Parts (SPEC §13)
  'quantity.invalid': { zh: '数量格式不正确（最多三位小数）', en: 'Invalid quantity (at most 3 decimals)' },
  'quantity.positive': { zh: '数量应大于 0', en: 'The quantity must be above 0' },
  'quantity.whole': { zh: '该单位的配件只能按整数数量', en: 'This unit takes whole quantities only' },
  'partNo.invalid': { zh: '配件编号只能包含字母、数字、空格和 - . / _', en: 'A part number may contain letters, digits, spaces and - . / _ only' },
  'month.invalid': { zh: '月份格式应为 YYYY-MM', en: 'Month must be YYYY-MM' },
  'import.partOrigin': { zh: '应为“原厂件”或“副厂件”', en: 'Must be 原厂件 (OEM) or 副厂件 (aftermarket)' },
  'import.partUnit': { zh: '单位无效', en: 'Unknown unit' },
  'import.partCategory': { zh: '类别无效', en: 'Unknown category' },
  'import.money': { zh: '应为金额（元，最多两位小数）', en: 'Must be an amount in yuan (at most 2 decimals)' },
  'import.quantity': { zh: '应为数量（最多三位小数）', en: 'Must be a quantity (at most 3 decimals)' },
  // Service process (SPEC §4, §5, §7)
  'roLine.description': { zh: '请选择维修项目或填写项目说明', en: 'Pick a service item or describe the work' },
  'signature.invalid': { zh: '签名图片格式不正确', en: 'Invalid signature image' },
  'payment.positive': { zh: '金额应大于 0', en: 'The amount must be above 0' },
  'promisedAt.past': { zh: '预计交车时间不能早于当前时间', en: 'The promised time cannot be in the past' },
  'appointment.past': { zh: '不能预约已过去的时段', en: 'This slot is in the past' },
  'appointment.slotTime': { zh: '预约时间应在营业时间内，并与时段对齐', en: 'The time must fall on a slot within opening hours' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type MessageKey = keyof typeof MESSAGES;
export type Lang = 'zh' | 'en';

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(MESSAGES, value);
}

export function translate(keyOrText: string, lang: Lang): string {
  return isMessageKey(keyOrText) ? MESSAGES[keyOrText][lang] : keyOrText;
}
