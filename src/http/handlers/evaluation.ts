import { z } from "zod";
import { isoDate } from "../../domain/roster";
import { currentConsent } from "../../domain/consent";
import type { Clock } from "../../clock";
import { evaluatePupils, type EvaluateDeps } from "../../usecases/evaluate-pupils";
import { statusAsOfToday } from "../../usecases/pupil-status";
import { toLocalIsoDate } from "../../domain/dates";
import type { CaseRepo } from "../../store/case-repo";
import type { AuditTrail } from "../../usecases/audit";
import { sendError, sendInvalid, type HttpHandler } from "../types";

const evaluateBody = z.object({ date: isoDate, schoolId: z.string().min(1).optional() }).strict();

/** POST /api/evaluate {"date": "YYYY-MM-DD", "schoolId"?}: evaluates every pupil as of that date and stores the result. */
export function createEvaluateHandler(deps: EvaluateDeps, clock: Clock): HttpHandler {
  return async (req, res) => {
    const parsed = evaluateBody.safeParse(req.body ?? {});
    if (!parsed.success)
      return sendInvalid(res, "body", parsed.error, '{"date": "YYYY-MM-DD", "schoolId": "<optional>"}');
    if (parsed.data.schoolId && !(await deps.roster.getSchool(parsed.data.schoolId))) {
      return sendError(res, 404, "unknown_school", `No school with id ${parsed.data.schoolId}.`, { field: "schoolId" });
    }
    res.send(200, await evaluatePupils(deps, parsed.data.date, clock.now(), parsed.data.schoolId));
  };
}

/** GET /api/pupils/{pupilId}/status: the pupil's step, every trip with its facts and deadline, and the pattern. */
export function createPupilStatusHandler(
  deps: EvaluateDeps,
  cases: CaseRepo,
  audit: AuditTrail,
  clock: Clock,
): HttpHandler {
  return async (req, res) => {
    const pupilId = String(req.params.pupilId ?? "");
    const pupil = await deps.roster.getPupil(pupilId);
    if (!pupil) return sendError(res, 404, "unknown_pupil", `No pupil with id ${pupilId}.`, { field: "pupilId" });
    await audit.record({ pupilId, actor: "api:read", role: "api", action: "status.read", via: "GET status" });
    const [stored, school, log, measures, drafts, record] = await Promise.all([
      deps.statuses.get(pupilId),
      deps.roster.getSchool(pupil.schoolId),
      cases.logEntries(pupilId),
      cases.measures(pupilId),
      cases.openDrafts(pupilId),
      cases.get(pupilId),
    ]);
    const caseData = {
      log: log.map(({ pupilId: _p, ...entry }) => entry),
      measures: measures.map(({ pupilId: _p, ...measure }) => measure),
      consent: currentConsent(log),
      sharedWith: record?.value.sharedWith ?? [],
      openTasks: [
        ...drafts.map((d) => ({
          kind: "draft",
          templateId: d.templateId,
          draftId: d.id,
          stepIndex: d.stepIndex,
          startedAt: d.startedAt,
        })),
        ...measures
          .filter((m) => m.status === "active")
          .map((m) => ({ kind: "evaluation", measureId: m.id, due: m.evaluationDate })),
        ...(stored?.status.required?.deadline
          ? [{ kind: "routine", due: stored.status.required.deadline, actions: stored.status.required.actions }]
          : []),
      ],
    };
    if (!stored) {
      return res.send(200, {
        pupilId,
        schoolId: pupil.schoolId,
        ladder: school?.ladder ?? null,
        evaluated: false,
        step: null,
        stepName: null,
        trips: [],
        required: null,
        pattern: null,
        ...caseData,
      });
    }
    const s = school
      ? (await statusAsOfToday(deps, pupil, school, stored.status, toLocalIsoDate(clock.now(), school.timeZone))).status
      : stored.status;
    res.send(200, {
      pupilId,
      schoolId: pupil.schoolId,
      ladder: s.ladder,
      evaluated: true,
      asOf: s.asOf,
      step: s.step,
      stepName: s.stepName,
      trips: s.trips.map((t) => ({
        ruleId: t.ruleId,
        key: t.key,
        label: t.label,
        step: t.step,
        stepName: t.stepName,
        date: t.date,
        facts: t.text,
        factsData: t.facts,
        actions: t.actions,
        deadline: t.deadline,
        deadlineLabel: t.deadlineLabel,
        source: t.source,
      })),
      required: s.required,
      pattern: s.pattern,
      ...caseData,
    });
  };
}
