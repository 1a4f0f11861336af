import { analyzePattern, trendOf } from "../../src/domain/pattern";
import { absence, calendar2025, days } from "./helpers";

const calendar = calendar2025();
const analyse = (events: ReturnType<typeof days>, asOf = "2025-12-19", from?: string) =>
  analyzePattern({ events, calendar, asOf, ...(from ? { from } : {}) });

describe("pattern analysis (002 §2.4 pkt. 1)", () => {
  test("when 4 of 7 absence days are Mondays, then Mondays are over-represented and said so in Norwegian", () => {
    const events = days([
      "2025-09-01",
      "2025-09-08",
      "2025-09-15",
      "2025-10-13",
      "2025-09-03",
      "2025-09-18",
      "2025-10-22",
    ]);
    const report = analyse(events);
    expect(report.absenceDays).toBe(7);
    expect(report.weekdays[0]).toMatchObject({ name: "mandag", days: 4, overRepresented: true });
    expect(report.weekdays.filter((w) => w.overRepresented).map((w) => w.name)).toEqual(["mandag"]);
    expect(report.observations).toContain("Mandager er overrepresentert: 4 av 7 dager");
  });

  test("when absence is spread evenly over the weekdays, then no weekday is over-represented", () => {
    const events = days([
      "2025-09-01",
      "2025-09-09",
      "2025-09-17",
      "2025-09-25",
      "2025-10-10",
      "2025-10-13",
      "2025-10-21",
      "2025-10-29",
      "2025-11-06",
      "2025-11-14",
    ]);
    const report = analyse(events);
    expect(report.weekdays.map((w) => w.days)).toEqual([2, 2, 2, 2, 2]);
    expect(report.weekdays.some((w) => w.overRepresented)).toBe(false);
    expect(report.mondaysAndFridays.overRepresented).toBe(false);
    expect(report.observations.some((o) => o.includes("overrepresentert"))).toBe(false);
  });

  test("when Mondays and Fridays dominate, then the pair is flagged against its expected share", () => {
    const events = days(["2025-09-05", "2025-09-08", "2025-09-12", "2025-10-17", "2025-10-20", "2025-09-17"]);
    const report = analyse(events);
    expect(report.mondaysAndFridays.days).toBe(5);
    expect(report.mondaysAndFridays.overRepresented).toBe(true);
    expect(report.mondaysAndFridays.expectedShare).toBeGreaterThan(0.3);
    expect(report.mondaysAndFridays.expectedShare).toBeLessThan(0.45);
  });

  test("when there are single days and runs, then the runs are listed (Friday → Monday counts as a run) and the singles counted", () => {
    const events = days([
      "2025-09-01",
      "2025-09-02",
      "2025-09-03", // Mon–Wed
      "2025-09-11",
      "2025-09-12",
      "2025-09-15", // Thu–Mon over the weekend
      "2025-09-24", // single
      "2025-10-08", // single
    ]);
    const report = analyse(events);
    expect(report.runs).toEqual([
      { from: "2025-09-01", to: "2025-09-03", length: 3, undocumented: 0 },
      { from: "2025-09-11", to: "2025-09-15", length: 3, undocumented: 0 },
    ]);
    expect(report.singleDays).toEqual(["2025-09-24", "2025-10-08"]);
    expect(report.observations).toContain("2 enkeltdager og 2 perioder på rad (lengste: 3 dager, 01.–03.09)");
  });

  test("when only single days occur, then the observation says there are no days in a row", () => {
    const report = analyse(days(["2025-09-01", "2025-09-03", "2025-09-05"]));
    expect(report.runs).toEqual([]);
    expect(report.observations).toContain("Bare enkeltdager: 3 fraværsdager, ingen dager på rad");
  });

  test("when late arrivals, leaving and lesson absence are registered, then they are counted by kind and subject", () => {
    const events = [
      ...days(["2025-09-01", "2025-09-02", "2025-09-08"], { kind: "late" }),
      absence("2025-09-03", { kind: "left" }),
      absence("2025-09-04", { kind: "not_in_class" }),
      absence("2025-09-05", { kind: "lesson", subject: "kroppsøving", lessons: 2 }),
      absence("2025-09-12", { kind: "lesson", subject: "kroppsøving" }),
      absence("2025-09-10", { kind: "lesson", subject: "norsk" }),
    ];
    const report = analyse(events);
    expect([report.late, report.left, report.notInClass]).toEqual([3, 1, 1]);
    expect(report.lessons).toEqual({
      total: 4,
      occasions: 3,
      bySubject: [
        { subject: "kroppsøving", lessons: 3, occasions: 2 },
        { subject: "norsk", lessons: 1, occasions: 1 },
      ],
    });
    expect(report.observations).toEqual(
      expect.arrayContaining([
        "Kom for sent 3 ganger",
        "Gikk fra skolen 1 gang",
        "Mest timefravær i kroppsøving: 3 timer (2 ganger)",
      ]),
    );
  });

  test("when absence sits next to høstferie, then the holiday is named", () => {
    const report = analyse(days(["2025-09-26", "2025-10-06", "2025-10-15"]));
    expect(report.nextToBreaks.dates).toEqual([
      { date: "2025-09-26", holiday: "Høstferie" },
      { date: "2025-10-06", holiday: "Høstferie" },
    ]);
    expect(report.observations).toContain("2 fraværsdager inntil ferie eller helligdag (Høstferie)");
  });

  test("when absence rises week by week, then the trend is rising", () => {
    const events = [
      absence("2025-11-04"),
      ...days(["2025-11-11", "2025-11-12"]),
      ...days(["2025-11-17", "2025-11-18", "2025-11-19"], { kind: "late" }),
      ...days(["2025-11-24", "2025-11-25", "2025-11-26", "2025-11-27"]),
    ];
    const report = analyse(events, "2025-11-28");
    expect(report.weeks.map((w) => w.total)).toEqual([0, 0, 1, 2, 3, 4]);
    expect(report.weeks[5]?.weekStart).toBe("2025-11-24");
    expect(report.trend).toBe("rising");
    expect(report.observations).toContain(
      "Fraværet øker uke for uke: 0, 0, 1, 2, 3, 4 ganger fravær i uka de siste 6 ukene",
    );
  });

  test.each([
    [[0, 0, 1, 2, 3, 4], "rising"],
    [[4, 3, 2, 1, 0, 0], "falling"],
    [[1, 1, 1, 1, 1, 1], "flat"],
    [[2, 0, 2, 2, 0, 2], "flat"],
  ] as const)("when weekly totals are %j, then the trend is %s", (values, trend) => {
    expect(trendOf(values)).toBe(trend);
  });

  test("when registrations are on weekends, after asOf or duplicated, then they are left out", () => {
    const one = absence("2025-09-01");
    const report = analyse([one, { ...one }, absence("2025-09-06"), absence("2025-12-20")], "2025-12-19");
    expect(report.absenceDays).toBe(1);
  });

  test("when a period is given, then only that period is analysed", () => {
    const report = analyse(days(["2025-09-01", "2025-11-03"]), "2025-12-19", "2025-10-01");
    expect(report.from).toBe("2025-10-01");
    expect(report.absenceDays).toBe(1);
  });
});
