/** Whether a case waits for someone: the newest trip against what the log says was done since. Pure. */

/** Log entries that do not follow a case up: a reported concern starts one; a service brought in or taken off, leaders told, or the case closed or reopened, are bookkeeping. */
const notFollowUps: ReadonlySet<string> = new Set(["concern", "shared", "unshared", "escalated", "closed", "reopened"]);

/**
 * Why a «Minn meg» reminder set at `setAt` has no reason left: the case was marked «ikke bekymringsfullt», or followed
 * up (a documented conversation, assessment or evaluation), since. Null while it still has one. A reminder stored
 * without `setAt` loses its reason only to a dismissal.
 */
export function reminderReasonGone(
  setAt: string | undefined,
  dismissal: { at: string } | null,
  log: readonly { templateId: string; writtenAt: string }[],
): "dismissed" | "followed_up" | null {
  if (dismissal && (setAt === undefined || dismissal.at > setAt)) return "dismissed";
  if (setAt !== undefined && log.some((e) => !notFollowUps.has(e.templateId) && e.writtenAt > setAt))
    return "followed_up";
  return null;
}

/**
 * The day the newest trip was followed up: a documented conversation, assessment or evaluation on or after that trip's
 * date. Null while nobody has.
 */
export function followedUpOn(
  trips: readonly { date: string }[],
  log: readonly { templateId: string; contactDate: string }[],
): string | null {
  const newest = trips[trips.length - 1]?.date;
  if (!newest) return null;
  let day: string | null = null;
  for (const e of log)
    if (!notFollowUps.has(e.templateId) && e.contactDate >= newest && (day === null || e.contactDate > day))
      day = e.contactDate;
  return day;
}
