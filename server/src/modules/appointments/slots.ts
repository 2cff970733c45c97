import type { OpeningHours } from '#contracts/stores';

/** The slots of a store's day: aligned to the slot length from opening, each ending by closing. */

const pad = (n: number) => String(n).padStart(2, '0');
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmmOf = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/** The start times of a day's slots: from opening, every `slotMinutes`, each ending by closing. */
export function slotTimes(hours: OpeningHours, slotMinutes: number): string[] {
  const times: string[] = [];
  for (let t = minutesOf(hours.opens); t + slotMinutes <= minutesOf(hours.closes); t += slotMinutes) times.push(hhmmOf(t));
  return times;
}

export function isSlotTime(time: string, hours: OpeningHours, slotMinutes: number): boolean {
  return slotTimes(hours, slotMinutes).includes(time);
}
