import type { TurnContext } from "botbuilder";
import { z } from "zod";
import { schoolsLedBy } from "../../domain/roster";
import { reportPeriods, type ReportPeriod } from "../../domain/school-report";
import { messagesFor, type Language } from "../../i18n/catalog";
import { reportOfSchool } from "../../usecases/school-report";
import type { BotDeps } from "../deps";
import { resolveLanguage } from "../language";
import { readSender } from "../turn";
import { buildReportView } from "../views/report-view";
import { messageCard, type CardJson } from "./reply";

/** The schools the sender leads (tiltaksleder, rektor, teamleder), from the roster: never from card data. */
async function ledSchools(deps: BotDeps, aadObjectId: string | undefined): Promise<string[]> {
  return schoolsLedBy(aadObjectId ? await deps.roster.getStaff(aadObjectId) : undefined);
}

async function reportView(
  deps: BotDeps,
  schoolId: string,
  period: ReportPeriod,
  language: Language,
): Promise<Record<string, unknown> | undefined> {
  const report = await reportOfSchool(deps, schoolId, period, deps.clock.now());
  if (!report) return undefined;
  deps.logger.info({ event: "report_shown", schoolId, period });
  return buildReportView(report, language);
}

/** «rapport»: the absence overview of each school the sender leads, for this term. */
export async function handleReportCommand(context: TurnContext, deps: BotDeps): Promise<void> {
  const language = await resolveLanguage(context, deps);
  const schools = await ledSchools(deps, readSender(context).aadObjectId);
  if (schools.length === 0) {
    await context.sendActivity({
      attachments: [deps.cards.attachment("message", { title: messagesFor(language).report.notLead, lines: [] })],
    });
    return;
  }
  for (const schoolId of schools) {
    const view = await reportView(deps, schoolId, "term", language);
    if (view) await context.sendActivity({ attachments: [deps.cards.attachment("report", view)] });
  }
}

const showData = z.object({ schoolId: z.string().min(1).max(64), period: z.enum(reportPeriods).default("term") });

/** «Vis» on the overview: the same school for the period chosen, if the sender still leads it. */
export async function handleReportShow(context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> {
  const language = await resolveLanguage(context, deps);
  const parsed = showData.safeParse(data);
  const schools = await ledSchools(deps, readSender(context).aadObjectId);
  if (!parsed.success || !schools.includes(parsed.data.schoolId)) {
    deps.logger.warn({ event: "report_refused" });
    return messageCard(deps, messagesFor(language).report.notLead);
  }
  const view = await reportView(deps, parsed.data.schoolId, parsed.data.period, language);
  return view ? deps.cards.render("report", view) : messageCard(deps, messagesFor(language).report.notLead);
}
