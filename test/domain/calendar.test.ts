import fc from "fast-check";
import { createSchoolCalendar } from "../../src/domain/calendar";
import { formatIsoDate, parseIsoDate } from "../../src/domain/dates";
import { calendar2025, school2025 } from "./helpers";

const plain = createSchoolCalendar({ id: "plain", holidays: [], timeZone: "Europe/Oslo" });

describe("school calendar", () => {
  describe("Easter 2026 (Easter Sunday 5 April)", () => {
    test.each([
      ["2026-04-01", true, "onsdag før påske"],
      ["2026-04-02", false, "skjærtorsdag"],
      ["2026-04-03", false, "langfredag"],
      ["2026-04-06", false, "andre påskedag"],
      ["2026-04-07", true, "tirsdag etter påske"],
    ])("when %s (%s) is checked, then school day is %s", (date, expected) => {
      expect(plain.isSchoolDay(date)).toBe(expected);
    });

    test("when counting 30 March–10 April, then the three Easter holidays on weekdays and the weekend are left out", () => {
      expect(plain.countSchoolDays("2026-03-30", "2026-04-10")).toBe(7);
      expect(plain.listSchoolDays("2026-03-30", "2026-04-10")).toEqual([
        "2026-03-30",
        "2026-03-31",
        "2026-04-01",
        "2026-04-07",
        "2026-04-08",
        "2026-04-09",
        "2026-04-10",
      ]);
    });

    test("when the day after Wednesday 1 April is asked for, then it is Tuesday 7 April", () => {
      expect(plain.nextSchoolDay("2026-04-01")).toBe("2026-04-07");
      expect(plain.previousSchoolDay("2026-04-07")).toBe("2026-04-01");
      expect(plain.areConsecutiveSchoolDays("2026-04-01", "2026-04-07")).toBe(true);
      expect(plain.holidayName("2026-04-03")).toBe("Langfredag");
    });
  });

  describe("17 May and other public holidays", () => {
    test("when 17 May falls on a weekday (Friday 2024), then it is not a school day and Thursday → Tuesday is in a row over Whit Monday", () => {
      expect(plain.isSchoolDay("2024-05-17")).toBe(false);
      expect(plain.holidayName("2024-05-17")).toBe("Grunnlovsdagen");
      expect(plain.isSchoolDay("2024-05-20")).toBe(false);
      expect(plain.areConsecutiveSchoolDays("2024-05-16", "2024-05-21")).toBe(true);
    });

    test("when 17 May is also Whit Monday (2027), then both names are kept", () => {
      expect(plain.isSchoolDay("2027-05-17")).toBe(false);
      expect(plain.holidayName("2027-05-17")).toContain("Grunnlovsdagen");
      expect(plain.holidayName("2027-05-17")).toContain("Andre pinsedag");
    });

    test.each(["2026-01-01", "2026-05-01", "2026-05-14", "2026-05-25", "2025-12-25", "2025-12-26"])(
      "when %s is checked, then it is a public holiday",
      (date) => {
        expect(plain.isSchoolDay(date)).toBe(false);
        expect(plain.holidayName(date)).toBeDefined();
      },
    );

    test("when julaften (a 'bank' day, not public) is a weekday without a school holiday, then it is a school day", () => {
      expect(plain.isSchoolDay("2025-12-24")).toBe(true);
    });
  });

  describe("the school's own holidays", () => {
    const calendar = calendar2025();

    test("when a day is inside høstferie, then it is not a school day and it has the holiday's name", () => {
      expect(calendar.isSchoolDay("2025-09-30")).toBe(false);
      expect(calendar.holidayName("2025-09-30")).toBe("Høstferie");
      expect(plain.isSchoolDay("2025-09-30")).toBe(true);
    });

    test("when the ranges are inclusive, then both the first and the last day are closed", () => {
      expect(calendar.isSchoolDay("2025-12-22")).toBe(false);
      expect(calendar.isSchoolDay("2026-01-02")).toBe(false);
      expect(calendar.isSchoolDay("2026-01-05")).toBe(true);
    });

    test("when Friday before høstferie and Monday after are compared, then they are consecutive school days", () => {
      expect(calendar.areConsecutiveSchoolDays("2025-09-26", "2025-10-06")).toBe(true);
      expect(calendar.nextSchoolDay("2025-09-26")).toBe("2025-10-06");
    });

    test("when 2 school days are added to Thursday 25 September, then høstferie is skipped", () => {
      expect(calendar.addSchoolDays("2025-09-25", 1)).toBe("2025-09-26");
      expect(calendar.addSchoolDays("2025-09-25", 2)).toBe("2025-10-06");
      expect(calendar.addSchoolDays("2025-09-27", 1)).toBe("2025-10-06");
      expect(calendar.addSchoolDays("2025-09-27", 0)).toBe("2025-10-06");
      expect(calendar.schoolDayOnOrAfter("2025-09-24")).toBe("2025-09-24");
    });
  });

  describe("Friday → Monday", () => {
    test("when a Friday and the following Monday are compared, then they are in a row", () => {
      expect(plain.areConsecutiveSchoolDays("2025-09-05", "2025-09-08")).toBe(true);
    });

    test("when a Friday and the Tuesday after are compared, then they are not in a row", () => {
      expect(plain.areConsecutiveSchoolDays("2025-09-05", "2025-09-09")).toBe(false);
    });

    test("when a Saturday is compared with the Monday, then it is not in a row (Saturday is no school day)", () => {
      expect(plain.areConsecutiveSchoolDays("2025-09-06", "2025-09-08")).toBe(false);
    });

    test("when the next school day after a Saturday or a Sunday is asked for, then it is the Monday", () => {
      expect(plain.nextSchoolDay("2025-09-06")).toBe("2025-09-08");
      expect(plain.nextSchoolDay("2025-09-07")).toBe("2025-09-08");
    });
  });

  describe("school years and terms", () => {
    const calendar = calendar2025();

    test("when the school year start is given, then windows start there and the spring term on 1 January", () => {
      expect(calendar.schoolYearStart("2025-12-01")).toBe("2025-08-18");
      expect(calendar.schoolYearStart("2026-06-01")).toBe("2025-08-18");
      expect(calendar.schoolYearStart("2025-08-17")).toBe("2024-08-18");
      expect(calendar.termStart("2025-11-11")).toBe("2025-08-18");
      expect(calendar.termStart("2026-03-11")).toBe("2026-01-01");
      expect(calendar.termOf(parseIsoDate("2026-03-11")).number).toBe(2);
    });

    test("when the school year's first day is asked about first, then it belongs to that school year and its autumn term", () => {
      // A calendar of its own: the school year of a day asked about before is remembered.
      const fresh = createSchoolCalendar(school2025);
      expect(fresh.schoolYearStart("2025-08-18")).toBe("2025-08-18");
      expect(fresh.termOf(parseIsoDate("2025-08-18")).number).toBe(1);
    });

    test("when no school year start is given, then 1 August is used", () => {
      expect(plain.schoolYearStart("2025-10-01")).toBe("2025-08-01");
      expect(plain.schoolYearStart("2025-07-31")).toBe("2024-08-01");
    });
  });

  describe("consistency", () => {
    test("when any two days are compared, then counting, adding and listing school days agree", () => {
      fc.assert(
        fc.property(
          fc.integer({ min: parseIsoDate("2024-01-01"), max: parseIsoDate("2027-12-31") }),
          fc.integer({ min: 0, max: 120 }),
          (start, span) => {
            const calendar = calendar2025();
            const from = formatIsoDate(start);
            const to = formatIsoDate(start + span);
            const listed = calendar.listSchoolDays(from, to);
            expect(calendar.countSchoolDays(from, to)).toBe(listed.length);
            for (let i = 1; i < listed.length; i++)
              expect(calendar.areConsecutiveSchoolDays(listed[i - 1] as string, listed[i] as string)).toBe(true);
            if (listed.length > 1)
              expect(calendar.addSchoolDays(listed[0] as string, listed.length - 1)).toBe(listed[listed.length - 1]);
            for (const d of listed) {
              const weekday = new Date(`${d}T12:00:00Z`).getUTCDay();
              expect(weekday).not.toBe(0);
              expect(weekday).not.toBe(6);
            }
          },
        ),
      );
    });

    test("when a year far from the first one is asked for first, then earlier years still line up", () => {
      const calendar = createSchoolCalendar({ id: "x", holidays: [], timeZone: "Europe/Oslo" });
      expect(calendar.countSchoolDays("2030-01-07", "2030-01-11")).toBe(5);
      expect(calendar.countSchoolDays("2020-01-06", "2020-01-10")).toBe(5);
      expect(calendar.areConsecutiveSchoolDays("2019-12-31", "2020-01-02")).toBe(true);
      expect(calendar.addSchoolDays("2029-12-28", 1)).toBe("2029-12-31");
    });
  });

  describe("one calendar per school as the roster hands it out", () => {
    test("when a frozen school is asked for twice, then it is the same calendar, and a changed copy gets its own", () => {
      const school = Object.freeze({ id: "s1", holidays: Object.freeze([]), timeZone: "Europe/Oslo" });
      expect(createSchoolCalendar(school)).toBe(createSchoolCalendar(school));
      const withAutumnBreak = Object.freeze({
        ...school,
        holidays: Object.freeze([Object.freeze({ from: "2026-10-05", to: "2026-10-09", name: "Høstferie" })]),
      });
      expect(createSchoolCalendar(withAutumnBreak).isSchoolDay("2026-10-06")).toBe(false);
      expect(createSchoolCalendar(school).isSchoolDay("2026-10-06")).toBe(true);
    });

    test("when a school that is not frozen changes its holidays, then its next calendar has them", () => {
      const school = {
        id: "s2",
        holidays: [] as { from: string; to: string; name: string }[],
        timeZone: "Europe/Oslo",
      };
      expect(createSchoolCalendar(school).isSchoolDay("2026-10-06")).toBe(true);
      school.holidays.push({ from: "2026-10-05", to: "2026-10-09", name: "Høstferie" });
      expect(createSchoolCalendar(school).isSchoolDay("2026-10-06")).toBe(false);
    });
  });
});
