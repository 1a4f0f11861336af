import { createHash } from "node:crypto";
import type { LogEntry } from "../domain/case";
import type { CaseContext } from "./case-context";
import type { CaseDeps } from "./deps";

/**
 * The log is append-only: a correction is a new entry that points at the one it corrects (seed 002 §2.8
 * documentation). Undefined when the case has no such entry.
 */
export async function correctLogEntry(
  deps: Pick<CaseDeps, "cases" | "clock" | "logger">,
  ctx: CaseContext,
  actor: string,
  entryId: string,
  correction: string,
): Promise<LogEntry | undefined> {
  const original = ctx.log.find((e) => e.id === entryId);
  if (!original) return undefined;
  // One correction per original and text: a redelivered click finds the same id.
  const id = `log:correction:${original.id}:${createHash("sha256").update(correction).digest("hex").slice(0, 16)}`;
  const entry: LogEntry = {
    ...original,
    id,
    author: actor,
    writtenAt: deps.clock.now().toISOString(),
    contactDate: ctx.today,
    summary: correction,
    measures: [],
    corrects: original.id,
  };
  await deps.cases.appendLog(entry);
  deps.logger.info({ event: "log_corrected", pupilId: ctx.pupil.id });
  return entry;
}
