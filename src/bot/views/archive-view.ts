import type { Pupil } from "../../domain/roster";
import { fill, messagesFor, type Language } from "../../i18n/catalog";
import { fullDate } from "../../i18n/dates";
import type { LogEntry } from "../../domain/case";
import { institutionOf } from "../../domain/templates";
import { consentLine, entryTitle } from "./case-view";
import { logEntryFacts, logEntryMeasures } from "./log-entry-view";

export interface ArchiveInput {
  pupil: Pick<Pupil, "name" | "className">;
  schoolName: string;
  ladderId: string;
  /** The case's log, oldest first. */
  log: readonly LogEntry[];
  authorNames: Readonly<Record<string, string>>;
  language: Language;
}

/**
 * One log entry as text for the elevmappe («Dokumenter i elevmappen», 001; elevens egen mappe, 002 §2.8): what it is,
 * which log, the §2.8 fields with full dates, the measures agreed, the samtykke recorded, and what it corrects.
 */
export function archiveText(entry: LogEntry, input: ArchiveInput): string {
  const { language } = input;
  const t = messagesFor(language, institutionOf(input.ladderId)).template;
  const m = messagesFor(language, institutionOf(input.ladderId)).case;
  const lines = [
    fill(m.archiveHeading, {
      entry: entryTitle(entry.templateId, input.ladderId, language),
      log: t.logNames[entry.kind],
      school: input.schoolName,
    }),
    ...logEntryFacts(
      entry,
      input.pupil,
      input.authorNames[entry.author] || m.archiveSystemAuthor,
      input.ladderId,
      language,
      fullDate,
    ).map((f) =>
      // A summary of several lines (an evaluation: one measure a line) keeps them, each as a point.
      f.value.includes("\n")
        ? [`${f.title}:`, ...f.value.split("\n").map((line) => `• ${line}`)].join("\n")
        : `${f.title}: ${f.value}`,
    ),
  ];
  const measures = logEntryMeasures(entry, language, fullDate);
  if (measures.length > 0) lines.push(`${t.measuresTitle}:`, ...measures.map((x) => `• ${x}`));
  if (entry.consent) lines.push(consentLine(entry.consent, language, fullDate));
  const corrected = entry.corrects ? input.log.find((e) => e.id === entry.corrects) : undefined;
  if (corrected)
    lines.push(
      fill(m.archiveCorrects, {
        entry: entryTitle(corrected.templateId, input.ladderId, language),
        date: fullDate(corrected.contactDate),
      }),
    );
  lines.push(fill(m.archiveWritten, { date: fullDate(entry.writtenAt.slice(0, 10)) }));
  return lines.join("\n");
}

/** The data bound to cards/absence-message.json (text to copy): every entry of the log, each ready for the elevmappe. */
export function buildArchiveView(input: ArchiveInput, backData: Record<string, unknown>): Record<string, unknown> {
  const m = messagesFor(input.language, institutionOf(input.ladderId)).case;
  return {
    title: fill(m.archiveTitle, { pupil: input.pupil.name, className: input.pupil.className }),
    intro: input.log.length > 0 ? m.archiveIntro : m.archiveEmpty,
    copyLabel: m.copyLabel,
    drafts: input.log.map((entry, i) => {
      const text = archiveText(entry, input);
      return {
        id: entry.id,
        inputId: `entry_${i}`,
        title: `${fullDate(entry.contactDate)} · ${entryTitle(entry.templateId, input.ladderId, input.language)}`,
        text,
        maxLength: Math.max(2000, text.length),
      };
    }),
    back: m.back,
    backData,
  };
}
