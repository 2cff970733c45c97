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

const SURNAME_LIST = [...SURNAMES];
const GIVEN_LIST = [...GIVEN];

/** Surnames by frequency (the list is in order: 王, 李, 张 and 刘 are far more common than 汤). */
export function chineseName(r: Random): string {
  const given = r.chance(0.6) ? r.pick(GIVEN_LIST) + r.pick(GIVEN_LIST) : r.pick(GIVEN_LIST);
  return SURNAME_LIST[Math.floor(SURNAME_LIST.length * r.next() ** 2)]! + given;
}

const MOBILE_PREFIXES = ['130', '131', '132', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '158', '159', '177', '180', '181', '186', '187', '188', '189', '191', '199'];
export function mobile(r: Random): string {
  return r.pick(MOBILE_PREFIXES) + String(r.int(0, 99_999_999)).padStart(8, '0');
}

const PLATE_LETTERS = [...'ABCDEFGHJKLMNPQRSTUVWXYZ'];
const DIGITS = [...'0123456789'];

/**
 * A plate of `prefix` (province + city letter, 川A). Ordinary plates (7 characters) have five
 * serial characters of which at most two are letters, as issued since 2007 (自编号牌: 川A12345,
 * 川A3K829, 川AB7C21); new-energy plates (8 characters) are D/F + a letter or digit + four digits
 * for small cars (川AD12345, 川AFK2345) or five digits + D/F for large ones. `newEnergy` undefined:
 * about 1 in 6 is new-energy.
 */
export function plate(r: Random, prefix: string, newEnergy?: boolean): string {
  if (newEnergy ?? r.chance(0.16)) {
    if (r.chance(0.08)) return `${prefix}${digits(r, 5)}${r.pick(['D', 'F'])}`;
    return `${prefix}${r.pick(['D', 'D', 'D', 'F'])}${r.chance(0.25) ? r.pick(PLATE_LETTERS) : r.pick(DIGITS)}${digits(r, 4)}`;
  }
  const serial = Array.from({ length: 5 }, () => r.pick(DIGITS));
  const letters = r.chance(0.5) ? 0 : r.chance(0.75) ? 1 : 2;
  const positions = [0, 1, 2, 3, 4];
  for (let k = 0; k < letters; k++) {
    const at = positions.splice(Math.floor(r.next() * positions.length), 1)[0]!;
    serial[at] = r.pick(PLATE_LETTERS);
  }
  return prefix + serial.join('');
}

export function digits(r: Random, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += String(Math.floor(r.next() * 10));
  return out;
}

const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
export function vin(r: Random, wmi: string): string {
  const body = wmi + Array.from({ length: 14 }, () => r.pick([...VIN_CHARS])).join('');
  return body.slice(0, 8) + vinCheckDigit(body) + body.slice(9);
}

/** Model-year codes of VIN position 10 (no I, O, Q, U, Z, 0), 2010 = A … 2030 = Y, then 1–9. */
const YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY123456789';
export function modelYearCode(year: number): string {
  return YEAR_CODES[(((year - 2010) % 30) + 30) % 30]!;
}

/**
 * A VIN as Chinese plants number them: WMI, the model's descriptor (VDS, 5 characters), the check
 * digit, the model-year code, a plant code and a 6-digit serial (so 车架号后六位 are digits).
 */
export function structuredVin(r: Random, wmi: string, vds: string, year: number): string {
  const body = `${wmi}${vds}0${modelYearCode(year)}${r.pick(['C', 'S', 'N', 'H'])}${digits(r, 6)}`;
  return body.slice(0, 8) + vinCheckDigit(body) + body.slice(9);
}

export { PROVINCES };
