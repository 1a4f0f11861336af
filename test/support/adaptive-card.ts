/** Checks a bound card as Teams would take it: Adaptive Card 1.5, every expression bound, every Action.Execute with a verb. */
// The UMD build loads without a DOM; the package's ESM entry does not resolve under Node.

const AC = require("adaptivecards/dist/adaptivecards.js");

interface Finding {
  phase: string;
  message: string;
}

export function validateAsVersion15(json: object): Finding[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, context);
  const findings: Finding[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    findings.push({ phase: "parse", message: event.message });
  }
  const validation = card.validateProperties();
  for (const event of validation.validationEvents) findings.push({ phase: "validate", message: event.message });
  return findings;
}

export function actionsWithoutVerb(node: unknown, path = "$"): string[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => actionsWithoutVerb(n, `${path}[${i}]`));
  if (!node || typeof node !== "object") return [];
  const record = node as Record<string, unknown>;
  const own = record.type === "Action.Execute" && (typeof record.verb !== "string" || record.verb === "") ? [path] : [];
  return own.concat(Object.entries(record).flatMap(([k, v]) => actionsWithoutVerb(v, `${path}.${k}`)));
}

export function unboundExpressions(node: unknown): string[] {
  return JSON.stringify(node).match(/\$\{[^}]*\}/g) ?? [];
}
