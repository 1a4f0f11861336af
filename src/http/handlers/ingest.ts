import { z } from "zod";
import type { Request } from "restify";
import { importAbsence, importRoster, type ImportDeps } from "../../usecases/import-data";
import { sendError, type HttpHandler } from "../types";

function isCsv(req: Request): boolean {
  const type = (req.header("content-type") ?? "").toLowerCase();
  return type.startsWith("text/csv") || type.startsWith("text/plain") || type.startsWith("application/csv");
}

function bodyText(req: Request): string {
  const body: unknown = req.body;
  if (typeof body === "string") return body;
  if (Buffer.isBuffer(body)) return body.toString("utf8");
  return "";
}

const sdsBody = z.object({ sds: z.record(z.string(), z.string()) });

/** POST /api/roster: roster JSON, or {"sds": {"orgs.csv": "...", ...}} with School Data Sync v2.1 files. */
export function createRosterImportHandler(deps: ImportDeps, knownLadders: () => string[]): HttpHandler {
  return async (req, res) => {
    if (typeof req.body !== "object" || req.body === null)
      return sendError(
        res,
        400,
        "invalid_body",
        'Expected a JSON body: a roster, or {"sds": {"<file>.csv": "<contents>"}}.',
      );
    const sds = sdsBody.safeParse(req.body);
    const result = await importRoster(
      deps,
      sds.success ? { format: "sds", files: sds.data.sds } : { format: "json", body: req.body },
      knownLadders(),
    );
    res.send(200, result);
  };
}

/** POST /api/absence: a JSON array (or {"events": [...]}), or CSV with the same column names. */
export function createAbsenceImportHandler(deps: ImportDeps): HttpHandler {
  return async (req, res) => {
    const result = isCsv(req)
      ? await importAbsence(deps, { format: "csv", text: bodyText(req) })
      : await importAbsence(deps, { format: "json", body: req.body });
    res.send(200, result);
  };
}
