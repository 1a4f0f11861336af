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

/** Loads every template once at start, so a missing or broken template stops the process early. */
export function createCardRenderer(directory: string = cardsDirectory): CardRenderer {
  const templates = new Map<string, unknown>();
  for (const file of readdirSync(directory).filter((f) => f.endsWith(".json"))) {
    templates.set(path.basename(file, ".json"), JSON.parse(readFileSync(path.join(directory, file), "utf8")));
  }
  const render = (name: string, data: object): CardJson => {
    const template = templates.get(name);
    if (!template) throw new Error(`No card template named "${name}" in ${directory}`);
    return escapeShownText(new Template(template).expand({ $root: data })) as CardJson;
  };
  return {
    render,
    attachment: (name, data) => CardFactory.adaptiveCard(render(name, data)),
    names: () => [...templates.keys()],
  };
}
