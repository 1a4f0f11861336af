/** Reads an Adaptive Card the way a user sees it: the inputs it asks for and the actions it offers. */
export interface CardInput {
  id: string;
  type: string;
  isRequired: boolean;
  isMultiSelect: boolean;
  choices: string[];
  value?: string;
}

export interface CardAction {
  title: string;
  verb?: string;
  data?: Record<string, unknown>;
  type: string;
  card?: any;
}

function walk(node: any, visit: (n: any) => void): void {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, visit));
  if (!node || typeof node !== "object") return;
  visit(node);
  for (const [key, value] of Object.entries(node)) if (key !== "card") walk(value, visit);
}

export function cardInputs(card: any): CardInput[] {
  const inputs: CardInput[] = [];
  walk(card.body, (n) => {
    if (typeof n.type === "string" && n.type.startsWith("Input.")) {
      inputs.push({
        id: n.id,
        type: n.type,
        isRequired: Boolean(n.isRequired),
        isMultiSelect: Boolean(n.isMultiSelect),
        choices: (n.choices ?? []).map((c: any) => c.value),
        value: n.value,
      });
    }
  });
  return inputs;
}

/** The card's own actions, then the buttons of ActionSets in its body (e.g. «Åpne» on each row of a list). */
export function cardActions(card: any): CardAction[] {
  const inBody: any[] = [];
  walk(card.body, (n) => {
    if (n.type === "ActionSet") inBody.push(...(n.actions ?? []));
  });
  return [...(card.actions ?? []), ...inBody].map((a: any) => ({
    title: a.title,
    verb: a.verb,
    data: a.data,
    type: a.type,
    card: a.card,
  }));
}

export function findAction(card: any, predicate: (a: CardAction) => boolean): CardAction {
  const action = cardActions(card).find(predicate);
  if (!action)
    throw new Error(
      `No such action on card; actions: ${cardActions(card)
        .map((a) => `${a.title} (${a.verb ?? a.type})`)
        .join(", ")}`,
    );
  return action;
}

/** Answers every input as a teacher in a hurry would: the suggested value, else the first choice, else a short text. */
export function fillInputs(card: any, today: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const input of cardInputs(card)) {
    if (input.value) values[input.id] = input.value;
    // A long checkbox list's second column (views/template-view.ts): the list's first choice is in the first.
    else if (input.isMultiSelect && input.id.endsWith("__2")) values[input.id] = "";
    else if (input.choices.length > 0) values[input.id] = input.choices[0]!;
    else if (input.type === "Input.Date") values[input.id] = today;
    else values[input.id] = "Avklart i samtale";
  }
  return values;
}

/**
 * Answers a template card by card to its end, as fillInputs does, with `overrides` for the inputs they name (by id,
 * or by a function of the id); returns the card the finish answered with.
 */
export async function walkTemplate(
  invoke: (verb: string, data: Record<string, unknown>) => Promise<any>,
  first: any,
  overrides: Record<string, string> | ((inputId: string) => string | undefined),
  today: string,
): Promise<any> {
  const override = typeof overrides === "function" ? overrides : (id: string) => overrides[id];
  let card = first;
  for (let guard = 0; guard < 15; guard++) {
    const next = cardActions(card).find((a) => a.verb === "template.next" || a.verb === "template.finish");
    if (!next)
      throw new Error(
        `template card without next or finish: ${cardActions(card)
          .map((a) => a.title)
          .join(", ")}`,
      );
    const answers = fillInputs(card, today);
    for (const id of Object.keys(answers)) answers[id] = override(id) ?? (answers[id] as string);
    card = await invoke(next.verb!, { ...next.data, ...answers });
    if (next.verb === "template.finish") return card;
  }
  throw new Error("template did not end");
}
