import { parseIsoDate, weekdayOf } from "../domain/dates";
import type { Language } from "./catalog";

const weekdayNames: Record<Language, readonly string[]> = {
  nb: ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"],
  nn: ["måndag", "tysdag", "onsdag", "torsdag", "fredag", "laurdag", "sundag"],
  en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
};

/** Monday = 0, as the domain counts weekdays. */
export function weekdayName(date: string, language: Language): string {
  return weekdayNames[language][weekdayOf(parseIsoDate(date))]!;
}

/** «14.11.2026» — with the year, for documents that leave Nærvær (the elevmappe). */
export function fullDate(date: string): string {
  const [year, month, day] = date.split("-");
  return `${day}.${month}.${year}`;
}

/** «14.11» — the short form Norwegian schools write dates in. */
export function shortDate(date: string): string {
  const [, month, day] = date.split("-");
  return `${day}.${month}`;
}
