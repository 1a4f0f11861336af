import type { PatternReport, WeekdayShare } from "../../../src/domain/pattern";
import type { TemplateContext } from "../../../src/domain/templates";

const names = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag"];

/** A pattern report built by hand: 7 absence days, 4 of them Mondays. */
export function mondayReport(overrides: Partial<PatternReport> = {}): PatternReport {
  const counts = [4, 0, 2, 1, 0];
  const weekdays: WeekdayShare[] = counts.map((days, weekday) => ({
    weekday,
    name: names[weekday] as string,
    days,
    schoolDays: 16,
    share: days / 7,
    expectedShare: 0.2,
    overRepresented: weekday === 0,
  }));
  return {
    from: "2025-08-18",
    to: "2025-10-24",
    absenceDays: 7,
    undocumentedDays: 2,
    weekdays,
    mondaysAndFridays: { days: 4, share: 4 / 7, expectedShare: 0.4, overRepresented: false },
    singleDays: ["2025-09-03", "2025-09-18", "2025-10-13"],
    runs: [
      { from: "2025-09-01", to: "2025-09-02", length: 2, undocumented: 0 },
      { from: "2025-09-08", to: "2025-09-09", length: 2, undocumented: 1 },
    ],
    late: 3,
    left: 1,
    notInClass: 2,
    lessons: {
      total: 7,
      occasions: 4,
      bySubject: [
        { subject: "engelsk", lessons: 5, occasions: 3 },
        { subject: "matematikk", lessons: 2, occasions: 1 },
      ],
    },
    reasons: [
      { reason: "none", days: 5 },
      { reason: "appointment", days: 2 },
    ],
    nextToBreaks: { days: 4, share: 4 / 7, expectedShare: 0.45, overRepresented: false, dates: [] },
    weeks: [],
    trend: "flat",
    observations: ["Mandager er overrepresentert: 4 av 7 dager"],
    ...overrides,
  };
}

export function context(overrides: Partial<TemplateContext> = {}): TemplateContext {
  return {
    ladderId: "molde-nordbyen",
    step: 0,
    today: "2025-10-27",
    pattern: mondayReport(),
    tripTexts: ["Varsel om høyt fravær: 7 dager"],
    evaluationDefault: null,
    ...overrides,
  };
}
