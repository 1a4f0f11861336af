import type { EarlySignReport, Trip } from "./evaluation";
import { messagesFor, type Language } from "../i18n/catalog";
import type { PatternReport } from "./pattern";

/** What the ladder says about one pupil, as of the last evaluation; kept in the pupil's partition of `cases`. */
export interface PupilStatus {
  pupilId: string;
  schoolId: string;
  ladder: string;
  /** The date of the evaluation that last changed the status (a run that changes nothing writes nothing). */
  asOf: string;
  step: number | null;
  stepName: string | null;
  /** Every trip so far, oldest first; a trigger key appears once. */
  trips: Trip[];
  firedKeys: string[];
  /** What must happen now and by when (from the newest trips). */
  required: { actions: string[]; deadline: string | null; holders: string[] } | null;
  /** The pattern as of `asOf`; usecases/pupil-status.ts analyses it again for today when it is older. */
  pattern: PatternReport;
  /** Early signs (tidlige tegn) the contact teacher reported; they count in every later evaluation. */
  earlySigns?: EarlySignReport[];
  evaluatedAt: string;
}

/** A status without its pattern: what a run needs to decide the next one. */
export type StatusBasis = Omit<PupilStatus, "pattern">;

/**
 * Whether `next` decides anything `previous` did not: the step, a trip, what is required, an early sign, the ladder
 * or the school. Only the date, the time and the pattern differ otherwise, and a run need not store those.
 */
export function changesStatus(previous: StatusBasis, next: StatusBasis): boolean {
  const decided = (s: StatusBasis) =>
    JSON.stringify([
      s.schoolId,
      s.ladder,
      s.step,
      s.stepName,
      s.trips.length,
      s.firedKeys,
      s.required,
      s.earlySigns?.length ?? 0,
    ]);
  return decided(previous) !== decided(next);
}

export type StatusSummary = Pick<
  PupilStatus,
  "pupilId" | "schoolId" | "ladder" | "step" | "stepName" | "required" | "trips"
>;

/** A status as «saker» lists it: a summary whose trips are only their dates. */
export type ListedStatus = Omit<StatusSummary, "trips"> & { trips: { date: string }[] };

/** «Trinn» («Nivå» where the routine counts levels, Molde), in `language`. */
export function stepWordOf(ladderId: string, language: Language): string {
  const m = messagesFor(language).case;
  return ladderId.startsWith("molde") ? m.levelWord : m.stepWord;
}

/** «Trinn 1», or «Nivå 2» in Molde: the step without its name. Empty when not on the ladder. */
export function stepNumberLine(status: Pick<PupilStatus, "ladder" | "step">, language: Language): string {
  return status.step === null ? "" : `${stepWordOf(status.ladder, language)} ${status.step}`;
}
