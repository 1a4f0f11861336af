/** Converters from CSV cell text to typed values. Each returns `{ ok: false }` instead of throwing. */

export type Converted<T> = { ok: true; value: T } | { ok: false };

const TRUE_WORDS = new Set(["true", "1", "ja"]);
const FALSE_WORDS = new Set(["false", "0", "nei"]);

/** true/false, 1/0, ja/nei (any case). */
export function parseBooleanCell(text: string): Converted<boolean> {
  const t = text.trim().toLowerCase();
  if (TRUE_WORDS.has(t)) return { ok: true, value: true };
  if (FALSE_WORDS.has(t)) return { ok: true, value: false };
  return { ok: false };
}

/** A whole number written with digits only (an optional sign); "2.0", "2,5" and "" are not. */
export function parseIntegerCell(text: string): Converted<number> {
  const t = text.trim();
  if (!/^[+-]?\d{1,9}$/.test(t)) return { ok: false };
  return { ok: true, value: Number(t) };
}

function isoIfReal(y: number, m: number, d: number): Converted<string> {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1000) return { ok: false };
  const iso = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  const t = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(t.getTime()) || !t.toISOString().startsWith(iso)) return { ok: false };
  return { ok: true, value: iso };
}

/**
 * Dates as SDS exports write them, to YYYY-MM-DD:
 * `YYYY-MM-DD`, `YYYYMMDD` (ISO 8601, as Microsoft recommends), `M/D/YYYY` (as in Microsoft's
 * SDS v2.1 sample files) and `D.M.YYYY` (Norwegian). An ISO date-time keeps its date part.
 */
export function parseSdsDate(text: string): Converted<string> {
  const t = text.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(t);
  if (m) return isoIfReal(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return isoIfReal(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) return isoIfReal(Number(m[3]), Number(m[1]), Number(m[2]));
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  if (m) return isoIfReal(Number(m[3]), Number(m[2]), Number(m[1]));
  return { ok: false };
}

/**
 * SDS grade values for Norwegian trinn 1–13: "1"…"13", "01"…"13" (SDS/OneRoster style).
 * Anything else (KG, PK, ps1, Other…) is not a grade Nærvær follows.
 */
export function parseGrade(text: string): Converted<number> {
  const t = text.trim();
  if (!/^\d{1,2}$/.test(t)) return { ok: false };
  const n = Number(t);
  return n >= 1 && n <= 13 ? { ok: true, value: n } : { ok: false };
}

/** An Entra ID (Azure AD) object id: a GUID. */
export function isGuid(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text.trim());
}
