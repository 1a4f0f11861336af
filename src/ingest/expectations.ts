import { z } from "zod";
import type { Expectation } from "./row-error";
import { SAFE_ID_MESSAGE, TIME_ZONE_MESSAGE } from "../domain/roster";

/** Fixed expectations used by the parsers, in English and bokmål. */
export const EXPECT = {
  date: { en: "a date as YYYY-MM-DD", nb: "en dato på formen ÅÅÅÅ-MM-DD" },
  boolean: { en: "true or false (also 1/0 or ja/nei)", nb: "true eller false (eller 1/0, ja/nei)" },
  integer: { en: "a whole number", nb: "et heltall" },
  required: { en: "a value (required)", nb: "en verdi (feltet er påkrevd)" },
  jsonObjectRoster: {
    en: "a JSON object with the lists schools, staff and pupils",
    nb: "et JSON-objekt med listene schools, staff og pupils",
  },
  jsonEvents: {
    en: 'a JSON array of absence events, or an object { "events": [...] }',
    nb: 'en JSON-liste med fraværsregistreringer, eller et objekt { "events": [...] }',
  },
  list: { en: "a list (JSON array)", nb: "en liste (JSON-array)" },
  object: { en: "an object", nb: "et objekt" },
  knownSchool: {
    en: "the id of a school in this roster or already known to Nærvær",
    nb: "id-en til en skole i denne importen eller som Nærvær allerede kjenner",
  },
  knownStaff: {
    en: "ids (aadObjectId) of staff in this roster or already known to Nærvær",
    nb: "id-er (aadObjectId) til ansatte i denne importen eller som Nærvær allerede kjenner",
  },
  knownPupil: { en: "the id of a pupil known to Nærvær", nb: "id-en til en elev som Nærvær kjenner" },
  knownAbsenceSchool: { en: "the id of a school known to Nærvær", nb: "id-en til en skole som Nærvær kjenner" },
  pupilsSchool: { en: "the id of the school the pupil belongs to", nb: "id-en til skolen eleven tilhører" },
  csvSyntax: {
    en: "valid CSV (RFC 4180: commas between fields, quotes around fields that contain commas, quotes or line breaks)",
    nb: "gyldig CSV (RFC 4180: komma mellom feltene, anførselstegn rundt felt med komma, anførselstegn eller linjeskift)",
  },
  csvHeader: { en: "a header row with column names", nb: "en overskriftsrad med kolonnenavn" },
} satisfies Record<string, Expectation>;

export function columnCount(n: number): Expectation {
  return { en: `${n} fields, as many as the header row`, nb: `${n} felt, like mange som overskriftsraden` };
}

export function requiredColumn(column: string, file?: string): Expectation {
  return file
    ? { en: `a column named ${column} in ${file}`, nb: `en kolonne med navnet ${column} i ${file}` }
    : { en: `a column named ${column}`, nb: `en kolonne med navnet ${column}` };
}

export function oneOf(options: readonly (string | number)[]): Expectation {
  const list = options.join(", ");
  return { en: `one of: ${list}`, nb: `én av: ${list}` };
}

/** Custom messages from the domain schemas (src/domain) and their bokmål translations. */
const KNOWN_MESSAGES: Record<string, Expectation> = {
  [SAFE_ID_MESSAGE]: {
    en: SAFE_ID_MESSAGE,
    nb: "en id med bokstaver, sifre og . _ : @ + = - (uten mellomrom, skråstrek eller #)",
  },
  [TIME_ZONE_MESSAGE]: { en: TIME_ZONE_MESSAGE, nb: "en IANA-tidssone som Europe/Oslo" },
  "a date as YYYY-MM-DD": EXPECT.date,
  // isoDate's calendar check: reported with the same wording as the format check (e.g. "2014-13-02").
  "a real calendar date": EXPECT.date,
  "true or false (required when kind is day or lesson)": {
    en: "true or false (required when kind is day or lesson)",
    nb: "true eller false (påkrevd når kind er day eller lesson)",
  },
};

const TYPE_NAMES: Record<string, Expectation> = {
  string: { en: "text", nb: "tekst" },
  number: { en: "a number", nb: "et tall" },
  integer: EXPECT.integer,
  boolean: { en: "true or false", nb: "true eller false" },
  array: EXPECT.list,
  object: EXPECT.object,
  date: EXPECT.date,
};

function typeName(t: string): Expectation {
  return TYPE_NAMES[t] ?? { en: t, nb: t };
}

function plural(n: number | bigint, en: [string, string], nb: [string, string]): Expectation {
  const one = Number(n) === 1;
  return { en: `${n} ${one ? en[0] : en[1]}`, nb: `${n} ${one ? nb[0] : nb[1]}` };
}

/** Translates one zod (v3) issue into an expectation in English and bokmål. */
export function expectationForIssue(issue: z.ZodIssue): Expectation {
  const known = KNOWN_MESSAGES[issue.message];
  if (known) return known;
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type: {
      const t = typeName(issue.expected);
      if (issue.received === "undefined") return { en: `${t.en} (required)`, nb: `${t.nb} (feltet er påkrevd)` };
      return t;
    }
    case z.ZodIssueCode.invalid_enum_value:
      return oneOf(issue.options);
    case z.ZodIssueCode.invalid_literal:
      return oneOf([String(issue.expected)]);
    case z.ZodIssueCode.invalid_string:
      if (issue.validation === "email") return { en: "an e-mail address", nb: "en e-postadresse" };
      return { en: issue.message, nb: `en gyldig verdi (${issue.message})` };
    case z.ZodIssueCode.too_small: {
      if (issue.type === "string") {
        if (Number(issue.minimum) <= 1) return { en: "non-empty text", nb: "tekst som ikke er tom" };
        const n = plural(issue.minimum, ["character", "characters"], ["tegn", "tegn"]);
        return { en: `text of at least ${n.en}`, nb: `tekst på minst ${n.nb}` };
      }
      if (issue.type === "array") {
        const n = plural(issue.minimum, ["item", "items"], ["element", "elementer"]);
        return { en: `a list of at least ${n.en}`, nb: `en liste med minst ${n.nb}` };
      }
      return { en: `a number of at least ${issue.minimum}`, nb: `et tall som er minst ${issue.minimum}` };
    }
    case z.ZodIssueCode.too_big: {
      if (issue.type === "string") {
        const n = plural(issue.maximum, ["character", "characters"], ["tegn", "tegn"]);
        return { en: `text of at most ${n.en}`, nb: `tekst på høyst ${n.nb}` };
      }
      if (issue.type === "array") {
        const n = plural(issue.maximum, ["item", "items"], ["element", "elementer"]);
        return { en: `a list of at most ${n.en}`, nb: `en liste med høyst ${n.nb}` };
      }
      return { en: `a number of at most ${issue.maximum}`, nb: `et tall som er høyst ${issue.maximum}` };
    }
    case z.ZodIssueCode.invalid_date:
      return EXPECT.date;
    case z.ZodIssueCode.not_finite:
    case z.ZodIssueCode.not_multiple_of:
      return EXPECT.integer;
    default:
      return { en: issue.message, nb: `en gyldig verdi (${issue.message})` };
  }
}

/** Renders a zod path as the dotted field path used in RowError.field: ["roles", 0, "role"] → "roles[0].role". */
export function fieldPath(path: readonly (string | number)[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out || "(row)";
}

/** The value at a zod path inside the submitted input, for echoing in an error. */
export function valueAt(input: unknown, path: readonly (string | number)[]): unknown {
  let cur: unknown = input;
  for (const seg of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/**
 * One issue per field: zod may report several issues for one field (e.g. regex and refine);
 * the first is the most basic one.
 */
export function firstIssuePerField(issues: readonly z.ZodIssue[]): z.ZodIssue[] {
  const seen = new Set<string>();
  const out: z.ZodIssue[] = [];
  for (const issue of issues) {
    const key = fieldPath(issue.path);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issue);
  }
  return out;
}
