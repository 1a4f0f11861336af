import type { LadderDefinition, LadderPeriod } from "../ladder";
import type { Localized } from "../templates/answers";
import type { TemplateId } from "../templates/ids";
import type { TemplateDefinition, TemplateField } from "../templates/types";

export type EvaluationPeriod = Pick<LadderPeriod, "unit" | "amount">;

/** How a routine words its guided conversations (the templates each step offers are on its ladder's steps). */
export interface RoutineTemplates {
  /** Which form of the templates it uses: Molde's own (002), Lillestrøm's own (001), or the common one. */
  variant: "molde" | "lillestrom" | "common";
  /** «Nivå» (Molde) or «Trinn» (the others). */
  stepWord: Localized;
  /** The registration / messaging system the routine names, for guidance texts. */
  system: string;
  /** The name the municipality gives its attendance work (Molde's «Nærværsløftet»), for messages to guardians. */
  programme?: string;
  /**
   * The period before agreed measures are evaluated, with the seed that says it; only for a routine whose steps
   * state none (`evaluateAfter`). Otherwise the first step that states one gives it.
   */
  evaluation?: EvaluationPeriod & { source: string };
  /** Every log entry goes to the elevlogg, from the first step on (else the first step's go to the fraværslogg). */
  alwaysPupilLog?: boolean;
  /** How the routine words the common nærværsmøte where it differs (Ørland's tiltaksplan, Tynset's main responsibility). */
  attendanceMeeting?: AttendanceMeetingWording;
  /** What the routine adds to steps of the common forms, by template and step id. */
  additions?: Partial<Record<TemplateId, Readonly<Record<string, StepAdditions>>>>;
  /** The routine's own forms of some templates, in place of the common ones (Lillestrøm's phone call and kartleggingssamtale). */
  forms?: Partial<Record<TemplateId, (profile: LadderProfile) => TemplateDefinition>>;
}

/** The routine's own words in the common nærværsmøte; what it leaves out is the common form's. */
export interface AttendanceMeetingWording {
  title?: Localized;
  /** The title of the plan step («Samarbeidsavtale» in the common form). */
  planTitle?: Localized;
  /** Fields of the plan after «Hovedmål», before «Plan B». */
  planFields?: readonly TemplateField[];
  /** Put before the plan step's source, e.g. "000_… Vedlegg «Tiltaksplan»; ". */
  planSourcePrefix?: string;
  /** The hint of the measures rows. */
  measuresHint?: Localized;
}

/** What a routine adds to one step of a common form: guidance and fields after the common ones, a seed note after its source. */
export interface StepAdditions {
  guidance?: readonly Localized[];
  fields?: readonly TemplateField[];
  /** Appended to the step's source as written, e.g. "; 004_… «Praktisk handlingsrekkefølge» 2)". */
  source?: string;
}

/** A municipality's routine: its ladder (steps, rules, deadlines, the templates each step offers) and its wording. */
export interface Routine {
  ladder: LadderDefinition;
  templates: RoutineTemplates;
}

/** What the templates need to know about a ladder: its steps, its wording, its evaluation period. */
export interface LadderProfile {
  ladderId: string;
  /** Which form of the templates it uses: Molde's own (002), Lillestrøm's own (001), or the common one. */
  variant: RoutineTemplates["variant"];
  institution: "school" | "kindergarten";
  /** «Nivå» (Molde) or «Trinn» (the others). */
  stepWord: Localized;
  steps: readonly number[];
  /** The registration / messaging system the routine names, for guidance texts. */
  system: string;
  /** The name of the municipality's attendance work («Nærværsløftet»), when the routine gives one. */
  programme?: string;
  /** Default period before measures are evaluated, with the seed that says it. */
  evaluation: EvaluationPeriod & { source: string };
  attendanceMeeting?: AttendanceMeetingWording;
  alwaysPupilLog?: boolean;
}
