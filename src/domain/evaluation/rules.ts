// The rules over the loaded registrations: counts, consecutive days, occurrences, early signs, and runRules.
import type { AbsenceKind } from "../absence";
import { type EpochDay, formatIsoDate, parseIsoDate } from "../dates";
import {
  type CompiledLadder,
  type CompiledRule,
  type ConsecutiveRule,
  type CountRule,
  type EarlySignRule,
  type OccurrenceRule,
  KIND_DAY,
  KIND_LESSON,
  RULE_CONSECUTIVE,
  RULE_COUNT,
  RULE_EARLY_SIGN,
  RULE_OCCURRENCE,
  kindNames,
} from "./compile";
import { type DayContext, NOT_SCHOOL_DAY } from "./day-context";
import { collectDays, collectEvents, counts, ensureEpisodes, exclusionsBetween, mayTrip, subjectOf } from "./filters";
import { boundsFromRows, subjectAt } from "./registrations";
import { type Context, addStub, alreadyFired, emitTrip, triggerKey } from "./trips";
import type { EarlySignReport, TripFacts } from "./types";
import { evaluateFixedWindows, evaluateRollingWindow } from "./windows";
import type { CountSource, Workspace } from "./workspace";

function evaluateCount(ctx: Context, rule: CountRule): void {
  let from = ctx.yearStart;
  if (rule.windowType === "since_case_opened") {
    if (ctx.caseStart === undefined) return;
    from = ctx.caseStart;
  }
  if (!rule.perSubject) {
    evaluateCountFor(ctx, rule, from, undefined);
    return;
  }
  const ws = ctx.ws;
  const regs = ws.regs;
  const subjects: string[] = [];
  let bounds = ws.subjectBounds;
  for (let i = 0; i < regs.n; i++) {
    if (regs.kind[i] !== rule.kind) continue;
    const s = subjectOf(regs, i);
    // SameValueZero, as Array.prototype.includes compares.
    let k = 0;
    while (k < subjects.length && subjects[k] !== s && !(subjects[k] !== subjects[k] && s !== s)) k++;
    if (k === subjects.length) k = -1;
    if (k < 0) {
      k = subjects.length;
      subjects.push(s);
      if (k === bounds.length) {
        bounds = new Int32Array(k * 2);
        bounds.set(ws.subjectBounds);
        ws.subjectBounds = bounds;
      }
      bounds[k] = 0;
    }
    // Upper bound of what the subject can count: its registrations, or their positive lesson weights.
    const weight = rule.measure === "lessons" ? (regs.lessons[i] as number) : 1;
    if (weight > 0) bounds[k] = (bounds[k] as number) + weight;
  }
  for (let k = 0; k < subjects.length; k++) {
    // A subject with fewer registrations than the threshold cannot trip.
    if ((ws.subjectBounds[k] as number) >= rule.min) evaluateCountFor(ctx, rule, from, subjects[k] as string);
  }
}

function evaluateCountFor(ctx: Context, rule: CountRule, from: EpochDay, subject: string | undefined): void {
  collectCountItems(ctx.ws, rule, from, subject);
  if (ctx.ws.items.n === 0) return;
  if (rule.windowType === "rolling_school_days") evaluateRollingWindow(ctx, rule, rule.windowDays, subject);
  else evaluateFixedWindows(ctx, rule, subject);
}

/** The items a count rule counts from `from` (for one subject) into `items`; rules that share them collect once. */
export function collectCountItems(ws: Workspace, rule: CountRule, from: EpochDay, subject: string | undefined): void {
  const held = ws.itemsSource;
  if (held.valid && isCountSource(held, rule, from, subject)) return;
  if (rule.kind === KIND_DAY) collectDays(ws, rule.filter, from);
  else collectEvents(ws, rule.kind, rule.filter, from, subject, rule.measure === "lesson_days");
  held.valid = true;
  setCountSource(held, rule, from, subject);
}

export function isCountSource(s: CountSource, rule: CountRule, from: EpochDay, subject: string | undefined): boolean {
  return (
    s.filter === rule.filter &&
    s.kind === rule.kind &&
    s.from === from &&
    s.subject === subject &&
    s.oncePerDay === (rule.measure === "lesson_days")
  );
}

export function setCountSource(s: CountSource, rule: CountRule, from: EpochDay, subject: string | undefined): void {
  s.filter = rule.filter;
  s.kind = rule.kind;
  s.from = from;
  s.subject = subject;
  s.oncePerDay = rule.measure === "lesson_days";
}

function evaluateConsecutive(ctx: Context, rule: ConsecutiveRule): void {
  const ws = ctx.ws;
  const items = ws.items;
  collectDays(ws, rule.filter, ctx.yearStart);
  ws.itemsSource.valid = false;
  let start = 0;
  for (let i = 1; i <= items.n; i++) {
    if (i < items.n && items.index[i] === (items.index[i - 1] as number) + 1) continue;
    const length = i - start;
    if (length >= rule.min) {
      const first = items.day[start] as number;
      const last = items.day[i - 1] as number;
      const key = triggerKey(rule, first, undefined);
      if (!alreadyFired(ctx, key)) {
        const tripDay = items.day[start + rule.min - 1] as number;
        if (ctx.lean) addStub(ws.stubs, key, tripDay, rule);
        else {
          let undocumented = 0;
          for (let k = start; k < i; k++) undocumented += items.undocumented[k] as number;
          emitTrip(ctx, rule, key, tripDay, {
            type: "consecutive_days",
            length,
            threshold: rule.threshold,
            from: formatIsoDate(first),
            to: formatIsoDate(last),
            documented: length - undocumented,
            undocumented,
            excluded: exclusionsBetween(ws, KIND_DAY, rule.filter, first, last),
          });
        }
      }
    }
    start = i;
  }
}

function evaluateOccurrence(ctx: Context, rule: OccurrenceRule): void {
  const regs = ctx.ws.regs;
  const { day: days, kind: kinds } = regs;
  const n = regs.n;
  const f = rule.filter;
  const mask = rule.kindMask;
  const yearStart = ctx.yearStart;
  let lastHit = NOT_SCHOOL_DAY;
  // Rows come in day order: the first passing row of a day makes the day's one trip, in day order.
  for (let i = 0; i < n; i++) {
    const day = days[i] as number;
    if (day === lastHit || day < yearStart || (mask & (1 << (kinds[i] as number))) === 0 || !counts(regs, i, f))
      continue;
    lastHit = day;
    const key = triggerKey(rule, day, undefined);
    if (alreadyFired(ctx, key)) continue;
    if (ctx.lean) addStub(ctx.ws.stubs, key, day, rule);
    else emitOccurrence(ctx, rule, key, day, i);
  }
}

/** The occurrence trip of a day whose first passing row is `first` (the day's earlier rows did not pass). */
function emitOccurrence(ctx: Context, rule: OccurrenceRule, key: string, day: EpochDay, first: number): void {
  const regs = ctx.ws.regs;
  const kinds: AbsenceKind[] = [];
  const subjects: string[] = [];
  let lessons = 0;
  let undocumented = false;
  for (let k = first; k < regs.n && regs.day[k] === day; k++) {
    const kind = regs.kind[k] as number;
    if ((rule.kindMask & (1 << kind)) === 0 || !counts(regs, k, rule.filter)) continue;
    const name = kindNames[kind] as AbsenceKind;
    if (!kinds.includes(name)) kinds.push(name);
    if (kind === KIND_LESSON) lessons += regs.lessons[k] as number;
    const subject = subjectAt(regs, k);
    if (subject !== undefined && !subjects.includes(subject)) subjects.push(subject);
    if (regs.documented[k] === 0) undocumented = true;
  }
  emitTrip(ctx, rule, key, day, {
    type: "occurrence",
    date: formatIsoDate(day),
    kinds,
    wholeDay: kinds.includes("day"),
    lessons,
    subjects,
    undocumented,
  });
}

function evaluateEarlySigns(
  ctx: Context,
  rule: EarlySignRule,
  reports: readonly EarlySignReport[],
  labels: ReadonlyMap<string, string>,
): void {
  for (const report of reports) {
    const label = labels.get(report.signId);
    if (label === undefined || (rule.signs && !rule.signs.has(report.signId))) continue;
    const day = parseIsoDate(report.date);
    if (day > ctx.asOfDay || day < ctx.yearStart) continue;
    const rest = `${report.signId}@${report.date}`;
    const key = rule.keyPrefix + rest;
    // The same sign reported twice on one day is one trip.
    if (alreadyFired(ctx, key)) continue;
    if (ctx.lean) {
      const stubs = ctx.ws.stubs;
      if (!stubs.key.slice(0, stubs.n).includes(key)) addStub(stubs, key, day, rule);
      continue;
    }
    if (ctx.trips.some((t) => t.key === key)) continue;
    const facts: TripFacts = { type: "early_sign", date: report.date, signId: report.signId, signLabel: label };
    if (report.note !== undefined) facts.note = report.note;
    emitTrip(ctx, rule, key, day, facts);
  }
}

/** Runs the ladder's rules over the loaded registrations; trips go to ctx.trips, or to `stubs` in lean mode. */
export function runRules(
  ctx: Context,
  dc: DayContext,
  compiled: CompiledLadder,
  earlySigns: readonly EarlySignReport[] | undefined,
): void {
  // The bounds are taken here, not as the rows load: the benchmark's incremental day step loads a pupil's new rows without them.
  const ws = ctx.ws;
  boundsFromRows(ws.regs, dc);
  const rules = compiled.rules;
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r] as CompiledRule;
    if (!mayTrip(ws, rule)) continue;
    switch (rule.typeCode) {
      case RULE_COUNT:
        if (rule.filter.continuousIllnessMinDays > 0) ensureEpisodes(ws, dc.yearStart);
        evaluateCount(ctx, rule);
        break;
      case RULE_CONSECUTIVE:
        if (rule.filter.continuousIllnessMinDays > 0) ensureEpisodes(ws, dc.yearStart);
        evaluateConsecutive(ctx, rule);
        break;
      case RULE_OCCURRENCE:
        if (rule.filter.continuousIllnessMinDays > 0) ensureEpisodes(ws, dc.yearStart);
        evaluateOccurrence(ctx, rule);
        break;
      case RULE_EARLY_SIGN:
        if (earlySigns && earlySigns.length > 0) evaluateEarlySigns(ctx, rule, earlySigns, compiled.signLabels);
        break;
    }
  }
}
