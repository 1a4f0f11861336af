import fc from "fast-check";
import { type AbsenceEvent, absenceKinds, absenceReasons } from "../../src/domain/absence";
import { formatIsoDate, parseIsoDate } from "../../src/domain/dates";
import type { EvaluateInput } from "../../src/domain/evaluation";
import { evaluateStep } from "../../bench/engine/bulk";
import { columnsFromEvents } from "../../bench/engine/columns";
import { type Ladder, parseLadder } from "../../src/domain/ladder";
import { presetIds, presets } from "../../src/domain/ladders";
import { benchPresets } from "../../bench/engine/presets";
import {
  createNextDayResult,
  createResumeTable,
  evaluateNextDay,
  evaluateNextDays,
  evaluateStepWithResume,
} from "../../bench/engine/resume";
import { type RegistrationDraft, calendar2025, eventOfDraft, pupil } from "../domain/helpers";

// The incremental evaluation must give what a fresh evaluation of all rows gives, for every preset: the
// registrations are dense in a few weeks so thresholds, runs, rolling windows and illness episodes are reached.
const from = parseIsoDate("2025-09-01");
const to = parseIsoDate("2025-11-14");

type Draft = RegistrationDraft;

const subjects = [
  "norsk",
  "matematikk",
  "kroppsøving",
  "engelsk",
  "musikk",
  "naturfag",
  "KRLE",
  "samfunnsfag",
  "mat og helse",
];
const episodeIds = "abcdefghijkl".split("");

/** `crowded`: more late arrivals, lessons, subjects and episode ids than a state slot holds, so its overflow paths run. */
const draftArbOf = (crowded: boolean): fc.Arbitrary<Draft> =>
  fc.record(
    {
      kind: crowded
        ? fc.constantFrom<AbsenceEvent["kind"]>("late", "lesson", "lesson", "day", "not_in_class")
        : fc.constantFrom(...absenceKinds, "day", "day"),
      documented: fc.boolean(),
      reason: fc.constantFrom(...absenceReasons, "illness", "illness"),
      agreed: fc.boolean(),
      episodeId: fc.constantFrom(...episodeIds.slice(0, crowded ? 12 : 3)),
      lessons: fc.integer({ min: 0, max: 3 }),
      subject: fc.constantFrom(...subjects.slice(0, crowded ? 9 : 6)),
    },
    { requiredKeys: ["kind", "documented", "lessons", "subject"] },
  );

const toEvent = eventOfDraft;

/** A history up to a day, then registrations on each of the next few school days (one day at a time). */
const scenarioArbOf = (crowded: boolean) =>
  fc.record({
    ladder: fc.constantFrom(...presetIds),
    history: fc.array(fc.tuple(fc.integer({ min: from, max: to }), draftArbOf(crowded)), {
      maxLength: crowded ? 90 : 45,
    }),
    asOf: fc.integer({ min: from, max: to }),
    // Per following day: how many school days later (mostly the next), and its registrations (often none).
    days: fc.array(
      fc.tuple(fc.constantFrom(1, 1, 1, 2, 4), fc.array(draftArbOf(crowded), { maxLength: crowded ? 6 : 3 })),
      { minLength: 1, maxLength: 6 },
    ),
  });

type Scenario = {
  /** A preset as the engine forms read it, or any ladder. */
  ladder: (typeof presetIds)[number] | Ladder;
  history: [number, Draft][];
  asOf: number;
  days: [number, Draft[]][];
};

/**
 * Evaluates the history as of `asOf` with a captured state, then each following day from the state, and checks
 * every day against a fresh evaluation of all rows. Returns, per day, whether it was replayed.
 */
function checkDayByDay({ ladder: id, history, asOf, days }: Scenario): boolean[] {
  const calendar = calendar2025();
  const ladder = typeof id === "string" ? benchPresets[id] : id;
  let day = calendar.schoolEpochDayOnOrAfter(asOf);
  let events = history.filter(([d]) => d <= day).map(([d, draft], i) => toEvent(draft, d, `h${i}`));
  const base: Omit<EvaluateInput, "events" | "asOf"> = { pupil, ladder, calendar };
  const table = createResumeTable(ladder, 2);
  let slot = 0;
  const first = evaluateStepWithResume({ ...base, events, asOf: formatIsoDate(day) }, table, slot);
  let previous = { step: first.step, firedKeys: [...first.newTriggerKeys] };
  return days.map(([ahead, drafts], k) => {
    day = calendar.addSchoolEpochDays(day, ahead);
    const added = drafts.map((d, i) => toEvent(d, day, `d${k}-${i}`));
    events = [...events, ...added];
    const input = { ...base, events, asOf: formatIsoDate(day), previous };
    const fresh = evaluateStep(input);
    // Alternate between writing in place and into the other slot, and fill a reused result on every third day.
    const into = k % 3 === 2 ? reusedResult : undefined;
    const next = evaluateNextDay({ ...input, added }, table, slot, table, k % 2 === 0 ? 1 - slot : slot, into);
    if (into !== undefined) expect(next).toBe(into);
    if (k % 2 === 0) slot = 1 - slot;
    expect(next.evaluation.newTriggerKeys).toEqual(fresh.newTriggerKeys);
    expect(next.evaluation.step).toBe(fresh.step);
    expect(next.evaluation.raised).toBe(fresh.raised);
    previous = { step: fresh.step, firedKeys: [...previous.firedKeys, ...fresh.newTriggerKeys] };
    return next.replayed;
  });
}

const plain: Draft = { kind: "day", documented: true, lessons: 0, subject: "norsk" };

const reusedResult = createNextDayResult();

describe("incremental evaluation — properties", () => {
  test.each([
    ["", false],
    [" with more registrations than a state slot holds", true],
  ])(
    "when a pupil is evaluated day by day from the captured state%s, then every day gives the fresh evaluation's new keys and step",
    (_, crowded) => {
      let continued = 0;
      fc.assert(
        fc.property(scenarioArbOf(crowded as boolean), (scenario) => {
          continued += checkDayByDay(scenario).filter((replayed) => !replayed).length;
        }),
        { numRuns: 400 },
      );
      // Most days continue from the state, so the fast path is what was checked (crowded pupils replay more often).
      expect(continued).toBeGreaterThan(crowded ? 150 : 400);
    },
  );

  // A slot that fits when captured and is outgrown on a later day: every day is still exact, and the pupil is
  // replayed once the slot cannot hold what it must carry.
  const day0 = parseIsoDate("2025-09-15");
  test.each([
    [
      "six late arrivals in the rolling window, then a seventh",
      6,
      (k: number): Draft => ({ ...plain, kind: "late", lessons: k }),
      [false, true, true],
    ],
    [
      "lessons missed in four subjects, then a fifth and a sixth",
      4,
      (k: number): Draft => ({ ...plain, kind: "lesson", subject: subjects[k] as string }),
      [false, true, true],
    ],
    // A new episode id beyond the slot's six replays; the state captured then keeps the latest six, so a day
    // without one continues from it.
    [
      "six illnesses with episode ids, then a seventh",
      6,
      (k: number): Draft => ({ ...plain, reason: "illness", episodeId: episodeIds[k] as string }),
      [true, true, false],
    ],
  ] as const)("when %s, then every day still equals a fresh evaluation", (_, count, draftOn, expected) => {
    const calendar = calendar2025();
    // Every other school day, so no two illness days touch.
    const history: [number, Draft][] = Array.from({ length: count }, (__, k) => [
      calendar.addSchoolEpochDays(day0, 2 * k),
      draftOn(k),
    ]);
    const asOf = calendar.addSchoolEpochDays(day0, 11);
    const replayed = checkDayByDay({
      ladder: "orland-skole",
      history,
      asOf,
      days: [
        [2, [draftOn(count)]],
        [2, [draftOn(count + 1)]],
        [1, []],
      ],
    });
    expect(replayed).toEqual(expected);
  });

  // «Over 3 dager» (Ørland) leaves out continuous illness of two days or more: a lone illness day counts until
  // the next school day is illness too; then both stop counting, and the state drops the earlier one in place.
  const ill: Draft = { ...plain, reason: "illness" };
  test.each([
    ["a lone illness day becomes two days of illness", [plain, plain, ill], 3],
    [
      "a lone illness day that also has another absence becomes two days of illness (the day still counts)",
      [plain, plain, ill, plain],
      2,
    ],
  ] as const)(
    "when %s, then the day count drops without a replay and «over 3 dager» trips when a fresh evaluation does",
    (_, before, tripsOnDay) => {
      const calendar = calendar2025();
      // Two school days apart, except that the last draft shares the illness day.
      const history: [number, Draft][] = before.map((draft, k) => [
        calendar.addSchoolEpochDays(day0, 2 * Math.min(k, 2)),
        draft,
      ]);
      const asOf = calendar.addSchoolEpochDays(day0, 4);
      const days: [number, Draft[]][] = [
        [1, [ill]],
        [1, [plain]],
        [1, [plain]],
        [1, [plain]],
      ];
      expect(checkDayByDay({ ladder: "orland-skole", history, asOf, days })).toEqual([false, false, false, false]);
      // The scenario reaches the threshold: a fresh evaluation trips «over 3 dager» on the expected following day.
      const ladder = benchPresets["orland-skole"];
      const events = [
        ...history.map(([d, draft], i) => toEvent(draft, d, `h${i}`)),
        ...days.map(([, [draft]], k) => toEvent(draft as Draft, calendar.addSchoolEpochDays(asOf, k + 1), `d${k}`)),
      ];
      const tripDays = [1, 2, 3, 4].filter((k) => {
        const on = formatIsoDate(calendar.addSchoolEpochDays(asOf, k));
        const upTo = (day: string) =>
          evaluateStep({ pupil, ladder, calendar, events, asOf: day }).newTriggerKeys.some((key) =>
            key.startsWith("over-3-dager@"),
          );
        return upTo(on) && !upTo(formatIsoDate(calendar.addSchoolEpochDays(asOf, k - 1)));
      });
      expect(tripDays).toEqual([tripsOnDay]);
    },
  );

  test("when Ørland reads illness as one period only (single_period) and a second period of illness comes, then the pupil is replayed and the days left out count again", () => {
    const calendar = calendar2025();
    // Two days of illness in a row (one continuous illness, left out), then two lone absences.
    const history: [number, Draft][] = [
      [day0, ill],
      [calendar.addSchoolEpochDays(day0, 1), ill],
      [calendar.addSchoolEpochDays(day0, 3), plain],
      [calendar.addSchoolEpochDays(day0, 5), plain],
    ];
    const asOf = calendar.addSchoolEpochDays(day0, 6);
    const days: [number, Draft[]][] = [
      [2, [ill]],
      [1, [ill]],
      [1, []],
    ];
    expect(checkDayByDay({ ladder: presets["orland-skole"], history, asOf, days })).toEqual([true, true, true]);
    const events = [
      ...history.map(([d, draft], i) => toEvent(draft, d, `h${i}`)),
      toEvent(ill, calendar.addSchoolEpochDays(asOf, 2), "d0"),
      toEvent(ill, calendar.addSchoolEpochDays(asOf, 3), "d1"),
    ];
    const on = formatIsoDate(calendar.addSchoolEpochDays(asOf, 3));
    const result = evaluateStep({ pupil, ladder: presets["orland-skole"], calendar, events, asOf: on });
    expect(result.newTriggerKeys.some((key) => key.startsWith("over-3-dager@"))).toBe(true);
  });

  test("when an illness's episode id comes back after the slot let go of its group, then the pupil is replayed and the days it joins stop counting", () => {
    const calendar = calendar2025();
    // Seven lone illness days with their own episode ids (every other school day): the slot keeps six groups.
    const history: [number, Draft][] = Array.from({ length: 7 }, (__, k) => [
      calendar.addSchoolEpochDays(day0, 2 * k),
      { ...ill, episodeId: episodeIds[k] as string },
    ]);
    const asOf = calendar.addSchoolEpochDays(day0, 13);
    // The first episode again: one illness of two days now, both left out, so «over 9 dager» is not reached yet.
    const days: [number, Draft[]][] = [
      [1, [{ ...ill, episodeId: "a" }]],
      [1, [plain]],
      [1, [plain]],
      [1, [plain]],
      [1, [plain]],
    ];
    expect(checkDayByDay({ ladder: "orland-skole", history, asOf, days })).toEqual([true, false, false, false, false]);
  });

  test("when a ladder counts lessons in named subjects only, then each day is evaluated afresh and equals a fresh evaluation", () => {
    const calendar = calendar2025();
    const teacher = { role: "contact_teacher", title: "Kontaktlærer" } as const;
    const ladder = parseLadder({
      formatVersion: 1,
      id: "fag-test",
      name: "Fag",
      municipality: "Test",
      institution: "school",
      source: "test",
      steps: [{ number: 1, name: "Trinn en", holders: [teacher], actions: ["Ring hjem."], source: "test" }],
      rules: [
        {
          id: "matte",
          label: "Fravær i matematikk",
          step: 1,
          source: "test",
          trigger: {
            type: "count",
            measure: "lessons",
            window: { type: "school_year" },
            threshold: { atLeast: 3 },
            filter: { subjects: ["matematikk"] },
          },
        },
      ],
    });
    const lesson = (day: number, subject: string, id: string): AbsenceEvent =>
      toEvent({ kind: "lesson", documented: false, lessons: 1, subject }, day, id);
    const first = parseIsoDate("2025-09-01");
    const history = [lesson(first, "matematikk", "h0"), lesson(first, "norsk", "h1")];
    const table = createResumeTable(ladder, 1);
    let previous = { step: null as number | null, firedKeys: [] as string[] };
    const before = evaluateStepWithResume(
      { pupil, ladder, calendar, events: history, asOf: formatIsoDate(first) },
      table,
      0,
    );
    expect(before.newTriggerKeys).toEqual([]);
    const events = [...history];
    const keys = [1, 2, 3].map((k) => {
      const day = calendar.addSchoolEpochDays(first, k);
      const added = [lesson(day, k === 1 ? "norsk" : "matematikk", `d${k}`)];
      events.push(...added);
      const input = { pupil, ladder, calendar, events: [...events], asOf: formatIsoDate(day), previous };
      const next = evaluateNextDay({ ...input, added }, table, 0);
      expect(next.replayed).toBe(true);
      expect(next.evaluation.newTriggerKeys).toEqual(evaluateStep(input).newTriggerKeys);
      previous = { step: next.evaluation.step, firedKeys: [...previous.firedKeys, ...next.evaluation.newTriggerKeys] };
      return next.evaluation.newTriggerKeys;
    });
    // The third lesson in matematikk (the norsk one does not count) trips it, once.
    expect(keys.map((k) => k.length)).toEqual([0, 0, 1]);
  });

  // Molde's «oversikt» counts 10 days in the autumn term only (term window with `only`); its alert counts 5 in either term.
  test.each([
    ["autumn", "2025-09-01", true],
    ["spring", "2026-01-05", false],
  ] as const)(
    "when a pupil reaches 10 absence days in the %s term day by day, then «oversikt» trips as a fresh evaluation says (%s)",
    (_, start, trips) => {
      const calendar = calendar2025();
      const first = calendar.schoolEpochDayOnOrAfter(parseIsoDate(start));
      const history: [number, Draft][] = Array.from({ length: 8 }, (__, k) => [
        calendar.addSchoolEpochDays(first, k),
        plain,
      ]);
      const asOf = calendar.addSchoolEpochDays(first, 7);
      expect(
        checkDayByDay({
          ladder: "molde-nordbyen",
          history,
          asOf,
          days: [
            [1, [plain]],
            [1, [plain]],
          ],
        }),
      ).toEqual([false, false]);
      const events = Array.from({ length: 10 }, (__, k) =>
        toEvent(plain, calendar.addSchoolEpochDays(first, k), `e${k}`),
      );
      const fresh = evaluateStep({
        pupil,
        ladder: benchPresets["molde-nordbyen"],
        calendar,
        events,
        asOf: formatIsoDate(calendar.addSchoolEpochDays(first, 9)),
      });
      expect(fresh.newTriggerKeys.some((key) => key.startsWith("oversikt-10-dager-1-termin@"))).toBe(trips);
    },
  );

  test("when a rolling window's stretch ends in days without registrations and new late arrivals start another, then that trips again", () => {
    const calendar = calendar2025();
    const ladder = benchPresets["orland-skole"];
    const late = (day: number, id: string): AbsenceEvent =>
      toEvent({ kind: "late", documented: false, lessons: 0, subject: "norsk" }, day, id);
    const first = parseIsoDate("2025-09-01");
    // «Gjentatt forsentkomming»: 3 in 20 school days. Three on three school days in a row trip it once.
    const history = [0, 1, 2].map((k) => late(calendar.addSchoolEpochDays(first, k), `h${k}`));
    const table = createResumeTable(ladder, 1);
    const asOf = formatIsoDate(calendar.addSchoolEpochDays(first, 2));
    const before = evaluateStepWithResume({ pupil, ladder, calendar, events: history, asOf }, table, 0);
    expect(before.newTriggerKeys).toEqual([`gjentatt-forsentkomming@${asOf}`]);
    // 21 school days later the first two have left the window; two more bring it back to 3: a new stretch.
    const day = calendar.addSchoolEpochDays(first, 21);
    const added = [late(day, "n1"), late(day, "n2")];
    const input = {
      pupil,
      ladder,
      calendar,
      events: [...history, ...added],
      asOf: formatIsoDate(day),
      previous: { step: before.step, firedKeys: before.newTriggerKeys },
    };
    const next = evaluateNextDay({ ...input, added }, table, 0);
    expect(next.replayed).toBe(false);
    expect(next.evaluation.newTriggerKeys).toEqual([`gjentatt-forsentkomming@${formatIsoDate(day)}`]);
    expect(next.evaluation.newTriggerKeys).toEqual(evaluateStep(input).newTriggerKeys);
  });

  test("when the new rows are dated on or before the state's day, then the pupil is replayed over all rows", () => {
    const calendar = calendar2025();
    const ladder = benchPresets["orland-skole"];
    const early = toEvent(
      { kind: "day", documented: false, lessons: 0, subject: "norsk" },
      parseIsoDate("2025-09-02"),
      "late-correction",
    );
    const table = createResumeTable(ladder, 1);
    const first = evaluateStepWithResume({ pupil, ladder, calendar, events: [], asOf: "2025-09-05" }, table, 0);
    expect(first.step).toBeNull();
    const next = evaluateNextDay(
      {
        pupil,
        ladder,
        calendar,
        events: [early],
        added: [early],
        asOf: "2025-09-08",
        previous: { step: null, firedKeys: [] },
      },
      table,
      0,
    );
    expect(next.replayed).toBe(true);
    // The undocumented day still trips «udokumentert fravær» (step 0), as a fresh evaluation does.
    expect(next.evaluation.step).toBe(0);
    expect(next.evaluation.newTriggerKeys).toEqual(["udokumentert-fravaer@2025-09-02"]);
  });
});

describe("incremental evaluation — a day's batch of pupils", () => {
  /** Pupils of one ladder, each with a history up to a shared day, then their registrations on each following day. */
  const batchArb = fc.record({
    ladder: fc.constantFrom(...presetIds),
    asOf: fc.integer({ min: from, max: to }),
    ahead: fc.array(fc.constantFrom(1, 1, 1, 2, 4), { minLength: 1, maxLength: 5 }),
    pupils: fc.array(
      fc.record({
        history: fc.array(fc.tuple(fc.integer({ min: from, max: to }), draftArbOf(false)), { maxLength: 40 }),
        days: fc.array(fc.array(draftArbOf(false), { maxLength: 3 }), { minLength: 5, maxLength: 5 }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
  });

  it("when every pupil's next day is evaluated as one batch (evaluateNextDays), then each gets the fresh evaluation's new keys and step, and only pupils with new trips are reported", () => {
    let reported = 0;
    let prefired = 0;
    fc.assert(
      fc.property(batchArb, ({ ladder: id, asOf, ahead, pupils }) => {
        const calendar = calendar2025();
        const ladder = benchPresets[id];
        let day = calendar.schoolEpochDayOnOrAfter(asOf);
        const ids = pupils.map((_, p) => `elev-${p}`);
        const eventOf = (p: number, draft: Draft, d: number, id: string): AbsenceEvent => ({
          ...toEvent(draft, d, id),
          pupilId: ids[p] as string,
        });
        const stored = pupils.map(({ history }, p) =>
          history.filter(([d]) => d <= day).map(([d, draft], i) => eventOf(p, draft, d, `p${p}-h${i}`)),
        );
        const table = createResumeTable(ladder, pupils.length);
        const steps: (number | null)[] = [];
        const firedKeys: string[][] = [];
        stored.forEach((events, p) => {
          const first = evaluateStepWithResume(
            { pupil: { id: ids[p] as string }, events, ladder, calendar, asOf: formatIsoDate(day) },
            table,
            p,
          );
          steps.push(first.step);
          firedKeys.push([...first.newTriggerKeys]);
        });
        // Slots in reverse order, so that a pupil's number and its slot differ.
        const slot = pupils.map((_, p) => pupils.length - 1 - p);
        const reversed = createResumeTable(ladder, pupils.length, table.codes);
        pupils.forEach((_, p) =>
          reversed.data.set(
            table.data.subarray(p * table.width, (p + 1) * table.width),
            (slot[p] as number) * table.width,
          ),
        );
        ahead.forEach((by, k) => {
          day = calendar.addSchoolEpochDays(day, by);
          // The stored rows of all pupils one after another, and the day's (some pupils have none).
          const storedRows = columnsFromEvents(stored.flat());
          const storedFrom = stored.map((_, p) => stored.slice(0, p).reduce((n, e) => n + e.length, 0));
          const added = pupils.map(({ days }, p) =>
            (days[k] as Draft[]).map((d, i) => eventOf(p, d, day, `p${p}-d${k}-${i}`)),
          );
          const start = Int32Array.from(
            added.map((_, p) => added.slice(0, p).reduce((n, e) => n + e.length, 0)).concat(added.flat().length),
          );
          // Every other pupil already has some of the day's keys among its fired keys (as after a judgement, or a run
          // ahead): those must not trip again, so the batch must read the fired keys of a pupil that trips.
          pupils.forEach((_, p) => {
            if ((p + k) % 2 !== 0) return;
            const events = [...(stored[p] as AbsenceEvent[]), ...(added[p] as AbsenceEvent[])];
            const ahead = evaluateStep({
              pupil: { id: ids[p] as string },
              events,
              ladder,
              calendar,
              asOf: formatIsoDate(day),
              previous: { step: steps[p] ?? null, firedKeys: firedKeys[p] as string[] },
            });
            (firedKeys[p] as string[]).push(...ahead.newTriggerKeys.filter((_, i) => i % 2 === 0));
            prefired += Math.ceil(ahead.newTriggerKeys.length / 2);
          });
          const result = evaluateNextDays(
            {
              ladder,
              calendar,
              asOf: formatIsoDate(day),
              added: columnsFromEvents(added.flat()),
              start,
              pupils: Int32Array.from(pupils.keys()),
            },
            {
              table: reversed,
              slot,
              ids,
              steps,
              firedKeys,
              stored: {
                columns: storedRows,
                from: storedFrom,
                to: stored.map((e, p) => (storedFrom[p] as number) + e.length),
              },
            },
          );
          expect(result.pupils).toBe(pupils.length);
          pupils.forEach((_, p) => {
            stored[p] = [...(stored[p] as AbsenceEvent[]), ...(added[p] as AbsenceEvent[])];
            const fresh = evaluateStep({
              pupil: { id: ids[p] as string },
              events: stored[p] as AbsenceEvent[],
              ladder,
              calendar,
              asOf: formatIsoDate(day),
              previous: { step: steps[p] ?? null, firedKeys: firedKeys[p] as string[] },
            });
            const at = result.updates.pupils.indexOf(p);
            expect(at >= 0).toBe(fresh.newTriggerKeys.length > 0);
            if (at < 0) return;
            reported++;
            expect(result.updates.newKeys[at]).toEqual(fresh.newTriggerKeys);
            expect(result.updates.steps[at]).toBe(fresh.step);
            steps[p] = fresh.step;
            (firedKeys[p] as string[]).push(...fresh.newTriggerKeys);
          });
          expect(result.newTrips).toBe(result.updates.newKeys.reduce((n, keys) => n + keys.length, 0));
        });
      }),
      { numRuns: 150 },
    );
    // Trips happened and keys were fired beforehand, so the lazily read fired keys and steps were checked.
    expect(reported).toBeGreaterThan(100);
    expect(prefired).toBeGreaterThan(100);
  });

  it("when a pupil in the batch has an open case, then the batch stops with an error that points to evaluateNextDay", () => {
    const calendar = calendar2025();
    const ladder = benchPresets["orland-skole"];
    const table = createResumeTable(ladder, 1);
    const events = [toEvent(plain, parseIsoDate("2025-09-15"), "c1")];
    evaluateStepWithResume(
      { pupil, events, ladder, calendar, asOf: "2025-09-15", caseOpenedAt: "2025-09-01" },
      table,
      0,
    );
    const added = [toEvent(plain, parseIsoDate("2025-09-16"), "c2")];
    expect(() =>
      evaluateNextDays(
        {
          ladder,
          calendar,
          asOf: "2025-09-16",
          added: columnsFromEvents(added),
          start: Int32Array.of(0, 1),
          pupils: Int32Array.of(0),
        },
        {
          table,
          slot: [0],
          ids: [pupil.id],
          steps: [null],
          firedKeys: [[]],
          stored: { columns: columnsFromEvents(events), from: [0], to: [1] },
        },
      ),
    ).toThrow(/has a case; evaluate it with evaluateNextDay/);
  });
});
