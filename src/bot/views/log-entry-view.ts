import { causeCategories, institutionOf } from "../../domain/templates";
import type { Pupil } from "../../domain/roster";
import { fill, inInstitutionWords, messagesFor, type Language } from "../../i18n/catalog";
import { shortDate } from "../../i18n/dates";
import type { LogEntry } from "../../domain/case";
import { stepWordOf } from "../../domain/status";

/**
 * The fields of 002 §2.8 «Dokumentering» for one log entry: pupil, date of contact, reason, the guardians' view of the
 * cause (as categories), further measures, next contact, step (in the ladder's own word: «Nivå» in Molde, «Trinn»
 * elsewhere), who wrote it; the summary when there is one. `formatDate`: the card's short «16.11», or the elevmappe's
 * «16.11.2026».
 */
export function logEntryFacts(
  entry: LogEntry,
  pupil: Pick<Pupil, "name" | "className">,
  authorName: string,
  ladderId: string,
  language: Language,
  formatDate: (date: string) => string = shortDate,
): { title: string; value: string }[] {
  const institution = institutionOf(ladderId);
  const f = messagesFor(language, institution).template.facts;
  const causes = entry.guardiansViewOfCause
    .map((id) =>
      inInstitutionWords(causeCategories.find((c) => c.id === id)?.label[language] ?? id, language, institution),
    )
    .join(", ");
  return [
    { title: f.pupil, value: `${pupil.name}, ${pupil.className}` },
    { title: f.contactDate, value: formatDate(entry.contactDate) },
    { title: f.reason, value: entry.reasonForContact || "–" },
    { title: f.guardiansView, value: causes || "–" },
    { title: f.further, value: entry.furtherMeasures || "–" },
    { title: f.nextContact, value: entry.nextContactDate ? formatDate(entry.nextContactDate) : "–" },
    { title: stepWordOf(ladderId, language), value: entry.step === null ? "–" : String(entry.step) },
    { title: f.author, value: authorName },
    ...(entry.summary ? [{ title: f.summary, value: entry.summary }] : []),
  ];
}

/** «Fast oppmøte – ansvarlig: kontaktlærer, evalueres 07.12» for each measure the entry agreed. */
export function logEntryMeasures(
  entry: LogEntry,
  language: Language,
  formatDate: (date: string) => string = shortDate,
): string[] {
  const t = messagesFor(language).template;
  return entry.measures.map((m) =>
    fill(t.measureLine, {
      measure: m.measure,
      responsible: m.responsible || "–",
      date: m.evaluationDate ? formatDate(m.evaluationDate) : "–",
    }),
  );
}
