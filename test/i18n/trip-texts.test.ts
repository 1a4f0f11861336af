import type { Trip } from "../../src/domain/evaluation";
import type { LadderDeadline } from "../../src/domain/ladder";
import type { Language } from "../../src/i18n/catalog";
import { describeDeadline, describePattern, describeTrip, summarizeTrip } from "../../src/i18n/trip-texts";
import { calendar2025 } from "../domain/helpers";
import { mondayReport } from "../domain/templates/fixtures";

const calendar = calendar2025();
type Case = { name: string; trip: Pick<Trip, "facts" | "date">; asOf: string } & Record<Language, string>;

const cases: Case[] = [
  {
    name: "a count of days since the school year began, with a continuous illness left out",
    trip: {
      date: "2025-10-10",
      facts: {
        type: "count",
        measure: "days",
        count: 7,
        threshold: { moreThan: 6 },
        window: { type: "school_year", from: "2025-08-18", to: "2025-10-10" },
        documented: 4,
        undocumented: 3,
        excluded: [{ kind: "continuous_illness", count: 5, from: "2025-09-01", to: "2025-09-05" }],
        dates: [],
      },
    },
    asOf: "2025-10-10",
    nb: "7 fraværsdager siden 18.08: 3 udokumenterte, 4 dokumenterte. Ikke talt: 5 dager sammenhengende sykdom 01.–05.09. Grense: over 6.",
    nn: "7 fråværsdagar sidan 18.08: 3 udokumenterte, 4 dokumenterte. Ikkje talt: 5 dagar samanhengande sjukdom 01.–05.09. Grense: over 6.",
    en: "7 days absent since 18.08: 3 undocumented, 4 documented. Not counted: 5 days of continuous illness 01.–05.09. Threshold: more than 6.",
  },
  {
    name: "one lesson in a subject in a month, with agreed absence and a reason left out",
    trip: {
      date: "2025-09-10",
      facts: {
        type: "count",
        measure: "lessons",
        count: 1,
        threshold: { atLeast: 1 },
        window: { type: "calendar_month", from: "2025-09-01", to: "2025-09-30" },
        documented: 0,
        undocumented: 1,
        subject: "Matematikk",
        excluded: [
          { kind: "agreed", count: 2, from: "2025-09-02", to: "2025-09-03" },
          { kind: "reason", reason: "illness", count: 1, from: "2025-09-04", to: "2025-09-04" },
        ],
        dates: [],
      },
    },
    asOf: "2025-09-10",
    nb: "1 time fravær i Matematikk i september 2025: 1 udokumentert. Ikke talt: 2 dager avklart fravær; 1 dag sykdom. Grense: 1 eller flere.",
    nn: "1 time fråvær i Matematikk i september 2025: 1 udokumentert. Ikkje talt: 2 dagar avklart fråvær; 1 dag sjukdom. Grense: 1 eller fleire.",
    en: "1 lesson missed in Matematikk in September 2025: 1 undocumented. Not counted: 2 days of agreed absence; 1 day (illness). Threshold: 1 or more.",
  },
  {
    name: "late arrivals in a calendar week (no documented/undocumented split)",
    trip: {
      date: "2025-09-12",
      facts: {
        type: "count",
        measure: "late",
        count: 4,
        threshold: { moreThan: 3 },
        window: { type: "calendar_week", from: "2025-09-08", to: "2025-09-14" },
        documented: 0,
        undocumented: 4,
        excluded: [],
        dates: [],
      },
    },
    asOf: "2025-09-12",
    nb: "4 forsentkomminger i uke 37. Grense: over 3.",
    nn: "4 forseintkomingar i veke 37. Grense: over 3.",
    en: "4 late arrivals in week 37. Threshold: more than 3.",
  },
  {
    name: "one day in a rolling window of one school day",
    trip: {
      date: "2025-09-01",
      facts: {
        type: "count",
        measure: "days",
        count: 1,
        threshold: { atLeast: 1 },
        window: { type: "rolling_school_days", from: "2025-09-01", to: "2025-09-01" },
        documented: 0,
        undocumented: 1,
        excluded: [],
        dates: [],
      },
    },
    asOf: "2025-09-01",
    nb: "1 fraværsdag på 1 skoledag (01.09): 1 udokumentert. Grense: 1 eller flere.",
    nn: "1 fråværsdag på 1 skuledag (01.09): 1 udokumentert. Grense: 1 eller fleire.",
    en: "1 day absent over 1 school day (01.09): 1 undocumented. Threshold: 1 or more.",
  },
  {
    name: "a count since the case was opened",
    trip: {
      date: "2025-10-01",
      facts: {
        type: "count",
        measure: "not_in_class",
        count: 2,
        threshold: { atLeast: 2 },
        window: { type: "since_case_opened", from: "2025-09-15", to: "2025-10-01" },
        documented: 0,
        undocumented: 2,
        excluded: [],
        dates: [],
      },
    },
    asOf: "2025-10-01",
    nb: "2 ganger på skolen, men ikke i timen siden saken ble opprettet 15.09. Grense: 2 eller flere.",
    nn: "2 gonger på skulen, men ikkje i timen sidan saka vart oppretta 15.09. Grense: 2 eller fleire.",
    en: "2 times at school but not in class since the case was opened 15.09. Threshold: 2 or more.",
  },
  {
    name: "days in a term that is over",
    trip: {
      date: "2025-12-19",
      facts: {
        type: "count",
        measure: "days",
        count: 10,
        threshold: { atLeast: 10 },
        window: { type: "term", from: "2025-08-18", to: "2025-12-19" },
        documented: 10,
        undocumented: 0,
        excluded: [],
        dates: [],
      },
    },
    asOf: "2026-01-12",
    nb: "10 fraværsdager i halvåret 18.08–19.12: 10 dokumenterte. Grense: 10 eller flere.",
    nn: "10 fråværsdagar i halvåret 18.08–19.12: 10 dokumenterte. Grense: 10 eller fleire.",
    en: "10 days absent in the term 18.08–19.12: 10 documented. Threshold: 10 or more.",
  },
  {
    name: "days in a row",
    trip: {
      date: "2025-09-17",
      facts: {
        type: "consecutive_days",
        length: 3,
        threshold: { atLeast: 3 },
        from: "2025-09-15",
        to: "2025-09-17",
        documented: 1,
        undocumented: 2,
        excluded: [{ kind: "in_run", count: 1, from: "2025-09-18", to: "2025-09-18" }],
      },
    },
    asOf: "2025-09-17",
    nb: "3 fraværsdager på rad 15.–17.09: 2 udokumenterte, 1 dokumentert. Ikke talt: 1 dag i perioder på rad (bare enkeltdager teller). Grense: 3 eller flere på rad.",
    nn: "3 fråværsdagar på rad 15.–17.09: 2 udokumenterte, 1 dokumentert. Ikkje talt: 1 dag i periodar på rad (berre enkeltdagar tel). Grense: 3 eller fleire på rad.",
    en: "3 days absent in a row 15.–17.09: 2 undocumented, 1 documented. Not counted: 1 day in runs of days in a row (only single days count). Threshold: 3 or more in a row.",
  },
  {
    name: "an occurrence of a lesson and a late arrival, documented",
    trip: {
      date: "2025-09-22",
      facts: {
        type: "occurrence",
        date: "2025-09-22",
        kinds: ["lesson", "late"],
        wholeDay: false,
        lessons: 1,
        subjects: ["Norsk"],
        undocumented: false,
      },
    },
    asOf: "2025-09-22",
    nb: "Fravær 22.09: 1 time (Norsk), kom for sent.",
    nn: "Fråvær 22.09: 1 time (Norsk), kom for seint.",
    en: "Absence 22.09: 1 lesson (Norsk), came late.",
  },
  {
    name: "an undocumented whole day with two lessons more",
    trip: {
      date: "2025-09-23",
      facts: {
        type: "occurrence",
        date: "2025-09-23",
        kinds: ["day", "lesson", "left"],
        wholeDay: true,
        lessons: 2,
        subjects: [],
        undocumented: true,
      },
    },
    asOf: "2025-09-23",
    nb: "Udokumentert fravær 23.09: hel dag, 2 timer, gikk fra skolen.",
    nn: "Udokumentert fråvær 23.09: heil dag, 2 timar, gjekk frå skulen.",
    en: "Undocumented absence 23.09: whole day, 2 lessons, left school.",
  },
  {
    name: "an early sign with the teacher's note",
    trip: {
      date: "2025-09-24",
      facts: {
        type: "early_sign",
        date: "2025-09-24",
        signId: "mistrivsel",
        signLabel: "Eleven har gitt uttrykk for mistrivsel",
        note: "sa det i friminuttet",
      },
    },
    asOf: "2025-09-24",
    nb: "Tidlig tegn meldt 24.09: Eleven har gitt uttrykk for mistrivsel (sa det i friminuttet)",
    nn: "Tidleg teikn meldt 24.09: Eleven har gitt uttrykk for mistrivsel (sa det i friminuttet)",
    en: "Early sign reported 24.09: Eleven har gitt uttrykk for mistrivsel (sa det i friminuttet)",
  },
];

describe("a trip's facts in bokmål, nynorsk and English", () => {
  const rows = cases.flatMap((c) => (["nb", "nn", "en"] as const).map((language) => ({ ...c, language })));

  test.each(rows)("when the trip is $name, then the $language text says it", ({ trip, asOf, language, ...text }) => {
    expect(describeTrip(trip, calendar, asOf, language)).toBe(text[language]);
  });

  test("when no language is given, then the text is bokmål, the engine's language", () => {
    const [first] = cases;
    expect(describeTrip(first!.trip, calendar, first!.asOf)).toBe(first!.nb);
  });

  test("when the term is still running, then the window says «this term» in each language", () => {
    const trip = cases.find((c) => c.name.startsWith("days in a term"))!.trip;
    expect(describeTrip(trip, calendar, "2025-12-01", "nb")).toContain("dette halvåret (siden 18.08)");
    expect(describeTrip(trip, calendar, "2025-12-01", "nn")).toContain("dette halvåret (sidan 18.08)");
    expect(describeTrip(trip, calendar, "2025-12-01", "en")).toContain("this term (since 18.08)");
  });
});

describe("a trip's facts without the school calendar (the card's short line)", () => {
  test.each([
    ["nn", "7 fråværsdagar 18.08–10.10: 3 udokumenterte, 4 dokumenterte. Ikkje talt: 5 dagar 01.09–05.09."],
    ["en", "7 days absent 18.08–10.10: 3 undocumented, 4 documented. Not counted: 5 days 01.09–05.09."],
  ] as const)("when a count is summarised in %s, then window and exclusions are date ranges", (language, text) => {
    expect(summarizeTrip(cases[0]!.trip, language)).toBe(text);
  });

  test("when one lesson in a subject is summarised, then the words are singular, the subject is named and a single day is one date", () => {
    expect(summarizeTrip(cases[1]!.trip, "en")).toBe(
      "1 lesson missed in Matematikk 01.09–30.09: 1 undocumented. Not counted: 2 days 02.09–03.09; 1 day 04.09.",
    );
  });

  test("when days in a row are summarised in nynorsk, then the range is given without a threshold", () => {
    expect(summarizeTrip(cases[6]!.trip, "nn")).toBe(
      "3 fråværsdagar på rad 15.09–17.09: 2 udokumenterte, 1 dokumentert.",
    );
  });
});

describe("deadlines in bokmål, nynorsk and English", () => {
  const deadlines: [LadderDeadline, string, string, string][] = [
    [{ type: "same_day" }, "samme dag", "same dag", "same day"],
    [{ type: "school_days", days: 1 }, "innen 1 skoledag", "innan 1 skuledag", "within 1 school day"],
    [{ type: "school_days", days: 3 }, "innen 3 skoledager", "innan 3 skuledagar", "within 3 school days"],
    [{ type: "weeks", weeks: 1 }, "innen 1 uke", "innan 1 veke", "within 1 week"],
    [{ type: "calendar_days", days: 2 }, "innen 2 dager", "innan 2 dagar", "within 2 days"],
    [
      { type: "weeks", weeks: 1, label: "meld til ledelse innen 1 uke" },
      "meld til ledelse innen 1 uke",
      "meld til ledelse innen 1 uke",
      "meld til ledelse innen 1 uke",
    ],
  ];

  test.each(deadlines)("when the deadline is %j, then it reads «%s», «%s», «%s»", (deadline, nb, nn, en) => {
    expect([describeDeadline(deadline), describeDeadline(deadline, "nn"), describeDeadline(deadline, "en")]).toEqual([
      nb,
      nn,
      en,
    ]);
  });
});

describe("the absence pattern in bokmål, nynorsk and English", () => {
  test.each([
    [
      "nb",
      [
        "Mandager er overrepresentert: 4 av 7 dager",
        "3 enkeltdager og 2 perioder på rad (lengste: 2 dager, 01.–02.09)",
        "Kom for sent 3 ganger",
        "Gikk fra skolen 1 gang",
        "På skolen, men ikke i timen 2 ganger",
        "Mest timefravær i engelsk: 5 timer (3 ganger)",
        "2 fraværsdager med lege-/tannlegetime",
      ],
    ],
    [
      "nn",
      [
        "Måndagar er overrepresenterte: 4 av 7 dagar",
        "3 enkeltdagar og 2 periodar på rad (lengste: 2 dagar, 01.–02.09)",
        "Kom for seint 3 gonger",
        "Gjekk frå skulen 1 gong",
        "På skulen, men ikkje i timen 2 gonger",
        "Mest timefråvær i engelsk: 5 timar (3 gonger)",
        "2 fråværsdagar med lege-/tannlegetime",
      ],
    ],
    [
      "en",
      [
        "Mondays are over-represented: 4 of 7 days",
        "3 single days and 2 runs of days in a row (longest: 2 days, 01.–02.09)",
        "Came late 3 times",
        "Left school 1 time",
        "At school but not in class 2 times",
        "Most lessons missed in engelsk: 5 lessons (3 times)",
        "2 days absent with a doctor's or dentist's appointment",
      ],
    ],
  ] as const)(
    "when Mondays stand out in a pupil's pattern, then the %s observations say the same facts",
    (language, lines) => {
      expect(describePattern(mondayReport(), language)).toEqual(lines);
    },
  );

  test("when a single day is the only absence and it is rising, then nynorsk uses the singular and names the trend", () => {
    const report = mondayReport({
      absenceDays: 1,
      weekdays: [],
      singleDays: ["2025-10-13"],
      runs: [],
      late: 0,
      left: 0,
      notInClass: 0,
      lessons: { total: 0, occasions: 0, bySubject: [] },
      reasons: [],
      weeks: [0, 0, 1].map((total, i) => ({
        weekStart: `2025-10-0${i + 1}`,
        week: 40 + i,
        days: total,
        lessonOccasions: 0,
        late: 0,
        left: 0,
        notInClass: 0,
        total,
      })),
      trend: "rising",
    });
    expect(describePattern(report, "nn")).toEqual([
      "Berre enkeltdagar: 1 fråværsdag, ingen dagar på rad",
      "Fråværet aukar veke for veke: 0, 0, 1 gonger fråvær i veka dei siste 3 vekene",
    ]);
  });

  test("when Mondays and Fridays and days next to a holiday stand out, then English gives the expected share", () => {
    const report = mondayReport({
      weekdays: [],
      runs: [],
      late: 0,
      left: 0,
      notInClass: 0,
      lessons: { total: 0, occasions: 0, bySubject: [] },
      reasons: [],
      mondaysAndFridays: { days: 6, share: 6 / 7, expectedShare: 0.4, overRepresented: true },
      nextToBreaks: {
        days: 5,
        share: 5 / 7,
        expectedShare: 0.45,
        overRepresented: true,
        dates: [{ date: "2025-10-03", holiday: "Høstferie" }],
      },
    });
    expect(describePattern(report, "en")).toEqual([
      "Mondays and Fridays: 6 of 7 days absent (evenly spread would give about 40%)",
      "Single days only: 3 days absent, none in a row",
      "5 of 7 days absent are next to a weekend or holiday (evenly spread would give about 45%)",
      "1 day absent next to a holiday (Høstferie)",
    ]);
  });
});
