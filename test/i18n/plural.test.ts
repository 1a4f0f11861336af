import { formatRun } from "../../src/cli/evaluate";
import { templateFor } from "../../src/domain/templates";
import { describePattern } from "../../src/i18n/trip-texts";
import { countOf, pluralWord } from "../../src/i18n/plural";

describe("a word after a count, by each language's plural rules", () => {
  test.each(["nb", "nn", "en"] as const)(
    "when the count is 1 in %s, then the singular; when 0, 2 or a fraction, then the plural",
    (language) => {
      expect(countOf(1, language, "elev", "elever")).toBe("1 elev");
      expect(countOf(0, language, "elev", "elever")).toBe("0 elever");
      expect(countOf(2, language, "elev", "elever")).toBe("2 elever");
      expect(pluralWord(1.5, language, "time", "timer")).toBe("timer");
    },
  );

  test("when the evaluation run names one pupil at one school, then it says «1 elev ved 1 skole»", () => {
    const text = formatRun({ date: "2026-11-16", schools: ["s1"], pupils: [] } as never);
    expect(text).toMatch(/0 elever ved 1 skole\./);
    expect(
      formatRun({ date: "2026-11-16", schools: ["s1", "s2"], pupils: [{ pupilId: "p1", step: null }] } as never),
    ).toMatch(/1 elev ved 2 skoler\./);
  });

  test("when the pattern shows one single day next to one run, then «1 enkeltdag og 1 periode», in nb, nn and en", () => {
    const report = {
      from: "2026-08-19",
      to: "2026-11-16",
      absenceDays: 3,
      undocumentedDays: 1,
      weekdays: [],
      mondaysAndFridays: { days: 0, expectedShare: 0.4, overRepresented: false },
      singleDays: ["2026-11-02"],
      runs: [{ from: "2026-11-09", to: "2026-11-10", length: 2 }],
      nextToBreaks: { days: 0, expectedShare: 0, overRepresented: false, dates: [] },
      late: 1,
      left: 0,
      notInClass: 0,
      lessons: { total: 0, bySubject: [] },
      reasons: [],
      weeks: [],
      trend: "flat",
    } as never;
    expect(describePattern(report, "nb")).toEqual([
      "1 enkeltdag og 1 periode på rad (lengste: 2 dager, 09.–10.11)",
      "Kom for sent 1 gang",
    ]);
    expect(describePattern(report, "nn")[0]).toMatch(/^1 enkeltdag og 1 periode på rad/);
    expect(describePattern(report, "en")[0]).toMatch(/^1 single day and 1 run of days in a row/);
  });

  test("when the nærværsmøte names the ladder's evaluation period, then its count and word agree", () => {
    const texts = JSON.stringify(templateFor("attendance_meeting", "molde-nordbyen"));
    expect(texts).not.toMatch(/\b1 (uker|veker|weeks|skoledager|skuledagar|school days)\b/);
    expect(texts).not.toMatch(/\b([2-9]|\d\d) (måned|månad|month)\b/);
  });
});
