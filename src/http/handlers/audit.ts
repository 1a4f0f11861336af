import { z } from "zod";
import type { AuditTrail } from "../../usecases/audit";
import { sendInvalid, type HttpHandler } from "../types";

const auditQuery = z.object({ pupilId: z.string().min(1).max(64) }).strict();

/** GET /api/audit?pupilId=…: who read or changed the pupil's case, and who was refused, newest first. */
export function createAuditHandler(trail: AuditTrail): HttpHandler {
  return async (req, res) => {
    const parsed = auditQuery.safeParse(req.query ?? {});
    if (!parsed.success) return sendInvalid(res, "query", parsed.error, "?pupilId=<pupil id>");
    res.send(200, { pupilId: parsed.data.pupilId, entries: await trail.listForPupil(parsed.data.pupilId) });
  };
}
