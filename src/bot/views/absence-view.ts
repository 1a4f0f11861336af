import type { AbsenceEvent } from "../../domain/absence";
import type { Pupil } from "../../domain/roster";
import type { PupilStatus } from "../../domain/status";
import { fill, messagesFor, type Language } from "../../i18n/catalog";
import { shortDate } from "../../i18n/dates";
import { institutionOf } from "../../domain/templates";
import { patternDetails } from "./case-view";

export interface AbsenceViewInput {
  pupil: Pick<Pupil, "id" | "name" | "className">;
  pattern: PupilStatus["pattern"];
  events: AbsenceEvent[];
  language: Language;
  /** The pupil's ladder: a kindergarten's speaks of «barnet», not «eleven». */
  ladderId: string;
}

/** The data bound to cards/absence.json: the pattern's every line (the case card shows two), then each registration. */
export function buildAbsenceView(input: AbsenceViewInput): Record<string, unknown> {
  const { pupil, language } = input;
  const m = messagesFor(language, institutionOf(input.ladderId)).case;
  const rows = input.events.map((e) => ({
    date: shortDate(e.date),
    what: [
      m.absenceKinds[e.kind],
      e.lessons ? `${e.lessons} t` : "",
      e.subject ?? "",
      e.minutes ? `${e.minutes} min` : "",
    ]
      .filter(Boolean)
      .join(" · "),
    documented: e.documented === undefined ? "" : e.documented ? m.documented : m.undocumented,
    color: e.documented === false ? "Attention" : "Default",
  }));
  return {
    title: fill(m.absenceTitle, { pupil: pupil.name, className: pupil.className }),
    ...patternDetails(input.pattern, language, input.ladderId),
    empty: m.absenceEmpty,
    rows,
    back: m.back,
    backData: { pupilId: pupil.id },
  };
}
