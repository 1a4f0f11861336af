import type { z } from "zod";
import { pupil, school, staffMember, type Roster } from "../domain/roster";
import { EXPECT, expectationForIssue, fieldPath, firstIssuePerField, valueAt } from "./expectations";
import { rowError, type Expectation, type ParseResult, type RowError } from "./row-error";

/** Where an error in a candidate row is reported. */
export interface Location {
  file?: string;
  line?: number;
  row?: string;
}

/** A row as submitted (not yet validated) and how to locate errors in its fields. */
export interface Candidate {
  data: unknown;
  /** Location of a field (zod path inside the row, [] for the whole row). */
  locate(path: readonly (string | number)[]): Location;
  /**
   * Problems found before schema validation (e.g. a CSV cell that is not a date). The row is
   * rejected; schema issues on the same top-level fields are not reported twice.
   */
  problems?: { path: (string | number)[]; expect: Expectation; value?: unknown }[];
}

export interface RosterCandidates {
  schools: Candidate[];
  staff: Candidate[];
  pupils: Candidate[];
}

export interface RosterParseOptions {
  /** School ids already stored, so pupils and staff may refer to schools not in this import. */
  knownSchoolIds?: Iterable<string>;
  /** Staff aadObjectIds already stored, so contactTeacherIds may refer to staff not in this import. */
  knownStaffIds?: Iterable<string>;
}

function idOf(data: unknown, key: string): string | undefined {
  if (data === null || typeof data !== "object") return undefined;
  const v = (data as Record<string, unknown>)[key];
  return typeof v === "string" && v !== "" ? v : undefined;
}

/**
 * Indices of rows that a later row with the same id replaces. Importing the same id twice in one
 * request keeps the last row (as importing it again later would update it); the earlier rows are
 * dropped without an error.
 */
export function supersededIndices(items: readonly unknown[], key: string): Set<number> {
  const last = new Map<string, number>();
  items.forEach((item, i) => {
    const id = idOf(item, key);
    if (id !== undefined) last.set(id, i);
  });
  const out = new Set<number>();
  items.forEach((item, i) => {
    const id = idOf(item, key);
    if (id !== undefined && last.get(id) !== i) out.add(i);
  });
  return out;
}

function addError(
  errors: RowError[],
  c: Candidate,
  path: readonly (string | number)[],
  expect: Expectation,
  value?: unknown,
): void {
  errors.push(rowError({ ...c.locate(path), field: fieldPath(path), expect, value }));
}

function validate<S extends z.ZodTypeAny>(c: Candidate, schema: S, errors: RowError[]): z.output<S> | undefined {
  const problems = c.problems ?? [];
  for (const p of problems) addError(errors, c, p.path, p.expect, p.value);
  const r = schema.safeParse(c.data);
  if (r.success && problems.length === 0) return r.data;
  if (!r.success) {
    const seen = new Set(problems.map((p) => p.path[0]));
    for (const issue of firstIssuePerField(r.error.issues)) {
      if (seen.has(issue.path[0])) continue;
      addError(errors, c, issue.path, expectationForIssue(issue), valueAt(c.data, issue.path));
    }
  }
  return undefined;
}

/**
 * Validates roster rows against the domain schemas and each other, row by row:
 * schools first, then staff (every role's school must be known), then pupils (school and
 * contact teachers must be known). A rejected school or staff member is not "known" to the rows
 * after it. Within one kind, a later row with the same id replaces an earlier one.
 */
export function validateRoster(input: RosterCandidates, options: RosterParseOptions = {}): ParseResult<Roster> {
  const errors: RowError[] = [];
  const accepted: Roster = { schools: [], staff: [], pupils: [] };

  const skipSchools = supersededIndices(
    input.schools.map((c) => c.data),
    "id",
  );
  input.schools.forEach((c, i) => {
    if (skipSchools.has(i)) return;
    const s = validate(c, school, errors);
    if (s) accepted.schools.push(s);
  });
  const schoolIds = new Set<string>(options.knownSchoolIds ?? []);
  for (const s of accepted.schools) schoolIds.add(s.id);

  const skipStaff = supersededIndices(
    input.staff.map((c) => c.data),
    "aadObjectId",
  );
  input.staff.forEach((c, i) => {
    if (skipStaff.has(i)) return;
    const m = validate(c, staffMember, errors);
    if (!m) return;
    let ok = true;
    m.roles.forEach((r, j) => {
      if (!schoolIds.has(r.schoolId)) {
        addError(errors, c, ["roles", j, "schoolId"], EXPECT.knownSchool, r.schoolId);
        ok = false;
      }
    });
    if (ok) accepted.staff.push(m);
  });
  const staffIds = new Set<string>(options.knownStaffIds ?? []);
  for (const m of accepted.staff) staffIds.add(m.aadObjectId);

  const skipPupils = supersededIndices(
    input.pupils.map((c) => c.data),
    "id",
  );
  input.pupils.forEach((c, i) => {
    if (skipPupils.has(i)) return;
    const p = validate(c, pupil, errors);
    if (!p) return;
    let ok = true;
    if (!schoolIds.has(p.schoolId)) {
      addError(errors, c, ["schoolId"], EXPECT.knownSchool, p.schoolId);
      ok = false;
    }
    const unknown = p.contactTeacherIds.filter((id) => !staffIds.has(id));
    if (unknown.length > 0) {
      addError(errors, c, ["contactTeacherIds"], EXPECT.knownStaff, unknown.join(", "));
      ok = false;
    }
    if (ok) accepted.pupils.push(p);
  });

  return { accepted, rejected: errors };
}
