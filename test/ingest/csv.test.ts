import { readCsv } from "../../src/ingest/csv";

describe("readCsv", () => {
  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["CR", "\r"],
  ])(
    "when lines end with %s and quoted fields span lines, then each row gets the line where it starts",
    (_name, eol) => {
      const text = ["a,b", '1,"x, y', "z", '"', "2,plain", "", '3,"q ""r"""', "4,last"].join(eol);
      const t = readCsv(text);
      expect(t.errors).toEqual([]);
      expect(t.rows.map((r) => [r.line, r.cells.a])).toEqual([
        [2, "1"],
        [5, "2"],
        [7, "3"],
        [8, "4"],
      ]);
      expect(t.rows[0]?.cells.b).toBe("x, y\nz"); // cells are trimmed
      expect(t.rows[2]?.cells.b).toBe('q "r"');
    },
  );

  it("when the file starts with a BOM and headers have mixed case and spaces, then headers are matched case-insensitively", () => {
    const t = readCsv("\uFEFF PupilId , Date\np1, 2025-09-01 \n");
    expect(t.header).toEqual(["PupilId", "Date"]);
    expect(t.rows).toEqual([{ line: 2, cells: { pupilid: "p1", date: "2025-09-01" } }]);
  });

  it("when a row has only empty cells, then it is skipped without an error", () => {
    const t = readCsv("a,b\n,\n1,2\n,,\n");
    expect(t.rows.map((r) => r.line)).toEqual([3]);
    expect(t.errors).toEqual([]);
  });

  it("when a row has too few or too many fields, then it is reported at its line with the file name", () => {
    const t = readCsv("a,b,c\n1,2\n1,2,3\n1,2,3,4\n", "users.csv");
    expect(t.rows.map((r) => r.line)).toEqual([3]);
    expect(t.errors).toEqual([
      expect.objectContaining({ file: "users.csv", line: 2, field: "(row)", value: "2 fields" }),
      expect.objectContaining({ file: "users.csv", line: 4, field: "(row)", value: "4 fields" }),
    ]);
  });

  it("when a closing quote is followed by text, then the file is rejected at that line", () => {
    const t = readCsv('a,b\n1,2\n3,"4"x\n', "orgs.csv");
    expect(t.rows).toEqual([]);
    expect(t.errors).toEqual([expect.objectContaining({ file: "orgs.csv", line: 3, field: "(file)" })]);
  });
});
