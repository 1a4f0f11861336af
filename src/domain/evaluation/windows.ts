// Count windows: fixed ones (week, month, term, year, case) and rolling ones of N school days, over the collected items.
import { type EpochDay, endOfMonth, startOfIsoWeek, startOfMonth } from "../dates";
import type { CountRule } from "./compile";
import { type Context, emitCount, stubCount } from "./trips";
import type { WindowSpan } from "./types";

/** Fixed windows (week, month, term, year, case): the trip is the item at which the running sum reaches `min`. */
export function evaluateFixedWindows(ctx: Context, rule: CountRule, subject: string | undefined): void {
  const items = ctx.ws.items;
  const type = rule.windowType;
  let i = 0;
  while (i < items.n) {
    const first = items.day[i] as number;
    let from: EpochDay;
    let to: EpochDay;
    let skip = false;
    switch (type) {
      case "calendar_week":
        from = startOfIsoWeek(first);
        to = from + 6;
        break;
      case "calendar_month":
        from = startOfMonth(first);
        to = endOfMonth(first);
        break;
      case "term": {
        const term = ctx.calendar.termOf(first);
        from = term.start;
        to = term.end;
        skip = rule.windowOnly !== 0 && term.number !== rule.windowOnly;
        break;
      }
      case "school_year":
        from = ctx.yearStart;
        to = ctx.asOfDay;
        break;
      case "since_case_opened":
        from = ctx.caseStart as EpochDay;
        to = ctx.asOfDay;
        break;
      case "rolling_school_days":
        // Rolling windows go to evaluateRollingWindow.
        return;
    }
    let j = i;
    let sum = 0;
    let tripDay = -1;
    while (j < items.n && (items.day[j] as number) <= to) {
      sum += items.weight[j] as number;
      if (tripDay < 0 && sum >= rule.min) tripDay = items.day[j] as number;
      j++;
    }
    if (tripDay >= 0 && !skip) {
      if (ctx.lean) stubCount(ctx, rule, from, tripDay, subject);
      else emitCount(ctx, rule, from, tripDay, { type, from, to: Math.min(to, ctx.asOfDay) }, subject);
    }
    i = j;
  }
}

/**
 * Rolling windows of N school days: each stretch during which the sum stays at or above `min` trips once,
 * keyed by the day it started, so a condition that simply continues never trips again.
 */
export function evaluateRollingWindow(ctx: Context, rule: CountRule, days: number, subject: string | undefined): void {
  const items = ctx.ws.items;
  const min = rule.min;
  let sum = 0;
  let lo = 0;
  let activeDay = -1;
  let i = 0;
  while (i < items.n) {
    const index = items.index[i] as number;
    const day = items.day[i] as number;
    // Items leave the window N school days after they entered; a stretch ends when the sum falls below min.
    while (lo < i && (items.index[lo] as number) <= index - days) {
      const leaveIndex = (items.index[lo] as number) + days;
      sum -= items.weight[lo] as number;
      lo++;
      // A removal on this very day may be offset by this day's items, so that case is checked after adding them.
      if (activeDay >= 0 && sum < min && leaveIndex < index) {
        closeStretch(ctx, rule, days, subject, activeDay, leaveIndex - 1);
        activeDay = -1;
      }
    }
    while (i < items.n && items.index[i] === index) sum += items.weight[i++] as number;
    if (activeDay >= 0 && sum < min) {
      closeStretch(ctx, rule, days, subject, activeDay, index - 1);
      activeDay = -1;
    }
    if (activeDay < 0 && sum >= min) activeDay = day;
  }
  if (activeDay < 0) return;
  // The end of the last stretch only shapes the facts' window, which lean mode does not build.
  if (ctx.lean) {
    closeStretch(ctx, rule, days, subject, activeDay, ctx.asOfIndex);
    return;
  }
  // Still active at asOf unless the remaining items left the window before it.
  let endIndex = ctx.asOfIndex;
  for (let k = lo; k < items.n && (items.index[k] as number) <= ctx.asOfIndex - days; k++) {
    sum -= items.weight[k] as number;
    if (sum < min) {
      endIndex = (items.index[k] as number) + days - 1;
      break;
    }
  }
  closeStretch(ctx, rule, days, subject, activeDay, endIndex);
}

/** A stretch of a rolling window that started on `activeDay` and held until school index `endIndex`: one trip. */
function closeStretch(
  ctx: Context,
  rule: CountRule,
  days: number,
  subject: string | undefined,
  activeDay: EpochDay,
  endIndex: number,
): void {
  if (ctx.lean) {
    stubCount(ctx, rule, activeDay, activeDay, subject);
    return;
  }
  const span: WindowSpan = {
    type: "rolling_school_days",
    from: ctx.calendar.epochDayOfSchoolIndex(endIndex - days + 1),
    to: ctx.calendar.epochDayOfSchoolIndex(endIndex),
  };
  emitCount(ctx, rule, activeDay, activeDay, span, subject);
}
