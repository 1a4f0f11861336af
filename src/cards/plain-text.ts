/**
 * Teams renders a TextBlock's text and a FactSet's values as markdown, so a reason typed as
 * `[Logg inn på nytt](https://evil.example)` would become a working link in a colleague's card. Every such text
 * is shown as typed: markdown's syntax characters are backslash-escaped (CommonMark: an escaped ASCII punctuation
 * character is shown as itself), and `${` cannot start a template expression if a card is ever bound again.
 */
const INLINE_SYNTAX = /[\\`*_~[\]<>|]|\$\{/g;
/** At the start of a line these begin a heading, a quote or a list (a digit cannot be escaped, its dot can). */
const LINE_START_SYNTAX = /^(\s*)(#|>|[-+]\s)/gm;
const ORDERED_LIST = /^(\s*\d+)([.)]\s)/gm;

export function escapeMarkdown(text: string): string {
  return text
    .replace(INLINE_SYNTAX, (match) => `\\${match}`)
    .replace(LINE_START_SYNTAX, (_match, indent: string, marker: string) => `${indent}\\${marker}`)
    .replace(ORDERED_LIST, (_match, number: string, marker: string) => `${number}\\${marker}`);
}

type Json = unknown;

/** Escapes the shown text of every TextBlock and fact in an expanded card; inputs, data and URLs are left alone. */
export function escapeShownText(card: Json): Json {
  if (Array.isArray(card)) return card.map(escapeShownText);
  if (card === null || typeof card !== "object") return card;
  const node = card as Record<string, Json>;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "data" || key === "url" || key === "value" || key === "choices") out[key] = value;
    else out[key] = escapeShownText(value);
  }
  if (node.type === "TextBlock" && typeof node.text === "string") out.text = escapeMarkdown(node.text);
  if (node.type === "FactSet" && Array.isArray(node.facts))
    out.facts = node.facts.map((fact) => {
      const f = fact as { title?: unknown; value?: unknown };
      return {
        ...f,
        ...(typeof f.title === "string" ? { title: escapeMarkdown(f.title) } : {}),
        ...(typeof f.value === "string" ? { value: escapeMarkdown(f.value) } : {}),
      };
    });
  return out;
}
