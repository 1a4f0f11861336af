import type { LadderProfile } from "../routines/types";
import type { Localized, TemplateChoice, TemplateDefinition, TemplateField, TemplateStep } from "./types";

export { answerIds } from "./answers";

/** The three languages every template text is written in. */
export type TemplateLanguage = keyof Localized;
export const templateLanguages: readonly TemplateLanguage[] = ["nb", "nn", "en"];

/** Picks the text of the teacher's language, for texts composed from answers and facts. */
export type Translate = (nb: string, nn: string, en: string) => string;

export function translate(language: TemplateLanguage): Translate {
  return (nb, nn, en) => (language === "nn" ? nn : language === "en" ? en : nb);
}

/** A Localized text: bokmål (the seeds' words), nynorsk, English. */
export function L(nb: string, nn: string, en: string): Localized {
  return { nb, nn, en };
}

/** The seed files (the municipal documents) every step cites. */
export const seed = {
  orland: "000_64cd6640a564b2a9.txt",
  lillestrom: "001_0e72a656cc5051f2.txt",
  molde: "002_de3d4e1d3d707c60.txt",
  cards: "003_e357b8ccbdc6fbc2.txt",
  tynset: "004_4daef63bed6edc9b.txt",
} as const;

/** Default and hard ceiling for free text: answers are kept short (minimum data). */
export const defaultMaxLength = 500;
/** Short notes next to a choice. */
export const noteMaxLength = 200;
/** Measure rows per field. */
export const maxMeasureRows = 20;
/** Length of the «responsible» cell of a measure row (a role title or an aadObjectId). */
export const responsibleMaxLength = 120;

interface FieldOptions {
  hint?: Localized;
  required?: boolean;
  maxLength?: number;
  requiredWhen?: TemplateField["requiredWhen"];
  workingNote?: boolean;
}

function withOptions(field: TemplateField, options: FieldOptions | undefined): TemplateField {
  if (!options) return field;
  return {
    ...field,
    ...(options.hint ? { hint: options.hint } : {}),
    ...(options.required ? { required: true } : {}),
    ...(options.maxLength !== undefined ? { maxLength: options.maxLength } : {}),
    ...(options.requiredWhen ? { requiredWhen: options.requiredWhen } : {}),
    ...(options.workingNote ? { workingNote: true } : {}),
  };
}

/**
 * Marks the fields that help the conversation but are not written to the log (the card says so at each); every other
 * answer reaches the entry (log.ts).
 */
export function withWorkingNotes(
  steps: readonly TemplateStep[],
  isWorkingNote: (field: TemplateField) => boolean,
): TemplateStep[] {
  return steps.map((step) => ({
    ...step,
    fields: step.fields.map((field) => (isWorkingNote(field) ? { ...field, workingNote: true } : field)),
  }));
}

export function textField(id: string, label: Localized, options?: FieldOptions): TemplateField {
  return withOptions({ id, kind: "text", label }, options);
}

export function choiceField(
  id: string,
  label: Localized,
  choices: readonly TemplateChoice[],
  options?: FieldOptions,
): TemplateField {
  return withOptions({ id, kind: "choice", label, choices }, options);
}

export function multiChoiceField(
  id: string,
  label: Localized,
  choices: readonly TemplateChoice[],
  options?: FieldOptions,
): TemplateField {
  return withOptions({ id, kind: "multiChoice", label, choices }, options);
}

export function dateField(id: string, label: Localized, options?: FieldOptions): TemplateField {
  return withOptions({ id, kind: "date", label }, options);
}

/** A measures field; its `choices` are the areas a row may name. */
export function measuresField(
  id: string,
  label: Localized,
  areas: readonly TemplateChoice[],
  options?: FieldOptions,
): TemplateField {
  return withOptions({ id, kind: "measures", label, choices: areas }, options);
}

export function choice(id: string, nb: string, nn: string, en: string): TemplateChoice {
  return { id, label: L(nb, nn, en) };
}

export const yesNo: readonly TemplateChoice[] = [choice("yes", "Ja", "Ja", "Yes"), choice("no", "Nei", "Nei", "No")];

/** «Ingen problem / OK / Vanskelig / Umulig» — the stress scale of 002 §2.2. */
export const stressScale: readonly TemplateChoice[] = [
  choice("no_problem", "Ingen problem", "Ikkje noko problem", "No problem"),
  choice("ok", "OK", "OK", "OK"),
  choice("difficult", "Vanskelig", "Vanskeleg", "Difficult"),
  choice("impossible", "Umulig", "Umogleg", "Impossible"),
];

/** 1–10 (002 §2.1 «Skala fra 1-10, 1 er lite og 10 er mye»). */
export const scaleOneToTen: readonly TemplateChoice[] = Array.from({ length: 10 }, (_, i) =>
  choice(String(i + 1), String(i + 1), String(i + 1), String(i + 1)),
);

/** The four areas of the whole pupil (001 «Pedagogisk analyse og tiltaksbank», 002 §2.5): ids of measure rows. */
export const measureAreaIds = ["skole", "hjem", "fritid", "elev"] as const;
export type MeasureArea = (typeof measureAreaIds)[number];

export const measureAreas: readonly TemplateChoice[] = [
  choice("skole", "Skole/SFO", "Skule/SFO", "School/after-school programme"),
  choice("hjem", "Hjem", "Heim", "Home"),
  choice("fritid", "Fritid", "Fritid", "Leisure time"),
  choice("elev", "Elev", "Elev", "Pupil"),
];

const measureAreaAliases: Readonly<Record<string, MeasureArea>> = {
  skole: "skole",
  school: "skole",
  sfo: "skole",
  barnehage: "skole",
  kindergarten: "skole",
  hjem: "hjem",
  home: "hjem",
  heim: "hjem",
  fritid: "fritid",
  leisure: "fritid",
  elev: "elev",
  pupil: "elev",
};

/**
 * The area id of a measure row, from the ids above or their English / nynorsk aliases (a card may send
 * "school"); undefined for anything else. The kindergarten's own area («barnehage») is stored as skole.
 */
export function normalizeMeasureArea(id: string): MeasureArea | undefined {
  const key = id.trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(measureAreaAliases, key) ? measureAreaAliases[key] : undefined;
}

export const noHealthDetails = L(
  "Kort og saklig. Ikke skriv helseopplysninger eller diagnoser her.",
  "Kort og sakleg. Ikkje skriv helseopplysningar eller diagnosar her.",
  "Short and factual. Do not write health details or diagnoses here.",
);

/** Deep-freezes plain data so a shared definition cannot be changed by a caller. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

/** Every Localized in a definition (titles, guidance, labels, hints, choices), for checks and adaptations. */
export function mapLocalized(definition: TemplateDefinition, f: (text: Localized) => Localized): TemplateDefinition {
  const field = (x: TemplateField): TemplateField => ({
    ...x,
    label: f(x.label),
    ...(x.hint ? { hint: f(x.hint) } : {}),
    ...(x.choices ? { choices: x.choices.map((c) => ({ ...c, label: f(c.label) })) } : {}),
  });
  return {
    ...definition,
    title: f(definition.title),
    steps: definition.steps.map((s) => ({
      ...s,
      title: f(s.title),
      guidance: s.guidance.map(f),
      fields: s.fields.map(field),
    })),
  };
}

/**
 * The kindergarten words for a school template (000 Del 2 and Del 4 speak of «barnet», «barnehagen»,
 * «pedagogisk leder»). Whole words only, longest first, capitalised forms included.
 */
const kindergartenWords: Readonly<Record<TemplateLanguage, readonly (readonly [string, string])[]>> = {
  nb: [
    ["på skolen", "i barnehagen"],
    ["fra skolen", "fra barnehagen"],
    ["elevmappen", "barnets mappe"],
    ["elevmappe", "barnets mappe"],
    ["elevloggen", "barnets logg"],
    ["elevlogg", "barnets logg"],
    ["skoledager", "barnehagedager"],
    ["Skoledager", "Barnehagedager"],
    ["skoledag", "barnehagedag"],
    ["elevene", "barna"],
    ["Elevene", "Barna"],
    ["elever", "barn"],
    ["Elever", "Barn"],
    ["den helhetlige eleven", "det helhetlige barnet"],
    ["skolehelsetjenesten", "helsestasjonen"],
    ["Skole/SFO", "Barnehagen"],
    ["skole/SFO", "barnehagen"],
    ["skolefraværet", "fraværet"],
    ["skolefravær", "fravær"],
    ["skolenærværet", "nærværet"],
    ["skoledagen", "barnehagedagen"],
    ["skolehverdagen", "barnehagehverdagen"],
    ["skolens", "barnehagens"],
    ["skolen", "barnehagen"],
    ["Skolen", "Barnehagen"],
    ["elevens", "barnets"],
    ["Elevens", "Barnets"],
    ["eleven", "barnet"],
    ["Eleven", "Barnet"],
    ["elev", "barnet"],
    ["Elev", "Barnet"],
    ["kontaktlærer", "pedagogisk leder"],
    ["Kontaktlærer", "Pedagogisk leder"],
  ],
  nn: [
    ["på skulen", "i barnehagen"],
    ["frå skulen", "frå barnehagen"],
    ["elevmappa", "mappa til barnet"],
    ["elevmappe", "mappa til barnet"],
    ["elevloggen", "loggen til barnet"],
    ["elevlogg", "loggen til barnet"],
    ["skuledagar", "barnehagedagar"],
    ["Skuledagar", "Barnehagedagar"],
    ["skuledag", "barnehagedag"],
    ["elevane", "borna"],
    ["Elevane", "Borna"],
    ["elevar", "born"],
    ["Elevar", "Born"],
    ["den heilskaplege eleven", "det heilskaplege barnet"],
    ["skulehelsetenesta", "helsestasjonen"],
    ["Skule/SFO", "Barnehagen"],
    ["skule/SFO", "barnehagen"],
    ["skulefråværet", "fråværet"],
    ["skulefråvær", "fråvær"],
    ["skulenærværet", "nærværet"],
    ["skuledagen", "barnehagedagen"],
    ["skulekvardagen", "barnehagekvardagen"],
    ["skulen", "barnehagen"],
    ["Skulen", "Barnehagen"],
    ["eleven", "barnet"],
    ["Eleven", "Barnet"],
    ["elev", "barnet"],
    ["Elev", "Barnet"],
    ["kontaktlæraren", "den pedagogiske leiaren"],
    ["kontaktlærar", "pedagogisk leiar"],
    ["Kontaktlærar", "Pedagogisk leiar"],
  ],
  en: [
    ["For the pupil's file (elevmappe)", "For the child's file"],
    ["the pupil's file (elevmappe)", "the child's file"],
    ["pupil log (elevlogg)", "child's log"],
    ["School/after-school programme", "Kindergarten"],
    ["the pupil's file", "the child's file"],
    ["the school's", "the kindergarten's"],
    ["left school", "left kindergarten"],
    ["school days", "kindergarten days"],
    ["School days", "Kindergarten days"],
    ["pupils", "children"],
    ["Pupils", "Children"],
    ["at school", "at kindergarten"],
    ["school health service", "health centre"],
    ["school day", "kindergarten day"],
    ["the pupil's", "the child's"],
    ["The pupil's", "The child's"],
    ["the pupil", "the child"],
    ["The pupil", "The child"],
    ["pupil", "child"],
    ["Pupil", "Child"],
    ["school", "kindergarten"],
    ["School", "Kindergarten"],
    ["contact teacher", "pedagogical leader"],
    ["Contact teacher", "Pedagogical leader"],
  ],
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

const wordPatterns: Readonly<Record<TemplateLanguage, RegExp>> = {
  nb: wordPattern(kindergartenWords.nb),
  nn: wordPattern(kindergartenWords.nn),
  en: wordPattern(kindergartenWords.en),
};

function wordPattern(words: readonly (readonly [string, string])[]): RegExp {
  // Letters of Norwegian words, so «eleven» does not match inside «elevene» or «elevlogg».
  return new RegExp(`(?<![\\p{L}])(${words.map(([from]) => escapeRegExp(from)).join("|")})(?![\\p{L}])`, "gu");
}

const wordTables: Readonly<Record<TemplateLanguage, ReadonlyMap<string, string>>> = {
  nb: new Map(kindergartenWords.nb),
  nn: new Map(kindergartenWords.nn),
  en: new Map(kindergartenWords.en),
};

const schoolWordPatterns: Readonly<Record<TemplateLanguage, RegExp>> = {
  nb: /(?<!\p{L})(elev|kontaktlær|skole|klasserom|friminutt)/iu,
  nn: /(?<!\p{L})(elev|kontaktlær|skule|klasserom|friminutt)/iu,
  en: /(?<!\p{L})(pupil|contact teacher|school|classroom|break time)/iu,
};

/** Whether a text still speaks of a school after the kindergarten's words are in (a school-only suggestion). */
export function speaksOfSchool(language: TemplateLanguage, text: string): boolean {
  return schoolWordPatterns[language].test(text);
}

/** One text in one language, with the kindergarten's words. */
export function toKindergartenWords(language: TemplateLanguage, value: string): string {
  return value.replace(wordPatterns[language], (word) => wordTables[language].get(word) ?? word);
}

export function toKindergartenText(text: Localized): Localized {
  return {
    nb: toKindergartenWords("nb", text.nb),
    nn: toKindergartenWords("nn", text.nn),
    en: toKindergartenWords("en", text.en),
  };
}

/** Cuts text to at most `max` characters, at a word boundary when one is near, with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max - 1));
  const space = cut.lastIndexOf(" ");
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** «Nivå 0», «Trinn 1» … as choices for «Hvilket trinn i tiltakstrappa man vurderer at eleven er på» (002 §2.8). */
export function stepChoices(profile: Pick<LadderProfile, "stepWord" | "steps">): TemplateChoice[] {
  const w = profile.stepWord;
  return profile.steps.map((n) => choice(String(n), `${w.nb} ${n}`, `${w.nn} ${n}`, `${w.en} ${n}`));
}
