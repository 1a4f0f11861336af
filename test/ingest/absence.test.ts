import * as fs from "fs";
import * as path from "path";
import { parseAbsenceCsv, parseAbsenceJson } from "../../src/ingest";

const knownPupils = new Map([
  ["p1", "s-brekstad"],
  ["p2", "s-brekstad"],
  ["p3", "s-botngard"],
]);
const options = { knownPupils };
const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "../fixtures/absence", name), "utf8");

const HEADER = "id,pupilId,schoolId,date,kind,documented,lessons,minutes,subject,reason,episodeId,agreed";

describe("parseAbsenceCsv", () => {
  it("when the fixture mixes valid and invalid rows, then the valid rows are kept and each invalid row is reported by line, field and expectation", () => {
    const r = parseAbsenceCsv(fixture("events.csv"), options);
    expect(r.accepted.map((e) => e.id)).toEqual(["vis-1001", "vis-1002", "vis-1003", "vis-1005", "vis-1007"]);
    expect(r.rejected).toEqual([
      expect.objectContaining({
        line: 6,
        field: "documented",
        expected: "true or false (required when kind is day or lesson)",
      }),
      expect.objectContaining({
        line: 8,
        field: "pupilId",
        expected: "the id of a pupil known to Nærvær",
        value: "p9",
      }),
    ]);
    for (const e of r.rejected) expect(e.message).toMatch(/^Linje \d+, feltet «\w+»: forventet /);
  });

  it("when a row is valid, then its cells are converted to the event's types", () => {
    const r = parseAbsenceCsv(fixture("events.csv"), options);
    const byId = new Map(r.accepted.map((e) => [e.id, e]));
    expect(byId.get("vis-1001")).toEqual({
      id: "vis-1001",
      pupilId: "p1",
      schoolId: "s-brekstad",
      date: "2025-09-01",
      kind: "day",
      documented: false,
      reason: "unknown",
    });
    expect(byId.get("vis-1002")).toEqual({
      id: "vis-1002",
      pupilId: "p1",
      schoolId: "s-brekstad",
      date: "2025-09-02",
      kind: "lesson",
      documented: true,
      lessons: 2,
      subject: "Mat og helse, praktisk",
      reason: "appointment",
    });
    expect(byId.get("vis-1003")?.subject).toBe("Norsk\n(2. time)");
    expect(byId.get("vis-1003")?.minutes).toBe(15);
    expect(byId.get("vis-1005")).toMatchObject({
      documented: true,
      agreed: false,
      episodeId: "ep-7",
      reason: "illness",
    });
  });

  it("when quoted fields hold commas and line breaks, then later rows are reported at the line where they start", () => {
    const csv = [
      HEADER,
      'a1,p1,s-brekstad,2025-09-01,lesson,ja,1,,"Engelsk, muntlig',
      'del 2",,,',
      'a2,p1,s-brekstad,2025-09-01,lesson,ja,1,,"A ""quoted""',
      "",
      'word",,,',
      "a3,p1,s-brekstad,2025-13-01,day,ja,,,,,,",
    ].join("\r\n");
    const r = parseAbsenceCsv(csv, options);
    expect(r.accepted.map((e) => e.id)).toEqual(["a1", "a2"]);
    expect(r.accepted[1]?.subject).toBe('A "quoted"\n\nword');
    expect(r.rejected).toEqual([
      expect.objectContaining({ line: 7, field: "date", expected: "a date as YYYY-MM-DD", value: "2025-13-01" }),
    ]);
  });

  it("when booleans are written true/false, 1/0 or ja/nei in any case, then they are read; anything else is rejected", () => {
    const rows = [
      ["b1", "true"],
      ["b2", "FALSE"],
      ["b3", "1"],
      ["b4", "0"],
      ["b5", "Ja"],
      ["b6", "nei"],
      ["b7", "kanskje"],
    ].map(([id, b]) => `${id},p1,s-brekstad,2025-09-01,day,${b},,,,,,`);
    const r = parseAbsenceCsv([HEADER, ...rows].join("\n"), options);
    expect(r.accepted.map((e) => [e.id, e.documented])).toEqual([
      ["b1", true],
      ["b2", false],
      ["b3", true],
      ["b4", false],
      ["b5", true],
      ["b6", false],
    ]);
    expect(r.rejected).toEqual([
      expect.objectContaining({
        line: 8,
        field: "documented",
        expected: "true or false (also 1/0 or ja/nei)",
        value: "kanskje",
      }),
    ]);
  });

  it("when documented is empty, then a day or lesson row is rejected but late, left and not_in_class rows are kept", () => {
    const rows = ["day", "lesson", "late", "left", "not_in_class"].map(
      (k, i) => `k${i},p1,s-brekstad,2025-09-01,${k},,,,,,,`,
    );
    const r = parseAbsenceCsv([HEADER, ...rows].join("\n"), options);
    expect(r.accepted.map((e) => e.kind)).toEqual(["late", "left", "not_in_class"]);
    expect(r.rejected.map((e) => [e.line, e.field])).toEqual([
      [2, "documented"],
      [3, "documented"],
    ]);
  });

  it("when numbers are not whole numbers or out of range, then the field is rejected with the expectation", () => {
    const csv = [
      HEADER,
      "n1,p1,s-brekstad,2025-09-01,lesson,ja,2.5,,,,,",
      "n2,p1,s-brekstad,2025-09-01,lesson,ja,13,,,,,",
      "n3,p1,s-brekstad,2025-09-01,late,,,abc,,,,",
    ].join("\n");
    const r = parseAbsenceCsv(csv, options);
    expect(r.accepted).toEqual([]);
    expect(r.rejected).toEqual([
      expect.objectContaining({ line: 2, field: "lessons", expected: "a whole number", value: "2.5" }),
      expect.objectContaining({ line: 3, field: "lessons", expected: "a number of at most 12", value: "13" }),
      expect.objectContaining({ line: 4, field: "minutes", expected: "a whole number", value: "abc" }),
    ]);
  });

  it("when the pupil is unknown, at another school, or the school is unknown, then the row is rejected on pupilId or schoolId", () => {
    const csv = [
      HEADER,
      "x1,nobody,s-brekstad,2025-09-01,late,,,,,,,",
      "x2,p3,s-brekstad,2025-09-01,late,,,,,,,",
      "x3,p1,s-nowhere,2025-09-01,late,,,,,,,",
      "x4,p3,s-botngard,2025-09-01,late,,,,,,,",
    ].join("\n");
    const r = parseAbsenceCsv(csv, options);
    expect(r.accepted.map((e) => e.id)).toEqual(["x4"]);
    expect(r.rejected).toEqual([
      expect.objectContaining({ line: 2, field: "pupilId", value: "nobody" }),
      expect.objectContaining({
        line: 3,
        field: "schoolId",
        expected: "the id of the school the pupil belongs to",
        value: "s-brekstad",
      }),
      expect.objectContaining({
        line: 4,
        field: "schoolId",
        expected: "the id of a school known to Nærvær",
        value: "s-nowhere",
      }),
    ]);
  });

  it("when the same id comes twice, then the last row is kept and nothing is reported", () => {
    const csv = [
      HEADER,
      "d1,p1,s-brekstad,2025-09-01,day,nei,,,,,,",
      "d1,p1,s-brekstad,2025-09-01,day,ja,,,,illness,,",
    ].join("\n");
    const r = parseAbsenceCsv(csv, options);
    expect(r.rejected).toEqual([]);
    expect(r.accepted).toEqual([expect.objectContaining({ id: "d1", documented: true, reason: "illness" })]);
  });

  it("when columns are in another order, another case or separated by semicolons, then they are matched by name", () => {
    const csv = [
      "KIND;Date;PUPILID;schoolid;ID;Documented;comment",
      "day;2025-09-01;p1;s-brekstad;s1;ja;ignored column",
    ].join("\n");
    const r = parseAbsenceCsv(csv, options);
    expect(r.rejected).toEqual([]);
    expect(r.accepted).toEqual([
      { id: "s1", pupilId: "p1", schoolId: "s-brekstad", date: "2025-09-01", kind: "day", documented: true },
    ]);
  });

  it.each(["id", "pupilId", "schoolId", "date", "kind"])(
    "when the required column %s is missing, then the file is rejected with the column named on line 1",
    (column) => {
      const all = { id: "a", pupilId: "p1", schoolId: "s-brekstad", date: "2025-09-01", kind: "late" };
      const kept = Object.entries(all).filter(([name]) => name !== column);
      const r = parseAbsenceCsv(
        `${kept.map(([name]) => name).join(",")}\n${kept.map(([, value]) => value).join(",")}\n`,
        options,
      );
      expect(r.accepted).toEqual([]);
      expect(r.rejected).toEqual([
        expect.objectContaining({ line: 1, field: column, expected: `a column named ${column}` }),
      ]);
    },
  );

  it("when rows are rejected for their values and for their shape, then the errors come in line order", () => {
    const csv = [
      HEADER,
      "o1,p1,s-brekstad,01.09.2025,late,,,,,,,",
      "o2,p1,s-brekstad,2025-09-01,late,,,,Mat, helse,,,",
      "o3,p1,s-brekstad,2025-09-01,holiday,,,,,,,",
    ].join("\n");
    const r = parseAbsenceCsv(csv, options);
    expect(r.rejected.map((e) => [e.line, e.field])).toEqual([
      [2, "date"],
      [3, "(row)"],
      [4, "kind"],
    ]);
  });

  it("when a row has the wrong number of fields, then that row is rejected and the others kept", () => {
    const csv = [
      HEADER,
      "w1,p1,s-brekstad,2025-09-01,late,,,,,,,",
      "w2,p1,s-brekstad,2025-09-01,late,,,,Mat, helse,,,",
    ].join("\n");
    const r = parseAbsenceCsv(csv, options);
    expect(r.accepted.map((e) => e.id)).toEqual(["w1"]);
    expect(r.rejected).toEqual([
      expect.objectContaining({ line: 3, field: "(row)", expected: "12 fields, as many as the header row" }),
    ]);
  });

  it("when a quote is never closed, then the file is rejected without a crash", () => {
    const r = parseAbsenceCsv(`${HEADER}\nq1,p1,s-brekstad,2025-09-01,late,,,,"open,,,\n`, options);
    expect(r.accepted).toEqual([]);
    expect(r.rejected).toEqual([expect.objectContaining({ field: "(file)", line: expect.any(Number) })]);
  });

  it("when the text is empty, then one error says a header row was expected", () => {
    const r = parseAbsenceCsv("", options);
    expect(r.rejected).toEqual([
      expect.objectContaining({ field: "(file)", expected: "a header row with column names" }),
    ]);
  });
});

describe("parseAbsenceJson", () => {
  it("when the body is { events: [...] }, then events are validated and null counts as not given", () => {
    const r = parseAbsenceJson(JSON.parse(fixture("events.json")), options);
    expect(r.rejected).toEqual([]);
    expect(r.accepted.map((e) => e.id)).toEqual(["vig-1", "vig-2", "vig-3", "vig-4"]);
    expect(r.accepted[3]).not.toHaveProperty("subject");
  });

  it("when the body is an array with invalid items, then line is the index + 1 and valid items are kept", () => {
    const body = [
      { id: "j1", pupilId: "p1", schoolId: "s-brekstad", date: "2025-09-01", kind: "late" },
      { id: "j2", pupilId: "p1", schoolId: "s-brekstad", date: "01.09.2025", kind: "day", documented: "ja" },
      "not an object",
      {
        id: "j4",
        pupilId: "p1",
        schoolId: "s-brekstad",
        date: "2025-09-01",
        kind: "holiday",
        documented: true,
        reason: "sick",
      },
    ];
    const r = parseAbsenceJson(body, options);
    expect(r.accepted.map((e) => e.id)).toEqual(["j1"]);
    expect(r.rejected).toEqual([
      expect.objectContaining({
        line: 2,
        row: "[1]",
        field: "date",
        expected: "a date as YYYY-MM-DD",
        value: "01.09.2025",
      }),
      expect.objectContaining({ line: 2, row: "[1]", field: "documented", expected: "true or false", value: "ja" }),
      expect.objectContaining({ line: 3, row: "[2]", field: "(row)", expected: "an object" }),
      expect.objectContaining({
        line: 4,
        field: "kind",
        expected: "one of: day, lesson, late, left, not_in_class",
        value: "holiday",
      }),
      expect.objectContaining({
        line: 4,
        field: "reason",
        expected: "one of: illness, leave, travel, appointment, other, unknown",
        value: "sick",
      }),
    ]);
  });

  it("when the events come wrapped in { events }, then row names the position in that list", () => {
    const r = parseAbsenceJson(
      { events: [{ id: "e1", pupilId: "ghost", schoolId: "s-brekstad", date: "2025-09-01", kind: "late" }] },
      options,
    );
    expect(r.rejected).toEqual([
      expect.objectContaining({ line: 1, row: "events[0]", field: "pupilId", value: "ghost" }),
    ]);
  });

  it("when the same id comes twice, then the last one wins silently even if the first was invalid", () => {
    const r = parseAbsenceJson(
      [
        { id: "dup", pupilId: "p1", schoolId: "s-brekstad", date: "bad", kind: "day" },
        { id: "dup", pupilId: "p1", schoolId: "s-brekstad", date: "2025-09-01", kind: "day", documented: false },
      ],
      options,
    );
    expect(r.rejected).toEqual([]);
    expect(r.accepted).toEqual([expect.objectContaining({ id: "dup", documented: false })]);
  });

  it.each([null, 42, "text", { items: [] }, { events: "x" }])(
    "when the body is %p, then one error describes the expected body",
    (body) => {
      const r = parseAbsenceJson(body, options);
      expect(r.accepted).toEqual([]);
      expect(r.rejected).toHaveLength(1);
      expect(r.rejected[0]?.expected).toMatch(/JSON array of absence events/);
    },
  );
});
