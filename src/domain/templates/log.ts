import { type ConsentRecord, consentFromAnswers, consentServiceNames } from "../consent";
import { countOf } from "../../i18n/plural";
import { formatNorwegianDate, isIsoDate, parseIsoDate, withYears } from "../dates";
import { causeCategoryIds, guardianCauseCategoryIds } from "./causes";
import { type TemplateLanguage, answerIds, defaultMaxLength, toKindergartenWords, translate, truncate } from "./common";
import { isRoutineId } from "../routines";
import { ladderProfile } from "./ladders";
import type {
  AnswerValue,
  Answers,
  LogContent,
  MeasureAnswer,
  TemplateContext,
  TemplateDefinition,
  TemplateField,
} from "./types";

/**
 * The documentation a completed template writes: the fields of 002 §2.8 «Dokumentering» — date of
 * contact, reason for contact, what the guardians think causes the absence, further measures or the
 * date of the next meeting/contact, the step the pupil is judged to be on (and, outside this function,
 * the pupil and who wrote it).
 *
 * Every answer reaches the entry, except the fields the template marks `workingNote` (the card says so at each): the
 * pattern notes of the phone call, the nærværsmøte's areas (read into its summary), the undringssamtale's tools and
 * the checklist of 002 §2.7 («egen bevisstgjøring»). Causes stay category ids, in their own fields, never in the summary.
 */

export type LogKind = "absence_log" | "pupil_log";

/**
 * Which log an entry goes to.
 * - molde-nordbyen: 002 §2.8 «Fraværslogg … kun tenkt i oppstarten og på nivå 0»; «Dersom elevens sak utvikler seg
 *   videre til trinn 1, skal det dokumenteres i elevens egen mappe» (elevlogg). Level 0 → absence_log, ≥ 1 → pupil_log.
 * - lillestrom: every entry is pupil_log, also with no step (`alwaysPupilLog` in src/domain/routines/lillestrom).
 * - orland-skole, orland-barnehage, tynset-nord-osterdal and custom ladders name no separate absence log; Molde's split is
 *   followed: the ladder's first step → absence_log, later steps → pupil_log. A custom ladder's first step is
 *   `firstStep` (default 0).
 * - No step (null) → absence_log.
 */
export function logKindFor(ladderId: string, step: number | null, firstStep?: number): LogKind {
  const profile = isRoutineId(ladderId) ? ladderProfile(ladderId) : undefined;
  if (profile?.alwaysPupilLog) return "pupil_log";
  if (step === null) return "absence_log";
  const first = profile ? Math.min(...profile.steps) : (firstStep ?? 0);
  return step <= first ? "absence_log" : "pupil_log";
}

/**
 * The step a completed conversation's log entry is written on: the level it judged when that moved the case up, so
 * «Nivå 1» goes in the elevlogg (002 §2.4 punkt 7, §2.8); else the step the conversation was held on.
 */
export function loggedStep(heldOn: number | null, assessed: number | null | undefined): number | null {
  if (assessed === null || assessed === undefined) return heldOn;
  return heldOn === null || assessed > heldOn ? assessed : heldOn;
}

// ── Reading answers defensively (they may come from a stored draft) ─────────────────────────────

function text(answers: Answers, id: string): string {
  const value = answers[id];
  return typeof value === "string" ? value.trim() : "";
}

/** Dates in the log's text read «03.11.2025»; the ISO date stays in the entry's date fields. */
function textDate(date: string): string {
  return formatNorwegianDate(parseIsoDate(date), true);
}

function date(answers: Answers, id: string): string | null {
  const value = text(answers, id);
  return isIsoDate(value) ? value : null;
}

function measureRows(value: AnswerValue | undefined): MeasureAnswer[] {
  if (!Array.isArray(value)) return [];
  const rows: MeasureAnswer[] = [];
  for (const item of value as unknown[]) {
    if (item === null || typeof item !== "object") continue;
    const row = item as Partial<Record<keyof MeasureAnswer, unknown>>;
    const area = typeof row.area === "string" ? row.area.trim() : "";
    const measure = typeof row.measure === "string" ? row.measure.trim() : "";
    const responsible = typeof row.responsible === "string" ? row.responsible.trim() : "";
    const evaluationDate = typeof row.evaluationDate === "string" ? row.evaluationDate.trim() : "";
    if (!area || !measure || !responsible || !isIsoDate(evaluationDate)) continue;
    const why = typeof row.why === "string" ? row.why.trim() : "";
    rows.push({ area, measure, responsible, evaluationDate, ...(why ? { why } : {}) });
  }
  return rows;
}

function findField(definition: TemplateDefinition, id: string): TemplateField | undefined {
  for (const step of definition.steps) for (const field of step.fields) if (field.id === id) return field;
  return undefined;
}

/** «Label: choice label» for a choice answer, in the language; "" when not answered. */
function choiceLine(
  definition: TemplateDefinition,
  answers: Answers,
  id: string,
  language: TemplateLanguage,
  withLabel = true,
): string {
  const field = findField(definition, id);
  const value = text(answers, id);
  const chosen = field?.choices?.find((c) => c.id === value);
  if (!field || !chosen) return "";
  if (!withLabel) return chosen.label[language];
  const label = field.label[language];
  return `${label}${/[?:]$/.test(label) ? "" : ":"} ${chosen.label[language]}`;
}

function labels(definition: TemplateDefinition, answers: Answers, id: string, language: TemplateLanguage): string {
  const field = findField(definition, id);
  if (!field?.choices) return "";
  const chosen = answerIds(answers[id]);
  return field.choices
    .filter((c) => chosen.includes(c.id))
    .map((c) => c.label[language])
    .join(", ");
}

function sentence(part: string): string {
  const t = part.trim();
  if (!t) return "";
  return /[.!?…]$/.test(t) ? t : `${t}.`;
}

function join(parts: readonly string[], max: number): string {
  return truncate(parts.map(sentence).filter(Boolean).join(" "), max);
}

/** What a samtykkeerklæring agrees to, as lines of «Videre tiltak». */
function consentLines(consent: ConsentRecord, language: TemplateLanguage): string[] {
  const t = translate(language);
  const lines: string[] = [];
  const names = consentServiceNames(consent, language).join(", ");
  if (consent.status === "given")
    lines.push(
      t(
        `Samtykke til utveksling av opplysninger med: ${names || "ingen tjenester krysset av"}`,
        `Samtykke til utveksling av opplysningar med: ${names || "ingen tenester kryssa av"}`,
        `Consent to exchange information with: ${names || "no services ticked"}`,
      ),
    );
  if (consent.status === "refused")
    lines.push(
      t(
        "Samtykker ikke til utveksling av opplysninger – saken drøftes bare anonymt",
        "Samtykkjer ikkje til utveksling av opplysningar – saka blir berre drøfta anonymt",
        "No consent to exchange information – the case is discussed anonymously only",
      ),
    );
  if (consent.status === "withdrawn")
    lines.push(t("Samtykket er trukket tilbake", "Samtykket er trekt tilbake", "Consent has been withdrawn"));
  if (consent.stafettlogg)
    lines.push(t("Samtykke til Stafettlogg", "Samtykke til Stafettlogg", "Consent to a Stafettlogg"));
  return lines;
}

/** The summary: the teacher's own words plus the results the routine asks for; never notes or checklist ticks. */
function summaryParts(
  definition: TemplateDefinition,
  a: Answers,
  language: TemplateLanguage,
  kindergarten: boolean,
): string[] {
  // The routine's own phrases («Eleven peker på») in the kindergarten's words; what the teacher wrote stays as written.
  const t = (nb: string, nn: string, en: string) => {
    const text = translate(language)(nb, nn, en);
    return kindergarten ? toKindergartenWords(language, text) : text;
  };
  const summary: string[] = [];
  if (definition.id === "vulnerability_mapping") {
    summary.push(
      t(
        "Kartlegging av særskilt sårbarhet er gjennomført (002 §2.7)",
        "Kartlegging av særskild sårbarheit er gjennomført (002 §2.7)",
        "Mapping of particular vulnerability done (002 §2.7)",
      ),
    );
  } else {
    summary.push(text(a, "summary"));
    const attended = labels(definition, a, "participants", language);
    if (attended) summary.push(`${t("Til stede", "Til stades", "Present")}: ${attended}`);
    for (const id of ["pupil_present", "talk_form"]) summary.push(choiceLine(definition, a, id, language));
    const phoneCall = text(a, "phone_summary");
    if (phoneCall) summary.push(`${t("Telefonsamtalen", "Telefonsamtalen", "The phone call")}: ${phoneCall}`);
    for (const id of ["natural_cause", "outlook", "thriving", "talked_with_pupil"]) {
      const line = choiceLine(definition, a, id, language);
      const note = id === "thriving" ? text(a, "thriving_note") : "";
      summary.push(line && note ? `${line} – ${note}` : line || note);
    }
    if (definition.id === "wonder_talk_pupil") summary.push(choiceLine(definition, a, "concern", language, false));
    const status = text(a, "status");
    if (status) summary.push(`${t("Status", "Status", "Status")}: ${status}`);
    if (definition.id === "attendance_meeting") {
      const goal = text(a, "main_goal");
      if (goal) summary.push(`${t("Hovedmål", "Hovudmål", "Main goal")}: ${goal}`);
    }
    if (definition.id === "wonder_talk_guardians") {
      const goal = text(a, "goal");
      if (goal) summary.push(`${t("Mål", "Mål", "Goal")}: ${goal}`);
    }
    if (definition.id === "absence_message") {
      const draft = choiceLine(definition, a, "draft", language, false);
      if (draft) summary.push(`${t("Fraværsmelding sendt", "Fråværsmelding sendt", "Absence message sent")}: ${draft}`);
    }
  }
  return summary;
}

export function toLogContent(definition: TemplateDefinition, answers: Answers, context: TemplateContext): LogContent {
  const language: TemplateLanguage = context.language === "nn" || context.language === "en" ? context.language : "nb";
  const t = translate(language);
  const a: Answers = answers !== null && typeof answers === "object" ? answers : {};

  const contactDate =
    date(a, "contact_date") ??
    date(a, "meeting_date") ??
    date(a, "talk_date") ??
    date(a, "mapping_date") ??
    date(a, "consent_date") ??
    context.today;

  // The trips' facts are the engine's bokmål with short dates; the log's text has the year, and a kindergarten's log
  // speaks of the kindergarten's days.
  const kindergarten = ladderProfile(context.ladderId).institution === "kindergarten";
  const trips = context.tripTexts
    .map((x) => withYears(x.trim(), context.today))
    .map((x) => (kindergarten ? toKindergartenWords("nb", x) : x))
    .filter(Boolean);
  const reasonForContact = truncate([definition.title.nb, ...trips].join(" – "), defaultMaxLength);

  // The guardians' categories; drafts begun before them may hold the årsakskartlegging's.
  const guardiansViewOfCause = answerIds(a.guardian_causes).filter(
    (id, i, all) => (guardianCauseCategoryIds.includes(id) || causeCategoryIds.includes(id)) && all.indexOf(id) === i,
  );
  const pupilViewOfCause = answerIds(a.pupil_causes).filter(
    (id, i, all) => causeCategoryIds.includes(id) && all.indexOf(id) === i,
  );
  const guardiansOwnWords = text(a, "guardians_view");
  const measures = measureRows(a.measures);

  // Further measures, or the date of the next meeting/contact.
  const further: string[] = [text(a, "further_measures")];
  if (definition.id === "phone_call") {
    const meeting = text(a, "meeting_needed");
    const when = date(a, "meeting_date");
    if (meeting === "yes")
      further.push(
        when
          ? t(
              `Møte avtalt ${textDate(when)}`,
              `Møte avtalt ${textDate(when)}`,
              `Meeting arranged for ${textDate(when)}`,
            )
          : t("Møte skal avtales", "Møte skal avtalast", "A meeting is to be arranged"),
      );
    if (meeting === "no")
      further.push(t("Ikke behov for møte nå", "Ikkje behov for møte no", "No meeting needed for now"));
    if (meeting !== "yes" && when) further.push(t(`Ny kontakt ${when}`, `Ny kontakt ${when}`, `Next contact ${when}`));
  }
  further.push(choiceLine(definition, a, "concern", language, false));
  further.push(text(a, "first_steps"));
  further.push(text(a, "next_steps"));
  const planB = text(a, "plan_b");
  if (planB) further.push(`${t("Plan B", "Plan B", "Plan B")}: ${planB}`);
  const planResponsible = text(a, "plan_responsible");
  if (planResponsible)
    further.push(
      `${t("Ansvarlig for planen", "Ansvarleg for planen", "Responsible for the plan")}: ${planResponsible}`,
    );
  further.push(choiceLine(definition, a, "follow_up", language, false));
  if (measures.length > 0) {
    const first = textDate(measures.map((m) => m.evaluationDate).sort()[0] as string);
    further.push(
      t(
        `${measures.length} tiltak avtalt, første evaluering ${first}`,
        `${measures.length} tiltak avtalt, første evaluering ${first}`,
        `${countOf(measures.length, "en", "measure", "measures")} agreed, first evaluation ${first}`,
      ),
    );
  }
  // The samtykkeerklæring's result is what it agrees to, not services to bring in.
  const consent = definition.id === "consent" ? consentFromAnswers(a, context.today) : null;
  if (consent) further.push(...consentLines(consent, language));
  const services = consent ? "" : labels(definition, a, "services", language);
  // A plan, not a fact: a service is brought in only under a samtykkeerklæring (bring-in.ts).
  if (services)
    further.push(
      `${t("Bør kobles på (med samtykkeerklæring)", "Bør koplast på (med samtykkeerklæring)", "To be involved (with a consent form)")}: ${services}`,
    );
  further.push(choiceLine(definition, a, "consent", language));
  further.push(choiceLine(definition, a, "reported_to_leadership", language));

  const nextContactDate =
    date(a, "next_contact_date") ??
    date(a, "next_meeting_date") ??
    date(a, "evaluation_date") ??
    (definition.id === "phone_call" ? date(a, "meeting_date") : null) ??
    (measures.length > 0 ? (measures.map((m) => m.evaluationDate).sort()[0] as string) : null);

  const summary = summaryParts(definition, a, language, kindergarten);

  const mainGoal = truncate(text(a, "main_goal"), defaultMaxLength);
  const stepAnswer = text(a, "assessed_step");
  const assessedStep = /^-?\d{1,3}$/.test(stepAnswer) ? Number(stepAnswer) : context.step;

  return {
    contactDate,
    reasonForContact,
    guardiansViewOfCause,
    ...(guardiansOwnWords ? { guardiansOwnWords } : {}),
    ...(pupilViewOfCause.length > 0 ? { pupilViewOfCause } : {}),
    furtherMeasures: join(further, 1000),
    nextContactDate,
    summary: join(summary, 1000),
    measures,
    assessedStep,
    ...(consent ? { consent } : {}),
    ...(mainGoal ? { mainGoal } : {}),
  };
}
