// Kept apart from types.ts so src/domain/consent.ts can read answers without importing the templates it is part of.

/** Every user-facing text of a template, in the three languages Nærvær writes. */
export interface Localized {
  nb: string;
  nn: string;
  en: string;
}

/** Answers by field id: strings, string arrays (multiChoice), or measure rows. */
export type AnswerValue = string | string[] | MeasureAnswer[];
export type Answers = Record<string, AnswerValue>;

export interface MeasureAnswer {
  /** skole | hjem | fritid | elev (seed 001 tiltaksbank areas) */
  area: string;
  measure: string;
  /** aadObjectId or a role title ("kontaktlærer", "foresatte") */
  responsible: string;
  /** YYYY-MM-DD */
  evaluationDate: string;
  /** «Hvorfor» – what concretely the pupil needs help with (000 Vedlegg «Tiltaksplan»); short, no diagnoses. */
  why?: string;
}

/** The choice ids of a multiChoice answer: a card sends them comma-separated, a stored draft as a list. */
export function answerIds(value: AnswerValue | undefined): string[] {
  if (typeof value === "string")
    return value
      .split(",")
      .map((v) => v.trim())
      .filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}
