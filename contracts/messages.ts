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
  // Monthly reports and improvement actions (SPEC §17)
  'evidence.invalid': { zh: '附件格式不正确', en: 'Invalid attachment' },
  // KPIs and reports (SPEC §16, §17)
  'kpi.code': { zh: '指标代码无效', en: 'Unknown KPI code' },
  'period.tooLong': { zh: '期间不能超过两年', en: 'The period cannot exceed two years' },
  'appointment.slotTime': { zh: '预约时间应在营业时间内，并与时段对齐', en: 'The time must fall on a slot within opening hours' },
  // Complaints, messages and manufacturer scores (SPEC §8–§10)
  'complaint.required': { zh: '必填', en: 'Required' },
  'complaint.satisfactionRequired': { zh: '请选择客户对处理的满意度', en: 'Choose the customer’s satisfaction with the handling' },
  'complaint.periodTooLong': { zh: '统计期间最长 400 天', en: 'The period may be at most 400 days' },
  'template.unknownVariable': { zh: '模板中有未知变量，可用变量：{客户} {车牌} {时间} {门店}', en: 'Unknown variable in the template; use {客户} {车牌} {时间} {门店}' },
  'outbox.webhookUrl': { zh: '请填写以 http:// 或 https:// 开头的网关地址', en: 'Enter a gateway URL starting with http:// or https://' },
  'css.weightsSum': { zh: '各项权重之和应为 100%', en: 'The weights must add up to 100%' },
  'scores.rangeTooLong': { zh: '最多查询 60 个月', en: 'At most 60 months at a time' },
  'pt.passedOverItems': { zh: '通过项数不能大于项目数', en: 'Passed items cannot exceed the item count' },
  // Follow-up calls and questionnaires (SPEC §8, §10)
  'care.questionCode': { zh: '题目编码只能包含小写字母、数字和 _', en: 'A question code may contain lower-case letters, digits and _ only' },
  'care.choiceOptions': { zh: '单选题至少需要两个选项', en: 'A choice question needs at least two options' },
  'care.unknownQuestion': { zh: '问卷中没有这道题', en: 'No such question in the questionnaire' },
  'care.answerType': { zh: '答案与题型不符', en: 'The answer does not fit the question type' },
  'care.answerRequired': { zh: '此题必答', en: 'This question must be answered' },
  'care.answersNeedReached': { zh: '只有接通的电话才能记录答案、投诉或请求', en: 'Answers, complaints and requests need a call that reached the customer' },
  'care.giveUpOrReschedule': { zh: '放弃任务与改约不能同时选择', en: 'Give up or reschedule, not both' },
  'care.lossReasonNeedsReached': { zh: '只有接通的流失客户回访才能记录流失原因', en: 'A loss reason needs a recall call that reached the customer' },
  'care.lossDestination': { zh: '只有“在其他店保养/维修”或“其他”才能填写去向', en: 'A destination goes with “serviced at another dealer” or “other” only' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type MessageKey = keyof typeof MESSAGES;
export type Lang = 'zh' | 'en';

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(MESSAGES, value);
}

export function translate(keyOrText: string, lang: Lang): string {
  return isMessageKey(keyOrText) ? MESSAGES[keyOrText][lang] : keyOrText;
}
