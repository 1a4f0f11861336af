import * as fs from "fs";
import * as path from "path";
import { parseAbsenceCsv, parseAbsenceJson, parseRosterJson } from "../../src/ingest";

const doc = fs.readFileSync(path.join(__dirname, "../../docs/data-formats.md"), "utf8");
const blocks = (lang: string) =>
  [...doc.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1] ?? "");
const knownPupils = new Map([
  ["p1", "s-brekstad"],
  ["p2", "s-brekstad"],
]);

describe("docs/data-formats.md examples", () => {
  it("when the roster JSON example is parsed, then every row is accepted", () => {
    const example = blocks("json")
      .map((b) => JSON.parse(b) as Record<string, unknown>)
      .find((b) => "pupils" in b);
    const r = parseRosterJson(example);
    expect(r.rejected).toEqual([]);
    expect([r.accepted.schools.length, r.accepted.staff.length, r.accepted.pupils.length]).toEqual([1, 1, 1]);
  });

  it("when the absence JSON example is parsed, then every event is accepted", () => {
    const example = blocks("json")
      .map((b) => JSON.parse(b) as Record<string, unknown>)
      .find((b) => "events" in b);
    const r = parseAbsenceJson(example, { knownPupils });
    expect(r.rejected).toEqual([]);
    expect(r.accepted).toHaveLength(4);
  });

  it("when the absence CSV example is parsed, then every row is accepted", () => {
    const example = blocks("csv").find((b) => b.startsWith("id,pupilId"));
    expect(example).toBeDefined();
    const r = parseAbsenceCsv(example ?? "", { knownPupils });
    expect(r.rejected).toEqual([]);
    expect(r.accepted).toHaveLength(5);
  });

  it("when the error response example is read, then its messages are what the parser produces for the fixture", () => {
    const example = blocks("json")
      .map((b) => JSON.parse(b) as { rejected?: unknown })
      .find((b) => "rejected" in b);
    const r = parseAbsenceCsv(fs.readFileSync(path.join(__dirname, "../fixtures/absence/events.csv"), "utf8"), {
      knownPupils,
    });
    expect(example).toEqual({ accepted: r.accepted.length, rejected: r.rejected });
  });
});
