// Which loaded rows a rule counts: classification by filter, the countable items, exclusions and upper bounds.
import type { AbsenceReason } from "../absence";
import { type EpochDay, formatIsoDate } from "../dates";
import {
  type CompiledFilter,
  type CompiledRule,
  type CountRule,
  KIND_DAY,
  NO_REASON,
  RULE_CONSECUTIVE,
  RULE_COUNT,
  RULE_OCCURRENCE,
  reasonNames,
} from "./compile";
import { markIllnessEpisodes } from "./illness";
import { subjectAt, subjectCodeAt } from "./registrations";
import type { ExclusionFacts, ExclusionKind, RegistrationColumns } from "./types";
import type { Items, Registrations, Workspace } from "./workspace";

const COUNTED = 0;
const SKIP = 1;
const EXCLUDED_REASON = 2;
const EXCLUDED_AGREED = 3;
const EXCLUDED_ILLNESS = 4;

/** COUNTED, SKIP (not what the rule looks at) or one of the reported EXCLUDED_* codes. */
function classify(regs: Registrations, i: number, f: CompiledFilter): number {
  if (f.documented >= 0 && (regs.documented[i] === 1 ? 1 : 0) !== f.documented) return SKIP;
  const reason = regs.reason[i] as number;
  if (f.reasonMask !== 0 && (reason === NO_REASON || (f.reasonMask & (1 << reason)) === 0)) return SKIP;
  if (f.subjects) {
    const subject = subjectAt(regs, i);
    if (subject === undefined || !f.subjects.has(subject)) return SKIP;
  }
  if (f.excludeReasonMask !== 0 && reason !== NO_REASON && (f.excludeReasonMask & (1 << reason)) !== 0)
    return EXCLUDED_REASON;
  if (f.excludeAgreed && regs.agreed[i] === 1) return EXCLUDED_AGREED;
  if (f.continuousIllnessMinDays > 0 && !countsAsIllnessDay(regs, i, f)) return EXCLUDED_ILLNESS;
  return COUNTED;
}

/** classify(regs, i, f) === COUNTED, from the row's pass bits (and the subject and illness tests the bits leave out). */
export function counts(regs: Registrations, i: number, f: CompiledFilter): boolean {
  if (((regs.pass[i] as number) & f.bit) === 0) return f.bit === 0 && classify(regs, i, f) === COUNTED;
  if (f.subjects) {
    const subject = subjectAt(regs, i);
    if (subject === undefined || !f.subjects.has(subject)) return false;
  }
  return f.continuousIllnessMinDays === 0 || countsAsIllnessDay(regs, i, f);
}

/** Not part of a continuous illness the filter leaves out: shorter than its minimum, or one of several periods. */
function countsAsIllnessDay(regs: Registrations, i: number, f: CompiledFilter): boolean {
  return (
    (regs.episodeDays[i] as number) < f.continuousIllnessMinDays ||
    (f.continuousIllnessAlone && regs.illnessPeriods > 1)
  );
}

/**
 * Absence days passing the filter into `items`: one per school day (any passing registration counts the day); the
 * benchmark's single pass counts in its own loops (bench/engine/ladder-kernel.ts).
 */
export function collectDays(ws: Workspace, f: CompiledFilter, from: EpochDay): void {
  const { regs, items } = ws;
  const n = regs.n;
  items.reserve(n);
  const { kind, day, index, documented } = regs;
  const { day: itemDay, index: itemIndex, weight: itemWeight, undocumented: itemUndocumented, reg: itemReg } = items;
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (kind[i] !== KIND_DAY) continue;
    const d = day[i] as number;
    if (d < from || !counts(regs, i, f)) continue;
    const undocumented = documented[i] === 0;
    if (m > 0 && itemDay[m - 1] === d) {
      if (undocumented) itemUndocumented[m - 1] = 1;
      continue;
    }
    itemDay[m] = d;
    itemIndex[m] = index[i] as number;
    itemWeight[m] = 1;
    itemUndocumented[m] = undocumented ? 1 : 0;
    itemReg[m] = i;
    m++;
  }
  items.n = m;
  items.droppedCount = 0;
  if (f.maxRunLength > 0) limitRunLength(items, f.maxRunLength);
}

/** Keeps only days in runs of at most maxRun consecutive school days; the others go to `dropped`. */
function limitRunLength(items: Items, maxRun: number): void {
  let write = 0;
  let start = 0;
  for (let i = 1; i <= items.n; i++) {
    if (i < items.n && items.index[i] === (items.index[i - 1] as number) + 1) continue;
    const keep = i - start <= maxRun;
    for (let k = start; k < i; k++) {
      if (!keep) {
        items.dropped[items.droppedCount++] = items.day[k] as number;
        continue;
      }
      items.day[write] = items.day[k] as number;
      items.index[write] = items.index[k] as number;
      items.weight[write] = items.weight[k] as number;
      items.undocumented[write] = items.undocumented[k] as number;
      items.reg[write] = items.reg[k] as number;
      write++;
    }
    start = i;
  }
  items.n = write;
}

/** Registrations of one kind passing the filter into `items`; `subject` limits to one subject; `oncePerDay` counts occasions. */
export function collectEvents(
  ws: Workspace,
  kind: number,
  f: CompiledFilter,
  from: EpochDay,
  subject: string | undefined,
  oncePerDay: boolean,
): void {
  const { regs, items } = ws;
  items.n = 0;
  items.droppedCount = 0;
  for (let i = 0; i < regs.n; i++) {
    if (regs.kind[i] !== kind || (regs.day[i] as number) < from) continue;
    if (subject !== undefined && subjectOf(regs, i) !== subject) continue;
    if (!counts(regs, i, f)) continue;
    const undocumented = regs.documented[i] === 0;
    const last = items.n - 1;
    if (oncePerDay && last >= 0 && items.day[last] === regs.day[i]) {
      if (undocumented) items.undocumented[last] = 1;
      continue;
    }
    items.push(
      regs.day[i] as number,
      regs.index[i] as number,
      oncePerDay ? 1 : (regs.lessons[i] as number),
      undocumented,
      i,
    );
  }
}

export function subjectOf(regs: Registrations, i: number): string {
  return subjectAt(regs, i) ?? "ukjent fag";
}

const noExclusions: readonly ExclusionFacts[] = Object.freeze([]);

/** Exclusions between two days, for the facts of a trip (computed only when something trips). */
export function exclusionsBetween(
  ws: Workspace,
  kind: number,
  f: CompiledFilter,
  from: EpochDay,
  to: EpochDay,
): readonly ExclusionFacts[] {
  const { regs, items } = ws;
  if (!f.excludes && items.droppedCount === 0) return noExclusions;
  const result: ExclusionFacts[] = [];
  // Each continuous illness is its own line (told apart by its first day); other exclusions group by kind and reason.
  const episodes: number[] = [];
  const add = (exclusion: ExclusionKind, day: EpochDay, episode: number, reason?: AbsenceReason): void => {
    const iso = formatIsoDate(day);
    for (let g = 0; g < result.length; g++) {
      const x = result[g] as ExclusionFacts;
      if (x.kind !== exclusion || x.reason !== reason || episodes[g] !== episode) continue;
      // Rows come in day order: a later day extends the group; the same day again counts only for registrations.
      if (iso !== x.to || kind !== KIND_DAY) x.count++;
      x.to = iso;
      return;
    }
    const fact: ExclusionFacts = { kind: exclusion, count: 1, from: iso, to: iso };
    if (reason !== undefined) fact.reason = reason;
    result.push(fact);
    episodes.push(episode);
  };
  for (let i = 0; i < regs.n; i++) {
    const day = regs.day[i] as number;
    if (regs.kind[i] !== kind || day < from || day > to) continue;
    const code = classify(regs, i, f);
    if (code === COUNTED || code === SKIP) continue;
    // A day counted through one registration is not also reported as excluded through another.
    if (kind === KIND_DAY && isCountedDay(regs, day, f)) continue;
    if (code === EXCLUDED_ILLNESS) add("continuous_illness", day, regs.episodeFrom[i] as number);
    else if (code === EXCLUDED_AGREED) add("agreed", day, -1);
    else add("reason", day, -1, reasonNames[regs.reason[i] as number]);
  }
  for (let k = 0; k < items.droppedCount; k++) {
    const day = items.dropped[k] as number;
    if (day >= from && day <= to) add("in_run", day, -1);
  }
  return result;
}

/** True when some day registration on that day passes the filter. */
function isCountedDay(regs: Registrations, day: EpochDay, f: CompiledFilter): boolean {
  for (let i = 0; i < regs.n; i++)
    if (regs.day[i] === day && regs.kind[i] === KIND_DAY && counts(regs, i, f)) return true;
  return false;
}

/**
 * False when the rule provably cannot trip on the loaded registrations, so it is skipped without a pass:
 * a count or run never exceeds the registrations (or their positive lesson weights) there are, and an
 * occurrence needs a registration of its kinds, documentation and reasons. Skipping changes no result.
 */
export function mayTrip(ws: Workspace, rule: CompiledRule): boolean {
  const regs = ws.regs;
  switch (rule.typeCode) {
    case RULE_COUNT: {
      const b = rule.bound;
      let bound: number;
      if (b === 0) {
        // Days counted in a term window lie in that term of this school year.
        if (rule.windowType !== "term") bound = regs.dayCount;
        else if (rule.windowOnly === 1) bound = regs.term1Days;
        else if (rule.windowOnly === 2) bound = regs.term2Days;
        else bound = Math.max(regs.term1Days, regs.term2Days);
      } else
        bound = b === 1 ? regs.lessonWeight : b === 2 ? regs.lessonDayCount : (regs.kindCount[rule.kind] as number);
      return bound >= rule.min && (!rule.perSubject || someSubjectMayTrip(ws, rule));
    }
    case RULE_CONSECUTIVE:
      return regs.longestRun >= rule.min;
    case RULE_OCCURRENCE: {
      const f = rule.filter;
      const kinds =
        f.documented === 1
          ? regs.documentedKinds
          : f.documented === 0
            ? regs.notDocumentedKinds
            : regs.documentedKinds | regs.notDocumentedKinds;
      if ((kinds & rule.kindMask) === 0) return false;
      return f.reasonMask === 0 || (f.reasonMask & regs.reasons) !== 0;
    }
    default:
      return true;
  }
}

/** Subject dictionaries whose names are distinct strings other than "ukjent fag", so that codes tell subjects apart. */
// Caches, not working tables: whether a dictionary's names are distinct never changes.
const distinctSubjects = new WeakMap<readonly string[], boolean>();

let lastSubjects: { subjects: readonly string[]; distinct: boolean } = { subjects: [], distinct: true };

export function subjectsDistinct(subjects: readonly string[]): boolean {
  // A bulk run reads one batch: skip even the WeakMap lookup.
  if (lastSubjects.subjects === subjects) return lastSubjects.distinct;
  let known = distinctSubjects.get(subjects);
  if (known === undefined) {
    const names = new Set<string | undefined>(subjects);
    known = names.size === subjects.length && !names.has("ukjent fag") && !names.has(undefined);
    distinctSubjects.set(subjects, known);
  }
  lastSubjects = { subjects, distinct: known };
  return known;
}

/**
 * False when no subject's bound in evaluateCount (its registrations, or their positive lesson weights) reaches
 * the minimum, so evaluateCount would count no subject. Counted by subject code, when codes tell subjects apart.
 */
function someSubjectMayTrip(ws: Workspace, rule: CountRule): boolean {
  const regs = ws.regs;
  if (!regs.fromColumns || regs.batchCount !== 1) return true;
  const subjects = (regs.batches[0] as RegistrationColumns).subjects;
  if (!subjectsDistinct(subjects)) return true;
  // Slot 0 is "ukjent fag": no subject, or a code outside the dictionary.
  const size = subjects.length + 1;
  if (ws.subjectCounts.length < size) ws.subjectCounts = new Int32Array(size * 2);
  const counts = ws.subjectCounts;
  counts.fill(0, 0, size);
  const { kind, lessons } = regs;
  const byLessons = rule.measure === "lessons";
  for (let i = 0; i < regs.n; i++) {
    if (kind[i] !== rule.kind) continue;
    const weight = byLessons ? (lessons[i] as number) : 1;
    if (weight <= 0) continue;
    const at = subjectSlotOf(subjectCodeAt(regs, i), subjects.length);
    const count = (counts[at] as number) + weight;
    if (count >= rule.min) return true;
    counts[at] = count;
  }
  return false;
}

/**
 * Marks continuous illness the first time a rule's filter needs it (most pupils never get that far); periods of
 * illness are counted from `yearStart`, the evaluated day's school year.
 */
export function ensureEpisodes(ws: Workspace, yearStart: EpochDay): void {
  const regs = ws.regs;
  if (regs.episodesReady) return;
  if (regs.hasIllness) markIllnessEpisodes(ws, yearStart);
  else {
    regs.episodeDays.fill(0, 0, regs.n);
    regs.illnessPeriods = 0;
  }
  regs.episodesReady = true;
}

/** Slot of a subject code: 0 for "ukjent fag" (no subject, or a code outside the dictionary), else code + 1. */
export function subjectSlotOf(code: number, subjects: number): number {
  return code >= 0 && code < subjects ? code + 1 : 0;
}
