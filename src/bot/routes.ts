import type { Activity, TurnContext } from "botbuilder";
import type { BotDeps } from "./deps";
import { handleHelp } from "./handlers/help";
import { handleInstallationChange } from "./handlers/installation";
import { handleLanguageChoice } from "./handlers/language";
import {
  handleAbsenceMessage,
  handleArchive,
  handleBringIn,
  handleCaseRefresh,
  handleClose,
  handleDismiss,
  handleRemind,
  handleReopen,
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

/**
 * Where a route may run. «personal»: only the 1:1 chat with Nærvær, for everything that shows pupil data (a group
 * chat's or a channel's members are not the case's people). «caseThread»: the 1:1 chat and a case's own thread in the
 * school's linked channel. «anywhere»: nothing about a pupil («hjelp», the language, installation).
 */
export type RouteWhere = "personal" | "caseThread" | "anywhere";

/** Where a turn comes from: the 1:1 chat, a case's thread in a linked channel, or any other shared conversation. */
export type TurnPlace = "personal" | "caseThread" | "shared";

/**
 * Whether the activity comes from a case's own thread in a school's linked channel. No channel is linked to a school
 * yet, so none is; the case threads fill this in.
 */
/**
 * A channel counts as a case thread's place: the only route allowed there, «thread.refresh», answers the details only to
 * a sender with access to the case and the base card (no pupil data) to anyone else.
 */
export function isCaseThread(activity: Pick<Activity, "conversation">): boolean {
  return activity.conversation?.conversationType === "channel";
}

export function placeOf(activity: Pick<Activity, "conversation">): TurnPlace {
  const type = activity.conversation?.conversationType;
  if (type !== "channel" && type !== "groupChat") return "personal";
  return isCaseThread(activity) ? "caseThread" : "shared";
}

/** The one check of where a route may run; the dispatcher (create-bot.ts) answers everywhere else with a short line. */
export function routeAllowedIn(where: RouteWhere, place: TurnPlace): boolean {
  if (where === "anywhere" || place === "personal") return true;
  return where === "caseThread" && place === "caseThread";
}

export type BotRoute = (
  | { on: "message"; text: RegExp; handler: Handler }
  | { on: "activity"; type: "installationUpdate" | "conversationUpdate"; handler: Handler }
  | { on: "cardAction"; verb: string; handler: CardHandler }
  | { on: "anyMessage"; handler: Handler }
) & { where: RouteWhere };

/** Every way into the bot, in the order they are tried. Handlers are thin: parse, call the domain, reply. */
export const botRoutes: BotRoute[] = [
  { on: "activity", type: "installationUpdate", handler: handleInstallationChange, where: "anywhere" },
  { on: "activity", type: "conversationUpdate", handler: handleInstallationChange, where: "anywhere" },
  { on: "message", text: /^\s*(hjelp|help|\?)\s*$/i, handler: handleHelp, where: "anywhere" },
  { on: "message", text: /^\s*(språk|sprak|language)\b/i, handler: handleLanguageChoice, where: "anywhere" },
  {
    on: "message",
    text: /^\s*(meld bekymring|meld uro|report concern)\s*$/i,
    handler: handleConcernCommand,
    where: "personal",
  },
  {
    on: "message",
    text: /^\s*(saker|mine saker|sakene mine|oversikt|cases|my cases)\s*$/i,
    handler: handleCaseListCommand,
    where: "personal",
  },
  {
    on: "message",
    text: /^\s*(rapport|fraværsrapport|fraværsoversikt|fråværsoversikt|report)\s*$/i,
    handler: handleReportCommand,
    where: "personal",
  },
  {
    on: "message",
    text: /^\s*(koble fra skolen|kople frå skulen|kople fra skulen|unlink school)\s*$/i,
    handler: handleUnlinkChannel,
    where: "anywhere",
  },
  { on: "message", text: linkChannelText, handler: handleLinkChannel, where: "anywhere" },
  { on: "cardAction", verb: "cases.list", handler: handleCaseListOpen, where: "personal" },
  { on: "cardAction", verb: "report.show", handler: handleReportShow, where: "personal" },
  { on: "cardAction", verb: "concern.open", handler: handleConcernOpen, where: "personal" },
  { on: "cardAction", verb: "concern.report", handler: handleConcernReport, where: "personal" },
  { on: "cardAction", verb: "case.refresh", handler: handleCaseRefresh, where: "personal" },
  { on: "cardAction", verb: "case.dismiss", handler: handleDismiss, where: "personal" },
  { on: "cardAction", verb: "case.remind", handler: handleRemind, where: "personal" },
  { on: "cardAction", verb: "case.showAbsence", handler: handleShowAbsence, where: "personal" },
  { on: "cardAction", verb: "case.absenceMessage", handler: handleAbsenceMessage, where: "personal" },
  { on: "cardAction", verb: "case.bringIn", handler: handleBringIn, where: "personal" },
  { on: "cardAction", verb: "case.archive", handler: handleArchive, where: "personal" },
  { on: "cardAction", verb: "thread.refresh", handler: handleThreadRefresh, where: "caseThread" },
  { on: "cardAction", verb: "case.discussAnonymously", handler: handleDiscussAnonymously, where: "personal" },
  { on: "cardAction", verb: "case.linkAnonymous", handler: handleLinkAnonymous, where: "personal" },
  { on: "cardAction", verb: "case.close", handler: handleClose, where: "personal" },
  { on: "cardAction", verb: "case.reopen", handler: handleReopen, where: "personal" },
  { on: "cardAction", verb: "template.start", handler: handleTemplateStart, where: "personal" },
  { on: "cardAction", verb: "template.resume", handler: createTemplateMoveHandler("resume"), where: "personal" },
  { on: "cardAction", verb: "template.next", handler: createTemplateMoveHandler("next"), where: "personal" },
  { on: "cardAction", verb: "template.back", handler: createTemplateMoveHandler("back"), where: "personal" },
  { on: "cardAction", verb: "template.pause", handler: createTemplateMoveHandler("pause"), where: "personal" },
  { on: "cardAction", verb: "template.finish", handler: createTemplateMoveHandler("finish"), where: "personal" },
  { on: "cardAction", verb: "log.correct", handler: handleLogCorrection, where: "personal" },
  { on: "cardAction", verb: "measures.evaluateOpen", handler: handleEvaluationOpen, where: "personal" },
  { on: "cardAction", verb: "measures.evaluate", handler: handleEvaluationSave, where: "personal" },
  { on: "anyMessage", handler: handleUnknownMessage, where: "anywhere" },
];
