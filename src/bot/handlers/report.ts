import type { TurnContext } from "botbuilder";
import { z } from "zod";
import { reportPeriods } from "../../domain/school-report";
import { messagesFor } from "../../i18n/catalog";
import { reportsForLeader, type SchoolReportResult } from "../../usecases/school-report";
import type { BotDeps } from "../deps";
import { resolveLanguage } from "../language";
import { readSender } from "../turn";
import { buildReportView } from "../views/report-view";
import { messageCard, type CardJson } from "./reply";

function shown(deps: BotDeps, report: SchoolReportResult): SchoolReportResult {
  deps.logger.info({ event: "report_shown", schoolId: report.school.id, period: report.period });
  return report;
}

/** «rapport»: the absence overview of each school the sender leads, for this term. */
export async function handleReportCommand(context: TurnContext, deps: BotDeps): Promise<void> {
  const language = await resolveLanguage(context, deps);
  const reports = await reportsForLeader(deps, readSender(context).aadObjectId, "term", deps.clock.now());
  if (!reports) {
    await context.sendActivity({
      attachments: [deps.cards.attachment("message", { title: messagesFor(language).report.notLead, lines: [] })],
    });
    return;
  }
  for (const report of reports) {
    const view = buildReportView(shown(deps, report), language);
    await context.sendActivity({ attachments: [deps.cards.attachment("report", view)] });
  }
}

const showData = z.object({ schoolId: z.string().min(1).max(64), period: z.enum(reportPeriods).default("term") });

/** «Vis» on the overview: the same school for the period chosen, if the sender still leads it. */
export async function handleReportShow(context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> {
  const language = await resolveLanguage(context, deps);
  const parsed = showData.safeParse(data);
  const reports = parsed.success
    ? await reportsForLeader(
        deps,
        readSender(context).aadObjectId,
        parsed.data.period,
        deps.clock.now(),
        parsed.data.schoolId,
      )
    : undefined;
  if (!reports) {
    deps.logger.warn({ event: "report_refused" });
    return messageCard(deps, messagesFor(language).report.notLead);
  }
  const report = reports[0];
  return report
    ? deps.cards.render("report", buildReportView(shown(deps, report), language))
    : messageCard(deps, messagesFor(language).report.notLead);
}
