import { fill, messagesFor, pickLanguage } from "../../src/i18n/catalog";

describe("filling catalog texts", () => {
  test("when a count is 1, then {count|one|other} gives the singular; otherwise the plural", () => {
    expect(fill("{count} {count|elev|elever}", { count: 1 })).toBe("1 elev");
    expect(fill("{count} {count|elev|elever}", { count: 0 })).toBe("0 elever");
    expect(fill("{count} {count|elev|elever}", { count: 2 })).toBe("2 elever");
  });

  test("when a value is missing, then its placeholder stays visible, plural or not", () => {
    expect(fill("{count} {count|elev|elever} i {classes}", {})).toBe("{count} {count|elev|elever} i {classes}");
  });

  test.each([
    ["nb", "1 fraværsdag (0 udokumenterte): 1 enkeltdag, 1 sammenhengende periode."],
    ["nn", "1 fråværsdag (0 udokumenterte): 1 enkeltdag, 1 samanhengande periode."],
    ["en", "1 day absent (0 undocumented): 1 single day, 1 run of days."],
  ] as const)(
    "when the pattern has one day, one single day and one run in %s, then those are singular",
    (language, text) => {
      const values = { days: 1, undocumented: 0, singles: 1, runs: 1 };
      expect(fill(messagesFor(language).case.patternSummary, values)).toBe(text);
    },
  );

  test("when one day is undocumented, then bokmål says «1 udokumentert», not «1 udokumenterte»", () => {
    const values = { days: 2, undocumented: 1, singles: 2, runs: 0 };
    expect(fill(messagesFor("nb").case.patternSummary, values, "nb")).toBe(
      "2 fraværsdager (1 udokumentert): 2 enkeltdager, 0 sammenhengende perioder.",
    );
  });

  test("when one day is undocumented, then nynorsk says «1 udokumentert»", () => {
    const values = { days: 1, undocumented: 1, singles: 1, runs: 0 };
    expect(fill(messagesFor("nn").case.patternSummary, values)).toBe(
      "1 fråværsdag (1 udokumentert): 1 enkeltdag, 0 samanhengande periodar.",
    );
  });

  test.each([
    ["nb", "7 fraværsdager (2 udokumenterte): 3 enkeltdager, 2 sammenhengende perioder."],
    ["nn", "7 fråværsdagar (2 udokumenterte): 3 enkeltdagar, 2 samanhengande periodar."],
    ["en", "7 days absent (2 undocumented): 3 single days, 2 runs of days."],
  ] as const)("when the pattern has several of each in %s, then the summary is plural", (language, text) => {
    const values = { days: 7, undocumented: 2, singles: 3, runs: 2 };
    expect(fill(messagesFor(language).case.patternSummary, values)).toBe(text);
  });

  test("when a contact teacher has one pupil, then the welcome says «1 elev», «1 elev», «1 pupil»", () => {
    const values = { count: 1, classes: "7B" };
    expect(fill(messagesFor("nb").welcome.contactTeacherOf, values)).toBe("kontaktlærer for 1 elev i 7B");
    expect(fill(messagesFor("nn").welcome.contactTeacherOf, values)).toBe("kontaktlærar for 1 elev i 7B");
    expect(fill(messagesFor("en").welcome.contactTeacherOf, values)).toBe("contact teacher for 1 pupil in 7B");
  });
});

describe("picking the language", () => {
  test.each([
    ["nn-NO", "nn"],
    ["en-US", "en"],
    ["nb-NO", "nb"],
    ["de-DE", "nb"],
    [undefined, "nb"],
  ] as const)("when Teams sends %p, then the language is %s", (locale, language) => {
    expect(pickLanguage(locale)).toBe(language);
  });
});
