import fc from "fast-check";
import { type AbsenceEvent, absenceKinds, absenceReasons } from "../../src/domain/absence";
import { formatIsoDate, parseIsoDate } from "../../src/domain/dates";
import { type ColumnRows, type EvaluateInput, columnsFromEvents, compileLadder, engineParts, evaluateStep } from "../../src/domain/evaluate";
import { type Ladder, parseLadder } from "../../src/domain/ladder";
import { presetIds, presets } from "../../src/domain/ladders";
import { type RegistrationDraft, calendar2025, eventOfDraft, pupil } from "./helpers";

// evaluateStep reads one column batch in day order in a single pass (see «How evaluation works» in
// docs/ladders.md). Whatever the rows, its step and new keys must be those of the general evaluation.

const { evaluateStepLoaded } = engineParts;

/** A ladder with the rule shapes no preset has: lessons per week, left school in a rolling window, per-subject
 * lesson counts by term, occurrences (of one kind and of two) and a run that leave continuous illness out, a
 * term-2 count by reason. */
const allShapes: Ladder = parseLadder({
  ...presets["molde-nordbyen"],
  id: "alle-former",
  rules: [
    { id: "timer-per-uke", label: "Timer per uke", step: 0, source: "test", trigger: { type: "count", measure: "lessons", window: { type: "calendar_week" }, threshold: { atLeast: 3 } } },
    { id: "forlot-skolen", label: "Forlot skolen", step: 1, source: "test", trigger: { type: "count", measure: "left", window: { type: "rolling_school_days", days: 10 }, threshold: { atLeast: 2 } } },
    { id: "timer-i-fag", label: "Timer i fag", step: 1, source: "test", trigger: { type: "count", measure: "lessons", perSubject: true, window: { type: "term" }, threshold: { moreThan: 3 } } },
    { id: "fagdager-per-maaned", label: "Fagdager", step: 0, source: "test", trigger: { type: "count", measure: "lesson_days", perSubject: true, window: { type: "calendar_month" }, threshold: { atLeast: 2 } } },
    { id: "enkeltdag", label: "Enkeltdag", step: 2, source: "test", trigger: { type: "occurrence", kinds: ["day"], filter: { excludeContinuousIllness: { minDays: 3 }, documented: true } } },
    { id: "dag-eller-time", label: "Dag eller time", step: 1, source: "test", trigger: { type: "occurrence", kinds: ["day", "lesson"], filter: { excludeContinuousIllness: true, excludeAgreed: true } } },
    { id: "dager-paa-rad", label: "Dager på rad", step: 2, source: "test", trigger: { type: "consecutive_days", filter: { excludeContinuousIllness: true, excludeAgreed: true }, length: { atLeast: 2 } } },
    { id: "vaarens-dager", label: "Vårens dager", step: 3, source: "test", trigger: { type: "count", measure: "days", filter: { reasons: ["illness", "appointment"], documented: true }, window: { type: "term", only: 2 }, threshold: { atLeast: 2 } } },
    { id: "siden-saken", label: "Siden saken", step: 3, source: "test", trigger: { type: "count", measure: "days", window: { type: "since_case_opened" }, threshold: { atLeast: 1 } } },
    { id: "tegn", label: "Tegn", step: 0, source: "test", trigger: { type: "early_sign" } },
  ],
});

const ladders: Record<string, Ladder> = { ...presets, [allShapes.id]: allShapes };
const ladderIds = Object.keys(ladders);

const yearStart = parseIsoDate("2025-08-18");
interface Draft extends RegistrationDraft {
  day: number;
}

// Days before the school year, weekends and holidays are in range on purpose: they must be left out alike.
const draftArb = (from: number, to: number): fc.Arbitrary<Draft> =>
  fc.record(
    {
      day: fc.integer({ min: from, max: to }),
      kind: fc.constantFrom(...absenceKinds, "day", "day"),
      documented: fc.boolean(),
      reason: fc.constantFrom(...absenceReasons, "illness", "illness"),
      agreed: fc.boolean(),
      episodeId: fc.constantFrom("a", "b", "c"),
      lessons: fc.integer({ min: 0, max: 3 }),
      subject: fc.constantFrom("norsk", "matematikk", "kroppsøving"),
    },
    { requiredKeys: ["day", "kind", "documented", "lessons", "subject"] },
  );

// Few rows in a few dense weeks, so that one row more or less decides a threshold; some rows share a day.
const draftsArb = fc
  .array(fc.oneof(draftArb(yearStart - 10, parseIsoDate("2026-06-19")), draftArb(parseIsoDate("2025-09-01"), parseIsoDate("2025-09-26")), draftArb(parseIsoDate("2025-12-08"), parseIsoDate("2026-01-16"))), { maxLength: 24 })
  .chain((drafts) => fc.array(fc.nat(), { maxLength: 4 }).map((picks) => [...drafts, ...picks.filter(() => drafts.length > 0).map((k) => ({ ...(drafts[k % drafts.length] as Draft), kind: "lesson" as const }))]));

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  ladder: fc.constantFrom(...ladderIds),
  drafts: draftsArb,
  asOf: fc.integer({ min: parseIsoDate("2025-09-01"), max: parseIsoDate("2026-06-19") }),
  // Mostly in day order, as a school system exports them; otherwise the general evaluation takes over.
  inDayOrder: fc.constantFrom(true, true, true, false),
  firedShare: fc.constantFrom(0, 0, 0.5, 1),
});

/** The pupil's events as one column batch, with some rows of another pupil before and after (outside the range). */
function rowsOf(events: readonly AbsenceEvent[]): ColumnRows {
  const other = { ...(events[0] ?? eventOfDraft({ kind: "day", documented: false, lessons: 0, subject: "norsk" }, yearStart + 30, "z")), pupilId: "annen" };
  const columns = columnsFromEvents([{ ...other, id: "o1" }, ...events, { ...other, id: "o2" }]);
  return { columns, from: 1, to: 1 + events.length };
}

interface Scenario {
  ladder: string;
  drafts: Draft[];
  asOf: number;
  inDayOrder: boolean;
  firedShare: number;
}

function check(s: Scenario): void {
  const ladder = ladders[s.ladder] as Ladder;
  const ordered = s.inDayOrder ? [...s.drafts].sort((a, b) => a.day - b.day) : s.drafts;
  const events = ordered.map((d, i) => eventOfDraft(d, d.day, `r${String(i).padStart(3, "0")}`));
  const input: EvaluateInput = { pupil, ladder, calendar: calendar2025(), asOf: formatIsoDate(s.asOf), events: rowsOf(events) };
  // Some of the keys already fired earlier, as the daily job passes them.
  const all = evaluateStepLoaded(input).newTriggerKeys;
  input.previous = { step: null, firedKeys: all.slice(0, Math.round(all.length * s.firedShare)) };
  const general = evaluateStepLoaded(input);
  const single = evaluateStep(input);
  expect(single.newTriggerKeys).toEqual(general.newTriggerKeys);
  expect(single.step).toBe(general.step);
  expect(single.raised).toBe(general.raised);
}

describe("single pass — properties", () => {
  it("when a ladder has no filter by subject or run length, then it is evaluated in a single pass", () => {
    const single = Object.entries(ladders)
      .filter(([, ladder]) => compileLadder(ladder).kernel !== undefined)
      .map(([id]) => id);
    // Tynset counts single days only (maxRunLength): the general evaluation takes it.
    expect(single.sort()).toEqual([...presetIds.filter((id) => id !== "tynset-nord-osterdal"), allShapes.id].sort());
  });

  it("when registrations come as one column batch, then the step and new keys are the general evaluation's", () => {
    fc.assert(fc.property(scenarioArb, check), { numRuns: 600 });
  });

  it("when an illness episode joins two days across a gap, then they are left out as one continuous illness", () => {
    // Two lone illness days with one episode id, four school days apart: two days of one illness (Ørland: from 2 days on).
    const illness = (day: string, episodeId: string): Draft => ({ day: parseIsoDate(day), kind: "day", documented: true, reason: "illness", episodeId, lessons: 0, subject: "norsk" });
    const plain = (day: string): Draft => ({ day: parseIsoDate(day), kind: "day", documented: true, lessons: 0, subject: "norsk" });
    const drafts = [plain("2025-09-01"), illness("2025-09-02", "a"), plain("2025-09-03"), plain("2025-09-04"), plain("2025-09-05"), illness("2025-09-08", "a"), plain("2025-09-09"), plain("2025-09-10")];
    check({ ladder: "orland-skole", drafts, asOf: parseIsoDate("2025-09-12"), inDayOrder: true, firedShare: 0 });
    const events = drafts.map((d, i) => eventOfDraft(d, d.day, `j${i}`));
    const result = evaluateStep({ pupil, ladder: presets["orland-skole"], calendar: calendar2025(), asOf: "2025-09-12", events: rowsOf(events) });
    // Six plain days pass «over 3 dager»; had the two illness days counted as single days, eight would pass «over 6 dager».
    expect(result.newTriggerKeys).toContain("over-3-dager@year:2025-08-18");
    expect(result.newTriggerKeys).not.toContain("over-6-dager@year:2025-08-18");
  });

  it("when two whole-day registrations fall on one date, then the single pass counts the day once", () => {
    const plain = (day: string): Draft => ({ day: parseIsoDate(day), kind: "day", documented: true, lessons: 0, subject: "norsk" });
    // Three days, one of them registered twice (two source systems): three days, not «over 3 dager».
    const drafts = [plain("2025-09-01"), plain("2025-09-01"), plain("2025-09-02"), plain("2025-09-03")];
    check({ ladder: "orland-skole", drafts, asOf: parseIsoDate("2025-09-12"), inDayOrder: true, firedShare: 0 });
    const events = drafts.map((d, i) => eventOfDraft(d, d.day, `d${i}`));
    const result = evaluateStep({ pupil, ladder: presets["orland-skole"], calendar: calendar2025(), asOf: "2025-09-12", events: rowsOf(events) });
    expect(result.newTriggerKeys).not.toContain("over-3-dager@year:2025-08-18");
    const fourth = evaluateStep({ pupil, ladder: presets["orland-skole"], calendar: calendar2025(), asOf: "2025-09-12", events: rowsOf([...events, eventOfDraft(plain("2025-09-04"), parseIsoDate("2025-09-04"), "d4")]) });
    expect(fourth.newTriggerKeys).toContain("over-3-dager@year:2025-08-18");
  });

  it("when a lesson registration gives no lesson count, then the single pass counts it as one lesson", () => {
    // «Timer per uke» trips at 3 lessons in a week: three registrations of one lesson each, none with a count.
    const lesson = (day: string): Draft => ({ day: parseIsoDate(day), kind: "lesson", documented: false, lessons: 0, subject: "norsk" });
    const drafts = [lesson("2025-09-01"), lesson("2025-09-02"), lesson("2025-09-03")];
    check({ ladder: allShapes.id, drafts, asOf: parseIsoDate("2025-09-12"), inDayOrder: true, firedShare: 0 });
    const events = drafts.map((d, i) => eventOfDraft(d, d.day, `l${i}`));
    expect(events.every((e) => e.lessons === undefined)).toBe(true);
    const result = evaluateStep({ pupil, ladder: allShapes, calendar: calendar2025(), asOf: "2025-09-12", events: rowsOf(events) });
    expect(result.newTriggerKeys.filter((key) => key.startsWith("timer-per-uke@"))).toHaveLength(1);
  });
});
