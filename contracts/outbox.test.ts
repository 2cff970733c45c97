import { describe, expect, it } from 'vitest';
import { inQuietHours, renderTemplate, retryDelaySeconds, templateVariables, unknownVariables } from './outbox';

describe('message templates', () => {
  it('finds variables, refuses unknown ones and fills the known', () => {
    const body = '尊敬的{客户}，您的{车牌}已于{时间}完工，{门店}欢迎您。{客户}';
    expect(templateVariables(body)).toEqual(['客户', '车牌', '时间', '门店']);
    expect(unknownVariables(body)).toEqual([]);
    expect(unknownVariables('您的{车型}与{ 客户 }')).toEqual(['车型', ' 客户 ']);
    expect(renderTemplate(body, { 客户: '张三', 车牌: '川A·12345', 时间: '15:00', 门店: '成都一店' })).toBe('尊敬的张三，您的川A·12345已于15:00完工，成都一店欢迎您。张三');
    expect(renderTemplate('{客户}/{车牌}', { 客户: '李四' })).toBe('李四/');
  });
});

describe('quiet hours and retries', () => {
  it('knows quiet hours across midnight and within a day', () => {
    expect(inQuietHours('21:00', '21:00', '08:00')).toBe(true);
    expect(inQuietHours('03:00', '21:00', '08:00')).toBe(true);
    expect(inQuietHours('08:00', '21:00', '08:00')).toBe(false);
    expect(inQuietHours('12:45', '12:00', '13:30')).toBe(true);
    expect(inQuietHours('20:59', '21:00', '08:00')).toBe(false);
    expect(inQuietHours('10:00', '00:00', '00:00')).toBe(false);
  });

  it('backs off exponentially, at most an hour', () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n, 60))).toEqual([60, 120, 240, 480]);
    expect(retryDelaySeconds(12, 60)).toBe(3600);
  });
});
