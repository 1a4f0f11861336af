import { formatRowErrors, rowError, toIngestResponse, type RowError } from "../../src/ingest";

const errors: RowError[] = [
  rowError({
    file: "users.csv",
    line: 4,
    row: "pupil 114001",
    field: "birthDate",
    expect: { en: "a date as YYYY-MM-DD", nb: "en dato på formen ÅÅÅÅ-MM-DD" },
    value: "2014-13-02",
  }),
  rowError({
    file: "users.csv",
    line: 4,
    row: "pupil 114001",
    field: "grade",
    expect: { en: "a whole number", nb: "et heltall" },
    value: "sju",
  }),
  rowError({ line: 7, field: "documented", expect: { en: "true or false", nb: "true eller false" } }),
  rowError({
    row: "pupils[2]",
    field: "name",
    expect: { en: "non-empty text", nb: "tekst som ikke er tom" },
    value: "Ola Nordmann",
  }),
];

describe("rowError", () => {
  it("when the field is a name, then the value is dropped from the error and its message", () => {
    const e = errors[3];
    expect(e).toEqual({
      row: "pupils[2]",
      field: "name",
      expected: "non-empty text",
      message: "pupils[2], feltet «name»: forventet tekst som ikke er tom.",
    });
    expect(
      rowError({ field: "roles[0].email", expect: { en: "x", nb: "x" }, value: "ola@x.no" }).value,
    ).toBeUndefined();
  });

  it("when a value is given for another field, then it is echoed in the Norwegian message", () => {
    expect(errors[0]?.message).toBe(
      "Linje 4 i users.csv (pupil 114001), feltet «birthDate»: forventet en dato på formen ÅÅÅÅ-MM-DD, fikk «2014-13-02».",
    );
    expect(errors[0]?.value).toBe("2014-13-02");
  });

  it("when a value is long or not text, then it is truncated or left out", () => {
    expect(rowError({ field: "subject", expect: { en: "x", nb: "x" }, value: "y".repeat(200) }).value).toHaveLength(81);
    expect(rowError({ field: "subject", expect: { en: "x", nb: "x" }, value: { name: "Ola" } }).value).toBeUndefined();
    expect(rowError({ field: "lessons", expect: { en: "x", nb: "x" }, value: 13 }).value).toBe("13");
  });
});

describe("formatRowErrors", () => {
  it("when there are errors, then it counts problems and rows and lists each with place, field and expectation", () => {
    expect(formatRowErrors(errors)).toBe(
      [
        "4 problems in 3 rows:",
        '- users.csv line 4 (pupil 114001): birthDate: expected a date as YYYY-MM-DD, got "2014-13-02"',
        '- users.csv line 4 (pupil 114001): grade: expected a whole number, got "sju"',
        "- line 7: documented: expected true or false",
        "- pupils[2]: name: expected non-empty text",
      ].join("\n"),
    );
  });

  it("when there are more errors than max, then the rest is summed up", () => {
    const text = formatRowErrors(errors, { max: 1 });
    expect(text.split("\n")).toHaveLength(3);
    expect(text).toMatch(/… and 3 more$/);
  });

  it("when Norwegian is asked for, then the messages are used", () => {
    const text = formatRowErrors(errors, { language: "nb", max: 3 });
    expect(text.split("\n")[0]).toBe("4 feil i 3 rader:");
    expect(text).toContain("\n- Linje 7, feltet «documented»: forventet true eller false.\n");
    expect(text).not.toContain("expected");
    expect(text).toMatch(/… og 1 til$/);
  });

  it("when there are no errors, then it says so", () => {
    expect(formatRowErrors([])).toBe("No problems.");
    expect(formatRowErrors([], { language: "nb" })).toBe("Ingen feil.");
  });
});

describe("toIngestResponse", () => {
  it("when given a count and errors, then it gives the HTTP body shape", () => {
    expect(toIngestResponse(2, errors.slice(0, 1))).toEqual({ accepted: 2, rejected: [errors[0]] });
  });
});
