import { L, choice, choiceField, dateField, seed, type TemplateLanguage, toKindergartenWords } from "./common";
import type { LadderProfile } from "../routines/types";
import type { TemplateDefinition } from "./types";
import { monthName, parseIsoDate, toDateParts } from "../dates";

/**
 * «Fraværsmelding» (002 §2.3 «Forslag til mal fraværsmelding»): drafts of a message to the guardians,
 * for the teacher to adjust and send in the school's own messaging system. Nærvær does not send it.
 *
 * The seed's examples mention illness («Ser at det gjelder sykdom», «Er det andre grunner enn
 * (sykdom)»); the drafts leave that out unless every day is documented as illness (the guardians said
 * so themselves): then the short check-in is example 1's, «Fortsatt god bedring!». Otherwise a
 * message to guardians names the dates and asks, it states no reason and no health detail.
 */

const source = `${seed.molde} §2.3`;

export const absenceMessageDraftIds = ["check_in", "early_intervention", "ask_for_call"] as const;
export type AbsenceMessageDraftId = (typeof absenceMessageDraftIds)[number];

export function absenceMessageTemplate(profile: LadderProfile): TemplateDefinition {
  const system = profile.system || "skolens meldingssystem";
  const systemNn = profile.system || "meldingssystemet til skulen";
  const systemEn = profile.system || "the school's messaging system";
  return {
    id: "absence_message",
    version: 1,
    title: L("Fraværsmelding til foresatte", "Fråværsmelding til føresette", "Absence message to guardians"),
    source: `${source} «Forslag til mal fraværsmelding»`,
    steps: [
      {
        id: "prepare",
        title: L("Før du skriver", "Før du skriv", "Before you write"),
        guidance: [
          L(
            `Når det har kommet et varsel om høyt fravær, skal kontaktlærer ta kontakt med hjemmet. Før denne kontakten er det fint om du får snakket med eleven om trivsel.`,
            `Når det har kome eit varsel om høgt fråvær, skal kontaktlæraren ta kontakt med heimen. Før denne kontakten er det fint om du får snakka med eleven om trivsel.`,
            `When an alert about high absence has come, the contact teacher gets in touch with the home. Before that, it helps to talk with the pupil about how they are getting on.`,
          ),
        ],
        fields: [
          choiceField(
            "talked_with_pupil",
            L(
              "Har du snakket med eleven om trivsel?",
              "Har du snakka med eleven om trivsel?",
              "Have you talked with the pupil about well-being?",
            ),
            [choice("yes", "Ja", "Ja", "Yes"), choice("no", "Nei, ikke ennå", "Nei, ikkje enno", "Not yet")],
          ),
        ],
        source: `${source} (innledning)`,
      },
      {
        id: "draft",
        title: L("Velg og tilpass utkast", "Vel og tilpass utkast", "Pick and adjust a draft"),
        guidance: [
          L(
            `Dette er forslag til melding, men de må justeres så de passer til den faktiske situasjonen. Kopier teksten og send den i ${system}.`,
            `Dette er forslag til melding, men dei må justerast så dei passar til den faktiske situasjonen. Kopier teksten og send han i ${systemNn}.`,
            `These are suggested messages; adjust them to the actual situation. Copy the text and send it in ${systemEn}.`,
          ),
          L(
            "Skriv ikke om helse eller årsaker til fraværet i meldingen, utover at dager foresatte har meldt som sykdom er sykdom (eksempel 1: «god bedring»).",
            "Skriv ikkje om helse eller årsaker til fråværet i meldinga, utover at dagar føresette har meldt som sjukdom er sjukdom (eksempel 1: «god betring»).",
            "Do not write about health or reasons for the absence in the message, beyond days the guardians reported as illness being illness (example 1: «get well soon»).",
          ),
        ],
        fields: [
          choiceField(
            "draft",
            L("Utkast", "Utkast", "Draft"),
            [
              choice("check_in", "Kort sjekk", "Kort sjekk", "Short check-in"),
              choice(
                "early_intervention",
                "Tidlig innsats – hva tenker dere?",
                "Tidleg innsats – kva tenkjer de?",
                "Acting early – what do you think?",
              ),
              choice("ask_for_call", "Be om en samtale", "Be om ein samtale", "Ask for a call"),
            ],
            { required: true },
          ),
          dateField("contact_date", L("Sendt dato", "Sendt dato", "Date sent"), { required: true }),
        ],
        source: `${source} «Eksempel 1» og «Eksempel 2»`,
      },
    ],
  };
}

// ── Drafts ──────────────────────────────────────────────────────────────────────────────────────

export interface AbsenceMessageInput {
  pupilFirstName: string;
  /** The absence dates, YYYY-MM-DD. */
  dates: readonly string[];
  schoolName: string;
  teacherName: string;
  language: TemplateLanguage;
  /** A kindergarten's drafts speak of «barnehagen» and «pedagogisk leder» (000 Del 2); default school. */
  institution?: "school" | "kindergarten";
  /** Every day is documented as illness: example 1 of 002 §2.3 («Ser at det gjelder sykdom … god bedring»). */
  documentedIllness?: boolean;
  /** The municipality's name for its attendance work («Nærværsløftet»), as example 2 names it. */
  programme?: string;
}

export interface AbsenceMessageDraft {
  id: AbsenceMessageDraftId;
  title: string;
  text: string;
}

/** Names and the school from roster data: one line, no control characters, kept short. */
function clean(value: string, max: number): string {
  const flat = String(value ?? "")
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return flat.length > max ? flat.slice(0, max).trim() : flat;
}

function dayText(
  language: TemplateLanguage,
  day: number,
  month: number,
  year: number | null,
  withMonth: boolean,
): string {
  const m = monthName(month, language);
  const y = year === null ? "" : ` ${year}`;
  if (language === "en") return withMonth ? `${day} ${m}${y}` : String(day);
  return withMonth ? `${day}. ${m}${y}` : `${day}.`;
}

/**
 * Readable dates for guardians: consecutive calendar days become ranges («1.–3. september»,
 * «29. september–2. oktober»), the year only when the dates span more than one year.
 */
export function formatAbsenceDates(dates: readonly string[], language: TemplateLanguage): string {
  const days = [...new Set(dates.map((d) => parseIsoDate(d)))].sort((a, b) => a - b);
  if (days.length === 0) throw new RangeError("No absence dates");
  const years = new Set(days.map((d) => toDateParts(d).year));
  const showYear = years.size > 1;
  const ranges: [number, number][] = [];
  for (const d of days) {
    const last = ranges[ranges.length - 1];
    if (last && d === last[1] + 1) last[1] = d;
    else ranges.push([d, d]);
  }
  const parts = ranges.map(([from, to]) => {
    const a = toDateParts(from);
    const b = toDateParts(to);
    if (from === to) return dayText(language, a.day, a.month, showYear ? a.year : null, true);
    const sameMonth = a.year === b.year && a.month === b.month;
    const start = dayText(language, a.day, a.month, showYear && a.year !== b.year ? a.year : null, !sameMonth);
    return `${start}–${dayText(language, b.day, b.month, showYear ? b.year : null, true)}`;
  });
  if (parts.length === 1) return parts[0] as string;
  const and = language === "en" ? "and" : "og";
  return `${parts.slice(0, -1).join(", ")} ${and} ${parts[parts.length - 1]}`;
}

function signature(
  language: TemplateLanguage,
  teacher: string,
  school: string,
  words: (text: string) => string,
): string {
  const greeting = language === "en" ? "Kind regards" : language === "nn" ? "Venleg helsing" : "Vennlig hilsen";
  const role = words(language === "en" ? "contact teacher" : language === "nn" ? "kontaktlærar" : "kontaktlærer");
  const who = teacher
    ? `${teacher}, ${role}`
    : words(language === "en" ? "Contact teacher" : language === "nn" ? "Kontaktlærar" : "Kontaktlærer");
  return [greeting, who, ...(school ? [school] : [])].join("\n");
}

/**
 * Drafts of the message to the guardians in the style of 002 §2.3, for the teacher to copy into the
 * school's messaging system. Dates only: no reason for the absence and no health details.
 * Throws RangeError when no date is given or a date is not YYYY-MM-DD.
 */
export function draftAbsenceMessages(input: AbsenceMessageInput): AbsenceMessageDraft[] {
  const language: TemplateLanguage = input.language === "nn" || input.language === "en" ? input.language : "nb";
  const realName = clean(input.pupilFirstName, 60) || (language === "en" ? "your child" : "barnet");
  const realDates = formatAbsenceDates(input.dates, language);
  // The texts are written with stand-ins for the name and the dates, so the kindergarten's words are
  // swapped in the routine's text only, never inside a name.
  const name = "\u0001N\u0001";
  const dates = "\u0001D\u0001";
  const kindergarten = input.institution === "kindergarten";
  const words = (text: string): string => (kindergarten ? toKindergartenWords(language, text) : text);
  const fill = (text: string): string => words(text).replaceAll(name, realName).replaceAll(dates, realDates);
  const sign = signature(language, clean(input.teacherName, 80), clean(input.schoolName, 100), words);
  const programme = clean(input.programme ?? "", 60);
  // Example 2: «Siden vi har nærværsløftet med fokus på tidlig innsats …»; without a name, the school's focus.
  const since = programme
    ? {
        nb: `Siden vi har ${programme} med fokus på tidlig innsats`,
        nn: `Sidan vi har ${programme} med fokus på tidleg innsats`,
        en: `Because we have ${programme}, with its focus on acting early`,
      }
    : {
        nb: "Siden skolen har fokus på tidlig innsats ved fravær",
        nn: "Sidan skulen har fokus på tidleg innsats ved fråvær",
        en: "Because the school focuses on acting early when pupils are absent",
      };
  // Example 1, where every day is documented illness: «Ser at det gjelder sykdom. Håper det går bra … god bedring!»
  const illness = input.documentedIllness === true;

  const texts: Record<TemplateLanguage, Record<AbsenceMessageDraftId, { title: string; body: string }>> = {
    nb: {
      check_in: {
        title: "Kort sjekk",
        body: illness
          ? `Hei! Jeg ser at ${name} har vært borte ${dates}, og at det gjelder sykdom. Håper det går bra, og at ${name} snart er tilbake. Vi er ikke bekymret for trivselen på skolen – stemmer dette med deres oppfatning også? Ikke nøl med å ta kontakt. Fortsatt god bedring!`
          : `Hei! Jeg ser at ${name} har vært borte ${dates}. Vi på skolen følger med på fravær for å kunne hjelpe tidlig, og derfor tar jeg kontakt. Hvordan opplever dere at ${name} trives på skolen for tiden? Ikke nøl med å ta kontakt.`,
      },
      early_intervention: {
        title: "Tidlig innsats – hva tenker dere?",
        body: `Hei! ${since.nb}, tar jeg kontakt med dere om fraværet til ${name} ${dates}. Jeg lurer på hva dere tenker om fraværet? Er det noe dere mener vi bør vite på skolen, vil vi gjerne høre det. Stemmer det med deres oppfatning at ${name} trives på skolen, eller er det noe dere vil snakke mer om?`,
      },
      ask_for_call: {
        title: "Be om en samtale",
        body: `Hei! Jeg ser at ${name} har vært borte ${dates}. Jeg vil gjerne ta en kort prat med dere om hvordan ${name} har det på skolen. Når passer det at jeg ringer?`,
      },
    },
    nn: {
      check_in: {
        title: "Kort sjekk",
        body: illness
          ? `Hei! Eg ser at ${name} har vore borte ${dates}, og at det gjeld sjukdom. Håpar det går bra, og at ${name} snart er tilbake. Vi er ikkje uroa for trivselen på skulen – stemmer dette med oppfatninga dykkar òg? Ikkje nøl med å ta kontakt. Framleis god betring!`
          : `Hei! Eg ser at ${name} har vore borte ${dates}. Vi på skulen følgjer med på fråvær for å kunne hjelpe tidleg, og difor tek eg kontakt. Korleis opplever de at ${name} trivst på skulen for tida? Ikkje nøl med å ta kontakt.`,
      },
      early_intervention: {
        title: "Tidleg innsats – kva tenkjer de?",
        body: `Hei! ${since.nn}, tek eg kontakt med dykk om fråværet til ${name} ${dates}. Eg lurer på kva de tenkjer om fråværet? Er det noko de meiner vi bør vite på skulen, vil vi gjerne høyre det. Stemmer det med oppfatninga dykkar at ${name} trivst på skulen, eller er det noko de vil snakke meir om?`,
      },
      ask_for_call: {
        title: "Be om ein samtale",
        body: `Hei! Eg ser at ${name} har vore borte ${dates}. Eg vil gjerne ta ein kort prat med dykk om korleis ${name} har det på skulen. Når passar det at eg ringjer?`,
      },
    },
    en: {
      check_in: {
        title: "Short check-in",
        body: illness
          ? `Hi! I see that ${name} has been absent on ${dates}, and that it is due to illness. I hope all is well and that ${name} is back soon. We are not worried about how ${name} is getting on at school – does that match your impression too? Please do not hesitate to get in touch. Get well soon!`
          : `Hi! I see that ${name} has been absent on ${dates}. At school we keep an eye on absence so we can help early, which is why I am getting in touch. How do you feel ${name} is getting on at school at the moment? Please do not hesitate to get in touch.`,
      },
      early_intervention: {
        title: "Acting early – what do you think?",
        body: `Hi! ${since.en}, I am contacting you about ${name}'s absence on ${dates}. What are your thoughts about the absence? If there is anything you think we should know at school, we would be glad to hear it. Does it match your impression that ${name} is happy at school, or is there something you would like to talk more about?`,
      },
      ask_for_call: {
        title: "Ask for a call",
        body: `Hi! I see that ${name} has been absent on ${dates}. I would like to have a short chat with you about how ${name} is getting on at school. When would be a good time for me to call?`,
      },
    },
  };
  return absenceMessageDraftIds.map((id) => {
    const t = texts[language][id];
    return { id, title: words(t.title), text: `${fill(t.body)}\n\n${sign}` };
  });
}
