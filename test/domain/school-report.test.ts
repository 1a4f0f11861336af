import { manyDaysThreshold, periodRange, summarizeSchool, type PupilFacts } from "../../src/domain/school-report";
import { createSchoolCalendar } from "../../src/domain/calendar";

const none: PupilFacts = {
  step: null,
  trips: [],
  deadline: null,
  followedUp: null,
  measures: [],
  consent: null,
  servicesBroughtIn: 0,
  absenceDays: 0,
};
const range = { from: "2026-08-19", to: "2026-12-02" };

describe("the school's absence overview, without names", () => {
  test("when pupils are on the ladder, then they are counted per step, waiting or followed up, and past the deadline", () => {
    const report = summarizeSchool(
      [
        none,
        { ...none, step: 0, trips: [{ date: "2026-11-16", step: 0 }], deadline: "2026-11-16" },
        { ...none, step: 0, trips: [{ date: "2026-12-02", step: 0 }], deadline: "2026-12-02" },
        {
          ...none,
          step: 1,
          trips: [{ date: "2026-06-10", step: 1 }],
          deadline: "2026-06-10",
          followedUp: "2026-06-11",
        },
      ],
      range,
      "2026-12-02",
    );
    expect(report).toMatchObject({
      pupils: 4,
      onSteps: [
        { step: 0, pupils: 2 },
        { step: 1, pupils: 1 },
      ],
      reachedInPeriod: 2,
      waiting: 2,
      overdue: 1,
      followedUp: 1,
    });
  });

  test("when measures were agreed and evaluated, then only those in the period count, with their results; active ones count now", () => {
    const measures: PupilFacts["measures"] = [
      { status: "evaluated", agreedOn: "2026-10-01", evaluatedOn: "2026-10-22", result: "worked" },
      { status: "evaluated", agreedOn: "2026-10-01", evaluatedOn: "2026-10-22", result: "no_effect" },
      { status: "evaluated", agreedOn: "2026-05-01", evaluatedOn: "2026-05-22", result: "partly" },
      { status: "active", agreedOn: "2026-10-22" },
    ];
    const report = summarizeSchool(
      [{ ...none, step: 1, trips: [{ date: "2026-09-30", step: 1 }], measures }],
      range,
      "2026-12-02",
    );
    expect(report.measures).toEqual({ agreed: 3, active: 1, evaluated: 2, worked: 1, partly: 0, noEffect: 1 });
  });

  test("when measures that worked are carried into a new agreement, then each measure counts once as agreed", () => {
    const measures: PupilFacts["measures"] = [
      { status: "evaluated", agreedOn: "2026-10-01", evaluatedOn: "2026-10-22", result: "worked" },
      { status: "active", agreedOn: "2026-10-22", continues: "measure:a" },
      { status: "active", agreedOn: "2026-10-22" },
    ];
    const report = summarizeSchool(
      [{ ...none, step: 1, trips: [{ date: "2026-09-30", step: 1 }], measures }],
      range,
      "2026-12-02",
    );
    expect(report.measures).toMatchObject({ agreed: 2, active: 2, evaluated: 1, worked: 1 });
  });

  test("when pupils have many days of absence, consent or services, then each is counted once", () => {
    const report = summarizeSchool(
      [
        { ...none, absenceDays: manyDaysThreshold },
        { ...none, absenceDays: manyDaysThreshold - 1, consent: "given", servicesBroughtIn: 2 },
        { ...none, consent: "withdrawn" },
      ],
      range,
      "2026-12-02",
    );
    expect(report).toMatchObject({
      manyDays: 1,
      consent: { given: 1, refused: 0, withdrawn: 1 },
      pupilsWithServices: 1,
    });
  });

  test("when the period is the month, the term or the school year, then it runs from its first day to today", () => {
    const calendar = createSchoolCalendar({
      id: "s1",
      holidays: [],
      timeZone: "Europe/Oslo",
      schoolYearStart: "2026-08-19",
    });
    expect(periodRange("month", "2026-12-02", calendar)).toEqual({ from: "2026-12-01", to: "2026-12-02" });
    expect(periodRange("term", "2026-12-02", calendar)).toEqual({ from: "2026-08-19", to: "2026-12-02" });
    expect(periodRange("term", "2027-02-10", calendar)).toEqual({ from: "2027-01-01", to: "2027-02-10" });
    expect(periodRange("school_year", "2027-02-10", calendar)).toEqual({ from: "2026-08-19", to: "2027-02-10" });
  });
});
