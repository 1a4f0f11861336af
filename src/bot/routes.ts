import type { TurnContext } from "botbuilder";
import type { BotDeps } from "./deps";
import { handleHelp } from "./handlers/help";
import { handleInstallationChange } from "./handlers/installation";
import { handleLanguageChoice } from "./handlers/language";
import { handleUnknownMessage } from "./handlers/unknown-message";

type Handler = (context: TurnContext, deps: BotDeps) => Promise<void>;
type CardHandler = (context: TurnContext, deps: BotDeps, data: unknown) => Promise<Record<string, unknown> | string>;

export type BotRoute =
  | { on: "message"; text: RegExp; handler: Handler }
  | { on: "activity"; type: "installationUpdate" | "conversationUpdate"; handler: Handler }
  | { on: "cardAction"; verb: string; handler: CardHandler }
  | { on: "anyMessage"; handler: Handler };

/** Every way into the bot, in the order they are tried. Handlers are thin: parse, call the domain, reply. */
export const botRoutes: BotRoute[] = [
  { on: "activity", type: "installationUpdate", handler: handleInstallationChange },
  { on: "activity", type: "conversationUpdate", handler: handleInstallationChange },
  { on: "message", text: /^\s*(hjelp|help|\?)\s*$/i, handler: handleHelp },
  { on: "message", text: /^\s*(språk|sprak|language)\b/i, handler: handleLanguageChoice },
  { on: "anyMessage", handler: handleUnknownMessage },
];
