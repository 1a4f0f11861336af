import type { TurnContext } from "botbuilder";
import type { BotDeps } from "./deps";
import { handleHelp } from "./handlers/help";
import { handleInstallationChange } from "./handlers/installation";
import { handleLanguageChoice } from "./handlers/language";
import {
  handleAbsenceMessage,
  handleArchive,
  handleBringIn,
  handleCaseRefresh,
  handleDismiss,
  handleRemind,
  handleShowAbsence,
} from "./handlers/case-actions";
import { createTemplateMoveHandler, handleLogCorrection, handleTemplateStart } from "./handlers/template-actions";
import { handleCaseListCommand, handleCaseListOpen } from "./handlers/case-list";
import { handleConcernCommand, handleConcernOpen, handleConcernReport } from "./handlers/concern";
import { handleUnknownMessage } from "./handlers/unknown-message";
import {
  handleDiscussAnonymously,
  handleLinkAnonymous,
  handleLinkChannel,
  handleThreadRefresh,
  handleUnlinkChannel,
  linkChannelText,
} from "./handlers/case-thread";
import { handleEvaluationOpen, handleEvaluationSave } from "./handlers/measure-evaluation";
import { handleReportCommand, handleReportShow } from "./handlers/report";

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
  { on: "message", text: /^\s*(meld bekymring|meld uro|report concern)\s*$/i, handler: handleConcernCommand },
  {
    on: "message",
    text: /^\s*(saker|mine saker|sakene mine|oversikt|cases|my cases)\s*$/i,
    handler: handleCaseListCommand,
  },
  {
    on: "message",
    text: /^\s*(rapport|fraværsrapport|fraværsoversikt|fråværsoversikt|report)\s*$/i,
    handler: handleReportCommand,
  },
  {
    on: "message",
    text: /^\s*(koble fra skolen|kople frå skulen|kople fra skulen|unlink school)\s*$/i,
    handler: handleUnlinkChannel,
  },
  { on: "message", text: linkChannelText, handler: handleLinkChannel },
  { on: "cardAction", verb: "cases.list", handler: handleCaseListOpen },
  { on: "cardAction", verb: "report.show", handler: handleReportShow },
  { on: "cardAction", verb: "concern.open", handler: handleConcernOpen },
  { on: "cardAction", verb: "concern.report", handler: handleConcernReport },
  { on: "cardAction", verb: "case.refresh", handler: handleCaseRefresh },
  { on: "cardAction", verb: "case.dismiss", handler: handleDismiss },
  { on: "cardAction", verb: "case.remind", handler: handleRemind },
  { on: "cardAction", verb: "case.showAbsence", handler: handleShowAbsence },
  { on: "cardAction", verb: "case.absenceMessage", handler: handleAbsenceMessage },
  { on: "cardAction", verb: "case.bringIn", handler: handleBringIn },
  { on: "cardAction", verb: "case.archive", handler: handleArchive },
  { on: "cardAction", verb: "thread.refresh", handler: handleThreadRefresh },
  { on: "cardAction", verb: "case.discussAnonymously", handler: handleDiscussAnonymously },
  { on: "cardAction", verb: "case.linkAnonymous", handler: handleLinkAnonymous },
  { on: "cardAction", verb: "template.start", handler: handleTemplateStart },
  { on: "cardAction", verb: "template.resume", handler: createTemplateMoveHandler("resume") },
  { on: "cardAction", verb: "template.next", handler: createTemplateMoveHandler("next") },
  { on: "cardAction", verb: "template.back", handler: createTemplateMoveHandler("back") },
  { on: "cardAction", verb: "template.pause", handler: createTemplateMoveHandler("pause") },
  { on: "cardAction", verb: "template.finish", handler: createTemplateMoveHandler("finish") },
  { on: "cardAction", verb: "log.correct", handler: handleLogCorrection },
  { on: "cardAction", verb: "measures.evaluateOpen", handler: handleEvaluationOpen },
  { on: "cardAction", verb: "measures.evaluate", handler: handleEvaluationSave },
  { on: "anyMessage", handler: handleUnknownMessage },
];
