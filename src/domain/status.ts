import type { EarlySignReport, Trip } from "./evaluation";
import { messagesFor, type Language } from "../i18n/catalog";
import type { PatternReport } from "./pattern";

/** What the ladder says about one pupil, as of the last evaluation; kept in the pupil's partition of `cases`. */
export interface PupilStatus {
  pupilId: string;
  schoolId: string;
  ladder: string;
  asOf: string;
  step: number | null;
  stepName: string | null;
  /** Every trip so far, oldest first; a trigger key appears once. */
  trips: Trip[];
  firedKeys: string[];
  /** What must happen now and by when (from the newest trips). */
  required: { actions: string[]; deadline: string | null; holders: string[] } | null;
  pattern: PatternReport;
  /** Early signs (tidlige tegn) the contact teacher reported; they count in every later evaluation. */
  earlySigns?: EarlySignReport[];
  evaluatedAt: string;
}

export type StatusSummary = Pick<
  PupilStatus,
  "pupilId" | "schoolId" | "ladder" | "step" | "stepName" | "required" | "trips"
>;

/** «Trinn» («Nivå» where the routine counts levels, Molde), in `language`. */
export function stepWordOf(ladderId: string, language: Language): string {
  const m = messagesFor(language).case;
  return ladderId.startsWith("molde") ? m.levelWord : m.stepWord;
}

/** «Trinn 1», or «Nivå 2» in Molde: the step without its name. Empty when not on the ladder. */
export function stepNumberLine(status: Pick<PupilStatus, "ladder" | "step">, language: Language): string {
  return status.step === null ? "" : `${stepWordOf(status.ladder, language)} ${status.step}`;
}
