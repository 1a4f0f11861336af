import { compileLadder, createWorkspace, describeTrip, evaluate } from "../../src/domain/evaluation";
import { enterWorkspace, leaveWorkspace } from "../../src/domain/evaluation/workspace";
import { type LadderDefinition, parseLadder } from "../../src/domain/ladder";
import { presets } from "../../src/domain/ladders";
import { absence, calendar2025, days, pupil, run, ruleIds, spreadDays } from "./helpers";

type RuleDefinition = NonNullable<LadderDefinition["rules"]>[number];

const teacher = { role: "contact_teacher", title: "Kontaktlærer" } as const;

/** A three-step test ladder carrying whatever rules a test needs. */
function ladderWith(...rules: RuleDefinition[]) {
  return parseLadder({
    formatVersion: 1,
    id: "test-ladder",
    name: "Test",
    municipality: "Test",
    institution: "school",
    source: "test",
    earlySigns: [{ id: "tegn", label: "Et tidlig tegn", source: "test" }],
    steps: [
      { number: 0, name: "Trinn null", holders: [teacher], actions: ["Ring hjem."], source: "test" },
      {
        number: 1,
        name: "Trinn en",
        holders: [teacher, { role: "coordinator", title: "Koordinator" }],
        actions: ["Kall inn til møte."],
        source: "test",
      },
      {
        number: 2,
        name: "Trinn to",
        holders: [{ role: "principal", title: "Rektor" }],
        actions: ["Meld til tverrfaglig team."],
        source: "test",
      },
    ],
    rules,
  });
}

const daysRule = (
  id: string,
  step: number,
  threshold: { atLeast: number } | { moreThan: number },
  extra: Partial<RuleDefinition> = {},
): RuleDefinition => ({
  id,
  label: id,
  step,
  source: "test",
  trigger: { type: "count", measure: "days", window: { type: "school_year" }, threshold },
  ...extra,
});

describe("evaluate", () => {
  describe("never down, never twice", () => {
    const ladder = presets["orland-skole"];

    test("when the previous step was 2 and only a step-0 rule trips now, then the pupil stays on step 2", () => {
      const result = run(ladder, [absence("2025-09-10", { documented: false })], "2025-09-10", {
        previous: { step: 2, firedKeys: [] },
      });
      expect(result.step).toBe(2);
      expect(result.previousStep).toBe(2);
      expect(result.raised).toBe(false);
      expect(result.current?.number).toBe(2);
      expect(result.trips.map((t) => t.step)).toEqual([0]);
    });

    test("when nothing trips and the previous step was 1, then the step is still 1 and nothing is required", () => {
      const result = run(ladder, [], "2025-09-10", { previous: { step: 1, firedKeys: [] } });
      expect(result.step).toBe(1);
      expect(result.trips).toEqual([]);
      expect(result.required).toBeNull();
    });

    test.each([
      ["an array", (keys: string[]) => keys],
      ["a Set", (keys: string[]) => new Set(keys)],
    ])("when the fired keys are passed back as %s, then the same triggers do not trip again", (_, wrap) => {
      const events = [
        ...days(spreadDays.slice(0, 7)),
        absence("2025-09-30"),
        absence("2025-10-07", { documented: false }),
      ];
      const first = run(ladder, events);
      expect(first.trips.length).toBeGreaterThan(1);
      const second = run(ladder, events, "2025-12-19", {
        previous: { step: first.step, firedKeys: wrap(first.newTriggerKeys) },
      });
      expect(second.trips).toEqual([]);
      expect(second.step).toBe(first.step);
      expect(second.newTriggerKeys).toEqual([]);
    });

    test("when a monthly count fired in September, then October's count is a new trigger", () => {
      const molde = presets["molde-nordbyen"];
      const september = days(["2025-09-01", "2025-09-02", "2025-09-03", "2025-09-04"], { kind: "late" });
      const first = run(molde, september, "2025-09-30");
      expect(first.newTriggerKeys).toEqual(["for-sent-mer-enn-3-i-maneden@2025-09"]);
      const october = [
        ...september,
        ...days(["2025-10-06", "2025-10-07", "2025-10-08", "2025-10-09"], { kind: "late" }),
      ];
      const second = run(molde, october, "2025-10-31", {
        previous: { step: first.step, firedKeys: first.newTriggerKeys },
      });
      expect(second.newTriggerKeys).toEqual(["for-sent-mer-enn-3-i-maneden@2025-10"]);
      expect(second.trips[0]?.text).toBe("4 forsentkomminger i oktober 2025. Grense: over 3.");
    });

    test("when a rolling window stays above the threshold, then it trips once; after it empties, a new stretch trips again", () => {
      const late = days(["2025-09-01", "2025-09-02", "2025-09-03"], { kind: "late" });
      const first = run(ladder, late, "2025-09-03");
      expect(first.newTriggerKeys).toEqual(["gjentatt-forsentkomming@2025-09-03"]);
      const more = [...late, absence("2025-09-04", { kind: "late" }), absence("2025-09-08", { kind: "late" })];
      const second = run(ladder, more, "2025-09-08", {
        previous: { step: first.step, firedKeys: first.newTriggerKeys },
      });
      expect(second.trips).toEqual([]);
      const november = [...more, ...days(["2025-11-03", "2025-11-04", "2025-11-05"], { kind: "late" })];
      const third = run(ladder, november, "2025-11-05", {
        previous: { step: second.step, firedKeys: first.newTriggerKeys },
      });
      expect(third.newTriggerKeys).toEqual(["gjentatt-forsentkomming@2025-11-05"]);
    });

    test("when a stretch ended in the past, then its facts show the window in which it last held", () => {
      const late = days(["2025-09-01", "2025-09-02", "2025-09-03"], { kind: "late" });
      const trip = run(ladder, late, "2025-12-01").trips[0];
      expect(trip?.facts).toMatchObject({
        type: "count",
        count: 3,
        window: { type: "rolling_school_days", to: "2025-09-26" },
      });
    });
  });

  describe("which registrations count", () => {
    const ladder = ladderWith(daysRule("fire-dager", 1, { atLeast: 4 }));

    test("when registrations are dated after asOf, then they are ignored until asOf reaches them", () => {
      const events = days(["2025-09-01", "2025-09-02", "2025-09-03", "2025-09-10"]);
      const before = run(ladder, events, "2025-09-09");
      expect(before.step).toBeNull();
      expect(before.facts.ignored.afterAsOf).toBe(1);
      expect(run(ladder, events, "2025-09-10").step).toBe(1);
    });

    test("when the same registration arrives twice, then it counts once", () => {
      const events = days(["2025-09-01", "2025-09-02", "2025-09-03"]);
      const result = run(ladder, [...events, { ...(events[0] as (typeof events)[0]) }]);
      expect(result.step).toBeNull();
      expect(result.facts.ignored.duplicateId).toBe(1);
      expect(result.facts.days.total).toBe(3);
    });

    test("when two registrations share an id but differ, then the same one wins whatever the order", () => {
      const a = absence("2025-09-04", { id: "samme" });
      const b = absence("2025-09-05", { id: "samme", documented: false });
      const base = days(["2025-09-01", "2025-09-02", "2025-09-03"]);
      const one = run(ladder, [...base, a, b]);
      const other = run(ladder, [b, ...base, a]);
      expect(one).toEqual(other);
      expect(one.facts.days.total).toBe(4);
    });

    test("when another pupil's registrations are mixed in, then they are ignored", () => {
      const mine = days(["2025-09-01", "2025-09-02", "2025-09-03"]);
      const theirs = { ...absence("2025-09-04"), pupilId: "elev-2" };
      const result = run(ladder, [...mine, theirs]);
      expect(result.step).toBeNull();
      expect(result.facts.ignored.otherPupil).toBe(1);
    });

    test("when registrations are from last school year, then they are outside the window", () => {
      const result = run(ladder, [...days(["2025-06-02", "2025-06-03", "2025-06-04"]), absence("2025-09-01")]);
      expect(result.step).toBeNull();
      expect(result.facts.ignored.beforeScope).toBe(3);
    });

    test("when two registrations fall on one day, then it is one absence day, undocumented if either is", () => {
      const result = run(ladder, [absence("2025-09-01"), absence("2025-09-01", { documented: false })]);
      expect(result.facts.days).toEqual({ total: 1, documented: 0, undocumented: 1 });
    });

    test("when a lesson registration covers several lessons, then a lesson count counts them all", () => {
      const lessons = ladderWith({
        id: "timer",
        label: "timer",
        step: 0,
        source: "test",
        trigger: { type: "count", measure: "lessons", window: { type: "calendar_month" }, threshold: { atLeast: 4 } },
      });
      expect(run(lessons, [absence("2025-09-03", { kind: "lesson", lessons: 3 })]).step).toBeNull();
      const result = run(lessons, [absence("2025-09-03", { kind: "lesson", lessons: 4, subject: "matematikk" })]);
      expect(result.step).toBe(0);
      expect(result.trips[0]?.text).toBe("4 timer fravær i september 2025: 4 dokumenterte. Grense: 4 eller flere.");
    });
  });

  test.each(["illness", "leave", "travel", "appointment", "other", "unknown"] as const)(
    "when a rule looks only at the reason %s, then only that reason trips it",
    (reason) => {
      const ladder = ladderWith({
        id: "arsak",
        label: "årsak",
        step: 0,
        source: "test",
        trigger: {
          type: "occurrence",
          kinds: ["day", "lesson", "late", "left", "not_in_class"],
          filter: { reasons: [reason] },
        },
      });
      const reasons = ["illness", "leave", "travel", "appointment", "other", "unknown"] as const;
      const kinds = ["day", "lesson", "late", "left", "not_in_class", "day"] as const;
      const dates = ["2025-09-01", "2025-09-02", "2025-09-03", "2025-09-04", "2025-09-05", "2025-09-08"];
      const all = reasons.map((r, i) => absence(dates[i] as string, { reason: r, kind: kinds[i] }));
      expect(run(ladder, all).trips.map((t) => t.date)).toEqual([dates[reasons.indexOf(reason)]]);
    },
  );

  describe("windows", () => {
    test("when no case is open, then a since-case rule is skipped; once open, only days after it count", () => {
      const ladder = ladderWith(
        daysRule(
          "etter-sak",
          2,
          { moreThan: 3 },
          {
            trigger: {
              type: "count",
              measure: "days",
              window: { type: "since_case_opened" },
              threshold: { moreThan: 3 },
            },
          },
        ),
      );
      const events = days(["2025-09-01", "2025-09-03", "2025-09-05", "2025-09-09", "2025-09-11", "2025-09-16"]);
      expect(run(ladder, events).trips).toEqual([]);
      expect(run(ladder, events, "2025-12-19", { caseOpenedAt: "2025-09-06" }).trips).toEqual([]);
      const opened = run(ladder, events, "2025-12-19", { caseOpenedAt: "2025-09-02" });
      expect(opened.newTriggerKeys).toEqual(["etter-sak@case:2025-09-02"]);
      expect(opened.trips[0]?.text).toBe(
        "5 fraværsdager siden saken ble opprettet 02.09: 5 dokumenterte. Grense: over 3.",
      );
    });

    test("when a case opened last school year, then its window still reaches back to it", () => {
      const ladder = ladderWith(
        daysRule(
          "etter-sak",
          2,
          { atLeast: 3 },
          {
            trigger: {
              type: "count",
              measure: "days",
              window: { type: "since_case_opened" },
              threshold: { atLeast: 3 },
            },
          },
        ),
      );
      const result = run(ladder, [...days(["2025-06-02", "2025-06-04"]), absence("2025-09-01")], "2025-09-02", {
        caseOpenedAt: "2025-05-20",
      });
      expect(result.step).toBe(2);
    });

    test("when a weekly count is used, then Monday–Sunday weeks are separate", () => {
      const ladder = ladderWith({
        id: "uke",
        label: "uke",
        step: 0,
        source: "test",
        trigger: { type: "count", measure: "late", window: { type: "calendar_week" }, threshold: { atLeast: 3 } },
      });
      expect(run(ladder, days(["2025-09-11", "2025-09-12", "2025-09-15"], { kind: "late" })).trips).toEqual([]);
      expect(run(ladder, days(["2025-09-15", "2025-09-16", "2025-09-19"], { kind: "late" })).newTriggerKeys).toEqual([
        "uke@2025-09-15",
      ]);
    });

    test("when a term is limited to the first one, then spring absence does not trip it", () => {
      const ladder = ladderWith({
        id: "host",
        label: "høst",
        step: 0,
        source: "test",
        trigger: { type: "count", measure: "days", window: { type: "term", only: 1 }, threshold: { atLeast: 2 } },
      });
      expect(run(ladder, days(["2026-01-06", "2026-01-07"]), "2026-02-01").trips).toEqual([]);
      expect(run(ladder, days(["2025-11-04", "2025-11-05"]), "2026-02-01").newTriggerKeys).toEqual([
        "host@term:2025-08-18",
      ]);
    });
  });

  describe("deadlines on the school calendar", () => {
    test.each([
      [{ type: "same_day" } as const, "2025-09-25", "2025-09-25"],
      [{ type: "school_days", days: 3 } as const, "2025-09-25", "2025-10-07"],
      [{ type: "weeks", weeks: 1 } as const, "2025-09-18", "2025-09-25"],
      [{ type: "weeks", weeks: 2 } as const, "2025-09-18", "2025-10-06"],
      [{ type: "calendar_days", days: 2 } as const, "2025-09-26", "2025-10-06"],
    ])("when the deadline is %j and the rule trips on %s, then the deadline is %s", (deadline, date, expected) => {
      const ladder = ladderWith({
        id: "frist",
        label: "frist",
        step: 0,
        deadline,
        source: "test",
        trigger: { type: "occurrence", kinds: ["day"] },
      });
      expect(run(ladder, [absence(date)]).trips[0]?.deadline).toBe(expected);
    });

    test("when the deadline has passed at asOf, then the trip and the requirement are overdue", () => {
      const ladder = presets["molde-nordbyen"];
      const result = run(ladder, [absence("2025-09-10", { documented: false })], "2025-09-12");
      expect(result.trips[0]?.overdue).toBe(true);
      expect(result.required?.overdue).toBe(true);
      expect(run(ladder, [absence("2025-09-10", { documented: false })], "2025-09-10").required?.overdue).toBe(false);
    });
  });

  describe("what must happen", () => {
    test("when a rule raises the step, then the rule's actions come first and the new step's actions follow, with its holders", () => {
      const ladder = ladderWith(
        daysRule(
          "to",
          1,
          { atLeast: 2 },
          { actions: ["Snakk med eleven."], deadline: { type: "school_days", days: 2 } },
        ),
      );
      const result = run(ladder, days(["2025-09-01", "2025-09-03"]));
      expect(result.raised).toBe(true);
      expect(result.required?.actions).toEqual(["Snakk med eleven.", "Kall inn til møte."]);
      expect(result.required?.holders.map((h) => h.title)).toEqual(["Kontaktlærer", "Koordinator"]);
      expect(result.required?.deadline).toBe("2025-09-05");
    });

    test("when several trips prescribe the same action, then it is listed once and the earliest deadline wins", () => {
      const molde = presets["molde-nordbyen"];
      const result = run(
        molde,
        [absence("2025-09-10", { documented: false }), absence("2025-09-12", { documented: false })],
        "2025-09-12",
      );
      expect(result.trips).toHaveLength(2);
      expect(result.required?.actions.filter((a) => a === "Ta kontakt med foresatte – samme dag.")).toHaveLength(1);
      expect(result.required?.deadline).toBe("2025-09-10");
    });

    test("when trips are listed, then they come in date order", () => {
      const result = run(presets["molde-nordbyen"], [
        absence("2025-09-12", { documented: false }),
        absence("2025-09-02", { documented: false }),
      ]);
      expect(result.trips.map((t) => t.date)).toEqual(["2025-09-02", "2025-09-12"]);
    });
  });

  describe("early signs", () => {
    const ladder = ladderWith({ id: "tegn", label: "tegn", step: 1, source: "test", trigger: { type: "early_sign" } });

    test("when a sign is reported twice on one day, then it trips once", () => {
      const report = { signId: "tegn", date: "2025-09-10" };
      expect(run(ladder, [], "2025-09-10", { earlySigns: [report, { ...report }] }).newTriggerKeys).toEqual([
        "tegn@tegn@2025-09-10",
      ]);
    });

    test("when a sign is reported after asOf or before the school year, then it does not trip", () => {
      expect(run(ladder, [], "2025-09-10", { earlySigns: [{ signId: "tegn", date: "2025-09-11" }] }).trips).toEqual([]);
      expect(run(ladder, [], "2025-09-10", { earlySigns: [{ signId: "tegn", date: "2025-06-11" }] }).trips).toEqual([]);
    });
  });

  describe("facts in Norwegian", () => {
    test("when days in a row trip, then the text names the run and the threshold", () => {
      const trip = run(presets.lillestrom, days(["2025-09-10", "2025-09-11", "2025-09-12", "2025-09-15", "2025-09-16"]))
        .trips[0];
      expect(trip?.text).toBe("5 fraværsdager på rad 10.–16.09: 5 dokumenterte. Grense: 5 eller flere på rad.");
      expect(trip?.facts).toEqual({
        type: "consecutive_days",
        length: 5,
        threshold: { atLeast: 5 },
        from: "2025-09-10",
        to: "2025-09-16",
        documented: 5,
        undocumented: 0,
        excluded: [],
      });
    });

    test("when single days only count, then days in runs are reported as not counted", () => {
      const trip = run(
        presets["tynset-nord-osterdal"],
        days(["2025-09-01", "2025-09-03", "2025-09-05", "2025-09-09", "2025-09-10", "2025-09-17"]),
      ).trips[0];
      expect(trip?.text).toBe(
        "4 fraværsdager i september 2025: 4 dokumenterte. Ikke talt: 2 dager i perioder på rad (bare enkeltdager teller). Grense: over 3.",
      );
    });

    test("when a trip is rendered again from its stored facts, then the text is the same", () => {
      const calendar = calendar2025();
      const result = run(
        presets["orland-skole"],
        [...days(spreadDays.slice(0, 4)), ...days(["2025-10-06", "2025-10-07"], { reason: "illness" })],
        "2025-10-10",
      );
      for (const trip of result.trips)
        expect(describeTrip(JSON.parse(JSON.stringify(trip)), calendar, "2025-10-10")).toBe(trip.text);
    });
  });

  test("when a filter leaves out continuous illness with true, then illness on two school days in a row is left out and a lone illness day counts", () => {
    // docs/ladders.md: `true` is `{ "minDays": 2 }`.
    const ladder = ladderWith(
      daysRule(
        "dager",
        0,
        { atLeast: 3 },
        {
          trigger: {
            type: "count",
            measure: "days",
            filter: { excludeContinuousIllness: true },
            window: { type: "school_year" },
            threshold: { atLeast: 3 },
          },
        },
      ),
    );
    const twoInARow = [
      ...days(["2025-09-01", "2025-09-03"]),
      ...days(["2025-09-08", "2025-09-09"], { reason: "illness" }),
    ];
    expect(run(ladder, twoInARow).trips).toEqual([]);
    const lone = [...days(["2025-09-01", "2025-09-03"]), ...days(["2025-09-08"], { reason: "illness" })];
    expect(ruleIds(run(ladder, lone))).toEqual(["dager"]);
  });

  test("when the same ladder object is compiled twice, then the compiled form is reused", () => {
    expect(compileLadder(presets.lillestrom)).toBe(compileLadder(presets.lillestrom));
  });

  test("when an evaluation starts while its workspace is in use, then it throws instead of sharing the tables", () => {
    const ws = createWorkspace();
    const input = {
      pupil,
      events: days(spreadDays),
      ladder: presets["orland-skole"],
      calendar: calendar2025(),
      asOf: "2025-12-19",
    };
    enterWorkspace(ws);
    expect(() => evaluate(input, ws)).toThrow(/re-entrant/);
    leaveWorkspace(ws);
    expect(evaluate(input, ws)).toEqual(evaluate(input));
  });

  test("when a result is serialised, then the text and keys survive JSON", () => {
    const result = run(presets["orland-skole"], [absence("2025-09-10", { documented: false })], "2025-09-10");
    const copy = JSON.parse(JSON.stringify(result));
    expect(copy.trips[0].text).toBe("Udokumentert fravær 10.09: hel dag.");
    expect(copy.pupilId).toBe(pupil.id);
    expect(ruleIds(result)).toEqual(["udokumentert-fravaer"]);
  });
});
