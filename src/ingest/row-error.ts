/**
 * One rejected row (or one rejected field of a row) from an import: the shape every ingest
 * parser returns and every endpoint/CLI shows. See docs/data-formats.md, "Errors".
 *
 * Privacy: `value` echoes the offending value only when it is not a person's name; rows are
 * named by position (`pupils[3]`, line 7) or by id (`pupil 114001`), never by name.
 */
export interface RowError {
  /** File the row came from, for multi-file imports (SDS): e.g. "users.csv". */
  file?: string;
  /** 1-based line: the CSV line where the row starts (header = line 1), or the JSON array index + 1. */
  line?: number;
  /** The row in the submitted structure: "pupils[3]", "events[0]", "pupil 114001". */
  row?: string;
  /** Dotted path of the offending field inside the row ("birthDate", "roles[0].schoolId"); "(row)" or "(file)" for the whole row or file. */
  field: string;
  /** What was expected, in English: "a date as YYYY-MM-DD". */
  expected: string;
  /** The whole error as one sentence in Norwegian bokmål, for people at the school. */
  message: string;
  /** The offending value as text, when it is safe to echo (never a name). */
  value?: string;
}

/** An expectation in both languages: `en` becomes RowError.expected, `nb` goes into RowError.message. */
export interface Expectation {
  en: string;
  nb: string;
}

/** What every parser returns: the valid rows, ready to store, and one entry per problem. */
export interface ParseResult<T> {
  accepted: T;
  rejected: RowError[];
}

/** Body of an ingest HTTP response: `{ accepted: n, rejected: [...] }`, with the counts when the list was cut. */
export interface IngestResponse {
  accepted: number;
  rejected: RowError[];
  /** Present when more errors were found than listed: every error and every rejected row, counted. */
  rejectedTotal?: { errors: number; rows: number };
}

/** An answer lists at most this many errors (a file of 100,000 bad rows must not become a 78 MB answer). */
export const MAX_LISTED_ERRORS = 1000;

export interface RowErrorInput {
  file?: string;
  line?: number;
  row?: string;
  field: string;
  expect: Expectation;
  /** Raw offending value; pass it only when it is not a name. Rendered with {@link displayValue}. */
  value?: unknown;
}

const MAX_VALUE_CHARS = 80;

/** Field names whose values are (or may contain) a person's name, and so are never echoed. */
const NAME_FIELDS = new Set([
  "name",
  "givenname",
  "familyname",
  "username",
  "email",
  "firstname",
  "lastname",
  "fullname",
]);

/** True when a field (last segment of a dotted path) may hold a person's name or e-mail. */
export function isNameField(field: string): boolean {
  const last = field.split(".").pop() ?? field;
  return NAME_FIELDS.has(last.replace(/\[\d+\]$/, "").toLowerCase());
}

/**
 * The text to echo for a value, or undefined when nothing safe can be shown:
 * strings are truncated, numbers and booleans shown as text, objects/arrays never shown
 * (they may contain names), `undefined` shown as nothing.
 */
export function displayValue(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return "null";
  if (typeof value === "string") return value.length > MAX_VALUE_CHARS ? `${value.slice(0, MAX_VALUE_CHARS)}…` : value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return undefined;
}

/** A JSON list position ("[2]", "events[2]") with line = index + 1: shown as an item, not a line. */
function isJsonItem(e: { file?: string; line?: number; row?: string }): boolean {
  return e.line !== undefined && e.file === undefined && e.row !== undefined && /\[\d+\]$/.test(e.row);
}

function locationNb(e: { file?: string; line?: number; row?: string }): string {
  if (isJsonItem(e)) return `Element ${e.line} (${e.row})`;
  const parts: string[] = [];
  if (e.line !== undefined) parts.push(e.file ? `Linje ${e.line} i ${e.file}` : `Linje ${e.line}`);
  else if (e.file) parts.push(e.file);
  if (e.row) parts.push(parts.length ? `(${e.row})` : e.row);
  return parts.join(" ");
}

function locationEn(e: { file?: string; line?: number; row?: string }): string {
  if (isJsonItem(e)) return `item ${e.line} (${e.row})`;
  const parts: string[] = [];
  if (e.file) parts.push(e.file);
  if (e.line !== undefined) parts.push(`line ${e.line}`);
  if (e.row) parts.push(parts.length ? `(${e.row})` : e.row);
  return parts.join(" ");
}

function fieldNb(field: string): string {
  if (field === "(file)") return "filen";
  if (field === "(row)") return "raden";
  return `feltet «${field}»`;
}

/** Builds a RowError with the English expectation and a bokmål sentence. Drops `value` for name fields. */
export function rowError(input: RowErrorInput): RowError {
  const value = isNameField(input.field) ? undefined : displayValue(input.value);
  const where = locationNb(input);
  const what = fieldNb(input.field);
  const got = value === undefined ? "" : value === "" ? ", fikk en tom verdi" : `, fikk «${value}»`;
  const head = where ? `${where}, ${what}` : what.charAt(0).toUpperCase() + what.slice(1);
  const message = `${head}: forventet ${input.expect.nb}${got}.`;
  const out: RowError = { field: input.field, expected: input.expect.en, message };
  if (input.file !== undefined) out.file = input.file;
  if (input.line !== undefined) out.line = input.line;
  if (input.row !== undefined) out.row = input.row;
  if (value !== undefined) out.value = value;
  return out;
}

/** Shapes a parse result as the HTTP response body `{ accepted: n, rejected: [...] }`. */
export function toIngestResponse(accepted: number, rejected: RowError[]): IngestResponse {
  if (rejected.length <= MAX_LISTED_ERRORS) return { accepted, rejected };
  return {
    accepted,
    rejected: rejected.slice(0, MAX_LISTED_ERRORS),
    rejectedTotal: { errors: rejected.length, rows: countRows(rejected) },
  };
}

export interface FormatOptions {
  /** How many errors to list before "… and N more". Default 10. */
  max?: number;
  /** "en" (default) uses `expected`; "nb" uses the Norwegian `message`. */
  language?: "en" | "nb";
}

/** Number of distinct rows among the errors (one row can have several bad fields). */
export function countRows(errors: readonly RowError[]): number {
  return new Set(errors.map((e) => `${e.file ?? ""}\u0000${e.line ?? ""}\u0000${e.row ?? ""}`)).size;
}

/**
 * A short human summary of rejected rows for the CLI and logs, e.g.
 *
 *     3 problems in 2 rows:
 *     - users.csv line 4 (pupil 114001): birthDate: expected a date as YYYY-MM-DD, got "2014-13-02"
 *     - line 7: documented: expected true or false (required when kind is day or lesson)
 *     … and 1 more
 */
export function formatRowErrors(errors: readonly RowError[], options: FormatOptions = {}): string {
  const max = Math.max(0, options.max ?? 10);
  const nb = options.language === "nb";
  if (errors.length === 0) return nb ? "Ingen feil." : "No problems.";
  const rows = countRows(errors);
  const head = nb
    ? `${errors.length} feil i ${rows} ${rows === 1 ? "rad" : "rader"}:`
    : `${errors.length} ${errors.length === 1 ? "problem" : "problems"} in ${rows} ${rows === 1 ? "row" : "rows"}:`;
  const lines = [head];
  for (const e of errors.slice(0, max)) {
    if (nb) {
      lines.push(`- ${e.message}`);
    } else {
      const where = locationEn(e);
      const got = e.value === undefined ? "" : `, got ${JSON.stringify(e.value)}`;
      lines.push(`- ${where ? `${where}: ` : ""}${e.field}: expected ${e.expected}${got}`);
    }
  }
  const more = errors.length - Math.min(max, errors.length);
  if (more > 0) lines.push(nb ? `… og ${more} til` : `… and ${more} more`);
  return lines.join("\n");
}
