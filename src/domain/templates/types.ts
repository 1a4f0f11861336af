import type { SchoolCalendar } from "../calendar";
import type { ConsentRecord } from "../consent";
import type { PatternReport } from "../pattern";
import type { Localized, MeasureAnswer } from "./answers";
import type { TemplateId } from "./ids";

export type { Localized, AnswerValue, Answers, MeasureAnswer } from "./answers";
export { templateIds, type TemplateId } from "./ids";

export type FieldKind =
  /** Free text, kept short; never for health details where a category will do. */
  | "text"
  /** One of `choices`. */
  | "choice"
  /** Any of `choices`. */
  | "multiChoice"
  /** A date (YYYY-MM-DD). */
  | "date"
  /** Agreed measures (tiltak): rows of { area, measure, responsible, evaluationDate }. */
  | "measures";

export interface TemplateChoice {
  id: string;
  label: Localized;
}

export interface TemplateField {
  /** Stable key of the answer, unique within the template. */
  id: string;
  kind: FieldKind;
  label: Localized;
  hint?: Localized;
  required?: boolean;
  choices?: readonly TemplateChoice[];
  maxLength?: number;
  /** Required only when another field of the step has this choice (e.g. the form's «(spesifisert)» line). */
  requiredWhen?: { field: string; choice: string };
  /** The answer helps the conversation but is not written to the log; the card says so at the field. */
  workingNote?: boolean;
}

export interface TemplateStep {
  id: string;
  title: Localized;
  /** What the routine tells the teacher to do or say at this step, in its own words. */
  guidance: readonly Localized[];
  fields: readonly TemplateField[];
  /** Seed file and section, e.g. "002_de3d4e1d3d707c60.txt §2.4 pkt. 3". */
  source: string;
  /** The step shows the ladder's steps and where the pupil is («Ta utgangspunkt i tiltakstrappa», 002 §2.5 pkt. 3). */
  showsLadder?: boolean;
  /** Answers of earlier steps this step shows, read-only (002 §2.4 pkt. 3 «presenter dine funn fra pkt. 1»). */
  shows?: readonly string[];
  /** Forms this step offers to start beside it, e.g. the samtykkeerklæring where others may be brought in. */
  offers?: readonly TemplateId[];
}

export interface TemplateDefinition {
  id: TemplateId;
  /** Bumped when steps change, so a stored draft knows which version it answers. */
  version: number;
  title: Localized;
  source: string;
  steps: readonly TemplateStep[];
}

/** What the template knows about the situation when it starts; used to pre-fill and to document. */
export interface TemplateContext {
  ladderId: string;
  /** The step the pupil is on (null when on no step). */
  step: number | null;
  /** Today in the school's time zone (YYYY-MM-DD). */
  today: string;
  pattern: PatternReport | null;
  /** Facts behind the trips, in bokmål, from the ladder engine. */
  tripTexts: readonly string[];
  /** The ladder's evaluation period for measures, in school days or weeks, to default evaluation dates. */
  evaluationDefault: string | null;
  /** The teacher's language, for pre-filled texts and composed log lines (default nb). */
  language?: keyof Localized;
  /** The school's calendar: default dates fall on school days (without it, only weekends are skipped). */
  calendar?: Pick<SchoolCalendar, "schoolDayOnOrAfter" | "addSchoolDays">;
}

/** The documentation a completed template writes (fields of seed 002 §2.8). */
export interface LogContent {
  /** Date of the contact or meeting (YYYY-MM-DD). */
  contactDate: string;
  /** Reason for the contact, as category ids plus a short summary. */
  reasonForContact: string;
  /** What the guardians think causes the absence: cause category ids (003 årsakskartlegging), never free health text. */
  guardiansViewOfCause: string[];
  /** «Hva foreldrene mener er årsaken» (002 §2.8) in their own words, as the teacher wrote them down (absent on older entries). */
  guardiansOwnWords?: string;
  /** The årsakskartlegging's cards the pupil chose (003), as category ids; shown only on the entry itself. */
  pupilViewOfCause?: string[];
  /** Further measures agreed, or the date of the next meeting/contact. */
  furtherMeasures: string;
  nextContactDate: string | null;
  /** A short, neutral summary in the teacher's words (optional). */
  summary: string;
  measures: MeasureAnswer[];
  /** The plan's «Hovedmål» (a nærværsmøte's samarbeidsavtale), which its evaluation judges (001 «Trinn 4»). */
  mainGoal?: string;
  /** «Hvilket trinn i tiltakstrappa man vurderer at eleven er på» (002 §2.8), when the template asked. */
  assessedStep?: number | null;
  /** The samtykkeerklæring's decision, services and date (consent template only). */
  consent?: ConsentRecord;
}
