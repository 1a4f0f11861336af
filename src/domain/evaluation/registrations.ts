// Loading a pupil's registrations into the workspace: picking events, the id table, column rows, bounds and summary.
import type { AbsenceEvent } from "../absence";
import { type EpochDay, parseIsoDate } from "../dates";
import {
  type CompiledLadder,
  KIND_DAY,
  KIND_LATE,
  KIND_LEFT,
  KIND_LESSON,
  KIND_NOT_IN_CLASS,
  NO_REASON,
  REASON_ILLNESS,
  filterCodeOf,
  kindCodeOf,
  reasonCodeOf,
} from "./compile";
import { type DayContext, NOT_SCHOOL_DAY } from "./day-context";
import type { ColumnRows, EvaluateInput, RegistrationColumns, SummaryFacts } from "./types";
import type { IdTable, Registrations, Workspace } from "./workspace";

/** Canonical text of an event, used only to pick the same one of two events sharing an id whatever the input order. */
function canonicalOf(e: AbsenceEvent): string {
  return [
    e.date,
    e.kind,
    e.documented,
    e.lessons,
    e.minutes,
    e.subject,
    e.reason,
    e.episodeId,
    e.agreed,
    e.schoolId,
  ].join("|");
}

/** Drops other pupils' events and duplicated ids (the same one wins whatever the order) into `picked`. */
export function pickEvents(
  ws: Workspace,
  events: readonly AbsenceEvent[],
  pupilId: string,
  ignored: SummaryFacts["ignored"],
): void {
  const p = ws.picked;
  const picked = p.events;
  const ids = ws.ids;
  p.count = 0;
  // Small inputs: a quadratic check of integer fingerprints; larger ones: an open-addressing table of them.
  const hashed = events.length > 32;
  if (hashed) clearIdTable(ids, events.length);
  let otherPupil = 0;
  let duplicateId = 0;
  for (let k = 0; k < events.length; k++) {
    const e = events[k] as AbsenceEvent;
    if (e.pupilId !== pupilId) {
      otherPupil++;
      continue;
    }
    let at = -1;
    const id = e.id;
    // A cheap integer fingerprint (length and last character) rules out most ids before comparing strings.
    const print = id.length * 65536 + id.charCodeAt(id.length - 1);
    if (hashed) at = findId(ws, id, print);
    else {
      for (let j = 0; j < p.count; j++) {
        if (p.print[j] === print && (picked[j] as AbsenceEvent).id === id) {
          at = j;
          break;
        }
      }
    }
    if (at < 0) {
      if (p.count === p.print.length) {
        const grown = new Int32Array(p.count * 2);
        grown.set(p.print);
        p.print = grown;
      }
      p.print[p.count] = print;
      if (hashed) ids.table[ids.slot] = p.count + 1;
      picked[p.count++] = e;
      continue;
    }
    duplicateId++;
    const other = picked[at] as AbsenceEvent;
    if (other !== e && canonicalOf(e) < canonicalOf(other)) picked[at] = e;
  }
  ignored.otherPupil += otherPupil;
  ignored.duplicateId += duplicateId;
}

function clearIdTable(ids: IdTable, n: number): void {
  let size = ids.table.length;
  while (size < n * 2) size *= 2;
  if (size !== ids.table.length) ids.table = new Int32Array(size);
  else ids.table.fill(0);
  ids.mask = size - 1;
}

/** Position of the picked event with this id, or -1 (and idSlot set to the free slot for it). */
function findId(ws: Workspace, id: string, print: number): number {
  const ids = ws.ids;
  const idTable = ids.table;
  const idMask = ids.mask;
  const pickedPrint = ws.picked.print;
  const picked = ws.picked.events;
  // An empty id has no last character (print NaN): every empty id shares one chain and compares equal.
  let slot = print === print ? Math.imul(print, 0x9e3779b1) >>> 16 : 0;
  for (;;) {
    slot &= idMask;
    const entry = idTable[slot] as number;
    if (entry === 0) {
      ids.slot = slot;
      return -1;
    }
    const j = entry - 1;
    if ((pickedPrint[j] === print || print !== print) && (picked[j] as AbsenceEvent).id === id) return j;
    slot++;
  }
}

/**
 * Fills the registration table with the picked events inside [scopeStart, asOf] on school days, sorted by
 * (day, id), and counts the school year's registrations into `summary` on the way (when given).
 */
function loadRegistrations(
  ws: Workspace,
  dc: DayContext,
  scopeStart: EpochDay,
  summary: SummaryFacts | undefined,
  passTable: Int32Array,
): void {
  const { yearStart } = dc;
  const { regs, picked: p } = ws;
  const picked = p.events;
  regs.n = 0;
  regs.reserve(p.count);
  const m = orderPicked(ws, dc, scopeStart, summary);
  const { order, day: pickedDay, index: pickedIndex } = p;
  let lastWholeDay = -1;
  let lastUndocumented = false;
  let illnessLike = false;
  for (let i = 0; i < m; i++) {
    const k = order[i] as number;
    const e = picked[k] as AbsenceEvent;
    const day = pickedDay[k] as number;
    const kindName = e.kind;
    if (summary !== undefined && day >= yearStart) {
      switch (kindName) {
        case "day":
          if (day !== lastWholeDay) {
            summary.days.total++;
            lastWholeDay = day;
            lastUndocumented = false;
          }
          // A day is undocumented when any of its registrations is.
          if (e.documented === false && !lastUndocumented) {
            lastUndocumented = true;
            summary.days.undocumented++;
          }
          break;
        case "lesson":
          summary.lessons += e.lessons ?? 1;
          break;
        case "late":
          summary.late++;
          break;
        case "left":
          summary.left++;
          break;
        case "not_in_class":
          summary.notInClass++;
          break;
      }
    }
    const reasonName = e.reason;
    if (kindName === "day" && (reasonName === "illness" || e.episodeId !== undefined)) illnessLike = true;
    const kind = kindCodeOf(kindName);
    const documentedFlag = e.documented;
    const documented = documentedFlag === undefined ? -1 : documentedFlag ? 1 : 0;
    const reason = reasonName === undefined ? NO_REASON : reasonCodeOf(reasonName);
    regs.day[i] = day;
    regs.index[i] = pickedIndex[k] as number;
    regs.kind[i] = kind;
    regs.documented[i] = documented;
    regs.reason[i] = reason;
    const agreed = e.agreed === true ? 1 : 0;
    regs.agreed[i] = agreed;
    regs.pass[i] = passTable[filterCodeOf(documented, reason, agreed)] as number;
    regs.lessons[i] = kindName === "lesson" ? (e.lessons ?? 1) : 1;
    regs.event[i] = e;
  }
  regs.n = m;
  regs.fromColumns = false;
  regs.direct = false;
  regs.hasIllness = illnessLike;
  regs.episodesReady = false;
  if (summary !== undefined) summary.days.documented = summary.days.total - summary.days.undocumented;
}

/**
 * The picked events inside [scopeStart, asOf] on school days, as positions in (day, id) order in `picked.order`,
 * with their day and school index; returns how many, and counts the others into `summary` (when given).
 */
function orderPicked(ws: Workspace, dc: DayContext, scopeStart: EpochDay, summary: SummaryFacts | undefined): number {
  const { calendar, asOfDay, yearStart, indexTable } = dc;
  const p = ws.picked;
  const pickedCount = p.count;
  const picked = p.events;
  if (p.order.length < pickedCount) {
    p.order = new Int32Array(pickedCount * 2);
    p.day = new Int32Array(pickedCount * 2);
    p.index = new Int32Array(pickedCount * 2);
  }
  const { order, day: pickedDay, index: pickedIndex } = p;
  let afterAsOf = 0;
  let beforeScope = 0;
  let notSchoolDay = 0;
  let m = 0;
  for (let k = 0; k < pickedCount; k++) {
    const day = parseIsoDate((picked[k] as AbsenceEvent).date);
    if (day > asOfDay) {
      afterAsOf++;
      continue;
    }
    if (day < scopeStart) {
      beforeScope++;
      continue;
    }
    // Registrations on weekends and holidays cannot be school absence; they are not counted.
    // Days of this school year come from the day context's table; earlier ones (an older case) ask the calendar.
    const at = day - yearStart;
    const index =
      at >= 0
        ? (indexTable[at] as number)
        : calendar.isSchoolEpochDay(day)
          ? calendar.schoolIndex(day)
          : NOT_SCHOOL_DAY;
    if (index === NOT_SCHOOL_DAY) {
      notSchoolDay++;
      continue;
    }
    pickedDay[k] = day;
    pickedIndex[k] = index;
    // Insertion sort of positions by (day, id): a handful of registrations per pupil, often already in order.
    let i = m++;
    while (i > 0) {
      const prev = order[i - 1] as number;
      const prevDay = pickedDay[prev] as number;
      if (prevDay < day || (prevDay === day && (picked[prev] as AbsenceEvent).id <= (picked[k] as AbsenceEvent).id))
        break;
      order[i] = prev;
      i--;
    }
    order[i] = k;
  }
  if (summary !== undefined) {
    summary.ignored.afterAsOf += afterAsOf;
    summary.ignored.beforeScope += beforeScope;
    summary.ignored.notSchoolDay += notSchoolDay;
  }
  return m;
}

/**
 * loadRegistrations for column rows: the same filtering, order (by day; rows keep their order within a day),
 * summary and bounds, without reading any object.
 */
function loadColumnRows(
  ws: Workspace,
  rows: ColumnRows,
  dc: DayContext,
  scopeStart: EpochDay,
  summary: SummaryFacts | undefined,
  compiled: CompiledLadder,
): void {
  const { asOfDay, yearStart } = dc;
  const regs = ws.regs;
  let total = 0;
  let batches = 0;
  for (let r: ColumnRows | undefined = rows; r !== undefined; r = r.next) {
    total += Math.max(0, r.to - r.from);
    regs.batches[batches++] = r.columns;
  }
  regs.batchCount = batches;
  regs.n = 0;
  regs.reserve(total);
  const {
    day: rDay,
    index: rIndex,
    kind: rKind,
    documented: rDocumented,
    reason: rReason,
    agreed: rAgreed,
    lessons: rLessons,
    pass,
  } = regs;
  const passTable = compiled.passTable;
  // School index of every day in scope (no calls inside the loop below, so array checks can be hoisted). Scope
  // before this school year (an older case) is looked up from the pupil's earliest row on, not from the case.
  let tableFrom = yearStart;
  if (scopeStart < yearStart) {
    let earliest = yearStart;
    for (let r: ColumnRows | undefined = rows; r !== undefined; r = r.next) {
      for (let row = r.from; row < r.to; row++) {
        const day = r.columns.day[row] as number;
        if (day >= scopeStart && day < earliest) earliest = day;
      }
    }
    tableFrom = earliest;
  }
  const table = tableFrom < yearStart ? scopeIndexTable(dc, tableFrom) : dc.indexTable;
  let afterAsOf = 0;
  let beforeScope = 0;
  let notSchoolDay = 0;
  let sorted = true;
  let lastDay = NOT_SCHOOL_DAY;
  let m = 0;
  for (let r: ColumnRows | undefined = rows; r !== undefined; r = r.next) {
    const c = r.columns;
    const { day: days, kind: kinds, documented, reason, agreed, filterCode, lessons } = c;
    for (let row = r.from; row < r.to; row++) {
      const day = days[row] as number;
      if (day > asOfDay) {
        afterAsOf++;
        continue;
      }
      if (day < scopeStart) {
        beforeScope++;
        continue;
      }
      const index = table[day - tableFrom] as number;
      if (index === NOT_SCHOOL_DAY) {
        notSchoolDay++;
        continue;
      }
      if (day < lastDay) sorted = false;
      lastDay = day;
      const kind = kinds[row] as number;
      const given = lessons[row] as number;
      const doc = documented[row] as number;
      const re = reason[row] as number;
      // A lesson registration without a count is one lesson; other kinds weigh 1.
      const weight = kind === KIND_LESSON && given !== 0 ? given : 1;
      rDay[m] = day;
      rIndex[m] = index;
      rKind[m] = kind;
      rDocumented[m] = doc;
      rReason[m] = re;
      const ag = agreed[row] === 1 ? 1 : 0;
      rAgreed[m] = ag;
      pass[m] = passTable[filterCode[row] as number] as number;
      rLessons[m] = weight;
      m++;
    }
  }
  regs.n = m;
  regs.fromColumns = true;
  regs.direct = batches === 1 && sorted && afterAsOf + beforeScope + notSchoolDay === 0;
  regs.directFrom = rows.from;
  if (!regs.direct) copyCodes(regs, rows, asOfDay, scopeStart, table, tableFrom);
  if (!sorted) sortRowsByDay(regs);
  // Whether a column row is illness is left to markIllnessEpisodes, which finds none just as fast.
  regs.hasIllness = true;
  regs.episodesReady = false;
  if (summary !== undefined) {
    summarizeRows(regs, summary, yearStart);
    summary.ignored.afterAsOf += afterAsOf;
    summary.ignored.beforeScope += beforeScope;
    summary.ignored.notSchoolDay += notSchoolDay;
  }
}

/** Subject and episode codes and batch numbers of the rows loadColumnRows kept, in load order (before any sort). */
function copyCodes(
  regs: Registrations,
  rows: ColumnRows,
  asOfDay: EpochDay,
  scopeStart: EpochDay,
  table: Int32Array,
  tableFrom: EpochDay,
): void {
  const { batchOf, subjectCode, episodeCode } = regs;
  let m = 0;
  let b = 0;
  for (let r: ColumnRows | undefined = rows; r !== undefined; r = r.next, b++) {
    const { day: days, subject, episode } = r.columns;
    for (let row = r.from; row < r.to; row++) {
      const day = days[row] as number;
      if (day > asOfDay || day < scopeStart || table[day - tableFrom] === NOT_SCHOOL_DAY) continue;
      batchOf[m] = b;
      subjectCode[m] = subject[row] as number;
      episodeCode[m] = episode[row] as number;
      m++;
    }
  }
}

// A cache, not a working table: the last table is reused while a case's pupils are evaluated for the same day.
let lastScopeTable: { dc: DayContext; from: EpochDay; table: Int32Array } | undefined;

/** School indices from `from` (before the school year: a case opened earlier) to asOf, NOT_SCHOOL_DAY on closed days. */
function scopeIndexTable(dc: DayContext, from: EpochDay): Int32Array {
  if (lastScopeTable?.dc === dc && lastScopeTable.from === from) return lastScopeTable.table;
  const table = new Int32Array(dc.asOfDay - from + 1);
  for (let at = 0; at < table.length; at++) {
    const day = from + at;
    table[at] =
      day >= dc.yearStart
        ? (dc.indexTable[day - dc.yearStart] as number)
        : dc.calendar.isSchoolEpochDay(day)
          ? dc.calendar.schoolIndex(day)
          : NOT_SCHOOL_DAY;
  }
  lastScopeTable = { dc, from, table };
  return table;
}

/** Stable insertion sort of the loaded column rows by day (rows of a pupil usually come in day order already). */
function sortRowsByDay(regs: Registrations): void {
  const { day, index, kind, documented, reason, agreed, lessons, pass, batchOf, subjectCode, episodeCode } = regs;
  for (let i = 1; i < regs.n; i++) {
    const d = day[i] as number;
    if ((day[i - 1] as number) <= d) continue;
    const x = index[i] as number;
    const k = kind[i] as number;
    const doc = documented[i] as number;
    const re = reason[i] as number;
    const ag = agreed[i] as number;
    const le = lessons[i] as number;
    const pa = pass[i] as number;
    const ba = batchOf[i] as number;
    const su = subjectCode[i] as number;
    const ep = episodeCode[i] as number;
    let j = i;
    while (j > 0 && (day[j - 1] as number) > d) {
      day[j] = day[j - 1] as number;
      index[j] = index[j - 1] as number;
      kind[j] = kind[j - 1] as number;
      documented[j] = documented[j - 1] as number;
      reason[j] = reason[j - 1] as number;
      agreed[j] = agreed[j - 1] as number;
      lessons[j] = lessons[j - 1] as number;
      pass[j] = pass[j - 1] as number;
      batchOf[j] = batchOf[j - 1] as number;
      subjectCode[j] = subjectCode[j - 1] as number;
      episodeCode[j] = episodeCode[j - 1] as number;
      j--;
    }
    day[j] = d;
    index[j] = x;
    kind[j] = k;
    documented[j] = doc;
    reason[j] = re;
    agreed[j] = ag;
    lessons[j] = le;
    pass[j] = pa;
    batchOf[j] = ba;
    subjectCode[j] = su;
    episodeCode[j] = ep;
  }
}

/**
 * Upper bounds for mayTrip, from the loaded rows (in day order): registrations per kind, distinct days of
 * whole-day absence (in all, per term of this school year, and the longest run on consecutive school days),
 * lesson weight and lesson days, and which kinds and reasons occur with or without documentation.
 */
export function boundsFromRows(regs: Registrations, dc: DayContext): void {
  const { day, index, kind, documented, reason, lessons, kindCount } = regs;
  const { yearStart, term2Start } = dc;
  kindCount[0] = 0;
  kindCount[1] = 0;
  kindCount[2] = 0;
  kindCount[3] = 0;
  kindCount[4] = 0;
  let lessonWeight = 0;
  let dayCount = 0;
  let term1Days = 0;
  let term2Days = 0;
  let run = 0;
  let longestRun = 0;
  let lastRunIndex = NOT_SCHOOL_DAY;
  let lessonDayCount = 0;
  let lastDayRow = NOT_SCHOOL_DAY;
  let lastLessonRow = NOT_SCHOOL_DAY;
  let documentedKinds = 0;
  let notDocumentedKinds = 0;
  let reasons = 0;
  for (let i = 0; i < regs.n; i++) {
    const k = kind[i] as number;
    const d = day[i] as number;
    kindCount[k] = (kindCount[k] as number) + 1;
    if (k === KIND_DAY) {
      if (d !== lastDayRow) {
        dayCount++;
        if (d >= term2Start) term2Days++;
        else if (d >= yearStart) term1Days++;
        const x = index[i] as number;
        run = x === lastRunIndex + 1 ? run + 1 : 1;
        if (run > longestRun) longestRun = run;
        lastRunIndex = x;
        lastDayRow = d;
      }
    } else if (k === KIND_LESSON) {
      const weight = lessons[i] as number;
      if (weight > 0) lessonWeight += weight;
      if (d !== lastLessonRow) lessonDayCount++;
      lastLessonRow = d;
    }
    // documented is -1, 0 or 1: (documented + 1) >> 1 is 1 only for documented.
    const isDocumented = ((documented[i] as number) + 1) >> 1;
    documentedKinds |= isDocumented << k;
    notDocumentedKinds |= (isDocumented ^ 1) << k;
    // NO_REASON (-1) sets bit 31, which no reason mask has.
    reasons |= 1 << (reason[i] as number);
  }
  regs.lessonWeight = lessonWeight;
  regs.dayCount = dayCount;
  regs.term1Days = term1Days;
  regs.term2Days = term2Days;
  regs.longestRun = longestRun;
  regs.lessonDayCount = lessonDayCount;
  regs.documentedKinds = documentedKinds;
  regs.notDocumentedKinds = notDocumentedKinds;
  regs.reasons = reasons;
}

/** The school year's registrations counted into the summary facts, from the loaded column rows. */
function summarizeRows(regs: Registrations, summary: SummaryFacts, yearStart: EpochDay): void {
  const { day, kind, documented, lessons } = regs;
  let lastWholeDay = -1;
  let lastUndocumented = false;
  for (let i = 0; i < regs.n; i++) {
    const d = day[i] as number;
    if (d < yearStart) continue;
    switch (kind[i]) {
      case KIND_DAY:
        if (d !== lastWholeDay) {
          summary.days.total++;
          lastWholeDay = d;
          lastUndocumented = false;
        }
        // A day is undocumented when any of its registrations is.
        if (documented[i] === 0 && !lastUndocumented) {
          lastUndocumented = true;
          summary.days.undocumented++;
        }
        break;
      case KIND_LESSON:
        summary.lessons += lessons[i] as number;
        break;
      case KIND_LATE:
        summary.late++;
        break;
      case KIND_LEFT:
        summary.left++;
        break;
      case KIND_NOT_IN_CLASS:
        summary.notInClass++;
        break;
    }
  }
  summary.days.documented = summary.days.total - summary.days.undocumented;
}

/** The column batch row i was loaded from. */
function batchAt(regs: Registrations, i: number): RegistrationColumns {
  return regs.batches[regs.direct ? 0 : (regs.batchOf[i] as number)] as RegistrationColumns;
}

/** Subject and episode codes of loaded column row i, from the batch itself when the rows were loaded as they are. */
export function subjectCodeAt(regs: Registrations, i: number): number {
  return regs.direct
    ? ((regs.batches[0] as RegistrationColumns).subject[regs.directFrom + i] as number)
    : (regs.subjectCode[i] as number);
}

export function episodeCodeAt(regs: Registrations, i: number): number {
  return regs.direct
    ? ((regs.batches[0] as RegistrationColumns).episode[regs.directFrom + i] as number)
    : (regs.episodeCode[i] as number);
}

/** The registration's subject and episode id, from the event or from the columns it was loaded from. */
export function subjectAt(regs: Registrations, i: number): string | undefined {
  if (!regs.fromColumns) return (regs.event[i] as AbsenceEvent).subject;
  const code = subjectCodeAt(regs, i);
  return code < 0 ? undefined : batchAt(regs, i).subjects[code];
}

export function episodeAt(regs: Registrations, i: number): string | undefined {
  if (!regs.fromColumns) return (regs.event[i] as AbsenceEvent).episodeId;
  const code = episodeCodeAt(regs, i);
  return code < 0 ? undefined : batchAt(regs, i).episodes[code];
}

/** A whole day of illness: reason illness, or an episodeId without a reason (markIllnessEpisodes tests the same inline). */
export function isIllnessDay(regs: Registrations, i: number): boolean {
  if (regs.kind[i] !== KIND_DAY) return false;
  const reason = regs.reason[i];
  return reason === REASON_ILLNESS || (reason === NO_REASON && episodeAt(regs, i) !== undefined);
}

/** Loads a pupil's registrations (events or column rows) into the workspace, as evaluate() and the bulk forms read them. */
export function loadInput(
  ws: Workspace,
  events: EvaluateInput["events"],
  pupilId: string,
  compiled: CompiledLadder,
  dc: DayContext,
  scopeStart: EpochDay,
  summary: SummaryFacts | undefined,
  ignored: SummaryFacts["ignored"],
): void {
  if (Array.isArray(events)) {
    pickEvents(ws, events as readonly AbsenceEvent[], pupilId, ignored);
    loadRegistrations(ws, dc, scopeStart, summary, compiled.passTable);
  } else loadColumnRows(ws, events as ColumnRows, dc, scopeStart, summary, compiled);
}
