import type { LeadRole, Pupil } from "../../domain/roster";
import { fill, messagesFor, type Language } from "../../i18n/catalog";
import { shortDate, weekdayName } from "../../i18n/dates";
import type { StatusSummary } from "../../domain/status";
import { caseListRow, institutionOfAll, maxCaseRows } from "./case-list-view";
import { holdersLine } from "./case-view";
import type { EscalationItem } from "../../usecases/ports";

export interface EscalationListInput {
  items: readonly EscalationItem[];
  /** The role the leader is told in, for «Du får beskjed som tiltaksleder». */
  role: LeadRole;
  language: Language;
}

function row(item: EscalationItem, language: Language): Record<string, unknown> {
  const m = messagesFor(language).escalation;
  const e = item.escalation;
  const date = e.kind === "deadline" ? e.deadline : e.kind === "evaluation" ? e.evaluationDate : "";
  const values = { weekday: date ? weekdayName(date, language) : "", date: date ? shortDate(date) : "" };
  const text =
    e.kind === "evaluation"
      ? fill(m.evaluationRow, { ...values, measures: e.measures.join("; ") })
      : fill(m.deadlineRow, { ...values, action: item.status.required?.actions[0] ?? "" });
  return caseListRow(item.pupil, item.status, text, "Attention", language);
}

/** A leader's list on cards/case-list.json: as many rows as a card holds, the rest counted, and «Mine saker» for all. */
function leaderList<T>(
  language: Language,
  title: string,
  intro: string,
  items: readonly T[],
  toRow: (item: T) => Record<string, unknown>,
): Record<string, unknown> {
  const m = messagesFor(language);
  return {
    title,
    intro,
    rows: items.slice(0, maxCaseRows).map(toRow),
    more: items.length > maxCaseRows ? [fill(m.escalation.more, { count: items.length - maxCaseRows })] : [],
    refresh: m.caseList.button,
  };
}

/** The data bound to cards/case-list.json for a leader's morning list of what ran out: one row per deadline or evaluation. */
export function buildEscalationListView(input: EscalationListInput): Record<string, unknown> {
  const m = messagesFor(input.language, institutionOfAll(input.items.map((i) => i.status.ladder)));
  return leaderList(
    input.language,
    m.escalation.title,
    fill(m.escalation.intro, { role: m.roles[input.role] }),
    input.items,
    (item) => row(item, input.language),
  );
}

/**
 * The data bound to cards/case-list.json when one run brings a leader many pupils on steps they hold or must be told
 * of (a first import, a big school): one list instead of a card per pupil, each row with «Åpne» for the case card.
 */
export function buildStepListView(input: {
  items: readonly { pupil: Pupil; status: Pick<StatusSummary, "ladder" | "step" | "stepName" | "required"> }[];
  role: LeadRole;
  language: Language;
}): Record<string, unknown> {
  const { language } = input;
  const m = messagesFor(language, institutionOfAll(input.items.map((i) => i.status.ladder)));
  const intro = fill(
    m.escalation.stepListIntro,
    { role: m.roles[input.role], count: input.items.length },
    input.language,
  );
  return leaderList(language, m.escalation.stepListTitle, intro, input.items, (item) =>
    caseListRow(item.pupil, item.status, holdersLine(item.status, language), "Default", language),
  );
}
