// The context of one evaluation and its output: trigger keys, fired keys, and trips (full, or stubs in lean mode).
import type { SchoolCalendar } from "../calendar";
import { type EpochDay, type IsoDate, formatIsoDate } from "../dates";
import type { LadderDeadline, LadderWindow } from "../ladder";
import { type CompiledRule, type CountRule, NO_KEY_CACHE } from "./compile";
import { describeFacts } from "../../i18n/trip-texts";
import { exclusionsBetween } from "./filters";
import type { Trip, TripFacts, WindowSpan } from "./types";
import type { Stubs, Workspace } from "./workspace";

export interface Context {
  /** The working tables this evaluation reads and writes. */
  ws: Workspace;
  calendar: SchoolCalendar;
  asOf: IsoDate;
  asOfDay: EpochDay;
  /** Index of the last school day on or before asOf. */
  asOfIndex: number;
  yearStart: EpochDay;
  caseStart: EpochDay | undefined;
  fired: ReadonlySet<string> | readonly string[] | undefined;
  /** A Set of a long `fired` list, built on first use. */
  firedSet: Set<string> | undefined;
  /** Lookups in `fired` so far: a long list is indexed only for a second lookup. */
  firedLookups: number;
  trips: Trip[];
  /**
   * Lean mode (evaluateStep): trips are recorded as key, day and step only (see `stubs`), and no facts or
   * text are built. Keys, trip days and steps are computed by the same code in both modes.
   */
  lean: boolean;
}

/** Records a trip found in lean mode in the workspace's stubs. */
export function addStub(stubs: Stubs, key: string, day: EpochDay, rule: CompiledRule): void {
  const i = stubs.n++;
  if (i === stubs.day.length) {
    const day2 = new Int32Array(i * 2);
    day2.set(stubs.day);
    stubs.day = day2;
    const step2 = new Int32Array(i * 2);
    step2.set(stubs.step);
    stubs.step = step2;
  }
  stubs.day[i] = day;
  stubs.step[i] = rule.stepNumber;
  stubs.key[i] = key;
}

/** True when the key is among the caller's fired keys (keys are unique per evaluation by construction). */
export function alreadyFired(ctx: Context, key: string): boolean {
  const fired = ctx.fired;
  if (fired === undefined) return false;
  if (!Array.isArray(fired)) return (fired as ReadonlySet<string>).has(key);
  const list = fired as readonly string[];
  // Long lists (a pupil with many fired keys) are indexed once per evaluation, when a second key is looked up.
  if (list.length > 12 && ctx.firedLookups++ > 0) {
    ctx.firedSet ??= new Set(list);
    return ctx.firedSet.has(key);
  }
  for (let i = 0; i < list.length; i++) if (list[i] === key) return true;
  return false;
}

const KEY_CACHE_SPAN = 1024;

/**
 * The string as the engine's string table holds it (as a property name is): two such keys compare by identity,
 * so a fired-keys check need not compare their characters, and the key is one flat string, not a concatenation.
 */
function internalized(text: string): string {
  for (const name in { [text]: 0 }) return name;
  return text;
}

/**
 * The rule's trigger key for a window starting on `day` (count rules) or for a date (the other rules):
 * "ruleId@" + windowKey, with "@subject" for per-subject counts. Keys without a subject are cached per rule.
 */
export function triggerKey(rule: CompiledRule, day: EpochDay, subject: string | undefined): string {
  if (subject !== undefined) return `${rule.keyPrefix}${windowKey(rule.keyWindow, day)}@${subject}`;
  if (rule.keyCacheBase === NO_KEY_CACHE) rule.keyCacheBase = day - KEY_CACHE_SPAN / 2;
  const at = day - rule.keyCacheBase;
  if (at < 0 || at >= KEY_CACHE_SPAN) return rule.keyPrefix + windowKey(rule.keyWindow, day);
  let key = rule.keyCache[at];
  if (key === undefined) {
    key = internalized(rule.keyPrefix + windowKey(rule.keyWindow, day));
    while (rule.keyCache.length < at) rule.keyCache.push(undefined);
    rule.keyCache[at] = key;
  }
  return key;
}

export function emitTrip(
  ctx: Context,
  rule: CompiledRule,
  key: string,
  day: EpochDay,
  facts: TripFacts,
  span?: WindowSpan,
): void {
  const deadline = rule.deadline ? deadlineDay(rule.deadline, day, ctx.calendar) : undefined;
  ctx.trips.push({
    key,
    ruleId: rule.rule.id,
    label: rule.rule.label,
    step: rule.step?.number ?? null,
    stepName: rule.step?.name ?? null,
    date: formatIsoDate(day),
    holders: rule.holders,
    actions: rule.actions,
    deadline: deadline === undefined ? null : formatIsoDate(deadline),
    deadlineLabel: rule.deadlineLabel,
    overdue: deadline !== undefined && deadline < ctx.asOfDay,
    source: rule.rule.source,
    facts,
    text: describeFacts(facts, day, ctx.calendar, ctx.asOfDay, span),
  });
}

/** Lean counterpart of emitCount: the same key and trip day, no facts. `keyDay` is the window's first day (or the stretch's). */
export function stubCount(
  ctx: Context,
  rule: CountRule,
  keyDay: EpochDay,
  tripDay: EpochDay,
  subject: string | undefined,
): void {
  const key = triggerKey(rule, keyDay, subject);
  if (alreadyFired(ctx, key)) return;
  addStub(ctx.ws.stubs, key, tripDay, rule);
}

export function emitCount(
  ctx: Context,
  rule: CountRule,
  keyDay: EpochDay,
  tripDay: EpochDay,
  span: WindowSpan,
  subject: string | undefined,
): void {
  const key = triggerKey(rule, keyDay, subject);
  if (alreadyFired(ctx, key)) return;
  const items = ctx.ws.items;
  let count = 0;
  let undocumented = 0;
  const dates: IsoDate[] = [];
  let lastDay = Number.NaN;
  for (let k = 0; k < items.n; k++) {
    const day = items.day[k] as number;
    if (day < span.from || day > span.to) continue;
    // Rolling windows are bounded by school-day index, the others by date; both agree on school days.
    const weight = items.weight[k] as number;
    count += weight;
    if (items.undocumented[k] === 1) undocumented += weight;
    if (day !== lastDay) dates.push(formatIsoDate(day));
    lastDay = day;
  }
  const facts: TripFacts = {
    type: "count",
    measure: rule.measure,
    count,
    threshold: rule.threshold,
    window: { type: span.type, from: formatIsoDate(span.from), to: formatIsoDate(span.to) },
    documented: count - undocumented,
    undocumented,
    excluded: exclusionsBetween(ctx.ws, rule.kind, rule.filter, span.from, span.to),
    dates,
  };
  if (subject !== undefined) facts.subject = subject;
  emitTrip(ctx, rule, key, tripDay, facts, span);
}

/** Stable window part of a trigger key: "2025-09" for a month, "term:2025-08-18", "year:…", "case:…", or the week's Monday. */
function windowKey(type: LadderWindow["type"] | undefined, from: EpochDay): string {
  const date = formatIsoDate(from);
  switch (type) {
    case "calendar_month":
      return date.slice(0, 7);
    case "term":
      return `term:${date}`;
    case "school_year":
      return `year:${date}`;
    case "since_case_opened":
      return `case:${date}`;
    default:
      return date;
  }
}

/** The deadline date on the school calendar; a deadline landing on a closed day moves to the next school day. */
export function deadlineDay(d: LadderDeadline, from: EpochDay, calendar: SchoolCalendar): EpochDay {
  switch (d.type) {
    case "same_day":
      return calendar.schoolEpochDayOnOrAfter(from);
    case "school_days":
      return calendar.addSchoolEpochDays(from, d.days);
    case "weeks":
      return calendar.schoolEpochDayOnOrAfter(from + 7 * d.weeks);
    case "calendar_days":
      return calendar.schoolEpochDayOnOrAfter(from + d.days);
  }
}
