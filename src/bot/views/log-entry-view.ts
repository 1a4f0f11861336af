import type { ConsentRecord } from "../../domain/consent";
import { causeCategories, guardianCauseCategories, institutionOf } from "../../domain/templates";
import type { Pupil } from "../../domain/roster";
import { fill, inInstitutionWords, messagesFor, type Language } from "../../i18n/catalog";
import { fullDate, shortDate } from "../../i18n/dates";
import type { LogEntry } from "../../domain/case";
import { stepWordOf } from "../../domain/status";

/**
 * The fields of 002 §2.8 «Dokumentering» for one log entry: pupil, date of contact, reason, the guardians' view of the
 * cause (their words and the categories), the pupil's årsakskartlegging (categories, only here), further measures, next contact, step (in the ladder's own word: «Nivå» in Molde, «Trinn»
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
  const known = [...guardianCauseCategories, ...causeCategories];
  const label = (text: string) => inInstitutionWords(text, language, institution);
  const categories = (ids: readonly string[]) =>
    ids.map((id) => label(known.find((c) => c.id === id)?.label[language] ?? id)).join(", ");
  const causes = categories(entry.guardiansViewOfCause);
  // Their own words first, the categories they pointed to after (002 §2.8 «Hva foreldrene mener er årsaken»).
  const guardiansView = [entry.guardiansOwnWords, causes && (entry.guardiansOwnWords ? `(${causes})` : causes)]
    .filter(Boolean)
    .join(" ");
  const pupilCauses = categories(entry.pupilViewOfCause ?? []);
  return [
    { title: f.pupil, value: `${pupil.name}, ${pupil.className}` },
    { title: f.contactDate, value: formatDate(entry.contactDate) },
    { title: f.reason, value: entry.reasonForContact || "–" },
    { title: f.guardiansView, value: guardiansView || "–" },
    ...(pupilCauses ? [{ title: f.pupilCauses, value: pupilCauses }] : []),
    { title: f.further, value: entry.furtherMeasures || "–" },
    { title: f.nextContact, value: entry.nextContactDate ? formatDate(entry.nextContactDate) : "–" },
    { title: stepWordOf(ladderId, language), value: entry.step === null ? "–" : String(entry.step) },
    { title: f.author, value: authorName },
    ...(entry.summary ? [{ title: f.summary, value: entry.summary }] : []),
    ...(entry.consent ? consentFacts(entry.consent, authorName, language) : []),
  ];
}

/** The samtykkeerklæring's signature block (003): who signed, where and when (with the year: a signature's date), who obtained it and where. */
function consentFacts(
  consent: ConsentRecord,
  authorName: string,
  language: Language,
): { title: string; value: string }[] {
  const t = messagesFor(language).template;
  const signers = consent.signedBy.map((s) => t.signers[s]).join(", ");
  return [
    { title: t.facts.consentSignedBy, value: signers ? signers[0]!.toUpperCase() + signers.slice(1) : "–" },
    {
      title: t.facts.consentPlaceDate,
      value: [consent.place, fullDate(consent.date)].filter(Boolean).join(", "),
    },
    { title: t.facts.consentObtainedBy, value: consent.obtainedBy || authorName },
    { title: t.facts.consentServiceLocation, value: consent.serviceLocation || "–" },
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
