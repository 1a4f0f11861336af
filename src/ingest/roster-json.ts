import type { Roster } from "../domain/roster";
import { EXPECT } from "./expectations";
import { rowError, type ParseResult, type RowError } from "./row-error";
import { validateRoster, type Candidate, type RosterParseOptions } from "./roster-validate";

export type { RosterParseOptions } from "./roster-validate";

const LISTS = ["schools", "staff", "pupils"] as const;

/**
 * Validates a roster sent as JSON (`POST /api/roster`, `npm run import -- roster file.json`):
 * `{ schools: [...], staff: [...], pupils: [...] }`, each list optional.
 *
 * Valid rows are accepted and invalid rows rejected one by one; errors name the row
 * (`pupils[3]`), the field and what was expected. Cross-references: a staff role's school and a
 * pupil's school must be in this roster or in `knownSchoolIds`; a pupil's contactTeacherIds must
 * be staff in this roster or in `knownStaffIds`.
 */
export function parseRosterJson(body: unknown, options: RosterParseOptions = {}): ParseResult<Roster> {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    return {
      accepted: { schools: [], staff: [], pupils: [] },
      rejected: [rowError({ field: "(file)", expect: EXPECT.jsonObjectRoster })],
    };
  }
  const obj = body as Record<string, unknown>;
  const rejected: RowError[] = [];
  const lists: Record<(typeof LISTS)[number], Candidate[]> = { schools: [], staff: [], pupils: [] };
  for (const key of LISTS) {
    const list = obj[key];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) {
      rejected.push(rowError({ field: key, expect: EXPECT.list, value: list }));
      continue;
    }
    lists[key] = list.map((data: unknown, i: number) => ({ data, locate: () => ({ row: `${key}[${i}]` }) }));
  }
  const result = validateRoster(lists, options);
  return { accepted: result.accepted, rejected: [...rejected, ...result.rejected] };
}
