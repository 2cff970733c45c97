import { describe, expect, it } from 'vitest';
import { matchRange, splitMatch } from './highlight';

describe('search highlight', () => {
  it('finds a plate fragment in any case, across the separator dot', () => {
    expect(splitMatch('川A·12345', 'a123')).toEqual(['川', 'A·123', '45']);
    expect(splitMatch('川A·12345', '川a12')).toEqual(['', '川A·12', '345']);
    expect(splitMatch('川A·E2E01', 'e2e01')).toEqual(['川A·', 'E2E01', '']);
  });
  it('finds digits of a masked phone and VIN tails', () => {
    expect(splitMatch('138****5678', '5678')).toEqual(['138****', '5678', '']);
    expect(splitMatch('丰田 卡罗拉 · 张三 · VIN …202363', '202363')).toEqual(['丰田 卡罗拉 · 张三 · VIN …', '202363', '']);
  });
  it('finds Chinese names and says nothing for pinyin initials', () => {
    expect(splitMatch('张三', '张')).toEqual(['', '张', '三']);
    expect(matchRange('张三', 'zs')).toBeNull();
    expect(matchRange('川A·12345', ' ')).toBeNull();
  });
});
