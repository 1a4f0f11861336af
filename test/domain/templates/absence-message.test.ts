import { draftAbsenceMessages, formatAbsenceDates } from "../../../src/domain/templates";

const input = {
  pupilFirstName: "Ole",
  dates: ["2025-09-02", "2025-09-01", "2025-09-03", "2025-09-08"],
  schoolName: "Nordbyen skole",
  teacherName: "Kari Lærer",
};
const reasonWords =
  /syk|sjuk|helse|lege|tannlege|influensa|omgangs|diagnos|ill\b|illness|sick|doctor|health|reason|årsak|grunn/i;

describe("draftAbsenceMessages (002 §2.3)", () => {
  test.each(["nb", "nn", "en"] as const)(
    "when drafts are made in %s, then every draft names the pupil and the dates, and the teacher signs",
    (language) => {
      const drafts = draftAbsenceMessages({ ...input, language });
      expect(drafts.map((d) => d.id)).toEqual(["check_in", "early_intervention", "ask_for_call"]);
      const dates = language === "en" ? "1–3 September and 8 September" : "1.–3. september og 8. september";
      for (const draft of drafts) {
        expect(draft.title.length).toBeGreaterThan(0);
        expect(draft.text).toContain("Ole");
        expect(draft.text).toContain(dates);
        expect(draft.text).toContain("Kari Lærer");
        expect(draft.text).toContain("Nordbyen skole");
      }
    },
  );

  test.each(["nb", "nn", "en"] as const)(
    "when drafts are made in %s, then no draft names a reason or a health detail",
    (language) => {
      for (const draft of draftAbsenceMessages({ ...input, language })) expect(draft.text).not.toMatch(reasonWords);
    },
  );

  test.each([
    ["nb", /Fortsatt god bedring!/, /Siden vi har Nærværsløftet med fokus på tidlig innsats/],
    ["nn", /Framleis god betring!/, /Sidan vi har Nærværsløftet med fokus på tidleg innsats/],
    ["en", /Get well soon!/, /Because we have Nærværsløftet, with its focus on acting early/],
  ] as const)(
    "when the days are documented illness and the ladder names its programme in %s, then example 1 wishes a speedy recovery and example 2 names the programme",
    (language, recovery, programme) => {
      const drafts = draftAbsenceMessages({ ...input, language, documentedIllness: true, programme: "Nærværsløftet" });
      expect(drafts.find((d) => d.id === "check_in")?.text).toMatch(recovery);
      expect(drafts.find((d) => d.id === "early_intervention")?.text).toMatch(programme);
    },
  );

  test("when names carry line breaks or control characters, then they are flattened to one line", () => {
    const [draft] = draftAbsenceMessages({ ...input, pupilFirstName: "Ole\n\u0007Sjuk", language: "nb" });
    expect(draft?.text.startsWith("Hei! Jeg ser at Ole Sjuk har vært borte")).toBe(true);
  });

  test("when no date or a bad date is given, then it throws", () => {
    expect(() => draftAbsenceMessages({ ...input, dates: [], language: "nb" })).toThrow(RangeError);
    expect(() => draftAbsenceMessages({ ...input, dates: ["2025-02-30"], language: "nb" })).toThrow(RangeError);
  });
});

describe("formatAbsenceDates", () => {
  test("when days run over a month end, then the range names both months", () => {
    expect(formatAbsenceDates(["2025-09-30", "2025-10-01"], "nb")).toBe("30. september–1. oktober");
  });

  test("when dates span two years, then the years are written", () => {
    expect(formatAbsenceDates(["2025-12-19", "2026-01-05"], "nb")).toBe("19. desember 2025 og 5. januar 2026");
  });

  test("when one date repeats, then it is written once", () => {
    expect(formatAbsenceDates(["2025-09-01", "2025-09-01"], "en")).toBe("1 September");
  });
});

describe("draftAbsenceMessages for a kindergarten", () => {
  test("when the institution is a kindergarten, then the drafts speak of barnehagen and pedagogisk leder, and names are untouched", () => {
    const drafts = draftAbsenceMessages({
      ...input,
      pupilFirstName: "Eleven",
      schoolName: "Skolen barnehage",
      institution: "kindergarten",
      language: "nb",
    });
    for (const draft of drafts) {
      expect(draft.text).not.toMatch(/\bpå skolen\b|kontaktlærer/);
      expect(draft.text).toContain("pedagogisk leder");
      expect(draft.text).toContain("Eleven");
      expect(draft.text).toContain("Skolen barnehage");
    }
    expect(drafts[0]?.text).toContain("trives i barnehagen");
  });
});
