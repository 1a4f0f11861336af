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

const passedThrough = new Set(["data", "url", "value", "choices"]);

function escapeFact(fact: Json): Json {
  const f = fact as { title?: unknown; value?: unknown };
  const title = typeof f.title === "string" ? escapeMarkdown(f.title) : f.title;
  const value = typeof f.value === "string" ? escapeMarkdown(f.value) : f.value;
  return title === f.title && value === f.value ? fact : { ...f, title, value };
}

/**
 * Escapes the shown text of every TextBlock and fact in an expanded card; inputs, data and URLs are left alone.
 * Only what changes is copied: a card is mostly text with nothing to escape, and it is rendered on every action.
 */
export function escapeShownText(card: Json): Json {
  if (Array.isArray(card)) {
    let out: Json[] | undefined;
    for (let i = 0; i < card.length; i++) {
      const escaped = escapeShownText(card[i]);
      if (escaped !== card[i]) (out ??= card.slice())[i] = escaped;
    }
    return out ?? card;
  }
  if (card === null || typeof card !== "object") return card;
  const node = card as Record<string, Json>;
  let out: Record<string, Json> | undefined;
  const set = (key: string, value: Json) => {
    if (value !== node[key]) (out ??= { ...node })[key] = value;
  };
  const isFactSet = node.type === "FactSet" && Array.isArray(node.facts);
  for (const key of Object.keys(node)) {
    if (passedThrough.has(key) || (isFactSet && key === "facts")) continue;
    set(key, escapeShownText(node[key]));
  }
  if (node.type === "TextBlock" && typeof node.text === "string") set("text", escapeMarkdown(node.text));
  if (isFactSet) {
    const facts = node.facts as Json[];
    const escaped = facts.map(escapeFact);
    if (escaped.some((f, i) => f !== facts[i])) set("facts", escaped);
  }
  return out ?? node;
}
