import type { AbsenceRepo } from "../store/absence-repo";
import type { RosterRepo } from "../store/roster-repo";
import {
  parseAbsenceCsv,
  parseAbsenceJson,
  parseRosterJson,
  parseSdsCsv,
  toIngestResponse,
  type IngestResponse,
  type RowError,
} from "../ingest";
import type { Roster, School } from "../domain/roster";
import type { ParseResult } from "../ingest";
import type { LadderRegistry } from "../ladder-registry";

export interface ImportDeps {
  roster: RosterRepo;
  absences: AbsenceRepo;
  /** The ladders a school may name, with the settings each allows; anything else is a rejected school row. */
  ladders: Pick<LadderRegistry, "isKnown" | "forSchool">;
}

export type RosterInput = { format: "json"; body: unknown } | { format: "sds"; files: Record<string, string> };
export type AbsenceInput = { format: "json"; body: unknown } | { format: "csv"; text: string };

/** Why the school's ladder settings cannot be applied, or undefined when they can. */
function settingsProblem(deps: ImportDeps, school: School): string | undefined {
  try {
    deps.ladders.forSchool(school);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * A school naming a ladder Nærvær does not have, or settings its ladder does not allow, would stop its
 * evaluation every day; it is refused at the door with the choices.
 */
function rejectUnusableSchools(
  result: ParseResult<Roster>,
  deps: ImportDeps,
  knownLadders: string[],
): ParseResult<Roster> {
  const rejected: RowError[] = [...result.rejected];
  const refused = new Set<string>();
  result.accepted.schools.forEach((school) => {
    if (!deps.ladders.isKnown(school.ladder)) {
      refused.add(school.id);
      rejected.push({
        row: `school ${school.id}`,
        field: "ladder",
        expected: `one of ${knownLadders.join(", ")}, or custom:<file>`,
        message: `Skole ${school.id}: ukjent tiltakstrapp «${school.ladder}». Gyldige verdier: ${knownLadders.join(", ")}.`,
        value: school.ladder,
      });
      return;
    }
    const problem = settingsProblem(deps, school);
    if (!problem) return;
    refused.add(school.id);
    rejected.push({
      row: `school ${school.id}`,
      field: "ladderSettings",
      expected: `setting names and values that ladder ${school.ladder} allows (docs/ladders.md): ${problem}`,
      message: `Skole ${school.id}: ladderSettings passer ikke til tiltakstrappa «${school.ladder}» (${problem}).`,
    });
  });
  if (refused.size === 0) return result;
  return {
    accepted: {
      ...result.accepted,
      schools: result.accepted.schools.filter((s) => !refused.has(s.id)),
      pupils: result.accepted.pupils.filter((p) => !refused.has(p.schoolId)),
    },
    rejected,
  };
}

/** Validates a roster against what is already stored, keeps every valid row and reports every rejected one. */
export async function importRoster(
  deps: ImportDeps,
  input: RosterInput,
  knownLadders: string[],
): Promise<IngestResponse & { counts: { schools: number; staff: number; pupils: number } }> {
  const existingSchools = (await deps.roster.listSchools()).map((s) => s.id);
  const options = { knownSchoolIds: existingSchools, knownStaffIds: await deps.roster.staffIds() };
  const parsed = input.format === "json" ? parseRosterJson(input.body, options) : parseSdsCsv(input.files, options);
  const result = rejectUnusableSchools(parsed, deps, knownLadders);
  const counts = await deps.roster.save(result.accepted);
  return { ...toIngestResponse(counts.schools + counts.staff + counts.pupils, result.rejected), counts };
}

/** Stores every valid registration (upserted by id, so a fixed request can be re-sent) and reports the rest. */
export async function importAbsence(deps: ImportDeps, input: AbsenceInput): Promise<IngestResponse> {
  const options = {
    knownPupils: await deps.roster.pupilSchoolIndex(),
    knownSchoolIds: (await deps.roster.listSchools()).map((s) => s.id),
  };
  const result = input.format === "json" ? parseAbsenceJson(input.body, options) : parseAbsenceCsv(input.text, options);
  const saved = await deps.absences.save(result.accepted);
  return toIngestResponse(saved, result.rejected);
}
