import { z } from "zod";
import type { Clock } from "../../clock";
import { isoDate } from "../../domain/roster";
import { reportPeriods } from "../../domain/school-report";
import { reportOfSchool, type ReportDeps } from "../../usecases/school-report";
import { sendError, sendInvalid, type HttpHandler } from "../types";

const reportQuery = z.object({ period: z.enum(reportPeriods).default("term"), date: isoDate.optional() }).strict();

/**
 * GET /api/schools/{schoolId}/report?period=month|term|school_year&date=YYYY-MM-DD: the school's figures for the
 * period up to that date (today at the school when left out), without names, for the report to the enhetsleder.
 */
export function createSchoolReportHandler(deps: ReportDeps, clock: Clock): HttpHandler {
  return async (req, res) => {
    const parsed = reportQuery.safeParse(req.query ?? {});
    if (!parsed.success)
      return sendInvalid(res, "query", parsed.error, `period=${reportPeriods.join("|")}, date=YYYY-MM-DD (optional)`);
    const schoolId = String(req.params.schoolId ?? "");
    const report = await reportOfSchool(deps, schoolId, parsed.data.period, clock.now(), parsed.data.date);
    if (!report) return sendError(res, 404, "unknown_school", `No school with id ${schoolId}.`, { field: "schoolId" });
    res.send(200, report);
  };
}
