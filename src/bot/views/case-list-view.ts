import type { Pupil } from "../../domain/roster";
import { institutionOf } from "../../domain/templates";
import { fill, messagesFor, type Institution, type Language } from "../../i18n/catalog";
import type { StatusSummary } from "../../domain/status";
import { deadlineLine, stepLine } from "./case-view";
import type { CaseListItem } from "../../usecases/case-list";

export type CaseListEntry = CaseListItem;

export interface CaseListInput {
  entries: CaseListEntry[];
  /** Whether the user leads a school (tiltaksleder, rektor, teamleder) and sees every case there, not only their own pupils'. */
  leads: boolean;
  language: Language;
  today: string;
}

/** A list of kindergarten children only speaks of children (000); one with any school's pupil, of pupils. */
export function institutionOfAll(ladders: readonly string[]): Institution {
  return ladders.length > 0 && ladders.every((l) => institutionOf(l) === "kindergarten") ? "kindergarten" : "school";
}

/** A card holds a few dozen rows comfortably; the most urgent come first, the rest are counted. */
export const maxCaseRows = 25;

function urgency(entry: CaseListEntry, today: string): [number, number, string, number, string] {
  const deadline = entry.status.required?.deadline ?? null;
  const overdue = deadline !== null && deadline < today ? 0 : 1;
  return [
    entry.followedUp ? 1 : 0,
    overdue,
    deadline ?? "9999-12-31",
    -(entry.status.step ?? -1),
    `${entry.pupil.className} ${entry.pupil.name}`,
  ];
}

function compareUrgency(a: CaseListEntry, b: CaseListEntry, today: string): number {
  const x = urgency(a, today);
  const y = urgency(b, today);
  for (let i = 0; i < x.length; i++) {
    if (x[i] === y[i]) continue;
    return (x[i] as number | string) < (y[i] as number | string) ? -1 : 1;
  }
  return 0;
}

/** One row of cards/case-list.json: the pupil, the step, a line under it (deadline, what ran out…) and «Åpne» for the case card. */
export function caseListRow(
  pupil: Pick<Pupil, "id" | "name" | "className">,
  status: Pick<StatusSummary, "ladder" | "step" | "stepName">,
  line: string,
  color: string,
  language: Language,
): Record<string, unknown> {
  return {
    pupil: `${pupil.name}, ${pupil.className}`,
    step: stepLine(status, language),
    deadline: line,
    deadlineColor: color,
    open: messagesFor(language).caseList.open,
    data: { pupilId: pupil.id },
  };
}

/** The data bound to cards/case-list.json: pupils on the ladder, waiting ones first (overdue, then nearest deadline), each with its step and deadline. */
export function buildCaseListView(input: CaseListInput): Record<string, unknown> {
  const m = messagesFor(input.language, institutionOfAll(input.entries.map((e) => e.status.ladder))).caseList;
  const onLadder = input.entries
    .filter((e) => e.status.step !== null)
    .sort((a, b) => compareUrgency(a, b, input.today));
  const shown = onLadder.slice(0, maxCaseRows);
  return {
    title: m.title,
    intro:
      onLadder.length === 0
        ? input.leads
          ? m.emptyLead
          : m.empty
        : fill(input.leads ? m.introLead : m.intro, { count: onLadder.length }, input.language),
    rows: shown.map((e) => {
      const deadline = deadlineLine(e.status.required?.deadline ?? null, input.today, input.language, e.followedUp);
      return caseListRow(
        e.pupil,
        e.status,
        deadline?.text ?? "",
        // Green or accent text on a light card is below WCAG AA; only an overdue deadline takes a colour.
        deadline?.overdue ? "Attention" : "Default",
        input.language,
      );
    }),
    more: onLadder.length > shown.length ? [fill(m.more, { count: onLadder.length - shown.length })] : [],
    refresh: m.refresh,
  };
}
