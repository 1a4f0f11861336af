import type { AbsenceEvent, AbsenceReason } from "../src/domain/absence";
import { createSchoolCalendar, type SchoolCalendar } from "../src/domain/calendar";
import { type EpochDay, formatIsoDate, parseIsoDate } from "../src/domain/dates";
import type { RegistrationColumns } from "../src/domain/evaluation";
import { filterCodeOf } from "../src/domain/evaluation/compile";
import type { School } from "../src/domain/roster";

/**
 * A deterministic, national-scale school year of absence registrations for the ladder benchmark.
 *
 * Every pupil's registrations depend only on (seed, pupil number), so a small run is the first pupils of the
 * national one. The year is held as columns in typed arrays, ordered by pupil and day: the engine's bulk
 * input and what DuckDB loads. `buildEvents` turns the same rows into AbsenceEvent objects (what evaluate()
 * takes from the store), and the new day's registrations arrive as AbsenceEvent objects, as from a school system.
 *
 * The distribution is shaped after Norwegian grunnskole statistics: most pupils have a few absence days a year,
 * a long tail has 20+ days. Days come as illness episodes (often sharing an episodeId, more of them in winter),
 * single sick days, appointments, permisjon (agreed), travel, and undocumented days; there are lesson
 * absences by subject (some pupils avoid one subject), late arrivals, «not in class» and «left school»
 * registrations, a few duplicate registrations of one day, and a few registrations on closed days.
 */

/** Ladder groups: the schools of each group use that preset and its municipality's school calendar. */
export const ladderGroups = ["orland-skole", "molde-nordbyen"] as const;
export const ORLAND = 0;
export const MOLDE = 1;

export const KIND = { day: 0, lesson: 1, late: 2, left: 3, not_in_class: 4 } as const;
export const REASON: Record<AbsenceReason, number> = {
  illness: 0,
  leave: 1,
  travel: 2,
  appointment: 3,
  other: 4,
  unknown: 5,
};
const kindNames = ["day", "lesson", "late", "left", "not_in_class"] as const;
const reasonNames: readonly AbsenceReason[] = ["illness", "leave", "travel", "appointment", "other", "unknown"];

export const subjects = [
  "Norsk",
  "Matematikk",
  "Engelsk",
  "Naturfag",
  "Samfunnsfag",
  "KRLE",
  "Kroppsøving",
  "Kunst og håndverk",
  "Musikk",
  "Mat og helse",
  "Valgfag",
] as const;

/** School calendars 2025/26 in the shape municipalities publish them (skoleruta); public holidays come from the calendar itself. */
export const benchSchools: readonly School[] = [
  {
    id: "orland-skolerute",
    name: "Ørland (skolerute 2025/26)",
    municipality: "Ørland",
    ladder: "orland-skole",
    timeZone: "Europe/Oslo",
    schoolYearStart: "2025-08-18",
    holidays: [
      { from: "2025-09-29", to: "2025-10-03", name: "Høstferie" },
      { from: "2025-11-17", to: "2025-11-17", name: "Planleggingsdag" },
      { from: "2025-12-22", to: "2026-01-02", name: "Juleferie" },
      { from: "2026-02-23", to: "2026-02-27", name: "Vinterferie" },
      { from: "2026-03-30", to: "2026-04-03", name: "Påskeferie" },
      { from: "2026-06-20", to: "2026-08-16", name: "Sommerferie" },
    ],
  },
  {
    id: "molde-skolerute",
    name: "Molde (skolerute 2025/26)",
    municipality: "Molde",
    ladder: "molde-nordbyen",
    timeZone: "Europe/Oslo",
    schoolYearStart: "2025-08-19",
    holidays: [
      { from: "2025-10-06", to: "2025-10-10", name: "Høstferie" },
      { from: "2025-12-19", to: "2026-01-04", name: "Juleferie" },
      { from: "2026-02-16", to: "2026-02-20", name: "Vinterferie" },
      { from: "2026-03-30", to: "2026-04-03", name: "Påskeferie" },
      { from: "2026-05-15", to: "2026-05-15", name: "Inneklemt dag" },
      { from: "2026-06-20", to: "2026-08-17", name: "Sommerferie" },
    ],
  },
];

/** The last school day of the year: the "new day" of the incremental run. The full run is as of the school day before. */
export const lastSchoolDay = "2026-06-19";

export interface GroupCalendar {
  school: School;
  calendar: SchoolCalendar;
  yearStart: EpochDay;
  /** School days from yearStart to the last school day, in order. */
  schoolDays: Int32Array;
  /** Closed days (weekends, holidays) inside the year, for the odd registration on a closed day. */
  closedDays: Int32Array;
  /** First day of term 2 (1 January). */
  term2: EpochDay;
}

export interface BenchData {
  pupils: number;
  schools: number;
  seed: number;
  pupilIds: string[];
  pupilSchool: Int32Array;
  schoolIds: string[];
  /** Ladder group (ORLAND/MOLDE) of each school and of each pupil. */
  schoolGroup: Uint8Array;
  pupilGroup: Uint8Array;
  groups: GroupCalendar[];
  /** The incremental run's day (the last school day), and the full run's asOf (the school day before it), per group. */
  newDay: EpochDay;
  fullAsOf: EpochDay[];
  newDayIso: string;
  fullAsOfIso: string[];

  /** Registrations as columns, ordered by pupil, then day. `pupilStart[p]..pupilStart[p+1]` are pupil p's rows. */
  rows: number;
  pupilStart: Int32Array;
  /** End of pupil p's rows before the new day: rows on the new day come last in each pupil's range. */
  baseEnd: Int32Array;
  regPupil: Int32Array;
  regGroup: Uint8Array;
  regDay: Int32Array;
  regKind: Uint8Array;
  /** -1 not given, 0 undocumented, 1 documented. */
  regDocumented: Int8Array;
  /** -1 no reason, else REASON code. */
  regReason: Int8Array;
  regAgreed: Uint8Array;
  /** -1 none, else a national episode number (index into episodeIds). */
  regEpisode: Int32Array;
  /** Lessons of a lesson registration (0 otherwise). */
  regLessons: Uint8Array;
  /** Minutes late of a late arrival (0 otherwise). */
  regMinutes: Uint8Array;
  /** -1 none, else index into `subjects`. */
  regSubject: Int8Array;
  /** episodeId of each national episode number. */
  episodeIds: string[];
  /** The same columns in the engine's bulk format (shares the arrays). */
  columns: RegistrationColumns;

  /** The new day's registrations, as the school systems deliver them (school by school, pupil by pupil). */
  newDayEvents: AbsenceEvent[];
}

// ---------------------------------------------------------------------------------------------
// Random numbers: a small, fast, seedable generator per pupil.

class Random {
  private s: number;
  constructor(seed: number) {
    // splitmix-style scramble so neighbouring pupils get unrelated streams.
    let z = (seed + 0x9e3779b9) | 0;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    this.s = (z ^ (z >>> 16)) | 0 || 1;
  }
  /** Uniform in [0, 1). */
  next(): number {
    // mulberry32
    let t = (this.s = (this.s + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
  /** Gamma(shape k ≥ 1, scale θ) by Marsaglia–Tsang. */
  gamma(k: number, theta: number): number {
    const d = k - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = this.normal();
      const v0 = 1 + c * x;
      if (v0 <= 0) continue;
      const v = v0 * v0 * v0;
      const u = this.next();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v * theta;
    }
  }
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 60) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }
  pick<T>(values: readonly T[]): T {
    return values[this.int(values.length)] as T;
  }
}

// ---------------------------------------------------------------------------------------------
// Calendars.

function groupCalendar(school: School): GroupCalendar {
  const calendar = createSchoolCalendar(school);
  const yearStart = parseIsoDate(school.schoolYearStart as string);
  const last = parseIsoDate(lastSchoolDay);
  const days: number[] = [];
  const closed: number[] = [];
  for (let d = yearStart; d <= last; d++) (calendar.isSchoolEpochDay(d) ? days : closed).push(d);
  return {
    school,
    calendar,
    yearStart,
    schoolDays: Int32Array.from(days),
    closedDays: Int32Array.from(closed),
    term2: parseIsoDate("2026-01-01"),
  };
}

/** Relative chance that an illness starts in each month (index 0 = January): winter peaks, little in June. */
const illnessSeason = [1.5, 1.6, 1.4, 1.1, 0.8, 0.5, 0.3, 0.6, 0.8, 1.0, 1.3, 1.4];
const maxSeason = 1.6;

function monthOf(day: EpochDay): number {
  return Number(formatIsoDate(day).slice(5, 7)) - 1;
}

// ---------------------------------------------------------------------------------------------
// Generation.

/** Row buffer that grows; one per generation run. */
class Columns {
  n = 0;
  pupil = new Int32Array(1 << 16);
  group = new Uint8Array(1 << 16);
  day = new Int32Array(1 << 16);
  kind = new Uint8Array(1 << 16);
  documented = new Int8Array(1 << 16);
  reason = new Int8Array(1 << 16);
  agreed = new Uint8Array(1 << 16);
  episode = new Int32Array(1 << 16);
  lessons = new Uint8Array(1 << 16);
  minutes = new Uint8Array(1 << 16);
  subject = new Int8Array(1 << 16);

  push(
    pupil: number,
    group: number,
    day: number,
    kind: number,
    documented: number,
    reason: number,
    agreed: number,
    episode: number,
    lessons: number,
    subject: number,
  ): void {
    if (this.n === this.pupil.length) this.grow();
    const i = this.n++;
    this.pupil[i] = pupil;
    this.group[i] = group;
    this.day[i] = day;
    this.kind[i] = kind;
    this.documented[i] = documented;
    this.reason[i] = reason;
    this.agreed[i] = agreed;
    this.episode[i] = episode;
    // Late arrivals carry minutes in the lessons slot while generating; split here.
    this.lessons[i] = kind === KIND.lesson ? lessons : 0;
    this.minutes[i] = kind === KIND.late ? lessons : 0;
    this.subject[i] = subject;
  }

  private grow(): void {
    const size = Math.ceil(this.pupil.length * 1.5);
    const grow = <T extends Int32Array | Uint8Array | Int8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.pupil = grow(this.pupil, (n) => new Int32Array(n));
    this.group = grow(this.group, (n) => new Uint8Array(n));
    this.day = grow(this.day, (n) => new Int32Array(n));
    this.kind = grow(this.kind, (n) => new Uint8Array(n));
    this.documented = grow(this.documented, (n) => new Int8Array(n));
    this.reason = grow(this.reason, (n) => new Int8Array(n));
    this.agreed = grow(this.agreed, (n) => new Uint8Array(n));
    this.episode = grow(this.episode, (n) => new Int32Array(n));
    this.lessons = grow(this.lessons, (n) => new Uint8Array(n));
    this.minutes = grow(this.minutes, (n) => new Uint8Array(n));
    this.subject = grow(this.subject, (n) => new Int8Array(n));
  }
}

/** One pupil's registrations before sorting: parallel small arrays. */
interface PupilRows {
  day: number[];
  kind: number[];
  documented: number[];
  reason: number[];
  agreed: number[];
  episode: number[];
  lessons: number[];
  subject: number[];
}

const FREE = 0;
const ILL = 1;
const OTHER = 2;

/**
 * Generates one pupil's year into `rows` (unsorted). `nextEpisode` hands out national episode numbers.
 * Whole-day absences never overlap except for deliberate duplicate registrations, and illness stretches that
 * carry different episode ids are kept at least one school day apart (two different illnesses are not one episode).
 */
function generatePupil(rng: Random, cal: GroupCalendar, rows: PupilRows, nextEpisode: () => number): void {
  const days = cal.schoolDays;
  const nDays = days.length;
  // Occupancy of each school day by whole-day absence, and the episode of illness days (-1 none).
  const occupied = new Uint8Array(nDays);
  const episodeOf = new Int32Array(nDays).fill(-1);
  const push = rowPusher(rows);

  // Absence propensity: most pupils a few days, a long tail.
  const u = rng.next();
  const targetDays = Math.min(
    120,
    Math.round(u < 0.8 ? rng.gamma(1.5, 2.4) : u < 0.95 ? rng.gamma(2, 4.2) : rng.gamma(3, 8.5)),
  );
  const undocumentedBias = rng.chance(0.1) ? 0.45 : 0.06;

  const free = (from: number, length: number): boolean => {
    if (from < 0 || from + length > nDays) return false;
    for (let i = from; i < from + length; i++) if (occupied[i] !== FREE) return false;
    return true;
  };
  /** An illness stretch may not touch another illness with a different episode id. */
  const illnessFits = (from: number, length: number, episode: number): boolean => {
    if (!free(from, length)) return false;
    for (const n of [from - 1, from + length]) {
      if (n < 0 || n >= nDays || occupied[n] !== ILL) continue;
      if (episode >= 0 || (episodeOf[n] as number) >= 0) return false;
    }
    return true;
  };
  const seasonalStart = (): number => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const i = rng.int(nDays);
      if (rng.next() * maxSeason < (illnessSeason[monthOf(days[i] as number)] as number)) return i;
    }
    return rng.int(nDays);
  };

  let placed = 0;
  let attempts = 0;
  while (placed < targetDays && attempts++ < targetDays * 6 + 10) {
    const r = rng.next();
    if (r < 0.52) {
      // Illness: single sick days and episodes of several days.
      const l = rng.next();
      const length = l < 0.45 ? 1 : l < 0.7 ? 2 : l < 0.85 ? 3 : l < 0.93 ? 4 : l < 0.98 ? 5 : 6 + rng.int(10);
      const episode = length >= 2 && rng.chance(0.7) ? nextEpisode() : -1;
      const start = seasonalStart();
      if (!illnessFits(start, length, episode)) continue;
      const documented = rng.chance(0.9) ? 1 : 0;
      for (let i = start; i < start + length; i++) {
        occupied[i] = ILL;
        episodeOf[i] = episode;
        // Some systems send the episode without repeating the reason code.
        const reason = episode >= 0 && rng.chance(0.1) ? -1 : REASON.illness;
        push(days[i] as number, KIND.day, documented, reason, 0, episode, 0, -1);
      }
      placed += length;
      // The same illness back after a day or two at school: one episode across the gap.
      if (episode >= 0 && rng.chance(0.08)) {
        const again = start + length + 1 + rng.int(2);
        const more = 1 + rng.int(2);
        if (illnessFits(again, more, episode)) {
          for (let i = again; i < again + more; i++) {
            occupied[i] = ILL;
            episodeOf[i] = episode;
            push(days[i] as number, KIND.day, documented, REASON.illness, 0, episode, 0, -1);
          }
          placed += more;
        }
      }
    } else if (r < 0.66) {
      const i = rng.int(nDays);
      if (!free(i, 1)) continue;
      occupied[i] = OTHER;
      push(days[i] as number, KIND.day, 1, REASON.appointment, 0, -1, 0, -1);
      placed++;
    } else if (r < 0.74) {
      // Permisjon: agreed with the school, sometimes several days.
      const length = rng.chance(0.7) ? 1 : 2 + rng.int(4);
      const i = rng.int(nDays);
      if (!free(i, length)) continue;
      for (let k = i; k < i + length; k++) {
        occupied[k] = OTHER;
        push(days[k] as number, KIND.day, 1, REASON.leave, 1, -1, 0, -1);
      }
      placed += length;
    } else if (r < 0.8) {
      // Travel outside the holidays, often several days, not always documented.
      const length = 1 + rng.int(5);
      const i = rng.int(nDays);
      if (!free(i, length)) continue;
      const documented = rng.chance(0.5) ? 1 : 0;
      for (let k = i; k < i + length; k++) {
        occupied[k] = OTHER;
        push(days[k] as number, KIND.day, documented, REASON.travel, 0, -1, 0, -1);
      }
      placed += length;
    } else if (r < 0.88) {
      // Reason «annet».
      const i = rng.int(nDays);
      if (!free(i, 1)) continue;
      occupied[i] = OTHER;
      push(days[i] as number, KIND.day, rng.chance(0.7) ? 1 : 0, REASON.other, 0, -1, 0, -1);
      placed++;
    } else {
      // No reason given; undocumented for pupils who skip.
      const i = rng.int(nDays);
      if (!free(i, 1)) continue;
      occupied[i] = OTHER;
      push(days[i] as number, KIND.day, rng.chance(undocumentedBias + 0.4) ? 0 : 1, -1, 0, -1, 0, -1);
      placed++;
    }
  }

  addRegistrations(rng, cal, rows, occupied, push);
}

/** Writes one registration into a pupil's rows (see PupilRows). */
function rowPusher(rows: PupilRows): PushRow {
  return (day, kind, documented, reason, agreed, episode, lessons, subject) => {
    rows.day.push(day);
    rows.kind.push(kind);
    rows.documented.push(documented);
    rows.reason.push(reason);
    rows.agreed.push(agreed);
    rows.episode.push(episode);
    rows.lessons.push(lessons);
    rows.subject.push(subject);
  };
}

type PushRow = (
  day: number,
  kind: number,
  documented: number,
  reason: number,
  agreed: number,
  episode: number,
  lessons: number,
  subject: number,
) => void;

/**
 * The rest of a pupil's year, after the whole-day absences: second registrations of a day, lesson absence, late
 * arrivals, the few not in class or leaving school, and the odd registration on a closed day. `occupied`: each
 * school day's whole-day absence (FREE, ILL, OTHER).
 */
function addRegistrations(rng: Random, cal: GroupCalendar, rows: PupilRows, occupied: Uint8Array, push: PushRow): void {
  const days = cal.schoolDays;
  const nDays = days.length;
  // A second registration for an already registered day (teacher marks it undocumented, parents report later).
  const dayRows = rows.day.length;
  for (let k = 0; k < dayRows; k++) {
    if (!rng.chance(0.015)) continue;
    const reason = rows.reason[k] as number;
    const episode = rows.episode[k] as number;
    push(
      rows.day[k] as number,
      KIND.day,
      0,
      reason === REASON.illness ? REASON.illness : -1,
      0,
      reason === REASON.illness ? episode : -1,
      0,
      -1,
    );
  }

  // Lesson absence by subject; some pupils avoid one subject.
  const v = rng.next();
  const lessonCount = rng.poisson(v < 0.7 ? 1.1 : v < 0.95 ? 3.5 : 11);
  const avoided = rng.chance(0.25) ? rng.int(subjects.length) : -1;
  for (let k = 0; k < lessonCount; k++) {
    const i = rng.int(nDays);
    if (occupied[i] !== FREE) continue;
    const subject = avoided >= 0 && rng.chance(0.6) ? avoided : rng.int(subjects.length);
    const w = rng.next();
    const lessons = w < 0.6 ? 1 : w < 0.9 ? 2 : 3;
    const documented = rng.chance(0.7) ? 1 : 0;
    const reason =
      documented === 1 ? (rng.chance(0.5) ? REASON.appointment : REASON.illness) : rng.chance(0.1) ? REASON.other : -1;
    push(days[i] as number, KIND.lesson, documented, reason, 0, -1, lessons, subject);
  }

  // Late arrivals.
  const w = rng.next();
  const lateCount = rng.poisson(w < 0.6 ? 0.8 : w < 0.9 ? 2.5 : 8);
  for (let k = 0; k < lateCount; k++) {
    const i = rng.int(nDays);
    if (occupied[i] !== FREE) continue;
    push(days[i] as number, KIND.late, -1, -1, 0, -1, 5 + rng.int(26), -1);
  }

  // At school but not in class, and leaving school: a small group.
  if (rng.chance(0.03)) {
    const count = rng.poisson(4);
    for (let k = 0; k < count; k++) {
      const i = rng.int(nDays);
      if (occupied[i] === FREE) push(days[i] as number, KIND.not_in_class, -1, -1, 0, -1, 0, -1);
    }
  }
  if (rng.chance(0.03)) {
    const count = rng.poisson(2);
    for (let k = 0; k < count; k++) {
      const i = rng.int(nDays);
      if (occupied[i] === FREE) push(days[i] as number, KIND.left, -1, -1, 0, -1, 0, -1);
    }
  }

  // The odd registration on a closed day (a weekend or a holiday): the engine ignores it, so must SQL.
  if (rng.chance(0.02)) push(cal.closedDays[rng.int(cal.closedDays.length)] as number, KIND.day, 0, -1, 0, -1, 0, -1);
}

/** Registration id: fixed width, so ids sort in row order (the engine orders a day's registrations by id). */
function idOf(row: number): string {
  return `r${row.toString(36).padStart(6, "0")}`;
}

function eventOf(data: BenchData, row: number, pupilId: string, schoolId: string): AbsenceEvent {
  // Object literals per shape, as a JSON store would hand them over: only the fields that are set.
  const id = idOf(row);
  const date = formatIsoDate(data.regDay[row] as number);
  const kind = data.regKind[row] as number;
  const documented = data.regDocumented[row] === 1;
  const reason = data.regReason[row] as number;
  switch (kind) {
    case KIND.day: {
      const episode = data.regEpisode[row] as number;
      if (data.regAgreed[row] === 1)
        return {
          id,
          pupilId,
          schoolId,
          date,
          kind: "day",
          documented,
          reason: reasonNames[reason] as AbsenceReason,
          agreed: true,
        };
      if (episode >= 0) {
        const episodeId = data.episodeIds[episode] as string;
        if (reason < 0) return { id, pupilId, schoolId, date, kind: "day", documented, episodeId };
        return {
          id,
          pupilId,
          schoolId,
          date,
          kind: "day",
          documented,
          reason: reasonNames[reason] as AbsenceReason,
          episodeId,
        };
      }
      if (reason < 0) return { id, pupilId, schoolId, date, kind: "day", documented };
      return { id, pupilId, schoolId, date, kind: "day", documented, reason: reasonNames[reason] as AbsenceReason };
    }
    case KIND.lesson: {
      const subject = subjects[data.regSubject[row] as number] as string;
      const lessons = data.regLessons[row] as number;
      if (reason < 0) return { id, pupilId, schoolId, date, kind: "lesson", documented, lessons, subject };
      return {
        id,
        pupilId,
        schoolId,
        date,
        kind: "lesson",
        documented,
        lessons,
        subject,
        reason: reasonNames[reason] as AbsenceReason,
      };
    }
    case KIND.late:
      return { id, pupilId, schoolId, date, kind: "late", minutes: data.regMinutes[row] as number };
    default:
      return { id, pupilId, schoolId, date, kind: kindNames[kind] as AbsenceEvent["kind"] };
  }
}

/** AbsenceEvent objects of rows [from, to) of pupil p. */
export function pupilEvents(data: BenchData, p: number, from: number, to: number): AbsenceEvent[] {
  const pupilId = data.pupilIds[p] as string;
  const schoolId = data.schoolIds[data.pupilSchool[p] as number] as string;
  const list: AbsenceEvent[] = new Array(to - from);
  for (let row = from; row < to; row++) list[row - from] = eventOf(data, row, pupilId, schoolId);
  return list;
}

/** Every pupil's registrations before the new day as AbsenceEvent objects (~100 bytes each: ~0.7 GB nationally). */
export function buildEvents(data: BenchData): AbsenceEvent[][] {
  const events: AbsenceEvent[][] = new Array(data.pupils);
  for (let p = 0; p < data.pupils; p++)
    events[p] = pupilEvents(data, p, data.pupilStart[p] as number, data.baseEnd[p] as number);
  return events;
}

export interface GenerateOptions {
  pupils: number;
  seed?: number;
  /** Pupils per school (about 240 in Norwegian grunnskole). */
  pupilsPerSchool?: number;
}

/** The generated rows as the engine's registration columns (views of the data's own arrays). */
function columnsOf(data: BenchData): RegistrationColumns {
  const n = data.rows;
  // Each row's filter code, as columnsFromEvents gives it at ingestion.
  const filterCode = new Uint8Array(n);
  for (let i = 0; i < n; i++)
    filterCode[i] = filterCodeOf(
      data.regDocumented[i] as number,
      data.regReason[i] as number,
      data.regAgreed[i] as number,
    );
  return {
    day: data.regDay,
    kind: data.regKind,
    documented: data.regDocumented,
    reason: data.regReason,
    agreed: data.regAgreed,
    filterCode,
    lessons: data.regLessons,
    subject: data.regSubject,
    subjects,
    episode: data.regEpisode,
    episodes: data.episodeIds,
  };
}

/** Generates the year as columns (~1 µs per registration); the national year (640,000 pupils) is ~6.7 M registrations. */
export function generateBenchData(options: GenerateOptions): BenchData {
  const pupils = options.pupils;
  const seed = options.seed ?? 20250818;
  const perSchool = options.pupilsPerSchool ?? 240;
  const groups = benchSchools.map(groupCalendar);
  const schools = Math.max(1, Math.ceil(pupils / perSchool));
  const schoolIds: string[] = [];
  const schoolGroup = new Uint8Array(schools);
  for (let s = 0; s < schools; s++) {
    // Alternate ladders by school, so both presets see the same mix of pupils.
    schoolGroup[s] = s % 2;
    schoolIds.push(`skole-${String(s).padStart(4, "0")}`);
  }
  const pupilIds: string[] = new Array(pupils);
  const pupilSchool = new Int32Array(pupils);
  const pupilGroup = new Uint8Array(pupils);
  const columns = new Columns();
  const pupilStart = new Int32Array(pupils + 1);
  const baseEnd = new Int32Array(pupils);
  const rows: PupilRows = {
    day: [],
    kind: [],
    documented: [],
    reason: [],
    agreed: [],
    episode: [],
    lessons: [],
    subject: [],
  };
  let episodes = 0;
  const nextEpisode = (): number => episodes++;
  const order: number[] = [];
  const newDay = parseIsoDate(lastSchoolDay);

  for (let p = 0; p < pupils; p++) {
    const school = Math.floor(p / perSchool);
    const group = schoolGroup[school] as number;
    pupilIds[p] = `elev-${String(p).padStart(7, "0")}`;
    pupilSchool[p] = school;
    pupilGroup[p] = group;
    for (const list of Object.values(rows) as number[][]) list.length = 0;
    generatePupil(new Random(seed * 1_000_003 + p), groups[group] as GroupCalendar, rows, nextEpisode);
    // Registration order: by day, as the school system records them.
    order.length = 0;
    for (let k = 0; k < rows.day.length; k++) order.push(k);
    order.sort((a, b) => (rows.day[a] as number) - (rows.day[b] as number) || a - b);
    pupilStart[p] = columns.n;
    for (const k of order) {
      if ((rows.day[k] as number) < newDay) baseEnd[p] = columns.n + 1;
      columns.push(
        p,
        group,
        rows.day[k] as number,
        rows.kind[k] as number,
        rows.documented[k] as number,
        rows.reason[k] as number,
        rows.agreed[k] as number,
        rows.episode[k] as number,
        rows.lessons[k] as number,
        rows.subject[k] as number,
      );
    }
    if ((baseEnd[p] as number) < (pupilStart[p] as number)) baseEnd[p] = pupilStart[p] as number;
  }
  pupilStart[pupils] = columns.n;

  const fullAsOf = groups.map((g) => g.calendar.previousSchoolEpochDay(newDay));
  for (const g of groups)
    if (!g.calendar.isSchoolEpochDay(newDay)) throw new Error(`${lastSchoolDay} is not a school day in ${g.school.id}`);
  const episodeIds: string[] = new Array(episodes);
  for (let e = 0; e < episodes; e++) episodeIds[e] = `ep${e.toString(36)}`;

  const n = columns.n;
  const data: BenchData = {
    pupils,
    schools,
    seed,
    pupilIds,
    pupilSchool,
    schoolIds,
    schoolGroup,
    pupilGroup,
    groups,
    newDay,
    fullAsOf,
    newDayIso: formatIsoDate(newDay),
    fullAsOfIso: fullAsOf.map((d) => formatIsoDate(d)),
    rows: n,
    pupilStart,
    baseEnd,
    // Views, not copies: the generator's buffers are at most 1.5× the rows.
    regPupil: columns.pupil.subarray(0, n),
    regGroup: columns.group.subarray(0, n),
    regDay: columns.day.subarray(0, n),
    regKind: columns.kind.subarray(0, n),
    regDocumented: columns.documented.subarray(0, n),
    regReason: columns.reason.subarray(0, n),
    regAgreed: columns.agreed.subarray(0, n),
    regEpisode: columns.episode.subarray(0, n),
    regLessons: columns.lessons.subarray(0, n),
    regMinutes: columns.minutes.subarray(0, n),
    regSubject: columns.subject.subarray(0, n),
    episodeIds,
    columns: undefined as unknown as RegistrationColumns,
    newDayEvents: [],
  };
  data.columns = columnsOf(data);
  // The new day's registrations, school by school as the systems deliver them.
  for (let p = 0; p < pupils; p++) {
    if ((baseEnd[p] as number) < (pupilStart[p + 1] as number))
      data.newDayEvents.push(...pupilEvents(data, p, baseEnd[p] as number, pupilStart[p + 1] as number));
  }
  return data;
}

/** Distribution summary for the report: whole absence days per pupil (distinct school days) and registrations by kind. */
export function describeData(data: BenchData): {
  daysMean: number;
  daysMedian: number;
  over10: number;
  over20: number;
  byKind: Record<string, number>;
} {
  const perPupil = new Int32Array(data.pupils);
  const byKind: Record<string, number> = { day: 0, lesson: 0, late: 0, left: 0, not_in_class: 0 };
  let lastPupil = -1;
  let lastDay = -1;
  for (let i = 0; i < data.rows; i++) {
    const kind = data.regKind[i] as number;
    const name = kindNames[kind] as string;
    byKind[name] = (byKind[name] ?? 0) + 1;
    if (kind !== KIND.day) continue;
    const p = data.regPupil[i] as number;
    const day = data.regDay[i] as number;
    if (p === lastPupil && day === lastDay) continue;
    lastPupil = p;
    lastDay = day;
    perPupil[p] = (perPupil[p] as number) + 1;
  }
  const sorted = perPupil.slice().sort();
  let sum = 0;
  let over10 = 0;
  let over20 = 0;
  for (const n of perPupil) {
    sum += n;
    if (n >= 10) over10++;
    if (n >= 20) over20++;
  }
  return {
    daysMean: sum / data.pupils,
    daysMedian: sorted[Math.floor(sorted.length / 2)] as number,
    over10,
    over20,
    byKind,
  };
}
