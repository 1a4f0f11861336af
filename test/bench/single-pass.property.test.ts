import fc from "fast-check";
import { type AbsenceEvent, absenceKinds, absenceReasons } from "../../src/domain/absence";
import { formatIsoDate, parseIsoDate } from "../../src/domain/dates";
import { type ColumnRows, type EvaluateInput, compileLadder } from "../../src/domain/evaluation";
import { type StepResults, evaluateStep, evaluateStepLoaded, evaluateSteps, kernelOf } from "../../bench/engine/bulk";
import { columnsFromEvents } from "../../bench/engine/columns";
import { KERNEL_MAX_ROWS } from "../../bench/engine/ladder-kernel";
import { type Ladder, parseLadder } from "../../src/domain/ladder";
import { presetIds, presets } from "../../src/domain/ladders";
import { benchPresets } from "../../bench/engine/presets";
import { type RegistrationDraft, calendar2025, eventOfDraft, pupil } from "../domain/helpers";

// evaluateStep reads one column batch in day order in a single pass (see «How evaluation works» in
// docs/ladders.md). Whatever the rows, its step and new keys must be those of the general evaluation.

/** A ladder with the rule shapes no preset has: lessons per week, left school in a rolling window, per-subject
 * lesson counts by term, occurrences (of one kind and of two) and a run that leave continuous illness out, a
 * term-2 count by reason. */
const allShapes: Ladder = parseLadder({
  ...benchPresets["molde-nordbyen"],
  id: "alle-former",
  rules: [
    {
      id: "timer-per-uke",
      label: "Timer per uke",
      step: 0,
      source: "test",
      trigger: { type: "count", measure: "lessons", window: { type: "calendar_week" }, threshold: { atLeast: 3 } },
    },
    {
      id: "forlot-skolen",
      label: "Forlot skolen",
      step: 1,
      source: "test",
      trigger: {
        type: "count",
        measure: "left",
        window: { type: "rolling_school_days", days: 10 },
        threshold: { atLeast: 2 },
      },
    },
    {
      id: "timer-i-fag",
      label: "Timer i fag",
      step: 1,
      source: "test",
      trigger: {
        type: "count",
        measure: "lessons",
        perSubject: true,
        window: { type: "term" },
        threshold: { moreThan: 3 },
      },
    },
    {
      id: "fagdager-per-maaned",
      label: "Fagdager",
      step: 0,
      source: "test",
      trigger: {
        type: "count",
        measure: "lesson_days",
        perSubject: true,
        window: { type: "calendar_month" },
        threshold: { atLeast: 2 },
      },
    },
    {
      id: "enkeltdag",
      label: "Enkeltdag",
      step: 2,
      source: "test",
      trigger: {
        type: "occurrence",
        kinds: ["day"],
        filter: { excludeContinuousIllness: { minDays: 3 }, documented: true },
      },
    },
    {
      id: "dag-eller-time",
      label: "Dag eller time",
      step: 1,
      source: "test",
      trigger: {
        type: "occurrence",
        kinds: ["day", "lesson"],
        filter: { excludeContinuousIllness: true, excludeAgreed: true },
      },
    },
    {
      id: "dager-paa-rad",
      label: "Dager på rad",
      step: 2,
      source: "test",
      trigger: {
        type: "consecutive_days",
        filter: { excludeContinuousIllness: true, excludeAgreed: true },
        length: { atLeast: 2 },
      },
    },
    {
      id: "vaarens-dager",
      label: "Vårens dager",
      step: 3,
      source: "test",
      trigger: {
        type: "count",
        measure: "days",
        filter: { reasons: ["illness", "appointment"], documented: true },
        window: { type: "term", only: 2 },
        threshold: { atLeast: 2 },
      },
    },
    {
      id: "siden-saken",
      label: "Siden saken",
      step: 3,
      source: "test",
      trigger: { type: "count", measure: "days", window: { type: "since_case_opened" }, threshold: { atLeast: 1 } },
    },
    { id: "tegn", label: "Tegn", step: 0, source: "test", trigger: { type: "early_sign" } },
  ],
});

const ladders: Record<string, Ladder> = { ...benchPresets, [allShapes.id]: allShapes };
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
  .array(
    fc.oneof(
      draftArb(yearStart - 10, parseIsoDate("2026-06-19")),
      draftArb(parseIsoDate("2025-09-01"), parseIsoDate("2025-09-26")),
      draftArb(parseIsoDate("2025-12-08"), parseIsoDate("2026-01-16")),
    ),
    { maxLength: 24 },
  )
  .chain((drafts) =>
    fc
      .array(fc.nat(), { maxLength: 4 })
      .map((picks) => [
        ...drafts,
        ...picks
          .filter(() => drafts.length > 0)
          .map((k) => ({ ...(drafts[k % drafts.length] as Draft), kind: "lesson" as const })),
      ]),
  );

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
  const other = {
    ...(events[0] ??
      eventOfDraft({ kind: "day", documented: false, lessons: 0, subject: "norsk" }, yearStart + 30, "z")),
    pupilId: "annen",
  };
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
  const input: EvaluateInput = {
    pupil,
    ladder,
    calendar: calendar2025(),
    asOf: formatIsoDate(s.asOf),
    events: rowsOf(events),
  };
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
      .filter(([, ladder]) => kernelOf(compileLadder(ladder)) !== undefined)
      .map(([id]) => id);
    // Tynset counts single days only (maxRunLength): the general evaluation takes it.
    expect(single.sort()).toEqual([...presetIds.filter((id) => id !== "tynset-nord-osterdal"), allShapes.id].sort());
  });

  it("when Ørland reads illness as one period only (single_period, the product's default), then the general evaluation takes it", () => {
    expect(kernelOf(compileLadder(presets["orland-skole"]))).toBeUndefined();
    expect(kernelOf(compileLadder(benchPresets["orland-skole"]))).toBeDefined();
  });

  it("when registrations come as one column batch, then the step and new keys are the general evaluation's", () => {
    fc.assert(fc.property(scenarioArb, check), { numRuns: 600 });
  });

  it("when an illness episode joins two days across a gap, then they are left out as one continuous illness", () => {
    // Two lone illness days with one episode id, four school days apart: two days of one illness (Ørland: from 2 days on).
    const illness = (day: string, episodeId: string): Draft => ({
      day: parseIsoDate(day),
      kind: "day",
      documented: true,
      reason: "illness",
      episodeId,
      lessons: 0,
      subject: "norsk",
    });
    const plain = (day: string): Draft => ({
      day: parseIsoDate(day),
      kind: "day",
      documented: true,
      lessons: 0,
      subject: "norsk",
    });
    const drafts = [
      plain("2025-09-01"),
      illness("2025-09-02", "a"),
      plain("2025-09-03"),
      plain("2025-09-04"),
      plain("2025-09-05"),
      illness("2025-09-08", "a"),
      plain("2025-09-09"),
      plain("2025-09-10"),
    ];
    check({ ladder: "orland-skole", drafts, asOf: parseIsoDate("2025-09-12"), inDayOrder: true, firedShare: 0 });
    const events = drafts.map((d, i) => eventOfDraft(d, d.day, `j${i}`));
    const result = evaluateStep({
      pupil,
      ladder: benchPresets["orland-skole"],
      calendar: calendar2025(),
      asOf: "2025-09-12",
      events: rowsOf(events),
    });
    // Six plain days pass «over 3 dager»; had the two illness days counted as single days, eight would pass «over 6 dager».
    expect(result.newTriggerKeys).toContain("over-3-dager@year:2025-08-18");
    expect(result.newTriggerKeys).not.toContain("over-6-dager@year:2025-08-18");
  });

  it("when two whole-day registrations fall on one date, then the single pass counts the day once", () => {
    const plain = (day: string): Draft => ({
      day: parseIsoDate(day),
      kind: "day",
      documented: true,
      lessons: 0,
      subject: "norsk",
    });
    // Three days, one of them registered twice (two source systems): three days, not «over 3 dager».
    const drafts = [plain("2025-09-01"), plain("2025-09-01"), plain("2025-09-02"), plain("2025-09-03")];
    check({ ladder: "orland-skole", drafts, asOf: parseIsoDate("2025-09-12"), inDayOrder: true, firedShare: 0 });
    const events = drafts.map((d, i) => eventOfDraft(d, d.day, `d${i}`));
    const result = evaluateStep({
      pupil,
      ladder: benchPresets["orland-skole"],
      calendar: calendar2025(),
      asOf: "2025-09-12",
      events: rowsOf(events),
    });
    expect(result.newTriggerKeys).not.toContain("over-3-dager@year:2025-08-18");
    const fourth = evaluateStep({
      pupil,
      ladder: benchPresets["orland-skole"],
      calendar: calendar2025(),
      asOf: "2025-09-12",
      events: rowsOf([...events, eventOfDraft(plain("2025-09-04"), parseIsoDate("2025-09-04"), "d4")]),
    });
    expect(fourth.newTriggerKeys).toContain("over-3-dager@year:2025-08-18");
  });

  it("when a lesson registration gives no lesson count, then the single pass counts it as one lesson", () => {
    // «Timer per uke» trips at 3 lessons in a week: three registrations of one lesson each, none with a count.
    const lesson = (day: string): Draft => ({
      day: parseIsoDate(day),
      kind: "lesson",
      documented: false,
      lessons: 0,
      subject: "norsk",
    });
    const drafts = [lesson("2025-09-01"), lesson("2025-09-02"), lesson("2025-09-03")];
    check({ ladder: allShapes.id, drafts, asOf: parseIsoDate("2025-09-12"), inDayOrder: true, firedShare: 0 });
    const events = drafts.map((d, i) => eventOfDraft(d, d.day, `l${i}`));
    expect(events.every((e) => e.lessons === undefined)).toBe(true);
    const result = evaluateStep({
      pupil,
      ladder: allShapes,
      calendar: calendar2025(),
      asOf: "2025-09-12",
      events: rowsOf(events),
    });
    expect(result.newTriggerKeys.filter((key) => key.startsWith("timer-per-uke@"))).toHaveLength(1);
  });

  it("when a pupil has more registrations than the single pass takes, then the step and new keys are still the general evaluation's", () => {
    // Every lesson of every school day from the start, registered one by one, then (after the first
    // KERNEL_MAX_ROWS rows) whole days in June that trip «over 3 dager», days in a row and more.
    const cal = calendar2025();
    const drafts: Draft[] = [];
    const june = parseIsoDate("2026-06-01");
    for (let day = yearStart; day < june; day++) {
      if (!cal.isSchoolEpochDay(day)) continue;
      // Eight lessons, each registered by three systems (a stress case, not a school's day).
      for (let l = 0; l < 24; l++)
        drafts.push({
          day,
          kind: "lesson",
          documented: true,
          lessons: 1,
          subject: l % 3 === 0 ? "norsk" : "matematikk",
        });
    }
    expect(drafts.length).toBeGreaterThan(KERNEL_MAX_ROWS);
    for (let day = june; day < june + 14; day++)
      if (cal.isSchoolEpochDay(day)) drafts.push({ day, kind: "day", documented: false, lessons: 0, subject: "norsk" });
    const june5 = evaluateStep({
      pupil,
      ladder: benchPresets["orland-skole"],
      calendar: cal,
      asOf: "2026-06-12",
      events: rowsOf(drafts.map((d, i) => eventOfDraft(d, d.day, `m${i}`))),
    });
    expect(june5.newTriggerKeys).toContain("over-3-dager@year:2025-08-18");
    for (const ladder of ["orland-skole", "molde-nordbyen", allShapes.id])
      check({ ladder, drafts, asOf: parseIsoDate("2026-06-12"), inDayOrder: true, firedShare: 0 });
  });
});

/** Several pupils' scenarios in one column batch, each pupil's rows one range of it (as a school's registrations come). */
function batchOf(scenarios: readonly Scenario[]): {
  events: AbsenceEvent[][];
  from: Int32Array;
  to: Int32Array;
  rows: ColumnRows[];
} {
  const events = scenarios.map((s, p) => {
    const ordered = s.inDayOrder ? [...s.drafts].sort((a, b) => a.day - b.day) : s.drafts;
    return ordered.map((d, i) => ({ ...eventOfDraft(d, d.day, `p${p}-r${i}`), pupilId: `elev-${p}` }));
  });
  const columns = columnsFromEvents(events.flat());
  const from = new Int32Array(events.length);
  const to = new Int32Array(events.length);
  let at = 0;
  events.forEach((list, p) => {
    from[p] = at;
    at += list.length;
    to[p] = at;
  });
  return { events, from, to, rows: events.map((_, p) => ({ columns, from: from[p] as number, to: to[p] as number })) };
}

describe("evaluateSteps — a school's pupils at once", () => {
  it("when a school's pupils are evaluated together, then each gets the step and new keys evaluateStep gives it alone", () => {
    const schoolArb = fc.record({
      ladder: fc.constantFrom(...ladderIds),
      asOf: fc.integer({ min: parseIsoDate("2025-09-01"), max: parseIsoDate("2026-06-19") }),
      pupils: fc.array(fc.record({ drafts: draftsArb, inDayOrder: fc.constantFrom(true, true, true, false) }), {
        minLength: 1,
        maxLength: 6,
      }),
      // Some runs evaluate only some of the pupils, in another order (one thread's share of a school).
      picks: fc.option(fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(schoolArb, (school) => {
        const ladder = ladders[school.ladder] as Ladder;
        const asOf = formatIsoDate(school.asOf);
        const { from, to, rows } = batchOf(
          school.pupils.map((p) => ({
            ladder: school.ladder,
            asOf: school.asOf,
            drafts: p.drafts,
            inDayOrder: p.inDayOrder,
            firedShare: 0,
          })),
        );
        const n = rows.length;
        const order = school.picks === undefined ? undefined : Int32Array.from(new Set(school.picks.map((k) => k % n)));
        // A step no ladder has marks the pupils left out.
        const out: StepResults = {
          step: new Array<number | null>(n).fill(-7),
          keys: new Array<readonly string[]>(n).fill([]),
        };
        const ids = rows.map((_, p) => `elev-${p}`);
        evaluateSteps(
          {
            ladder,
            calendar: calendar2025(),
            asOf,
            columns: (rows[0] as ColumnRows).columns,
            from,
            to,
            ids,
            order,
            start: 0,
            end: order === undefined ? n : order.length,
          },
          out,
        );
        const evaluated = new Set(order ?? rows.map((_, p) => p));
        rows.forEach((events, p) => {
          if (!evaluated.has(p)) {
            expect(out.step[p]).toBe(-7);
            return;
          }
          const alone = evaluateStep({ pupil: { id: `elev-${p}` }, ladder, calendar: calendar2025(), asOf, events });
          expect(out.keys[p]).toEqual(alone.newTriggerKeys);
          expect(out.step[p]).toBe(alone.step);
        });
      }),
      { numRuns: 300 },
    );
  });
});
