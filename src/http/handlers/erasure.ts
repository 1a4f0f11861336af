import type { Logger } from "../../logger";
import type { RosterRepo } from "../../store/roster-repo";
import type { Erasure } from "../../store/erasure";
import type { AuditTrail } from "../../usecases/audit";
import { sendError, type HttpHandler } from "../types";

/**
 * DELETE /api/pupils/{pupilId}: erases everything Nærvær holds about the pupil — case, log, drafts, measures, status,
 * absence registrations, reminders and the roster entry — when the pupil has left or the documentation is in the
 * school's archive. Nærvær is a working tool, not the archive. A second call finds no pupil and changes nothing.
 */
export function createErasePupilHandler(deps: {
  roster: RosterRepo;
  erasure: Erasure;
  audit: AuditTrail;
  logger: Logger;
}): HttpHandler {
  return async (req, res) => {
    const pupilId = String(req.params.pupilId ?? "");
    if (!(await deps.roster.getPupil(pupilId)))
      return sendError(res, 404, "unknown_pupil", `No pupil with id ${pupilId}; nothing was erased.`, {
        field: "pupilId",
      });
    await deps.audit.record({ pupilId, actor: "api:erase", role: "api", action: "pupil.erase", via: "DELETE pupil" });
    const deleted = await deps.erasure.erasePupil(pupilId);
    deps.logger.info({ event: "pupil_erased", pupilId, ...deleted });
    res.send(200, { pupilId, deleted });
  };
}
