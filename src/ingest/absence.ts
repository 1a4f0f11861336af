import { absenceEvent, absenceFields, type AbsenceEvent } from "../domain/absence";
import { cell, missingColumns, readCsv } from "./csv";
import { EXPECT, expectationForIssue, fieldPath, firstIssuePerField, requiredColumn, valueAt } from "./expectations";
import { rowError, type ParseResult, type RowError } from "./row-error";
import { supersededIndices } from "./roster-validate";
import { parseBooleanCell, parseIntegerCell } from "./values";

export interface AbsenceParseOptions {
  /** Every pupil Nærvær knows: pupil id → the id of the pupil's school. */
  knownPupils: ReadonlyMap<string, string>;
  /** Schools Nærvær knows, beyond those of knownPupils (a school with no pupils yet). */
  knownSchoolIds?: Iterable<string>;
}

/** The fields of an absence event, as CSV column names (matched case-insensitively). */
export const ABSENCE_FIELDS = absenceFields;
type AbsenceField = (typeof ABSENCE_FIELDS)[number];
const REQUIRED_COLUMNS: readonly AbsenceField[] = ["id", "pupilId", "schoolId", "date", "kind"];
const BOOLEAN_FIELDS = new Set<AbsenceField>(["documented", "agreed"]);
const INTEGER_FIELDS = new Set<AbsenceField>(["lessons", "minutes"]);

interface EventCandidate {
  data: Record<string, unknown>;
  line: number;
  row?: string;
  /** Errors found while converting CSV cells; the fields named here are not checked again. */
  conversionErrors: RowError[];
}

function crossCheck(
  e: AbsenceEvent,
  c: EventCandidate,
  options: AbsenceParseOptions,
  schoolIds: ReadonlySet<string>,
): RowError | undefined {
  const where = { line: c.line, row: c.row };
  const pupilsSchool = options.knownPupils.get(e.pupilId);
  if (pupilsSchool === undefined)
    return rowError({ ...where, field: "pupilId", expect: EXPECT.knownPupil, value: e.pupilId });
  if (!schoolIds.has(e.schoolId))
    return rowError({ ...where, field: "schoolId", expect: EXPECT.knownAbsenceSchool, value: e.schoolId });
  if (pupilsSchool !== e.schoolId)
    return rowError({ ...where, field: "schoolId", expect: EXPECT.pupilsSchool, value: e.schoolId });
  return undefined;
}

function validateEvents(candidates: EventCandidate[], options: AbsenceParseOptions): ParseResult<AbsenceEvent[]> {
  const schoolIds = new Set<string>(options.knownSchoolIds ?? []);
  for (const s of options.knownPupils.values()) schoolIds.add(s);
  const rejected: RowError[] = [];
  const accepted: AbsenceEvent[] = [];
  const superseded = supersededIndices(
    candidates.map((c) => c.data),
    "id",
  );
  candidates.forEach((c, i) => {
    if (superseded.has(i)) return;
    const converted = new Set(c.conversionErrors.map((e) => e.field));
    const rowErrors = [...c.conversionErrors];
    const r = absenceEvent.safeParse(c.data);
    if (r.success && rowErrors.length === 0) {
      const crossError = crossCheck(r.data, c, options, schoolIds);
      if (crossError) rejected.push(crossError);
      else accepted.push(r.data);
      return;
    }
    if (!r.success) {
      for (const issue of firstIssuePerField(r.error.issues)) {
        const field = fieldPath(issue.path);
        if (converted.has(field)) continue;
        rowErrors.push(
          rowError({
            line: c.line,
            row: c.row,
            field,
            expect: expectationForIssue(issue),
            value: valueAt(c.data, issue.path),
          }),
        );
      }
    }
    rejected.push(
      ...rowErrors.sort(
        (a, b) => ABSENCE_FIELDS.indexOf(a.field as AbsenceField) - ABSENCE_FIELDS.indexOf(b.field as AbsenceField),
      ),
    );
  });
  return { accepted, rejected };
}

/** JSON null means "not given", as an empty CSV cell does. */
function withoutNulls(item: unknown): unknown {
  if (item === null || typeof item !== "object" || Array.isArray(item)) return item;
  return Object.fromEntries(Object.entries(item as Record<string, unknown>).filter(([, v]) => v !== null));
}

/**
 * Validates absence events sent as JSON (`POST /api/absence` with application/json): an array
 * of events, or `{ "events": [...] }`. `line` in an error is the array index + 1.
 *
 * A later event with the same id replaces an earlier one in the same request, without an error.
 * An unknown pupil, an unknown school or a pupil who is not at that school rejects the row
 * (field pupilId or schoolId).
 */
export function parseAbsenceJson(body: unknown, options: AbsenceParseOptions): ParseResult<AbsenceEvent[]> {
  let list: unknown;
  let prefix = "";
  if (Array.isArray(body)) list = body;
  else if (body !== null && typeof body === "object" && Array.isArray((body as { events?: unknown }).events)) {
    list = (body as { events: unknown[] }).events;
    prefix = "events";
  }
  if (!Array.isArray(list))
    return { accepted: [], rejected: [rowError({ field: "(file)", expect: EXPECT.jsonEvents })] };
  const candidates: EventCandidate[] = list.map((item: unknown, i: number) => ({
    data: withoutNulls(item) as Record<string, unknown>,
    line: i + 1,
    row: `${prefix}[${i}]`,
    conversionErrors: [],
  }));
  return validateEvents(candidates, options);
}

/**
 * Validates absence events sent as CSV (`POST /api/absence` with text/csv, or
 * `npm run import -- absence file.csv`). The header row names the columns with the JSON field
 * names (any case, any order; unknown columns are ignored). Empty cell = not given. Booleans:
 * true/false, 1/0, ja/nei. Numbers: whole numbers. `line` in an error is the CSV line where the
 * row starts (the header is line 1).
 */
export function parseAbsenceCsv(text: string, options: AbsenceParseOptions): ParseResult<AbsenceEvent[]> {
  const table = readCsv(text);
  if (table.header.length === 0) return { accepted: [], rejected: table.errors };
  const missing = missingColumns(table, REQUIRED_COLUMNS);
  if (missing.length > 0) {
    return {
      accepted: [],
      rejected: missing.map((col) => rowError({ line: 1, field: col, expect: requiredColumn(col) })),
    };
  }
  const candidates: EventCandidate[] = table.rows.map((row) => {
    const data: Record<string, unknown> = {};
    const conversionErrors: RowError[] = [];
    for (const field of ABSENCE_FIELDS) {
      const text = cell(row, field);
      if (text === undefined) continue;
      if (BOOLEAN_FIELDS.has(field)) {
        const b = parseBooleanCell(text);
        if (b.ok) data[field] = b.value;
        else conversionErrors.push(rowError({ line: row.line, field, expect: EXPECT.boolean, value: text }));
      } else if (INTEGER_FIELDS.has(field)) {
        const n = parseIntegerCell(text);
        if (n.ok) data[field] = n.value;
        else conversionErrors.push(rowError({ line: row.line, field, expect: EXPECT.integer, value: text }));
      } else {
        data[field] = text;
      }
    }
    return { data, line: row.line, conversionErrors };
  });
  const result = validateEvents(candidates, options);
  return {
    accepted: result.accepted,
    rejected: [...table.errors, ...result.rejected].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
  };
}
