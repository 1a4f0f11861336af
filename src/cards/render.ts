import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { Template } from "adaptivecards-templating";
import { CardFactory, type Attachment } from "botbuilder";
import { cardsDirectory } from "../paths";
import { escapeShownText } from "./plain-text";

export type CardJson = Record<string, unknown>;

export interface CardRenderer {
  /** Binds the template `cards/<name>.json` to data and returns the Adaptive Card JSON. */
  render(name: string, data: object): CardJson;
  attachment(name: string, data: object): Attachment;
  names(): string[];
}

/**
 * Loads and parses every template once at start, so a missing or broken template stops the process early, and a
 * card costs its binding only (parsing a template's expressions took most of a card's time). `expand` is
 * synchronous, so one Template serves every render.
 */
export function createCardRenderer(directory: string = cardsDirectory): CardRenderer {
  const templates = new Map<string, Template>();
  for (const file of readdirSync(directory).filter((f) => f.endsWith(".json"))) {
    const json: unknown = JSON.parse(readFileSync(path.join(directory, file), "utf8"));
    templates.set(path.basename(file, ".json"), new Template(json));
  }
  const render = (name: string, data: object): CardJson => {
    const template = templates.get(name);
    if (!template) throw new Error(`No card template named "${name}" in ${directory}`);
    return escapeShownText(template.expand({ $root: data })) as CardJson;
  };
  return {
    render,
    attachment: (name, data) => CardFactory.adaptiveCard(render(name, data)),
    names: () => [...templates.keys()],
  };
}
