import { PROVINCES, vinCheckDigit } from '#contracts/vehicle';

/** mulberry32: a tiny seeded PRNG, so the demo and benchmark data are the same on every machine. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红鹏建华飞鑫波斌宇浩凯婷雪琳晨阳辉宁欣颖佳俊帅博文晓东海燕志强春梅丹丹';

export function chineseName(r: Random): string {
  const given = r.chance(0.6) ? r.pick([...GIVEN]) + r.pick([...GIVEN]) : r.pick([...GIVEN]);
  return r.pick([...SURNAMES]) + given;
}

const MOBILE_PREFIXES = ['130', '131', '132', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '158', '159', '177', '180', '181', '186', '187', '188', '189', '191', '199'];
export function mobile(r: Random): string {
  return r.pick(MOBILE_PREFIXES) + String(r.int(0, 99_999_999)).padStart(8, '0');
}

const PLATE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
const DIGITS = '0123456789';
/** A plate of `province`+`city letter`; about 1 in 6 is an 8-character new-energy plate. */
export function plate(r: Random, prefix: string): string {
  if (r.chance(0.16)) return `${prefix}${r.pick(['D', 'F'])}${Array.from({ length: 5 }, () => r.pick([...DIGITS])).join('')}`;
  return prefix + Array.from({ length: 5 }, () => r.pick([...PLATE_CHARS])).join('');
}

const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
export function vin(r: Random, wmi: string): string {
  const body = wmi + Array.from({ length: 14 }, () => r.pick([...VIN_CHARS])).join('');
  return body.slice(0, 8) + vinCheckDigit(body) + body.slice(9);
}

export { PROVINCES };
