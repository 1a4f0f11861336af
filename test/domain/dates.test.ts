import fc from "fast-check";
import {
  withYears,
  endOfMonth,
  formatIsoDate,
  formatNorwegianDate,
  formatNorwegianRange,
  isIsoDate,
  isoWeekNumber,
  parseIsoDate,
  startOfMonth,
  toDateParts,
  toLocalIsoDate,
  weekdayOf,
} from "../../src/domain/dates";

const utcDay = (iso: string): number =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

describe("dates", () => {
  test("when a date is parsed, then it is the number of days since 1970-01-01", () => {
    expect(parseIsoDate("1970-01-01")).toBe(0);
    expect(parseIsoDate("1970-01-02")).toBe(1);
    expect(parseIsoDate("2000-03-01")).toBe(utcDay("2000-03-01"));
    expect(parseIsoDate("1969-12-31")).toBe(-1);
  });

  test("when any date 1900–2199 is parsed and formatted, then it agrees with Date.UTC and round-trips", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2199, 11, 31)), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          const day = parseIsoDate(iso);
          expect(day).toBe(utcDay(iso));
          expect(formatIsoDate(day)).toBe(iso);
          expect(startOfMonth(day)).toBe(utcDay(`${iso.slice(0, 7)}-01`));
          expect(endOfMonth(day) + 1).toBe(startOfMonth(endOfMonth(day) + 1));
          expect(toDateParts(endOfMonth(day)).month).toBe(Number(iso.slice(5, 7)));
          expect(weekdayOf(day)).toBe((d.getUTCDay() + 6) % 7);
        },
      ),
    );
  });

  test.each([
    "2025-02-29",
    "2025-13-01",
    "2025-00-10",
    "2025-04-31",
    "25-01-01",
    "2025/01/01",
    "2025-1-01",
    "abcd-ef-gh",
    "",
  ])("when %p is parsed, then it is rejected", (text) => {
    expect(() => parseIsoDate(text)).toThrow(RangeError);
    expect(isIsoDate(text)).toBe(false);
  });

  test("when 2024-02-29 (a leap day) is parsed, then it is accepted", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(formatIsoDate(parseIsoDate("2024-02-29"))).toBe("2024-02-29");
  });

  test("when dates are written the Norwegian way, then day and month come first and ranges share the month", () => {
    expect(formatNorwegianDate(parseIsoDate("2025-08-18"))).toBe("18.08");
    expect(formatNorwegianDate(parseIsoDate("2025-08-18"), true)).toBe("18.08.2025");
    expect(formatNorwegianRange(parseIsoDate("2025-09-01"), parseIsoDate("2025-09-05"))).toBe("01.–05.09");
    expect(formatNorwegianRange(parseIsoDate("2025-08-29"), parseIsoDate("2025-09-02"))).toBe("29.08–02.09");
    expect(formatNorwegianRange(parseIsoDate("2025-09-01"), parseIsoDate("2025-09-01"))).toBe("01.09");
  });

  test("when ISO weeks are asked for, then 1 January 2026 (Thursday) is in week 1 and 29 December 2025 too", () => {
    expect(isoWeekNumber(parseIsoDate("2026-01-01"))).toBe(1);
    expect(isoWeekNumber(parseIsoDate("2025-12-29"))).toBe(1);
    expect(isoWeekNumber(parseIsoDate("2025-09-29"))).toBe(40);
  });

  test("when an instant late in the evening UTC is turned into an Oslo date, then it is the next day", () => {
    expect(toLocalIsoDate(new Date("2025-09-01T22:30:00Z"), "Europe/Oslo")).toBe("2025-09-02");
    expect(toLocalIsoDate(new Date("2025-09-01T21:30:00Z"), "Europe/Oslo")).toBe("2025-09-01");
  });
});

describe("withYears", () => {
  test("when a trip's facts name days without a year, then the log's text gets the year that puts each on or before today", () => {
    expect(withYears("Udokumentert fravær 16.11", "2026-11-18")).toBe("Udokumentert fravær 16.11.2026");
    expect(withYears("4 fraværsdager på rad 10.–16.11", "2026-11-18")).toBe("4 fraværsdager på rad 10.–16.11.2026");
    expect(withYears("Fravær 29.12–04.01", "2027-01-05")).toBe("Fravær 29.12.2026–04.01.2027");
  });

  test("when a date has its year or a number is no date, then it is left as it is", () => {
    expect(withYears("Møte 03.11.2025, 7.5 timer, kl. 08.15", "2026-11-18")).toBe(
      "Møte 03.11.2025, 7.5 timer, kl. 08.15",
    );
  });
});
