import type { Trip } from "../../src/domain/evaluation";
import { patternObservations, tripText } from "../../src/i18n/facts";
import { mondayReport } from "../domain/templates/fixtures";

const trip = (facts: Trip["facts"], text: string): Trip => ({
  key: "k",
  ruleId: "r",
  label: "Udokumentert fravær",
  step: 0,
  stepName: "Oppdage og utforske",
  date: "2026-11-16",
  holders: [],
  actions: [],
  deadline: "2026-11-16",
  deadlineLabel: "samme dag",
  overdue: false,
  source: "002_de3d4e1d3d707c60.txt §1.3",
  facts,
  text,
});

describe("facts in the reader's language", () => {
  const occurrence = trip(
    {
      type: "occurrence",
      date: "2026-11-16",
      kinds: ["day"],
      wholeDay: true,
      lessons: 0,
      subjects: [],
      undocumented: true,
    },
    "Udokumentert fravær 16.11: hel dag.",
  );

  test("when a bokmål reader sees a trip, then it is the engine's own sentence", () => {
    expect(tripText(occurrence, "nb")).toBe("Udokumentert fravær 16.11: hel dag.");
  });

  test("when nynorsk and English readers see the same trip, then it is rendered from the facts in their language", () => {
    expect(tripText(occurrence, "nn")).toBe("Udokumentert fråvær 16.11: heil dag.");
    expect(tripText(occurrence, "en")).toBe("Undocumented absence 16.11: whole day.");
  });

  test("when a count trip excludes a continuous illness, then English says what was not counted", () => {
    const count = trip(
      {
        type: "count",
        measure: "days",
        count: 7,
        threshold: { moreThan: 6 },
        window: { type: "school_year", from: "2026-08-18", to: "2026-11-16" },
        documented: 4,
        undocumented: 3,
        excluded: [{ kind: "continuous_illness", count: 5, from: "2026-09-01", to: "2026-09-05" }],
        dates: [],
      },
      "7 fraværsdager siden 18.08",
    );
    expect(tripText(count, "en")).toBe(
      "7 days absent 18.08–16.11: 3 undocumented, 4 documented. Not counted: 5 days 01.09–05.09.",
    );
  });

  test("when Mondays are over-represented, then the English observation says so", () => {
    const lines = patternObservations(mondayReport(), "en");
    expect(lines.some((l) => /^Mondays are over-represented/.test(l))).toBe(true);
  });
});
