/**
 * Table-driven tests built from the seeds' own sentences: each threshold is tested on both sides.
 * Dates are school days in autumn 2025 (school year from 18.08, høstferie week 40).
 */
import type { AbsenceEvent } from "../../src/domain/absence";
import { applySettingOverrides } from "../../src/domain/ladder";
import { presets } from "../../src/domain/ladders";
import { absence, days, run, ruleIds, spreadDays } from "./helpers";

const spread = (n: number, spec: Parameters<typeof days>[1] = {}): AbsenceEvent[] => days(spreadDays.slice(0, n), spec);

describe("Ørland skole (000 Del 5 «Tiltakstrapp skole»)", () => {
  const ladder = presets["orland-skole"];

  // «når fraværet passerer 3 dager» / «Ved over 6 dager» / «Ved over 9 dager»
  test.each([
    [3, null, []],
    [4, 0, ["over-3-dager"]],
    [6, 0, ["over-3-dager"]],
    [7, 1, ["over-3-dager", "over-6-dager"]],
    [9, 1, ["over-3-dager", "over-6-dager"]],
    [10, 2, ["over-3-dager", "over-6-dager", "over-9-dager"]],
  ])("when a pupil has %i documented single days, then the step is %p", (n, step, rules) => {
    const result = run(ladder, spread(n));
    expect(result.step).toBe(step);
    expect(ruleIds(result).sort()).toEqual([...rules].sort());
  });

  test("when undocumented days and days in a row are mixed, then both count («enten enkeltdager eller sammenhengende fravær»)", () => {
    const events = [...days(["2025-09-01", "2025-09-02", "2025-09-03"]), absence("2025-09-10", { documented: false })];
    const result = run(ladder, events);
    expect(ruleIds(result)).toContain("over-3-dager");
    expect(ruleIds(result)).toContain("udokumentert-fravaer");
  });

  test("when the 4th day is reached, then the trip is dated that day with a same-day deadline", () => {
    const result = run(ladder, spread(4));
    const trip = result.trips.find((t) => t.ruleId === "over-3-dager");
    expect(trip?.date).toBe(spreadDays[3]);
    expect(trip?.deadline).toBe(spreadDays[3]);
    expect(trip?.holders.map((h) => h.role)).toEqual(["contact_teacher"]);
  });

  describe("exclusions «(ikke sammenhengende sykdom eller avklart fravær)»", () => {
    test("when 5 days are one continuous illness, then they are not counted", () => {
      const illness = days(["2025-10-06", "2025-10-07", "2025-10-08", "2025-10-09", "2025-10-10"], {
        reason: "illness",
      });
      const result = run(ladder, [...spread(3), ...illness]);
      expect(result.step).toBeNull();
    });

    test("when illness days are spread over several periods, then they are counted («fordelt på flere perioder»)", () => {
      const illness = days(["2025-10-07", "2025-10-09"], { reason: "illness" });
      const result = run(ladder, [...spread(3), ...illness]);
      expect(result.step).toBe(0);
      expect(result.trips.find((t) => t.ruleId === "over-3-dager")?.facts).toMatchObject({ count: 5 });
    });

    test("when two illness days a gap apart share an episodeId, then they are one continuous illness", () => {
      const illness = days(["2025-10-07", "2025-10-09"], { reason: "illness", episodeId: "influensa" });
      expect(run(ladder, [...spread(3), ...illness]).step).toBeNull();
    });

    test("when an illness runs Friday → Monday, then the weekend does not break it (2 in a row)", () => {
      const illness = days(["2025-10-10", "2025-10-13"], { reason: "illness" });
      expect(run(ladder, [...spread(3), ...illness]).step).toBeNull();
    });

    test("when an illness runs across høstferie (Friday 26.09 → Monday 06.10), then it is still one continuous illness", () => {
      const illness = days(["2025-09-26", "2025-10-06"], { reason: "illness" });
      expect(run(ladder, [...spread(3), ...illness]).step).toBeNull();
    });

    test("when one of 4 days is agreed absence, then only 3 count", () => {
      expect(run(ladder, [...spread(3), absence("2025-10-07", { agreed: true })]).step).toBeNull();
    });

    test("when 4 days count and an agreed day is left out, then the facts say so", () => {
      const result = run(ladder, [...spread(4), absence("2025-10-07", { agreed: true })]);
      const facts = result.trips.find((t) => t.ruleId === "over-3-dager")?.facts;
      expect(facts).toMatchObject({ type: "count", count: 4 });
      expect(facts?.type === "count" && facts.excluded).toEqual([
        { kind: "agreed", count: 1, from: "2025-10-07", to: "2025-10-07" },
      ]);
    });

    test("when a registration falls on a Saturday, then it is not a school day and not counted", () => {
      const result = run(ladder, [...spread(3), absence("2025-09-06")]);
      expect(result.step).toBeNull();
      expect(result.facts.ignored.notSchoolDay).toBe(1);
    });

    test.each([
      ["2025-09-30", "høstferie"],
      ["2025-12-25", "første juledag"],
    ])("when a registration falls on %s (%s), then it is not counted", (date) => {
      expect(run(ladder, [...spread(3), absence(date)]).step).toBeNull();
    });
  });

  describe("«Har mer enn 3 dager dokumenter / udokumentert sykefravær fordelt på flere perioder (ikke sammenhengende sykdom eller avklart fravær)» (000 Del 5 «Hva er bekymringsfullt fravær?»)", () => {
    // Periods of illness Monday–Tuesday, Thursday–Friday … in September and October 2025 (two school days each).
    const periods: readonly (readonly string[])[] = [
      ["2025-09-01", "2025-09-02"],
      ["2025-09-04", "2025-09-05"],
      ["2025-09-08", "2025-09-09"],
      ["2025-09-11", "2025-09-12"],
      ["2025-10-06", "2025-10-07"],
    ];
    const illness = (n: number): AbsenceEvent[] => periods.slice(0, n).flatMap((p) => days(p, { reason: "illness" }));
    const threeDays = days(["2025-09-01", "2025-09-02", "2025-09-03"], { reason: "illness" });

    test.each([
      ["one continuous illness of 2 days", null, illness(1), []],
      ["one continuous illness of 3 days", null, threeDays, []],
      ["illness 2 days at a time in 2 periods", 0, illness(2), ["over-3-dager"]],
      ["illness 2 days at a time in 4 periods", 1, illness(4), ["over-3-dager", "over-6-dager"]],
      ["illness 2 days at a time in 5 periods", 2, illness(5), ["over-3-dager", "over-6-dager", "over-9-dager"]],
    ] as const)("when a pupil has %s, then the step is %p", (_, step, events, rules) => {
      const result = run(ladder, events, "2025-10-10");
      expect(result.step).toBe(step);
      expect(ruleIds(result).sort()).toEqual([...rules].sort());
    });

    test("when illness spread over 2 periods trips «over 3 dager», then every illness day is counted in the facts", () => {
      const result = run(ladder, illness(2), "2025-10-10");
      expect(result.trips.find((t) => t.ruleId === "over-3-dager")?.facts).toMatchObject({ count: 4 });
    });

    test("when the school reads every period of illness as continuous illness (each_period), then periods of 2 days never count", () => {
      const eachPeriod = applySettingOverrides(ladder, { continuousIllnessReading: "each_period" });
      expect(run(eachPeriod, illness(5), "2025-10-10").step).toBeNull();
    });

    test("when a reading outside the options is set, then the ladder is refused", () => {
      expect(() => applySettingOverrides(ladder, { continuousIllnessReading: "every_day" })).toThrow();
    });
  });

  test("when the numbers of the brief's example occur, then the facts read the way the routine talks", () => {
    const events = [
      ...days(["2025-08-19", "2025-08-21", "2025-08-26", "2025-08-28"]),
      ...days(["2025-09-09", "2025-09-11", "2025-09-16"], { documented: false }),
      ...days(["2025-09-01", "2025-09-02", "2025-09-03", "2025-09-04", "2025-09-05"], { reason: "illness" }),
    ];
    const result = run(ladder, events, "2025-09-20");
    const trip = result.trips.find((t) => t.ruleId === "over-6-dager");
    expect(result.step).toBe(1);
    expect(trip?.text).toContain(
      "7 fraværsdager siden 18.08: 3 udokumenterte, 4 dokumenterte. Ikke talt: 5 dager sammenhengende sykdom 01.–05.09",
    );
    expect(trip?.facts).toMatchObject({
      type: "count",
      count: 7,
      documented: 4,
      undocumented: 3,
      window: { type: "school_year", from: "2025-08-18" },
    });
  });

  test("when a day is undocumented, then step 0 trips with contact the same day («samme dag ved udokumentert fravær»)", () => {
    const result = run(ladder, [absence("2025-09-10", { documented: false })]);
    expect(result.step).toBe(0);
    expect(result.trips[0]).toMatchObject({
      ruleId: "udokumentert-fravaer",
      date: "2025-09-10",
      deadline: "2025-09-10",
      deadlineLabel: "samme dag",
    });
    expect(result.trips[0]?.text).toBe("Udokumentert fravær 10.09: hel dag.");
  });

  // «Ved gjentatt gangvandring, forsentkomming og fravær i enkeltfag» — «gjentatt» read as 3 within 20 school days (a setting)
  test.each([
    ["late", "gjentatt-forsentkomming"],
    ["not_in_class", "gjentatt-gangvandring"],
  ] as const)(
    "when %s is registered 2 then 3 times within 20 school days, then only the third trips %s",
    (kind, rule) => {
      const twice = days(["2025-09-01", "2025-09-08"], { kind });
      expect(ruleIds(run(ladder, twice))).not.toContain(rule);
      const thrice = [...twice, absence("2025-09-15", { kind })];
      const result = run(ladder, thrice);
      expect(ruleIds(result)).toContain(rule);
      expect(result.step).toBe(0);
    },
  );

  test("when 3 late arrivals are spread over more than 20 school days, then it is not «gjentatt»", () => {
    const result = run(ladder, days(["2025-09-01", "2025-09-22", "2025-10-20"], { kind: "late" }));
    expect(result.trips).toEqual([]);
  });

  test("when the third late arrival is on Thursday 25.09, then the one-week deadline skips høstferie to Monday 06.10", () => {
    const result = run(ladder, days(["2025-09-23", "2025-09-24", "2025-09-25"], { kind: "late" }));
    const trip = result.trips.find((t) => t.ruleId === "gjentatt-forsentkomming");
    expect(trip?.date).toBe("2025-09-25");
    expect(trip?.deadline).toBe("2025-10-06");
  });

  test("when lessons are missed in 3 different subjects, then it is not «fravær i enkeltfag»; 3 times in kroppsøving is", () => {
    const mixed = [
      absence("2025-09-01", { kind: "lesson", subject: "matematikk" }),
      absence("2025-09-03", { kind: "lesson", subject: "norsk" }),
      absence("2025-09-05", { kind: "lesson", subject: "kroppsøving" }),
    ];
    expect(ruleIds(run(ladder, mixed))).not.toContain("gjentatt-fravaer-i-enkeltfag");
    const gym = days(["2025-09-01", "2025-09-03", "2025-09-05"], { kind: "lesson", subject: "kroppsøving" });
    const trip = run(ladder, gym).trips.find((t) => t.ruleId === "gjentatt-fravaer-i-enkeltfag");
    expect(trip?.facts).toMatchObject({ subject: "kroppsøving", count: 3 });
  });

  test("when a teacher reports that guardians say the pupil refuses school, then step 0 trips without any count", () => {
    const result = run(ladder, [], "2025-09-10", { earlySigns: [{ signId: "vegrer-seg", date: "2025-09-09" }] });
    expect(result.step).toBe(0);
    expect(result.trips[0]?.facts).toMatchObject({ type: "early_sign", signId: "vegrer-seg" });
  });

  test("when the day window is overridden to the term, then 3 autumn days and 1 spring day no longer add up", () => {
    const events = [...spread(3), absence("2026-01-06")];
    expect(ruleIds(run(ladder, events, "2026-02-02"))).toEqual(["over-3-dager"]);
    const termly = applySettingOverrides(ladder, { dayCountWindow: { type: "term" } });
    expect(run(termly, events, "2026-02-02").trips).toEqual([]);
  });
});

describe("Ørland barnehage (000 Del 2 «Fraværsrutiner i barnehagen», Del 4)", () => {
  const ladder = presets["orland-barnehage"];
  const noNotice = { documented: false } as const;

  test("when 2 days in a row pass without notice, then nothing trips", () => {
    expect(run(ladder, days(["2025-09-08", "2025-09-09"], noNotice)).trips).toEqual([]);
  });

  test("when 3 days in a row (Friday, Monday, Tuesday) pass without notice, then step 0 trips («3 fortløpende dager»)", () => {
    const result = run(ladder, days(["2025-09-12", "2025-09-15", "2025-09-16"], noNotice));
    expect(result.step).toBe(0);
    expect(ruleIds(result)).toContain("3-fortlopende-dager-uten-beskjed");
  });

  test("when 3 days spread over a week pass without notice, then step 0 trips («3 dager spredt utover en uke»)", () => {
    const result = run(ladder, days(["2025-09-08", "2025-09-10", "2025-09-12"], noNotice));
    expect(ruleIds(result)).toEqual(["3-dager-spredt-uten-beskjed"]);
  });

  test("when 3 days without notice span more than a week, then nothing trips", () => {
    expect(run(ladder, days(["2025-09-08", "2025-09-10", "2025-09-15"], noNotice)).trips).toEqual([]);
  });

  test("when guardians gave notice (documented), then 3 days in a row do not trip", () => {
    expect(run(ladder, days(["2025-09-08", "2025-09-09", "2025-09-10"])).trips).toEqual([]);
  });

  test("when the pedagogisk leder is unsure of the cause («undring/bekymring»), then trinn 0 trips without any count", () => {
    const result = run(ladder, [], "2025-09-10", { earlySigns: [{ signId: "usikker-pa-arsak", date: "2025-09-10" }] });
    expect(result.step).toBe(0);
    expect(ruleIds(result)).toEqual(["undring-bekymring"]);
  });
});

describe("Lillestrøm (001 «Tiltakstrapp» Trinn 1)", () => {
  const ladder = presets.lillestrom;

  // «Som kontaktlærer er du ansvarlig for å kontakte hjemmet ved bekymring.»
  test.each(["vegrer-seg", "kroppslige-plager", "sterke-reaksjoner-om-morgenen"])(
    "when the contact teacher reports the early sign %s, then trinn 1 trips the same day",
    (signId) => {
      const result = run(ladder, [], "2025-09-10", { earlySigns: [{ signId, date: "2025-09-10" }] });
      expect(result.step).toBe(1);
      expect(result.trips[0]).toMatchObject({
        ruleId: "bekymring-kontaktlaerer",
        deadline: "2025-09-10",
        facts: { type: "early_sign", signId },
      });
    },
  );

  test("when a single lesson is invalid absence, then step 1 trips the same day («første times ugyldig fravær»)", () => {
    const result = run(ladder, [absence("2025-09-10", { kind: "lesson", documented: false, subject: "engelsk" })]);
    expect(result.step).toBe(1);
    expect(result.trips[0]).toMatchObject({
      ruleId: "ugyldig-fravaer",
      deadline: "2025-09-10",
      stepName: "Kontakt med hjemmet",
    });
  });

  // «høyt gyldig fravær (5 dager i strekk)»
  test.each([
    ["4 valid days in a row", false, ["2025-09-08", "2025-09-09", "2025-09-10", "2025-09-11"]],
    ["5 valid days in a row", true, ["2025-09-08", "2025-09-09", "2025-09-10", "2025-09-11", "2025-09-12"]],
    ["5 in a row with a weekend inside", true, ["2025-09-10", "2025-09-11", "2025-09-12", "2025-09-15", "2025-09-16"]],
    ["5 in a row across høstferie", true, ["2025-09-25", "2025-09-26", "2025-10-06", "2025-10-07", "2025-10-08"]],
    [
      "5 in a row across Kristi himmelfartsdag 14.05.2026",
      true,
      ["2026-05-12", "2026-05-13", "2026-05-15", "2026-05-18", "2026-05-19"],
    ],
    ["5 days broken by a day at school", false, ["2025-09-08", "2025-09-09", "2025-09-11", "2025-09-12", "2025-09-15"]],
  ])("when %s, then tripped is %p", (_, tripped, dates) => {
    const result = run(ladder, days(dates), "2026-06-01");
    expect(ruleIds(result).includes("hoyt-gyldig-fravaer-5-i-strekk")).toBe(tripped);
  });

  test("when the school reads the checklist («over 5 dager i semesteret»), then 5 spread days do not trip and 6 do", () => {
    const perTerm = applySettingOverrides(ladder, { highValidAbsence: "over_five_in_term" });
    expect(run(perTerm, spread(5)).trips).toEqual([]);
    expect(ruleIds(run(perTerm, spread(6)))).toEqual(["hoyt-gyldig-fravaer-over-5-i-semesteret"]);
    expect(run(perTerm, days(["2025-09-08", "2025-09-09", "2025-09-10", "2025-09-11", "2025-09-12"])).trips).toEqual(
      [],
    );
  });

  // «forsentkomminger (over 4 på en mnd.)» vs «( 4 på en mnd)»
  test.each([
    [{}, 4, false],
    [{}, 5, true],
    [{ lateArrivalsPerMonth: { atLeast: 4 } }, 3, false],
    [{ lateArrivalsPerMonth: { atLeast: 4 } }, 4, true],
  ])("when the late setting is %j and a month has %i late arrivals, then tripped is %p", (overrides, n, tripped) => {
    const configured = applySettingOverrides(ladder, overrides);
    const result = run(
      configured,
      days(["2025-09-01", "2025-09-02", "2025-09-03", "2025-09-04", "2025-09-05"].slice(0, n), { kind: "late" }),
    );
    expect(ruleIds(result).includes("forsentkomminger")).toBe(tripped);
  });

  test("when 5 late arrivals straddle September and October, then no month has over 4", () => {
    const late = days(["2025-09-24", "2025-09-25", "2025-09-26", "2025-10-06", "2025-10-07"], { kind: "late" });
    expect(run(ladder, late).trips).toEqual([]);
  });

  test.each([
    ["left", "moter-men-gar-igjen"],
    ["not_in_class", "pa-skolen-ikke-i-timene"],
  ] as const)("when a pupil is registered %s once, then step 1 trips (%s)", (kind, rule) => {
    const result = run(ladder, [absence("2025-09-10", { kind })]);
    expect(result.step).toBe(1);
    expect(ruleIds(result)).toEqual([rule]);
  });
});

describe("Molde, Nordbyen skole (002 §1.2, §1.3)", () => {
  const ladder = presets["molde-nordbyen"];

  // «Etter fem dagers fravær, dokumentert eller ikke, kommer det et varsel om høyt fravær.»
  test.each([
    [4, false],
    [5, true],
  ])("when a pupil has %i single documented days, then the Visma alert trips: %p", (n, tripped) => {
    const result = run(ladder, spread(n));
    expect(ruleIds(result).includes("varsel-hoyt-fravaer")).toBe(tripped);
    expect(result.step).toBe(tripped ? 0 : null);
  });

  test("when one of 5 days is known travel, then the alert does not count it («og det ikke gjelder reise»)", () => {
    const result = run(ladder, [...spread(4), absence("2025-10-07", { reason: "travel" })]);
    expect(ruleIds(result)).not.toContain("varsel-hoyt-fravaer");
  });

  test("when any absence is undocumented, then level 0 trips («Alt av udokumentert fravær»)", () => {
    const result = run(ladder, [absence("2025-09-10", { kind: "lesson", documented: false })]);
    expect(result.step).toBe(0);
    expect(result.current?.name).toBe("Oppdage og utforske");
  });

  // «Møter opp for sent mer enn tre ganger i måneden.»
  test.each([
    [3, false],
    [4, true],
  ])("when a pupil is late %i times in a month, then level 0 trips: %p", (n, tripped) => {
    const late = days(["2025-09-01", "2025-09-02", "2025-09-03", "2025-09-04"].slice(0, n), { kind: "late" });
    expect(ruleIds(run(ladder, late)).includes("for-sent-mer-enn-3-i-maneden")).toBe(tripped);
  });

  test.each(["not_in_class", "left"] as const)("when a pupil is registered %s, then level 0 trips", (kind) => {
    expect(run(ladder, [absence("2025-09-10", { kind })]).step).toBe(0);
  });

  // §1.2 pkt. 6: «fravær som går over tre dager i strekk … (som ikke er avklart i forbindelse med f. eks reise)»
  test.each([
    ["2 days in a row", false, days(["2025-09-11", "2025-09-12"])],
    ["3 days in a row, Friday → Tuesday", true, days(["2025-09-12", "2025-09-15", "2025-09-16"])],
    ["3 agreed days in a row", false, days(["2025-09-08", "2025-09-09", "2025-09-10"], { agreed: true })],
    ["3 days of known travel", false, days(["2025-09-08", "2025-09-09", "2025-09-10"], { reason: "travel" })],
  ])("when %s, then the message-home notice trips: %p", (_, tripped, events) => {
    const result = run(ladder, events);
    const notice = result.trips.find((t) => t.ruleId === "dager-i-strekk");
    expect(notice !== undefined).toBe(tripped);
    if (notice) expect(notice.step).toBeNull();
  });

  test("when the school reads «går over tre dager» as over 3, then 3 in a row do not trip and 4 do", () => {
    const strict = applySettingOverrides(ladder, { daysInARow: { moreThan: 3 } });
    expect(ruleIds(run(strict, days(["2025-09-08", "2025-09-09", "2025-09-10"])))).not.toContain("dager-i-strekk");
    expect(ruleIds(run(strict, days(["2025-09-08", "2025-09-09", "2025-09-10", "2025-09-11"])))).toContain(
      "dager-i-strekk",
    );
  });

  test("when a notice is the only trip, then the level stays where it was", () => {
    const result = run(ladder, days(["2025-09-08", "2025-09-09", "2025-09-10"]));
    expect(ruleIds(result)).toEqual(["dager-i-strekk"]);
    expect(result.step).toBeNull();
    expect(result.required?.actions).toEqual(["Send en melding via Visma eller ring hjem."]);
  });

  test("when a pupil has 10 days in the first term, then leadership's January overview notice trips; 9 days do not", () => {
    expect(ruleIds(run(ladder, spread(9)))).not.toContain("oversikt-10-dager-1-termin");
    expect(ruleIds(run(ladder, spread(10)))).toContain("oversikt-10-dager-1-termin");
  });

  test("when 10 days fall in the spring term, then the first-term overview does not trip", () => {
    const spring = days([
      "2026-01-06",
      "2026-01-08",
      "2026-01-13",
      "2026-01-15",
      "2026-01-20",
      "2026-01-22",
      "2026-01-27",
      "2026-01-29",
      "2026-02-03",
      "2026-02-05",
    ]);
    expect(ruleIds(run(ladder, spring, "2026-03-01"))).not.toContain("oversikt-10-dager-1-termin");
  });

  test("when absence is registered with the reason «annet», then the ask-for-reason notice trips", () => {
    expect(ruleIds(run(ladder, [absence("2025-09-10", { reason: "other" })]))).toEqual(["arsak-annet"]);
  });

  test("when a teacher notes that the pupil said they dislike school (OBS!), then level 0 trips without criteria", () => {
    const result = run(ladder, [], "2025-09-10", {
      earlySigns: [{ signId: "mistrivsel", date: "2025-09-10", note: "sa det i friminuttet" }],
    });
    expect(result.step).toBe(0);
    expect(result.trips[0]?.text).toBe(
      "Tidlig tegn meldt 10.09: Eleven har gitt uttrykk for mistrivsel (sa det i friminuttet)",
    );
  });
});

describe("Tynset / Nord-Østerdal (004 «Oppfølging av bekymringsfullt fravær»)", () => {
  const ladder = presets["tynset-nord-osterdal"];
  const september = ["2025-09-01", "2025-09-03", "2025-09-05", "2025-09-09", "2025-09-11"];

  // «Mer enn tre enkeltdager per måned»
  test.each([
    [3, null],
    [4, 1],
  ])("when a month has %i single days, then the step is %p", (n, step) => {
    const result = run(ladder, days(september.slice(0, n)));
    expect(result.step).toBe(step);
    if (step !== null) expect(result.trips[0]?.actions).toEqual(["Årsaken til fraværet undersøkes av kontaktlærer."]);
  });

  test("when 2 of 4 days are in a row, then only 2 are «enkeltdager» and nothing trips", () => {
    const events = days(["2025-09-01", "2025-09-02", "2025-09-05", "2025-09-10"]);
    expect(run(ladder, events).step).toBeNull();
  });

  test("when the school counts all days instead («all_days»), then the same 4 days trip", () => {
    const all = applySettingOverrides(ladder, { singleDays: "all_days" });
    expect(ruleIds(run(all, days(["2025-09-01", "2025-09-02", "2025-09-05", "2025-09-10"])))).toEqual([
      "mer-enn-3-dager-per-maned",
    ]);
  });

  test("when 4 single days straddle September and October, then no month has more than 3", () => {
    expect(run(ladder, days(["2025-09-22", "2025-09-24", "2025-10-07", "2025-10-09"])).step).toBeNull();
  });

  // «Om fraværet strekker seg over mer enn 3 dager, skal foresatte ringe … Dersom foresatte ikke tar kontakt, skal kontaktlærer ringe»
  test.each([
    ["3 days (Thursday → Monday)", false, ["2025-09-11", "2025-09-12", "2025-09-15"]],
    ["4 days (Thursday → Tuesday)", true, ["2025-09-11", "2025-09-12", "2025-09-15", "2025-09-16"]],
  ])("when a pupil is away %s, then the call notice trips: %p", (_, tripped, dates) => {
    const result = run(ladder, days(dates));
    expect(ruleIds(result).includes("fravaer-over-3-dager")).toBe(tripped);
    expect(result.step).toBeNull();
  });

  // «Ugyldig fravær fra enkelttimer: Foresatte informeres. Ved gjentatt ugyldig fravær innkaller skolen til møte»
  test("when one lesson is invalid, then guardians are informed (a notice) but no step is reached", () => {
    const result = run(ladder, [absence("2025-09-10", { kind: "lesson", documented: false })]);
    expect(ruleIds(result)).toEqual(["ugyldig-timefravaer"]);
    expect(result.step).toBeNull();
  });

  test("when two lessons are invalid on the same day, then it is one occasion, not «gjentatt»", () => {
    const sameDay = [
      absence("2025-09-10", { kind: "lesson", documented: false }),
      absence("2025-09-10", { kind: "lesson", documented: false }),
    ];
    expect(run(ladder, sameDay).step).toBeNull();
  });

  test("when invalid lesson absence happens on two days in a month, then step 1 trips with a meeting", () => {
    const twice = [
      absence("2025-09-10", { kind: "lesson", documented: false }),
      absence("2025-09-17", { kind: "lesson", documented: false }),
    ];
    const result = run(ladder, twice);
    expect(result.step).toBe(1);
    expect(result.required?.actions).toContain("Skolen innkaller til møte med elev og foresatte.");
    expect(result.required?.actions).toContain(
      "Kontaktlærer og rektor lager en oversikt over situasjonen med utgangspunkt i vedlegg 1 a og b, gjerne gjennom samtale med eleven.",
    );
  });

  test.each(["ofte-for-sent", "diffuse-kroppslige-plager", "lav-terskel-for-sykdom"])(
    "when a teacher registers the early sign %s, then step 1 trips",
    (signId) => {
      const result = run(ladder, [], "2025-09-10", { earlySigns: [{ signId, date: "2025-09-08" }] });
      expect(result.step).toBe(1);
      expect(result.current?.name).toBe("Oversikt over situasjonen");
    },
  );
});
