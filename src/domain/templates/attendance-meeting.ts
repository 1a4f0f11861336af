import { countOf } from "../../i18n/plural";
import { causeChoicesFor } from "./causes";
import {
  L,
  choice,
  choiceField,
  dateField,
  measureAreas,
  measuresField,
  multiChoiceField,
  noHealthDetails,
  seed,
  textField,
  stepChoices,
} from "./common";
import type { LadderProfile } from "../routines/types";
import type { Localized, TemplateChoice, TemplateDefinition, TemplateField, TemplateStep } from "./types";

/**
 * «Nærværsmøte» (002 §2.5, with the samarbeidsavtale of 002 §2.6 and 003) for Molde; Lillestrøm's
 * «Kartleggingssamtale med foresatte (og elev om det er best)» (001) with its tiltaksplan; and a common
 * form built on 002 §2.5 for the other ladders (Ørland's tiltaksplan, 000 Vedlegg; Tynset's
 * samarbeidsavtale, 004 pkt. 4).
 *
 * The four areas are steps of their own with ids area_skole, area_fritid, area_elev, area_hjem, in the
 * seed's order: 002 §2.5 pkt. 4 a–d puts school first and home last («vi skal alltid se på oss selv
 * først … at foreldre ikke skal oppleve at skolen angriper dem»); 001 asks skole, hjem, fritid, elev.
 */

const molde = `${seed.molde} §2.5`;
export const agreementSource = `${seed.molde} §2.6; ${seed.cards} «Samarbeidsavtale mellom foresatte og skole»`;

type AreaId = "skole" | "fritid" | "elev" | "hjem";

// ── Shared fields ───────────────────────────────────────────────────────────────────────────────

export const meetingDate = dateField("meeting_date", L("Dato for møtet", "Dato for møtet", "Date of the meeting"), {
  required: true,
});

export const participants = multiChoiceField(
  "participants",
  L("Hvem er med på møtet?", "Kven er med på møtet?", "Who takes part in the meeting?"),
  [
    choice("pupil", "Eleven", "Eleven", "The pupil"),
    choice("guardians", "Foresatte", "Føresette", "Guardians"),
    choice("contact_teacher", "Kontaktlærer", "Kontaktlærar", "Contact teacher"),
    choice("leadership", "Noen fra ledelsen", "Nokon frå leiinga", "Someone from the school leadership"),
    choice(
      "coordinator",
      "Tiltaksleder / nærværskoordinator",
      "Tiltaksleiar / nærværskoordinator",
      "Absence coordinator (tiltaksleder)",
    ),
    choice(
      "school_health",
      "Helsesykepleier / skolehelsetjenesten",
      "Helsesjukepleiar / skulehelsetenesta",
      "School nurse / school health service",
    ),
    choice("ppt", "PPT / PPA", "PPT / PPA", "Educational-psychological service (PPT/PPA)"),
    choice("outreach", "Los", "Los", "Outreach worker (los)"),
    choice("other", "Andre", "Andre", "Others"),
  ],
  { hint: L("Roller, ikke navn.", "Roller, ikkje namn.", "Roles, not names.") },
);

export const pupilPresent = choiceField(
  "pupil_present",
  L("Er eleven med?", "Er eleven med?", "Does the pupil take part?"),
  [
    choice("whole", "Hele møtet", "Heile møtet", "The whole meeting"),
    choice("start", "Bare starten", "Berre starten", "Only the start"),
    choice(
      "separately",
      "Snakker med eleven hver for seg",
      "Snakkar med eleven kvar for seg",
      "We talk with the pupil separately",
    ),
    choice("no", "Nei", "Nei", "No"),
  ],
);

export const summary = textField(
  "summary",
  L(
    "Oppsummer punktvis det dere har kommet fram til",
    "Oppsummer punktvis det de har kome fram til",
    "Summarise, point by point, what you have arrived at",
  ),
  {
    required: true,
    hint: noHealthDetails,
  },
);

export const services = multiChoiceField(
  "services",
  L("Skal andre kobles på?", "Skal andre koplast på?", "Should others be involved?"),
  [
    choice("school_nurse", "Helsesykepleier", "Helsesjukepleiar", "School nurse"),
    choice("family_counsellor", "Familieveileder", "Familierettleiar", "Family counsellor"),
    choice(
      "ergo_physio",
      "Ergo- eller fysioterapitjenesten",
      "Ergo- eller fysioterapitenesta",
      "Occupational or physiotherapy service",
    ),
    choice("ppt", "PPT / PPA", "PPT / PPA", "Educational-psychological service (PPT/PPA)"),
    choice("other", "Andre instanser", "Andre instansar", "Other services"),
  ],
  {
    hint: L(
      "Noen kobles på først når samtykkeerklæringen er fylt ut: start den med knappen under.",
      "Nokon blir kopla på først når samtykkeerklæringa er fylt ut: start ho med knappen under.",
      "Someone is brought in only once the consent form (samtykkeerklæring) is filled in: start it with the button below.",
    ),
  },
);

export function measures(hint: Localized): TemplateField {
  return measuresField("measures", L("Tiltak (delmål)", "Tiltak (delmål)", "Measures (sub-goals)"), measureAreas, {
    required: true,
    hint,
  });
}

export function assessedStep(profile: LadderProfile): TemplateField {
  const w = profile.stepWord;
  return choiceField(
    "assessed_step",
    L(
      `Hvilket ${w.nb.toLowerCase()} i tiltakstrappa vurderer dere at eleven er på?`,
      `Kva ${w.nn.toLowerCase()} i tiltakstrappa vurderer de at eleven er på?`,
      `Which ${w.en.toLowerCase()} of the ladder (tiltakstrapp) do you judge the pupil to be on?`,
    ),
    stepChoices(profile),
    { required: true },
  );
}

export const nextMeeting = dateField(
  "next_meeting_date",
  L("Dato for evalueringsmøte", "Dato for evalueringsmøte", "Date of the evaluation meeting"),
  { required: true },
);

export function agreementFields(extra: readonly TemplateField[] = []): TemplateField[] {
  return [
    textField(
      "status",
      L(
        "Status (hvordan er situasjonen i dag)",
        "Status (korleis er situasjonen i dag)",
        "Status (what the situation is today)",
      ),
      {
        required: true,
        hint: noHealthDetails,
      },
    ),
    textField("main_goal", L("Hovedmål", "Hovudmål", "Main goal"), {
      required: true,
      hint: L(
        "I de aller fleste tilfeller er hovedmålet elevens oppmøte på skolen i alle timer og dager.",
        "I dei aller fleste tilfella er hovudmålet at eleven møter på skulen i alle timar og dagar.",
        "In most cases the main goal is the pupil's attendance at school in all lessons and days.",
      ),
    }),
    ...extra,
    planB,
  ];
}

export const planB = textField("plan_b", L("Plan B", "Plan B", "Plan B"), { hint: noHealthDetails });

export const agreementGuidance: readonly Localized[] = [
  L(
    "En samarbeidsavtale skal lages sammen med eleven og foreldre.",
    "Ein samarbeidsavtale skal lagast saman med eleven og foreldra.",
    "A cooperation agreement (samarbeidsavtale) is made together with the pupil and the parents.",
  ),
  L(
    "Formålet er å utarbeide tiltak sammen slik at elevens skolefravær reduseres. Tiltakene dere har avtalt, er delmålene i avtalen (delmål, tiltak, ansvar, frist).",
    "Føremålet er å utarbeide tiltak saman slik at skulefråværet til eleven blir redusert. Tiltaka de har avtalt, er delmåla i avtalen (delmål, tiltak, ansvar, frist).",
    "The purpose is to work out measures together so the pupil's absence goes down. The measures you agreed are the sub-goals of the agreement (sub-goal, measure, responsible, deadline).",
  ),
  L(
    "Ikke bare unngå det som er vanskelig: øv på det i små steg, med mål om at eleven skal klare det som er utfordrende i dag.",
    "Ikkje berre unngå det som er vanskeleg: øv på det i små steg, med mål om at eleven skal klare det som er utfordrande i dag.",
    "Do not just avoid what is hard: practise it in small steps, aiming for the pupil to manage what is challenging today.",
  ),
];

// ── Areas ───────────────────────────────────────────────────────────────────────────────────────

interface AreaSpec {
  title: Localized;
  question: Localized;
  topics: readonly TemplateChoice[];
  guidance?: readonly Localized[];
  extra?: readonly TemplateField[];
  source: string;
}

export function areaStep(area: AreaId, spec: AreaSpec): TemplateStep {
  return {
    id: `area_${area}`,
    title: spec.title,
    guidance: [spec.question, ...(spec.guidance ?? [])],
    fields: [
      // The areas are read into «Oppsummer punktvis» (prefill.ts), which is what the log keeps.
      multiChoiceField(`${area}_topics`, L("Hva er aktuelt?", "Kva er aktuelt?", "What is relevant?"), spec.topics, {
        workingNote: true,
      }),
      ...(spec.extra ?? []),
      textField(
        `${area}_notes`,
        L("Kort om det dere kom fram til", "Kort om det de kom fram til", "Briefly, what you found"),
        { hint: noHealthDetails, workingNote: true },
      ),
    ],
    source: spec.source,
  };
}

const schoolFirst = L(
  "Vi ser alltid på oss selv først, så foreldre ikke opplever at skolen angriper dem eller tenker at problemet ligger i hjemmet.",
  "Vi ser alltid på oss sjølve først, så foreldra ikkje opplever at skulen går til åtak på dei eller tenkjer at problemet ligg i heimen.",
  "We always look at ourselves first, so the parents do not feel attacked by the school or that it thinks the problem lies at home.",
);

export const pupilCauses = (profile: LadderProfile): TemplateField =>
  multiChoiceField(
    "pupil_causes",
    L(
      "Hva mener eleven kan forklare fraværet? (årsakskartlegging)",
      "Kva meiner eleven kan forklare fråværet? (årsakskartlegging)",
      "What does the pupil think explains the absence? (cause mapping)",
    ),
    causeChoicesFor(profile.institution),
  );

export const topic = {
  relations: choice("relations", "Relasjoner", "Relasjonar", "Relationships"),
  situations: choice("situations", "Situasjoner", "Situasjonar", "Situations"),
  structure: choice("structure", "Struktur og rutiner", "Struktur og rutinar", "Structure and routines"),
  demands: choice("demands", "Krav", "Krav", "Demands"),
  learningEnvironment: choice("learning_environment", "Læringsmiljø", "Læringsmiljø", "Learning environment"),
  mastery: choice("mastery", "Mestring", "Meistring", "Mastery"),
  activities: choice("activities", "Aktiviteter", "Aktivitetar", "Activities"),
  network: choice("network", "Nettverk", "Nettverk", "Network"),
  events: choice("events", "Hendelser", "Hendingar", "Events"),
  illness: choice("illness", "Sykdom", "Sjukdom", "Illness"),
  wellbeing: choice("wellbeing", "Trivsel", "Trivsel", "Well-being"),
  vulnerabilities: choice("vulnerabilities", "Sårbarheter", "Sårbarheiter", "Vulnerabilities"),
  strengths: choice("strengths", "Styrker og ressurser", "Styrkar og ressursar", "Strengths and resources"),
  interests: choice("interests", "Interesser", "Interesser", "Interests"),
  routines: choice("routines", "Rutiner", "Rutinar", "Routines"),
  familyDynamics: choice("family_dynamics", "Familiedynamikk", "Familiedynamikk", "Family dynamics"),
  familyChanges: choice(
    "family_changes",
    "Endringer i familiesituasjonen",
    "Endringar i familiesituasjonen",
    "Changes in the family situation",
  ),
  trust: choice("trust", "Tillit og holdninger", "Tillit og haldningar", "Trust and attitudes"),
  academic: choice("academic", "Skolefaglige utfordringer", "Skulefaglege utfordringar", "Academic challenges"),
};

function moldeAreas(source: string, profile: LadderProfile): TemplateStep[] {
  return [
    areaStep("skole", {
      title: L("Skole/SFO", "Skule/SFO", "School/after-school programme"),
      question: L(
        "Er det noe på skolen som kan forklare fraværet? (relasjoner, situasjoner, strukturer, krav ol.)",
        "Er det noko på skulen som kan forklare fråværet? (relasjonar, situasjonar, strukturar, krav o.l.)",
        "Is there anything at school that may explain the absence? (relationships, situations, structures, demands etc.)",
      ),
      topics: [
        topic.relations,
        topic.situations,
        topic.learningEnvironment,
        topic.structure,
        topic.demands,
        topic.mastery,
      ],
      guidance: [schoolFirst],
      source: `${source} pkt. 4a og «Støttepunkt til nærværsmøtet»`,
    }),
    areaStep("fritid", {
      title: L("Fritid", "Fritid", "Leisure time"),
      question: L(
        "Er det noe på fritiden som kan forklare fraværet? (relasjoner, situasjoner, aktiviteter ol.)",
        "Er det noko på fritida som kan forklare fråværet? (relasjonar, situasjonar, aktivitetar o.l.)",
        "Is there anything in leisure time that may explain the absence? (relationships, situations, activities etc.)",
      ),
      topics: [topic.relations, topic.situations, topic.activities, topic.network],
      source: `${source} pkt. 4b`,
    }),
    areaStep("elev", {
      title: L("Elev", "Elev", "Pupil"),
      question: L(
        "Kan eleven tenke seg til hva som kan forklare fraværet? (sykdom, trivsel, relasjoner, sårbarheter ol.)",
        "Kan eleven tenkje seg til kva som kan forklare fråværet? (sjukdom, trivsel, relasjonar, sårbarheiter o.l.)",
        "Can the pupil think of what may explain the absence? (illness, well-being, relationships, vulnerabilities etc.)",
      ),
      topics: [
        topic.illness,
        topic.wellbeing,
        topic.relations,
        topic.vulnerabilities,
        topic.strengths,
        topic.interests,
      ],
      extra: [pupilCauses(profile)],
      source: `${source} pkt. 4c; ${seed.cards} «Årsakskartlegging»`,
    }),
    areaStep("hjem", {
      title: L("Hjem", "Heim", "Home"),
      question: L(
        "Er det noe hjemme som kan forklare fraværet? (relasjoner, rutiner ol.)",
        "Er det noko heime som kan forklare fråværet? (relasjonar, rutinar o.l.)",
        "Is there anything at home that may explain the absence? (relationships, routines etc.)",
      ),
      topics: [topic.relations, topic.routines, topic.familyDynamics, topic.trust],
      source: `${source} pkt. 4d`,
    }),
  ];
}

/**
 * 002 §2.5 pkt. 4 is one point: «Oppklar bekymring, og se på alle elevens områder» a–d, so the four areas are one step,
 * each field named by its area, in the seed's order.
 */
function oneStepOfAreas(areas: readonly TemplateStep[], source: string): TemplateStep {
  const named = (area: TemplateStep, field: TemplateField): TemplateField => ({
    ...field,
    label: L(
      `${area.title.nb}: ${field.label.nb}`,
      `${area.title.nn}: ${field.label.nn}`,
      `${area.title.en}: ${field.label.en}`,
    ),
  });
  return {
    id: "areas",
    title: L("Elevens områder", "Områda til eleven", "The pupil's areas"),
    guidance: [
      L(
        "Oppklar bekymring, og se på alle elevens områder:",
        "Oppklar bekymring, og sjå på alle områda til eleven:",
        "Clear up the concern, and look at all the pupil's areas:",
      ),
      ...areas.flatMap((area) => area.guidance),
    ],
    fields: areas.flatMap((area) => area.fields.map((field) => named(area, field))),
    source,
  };
}

// ── Molde and the common form (002 §2.5) ────────────────────────────────────────────────────────

/** Molde's own wording (002) and the routine's (RoutineTemplates.attendanceMeeting), read by the steps below. */
function commonMeetingTexts(profile: LadderProfile) {
  const isMolde = profile.variant === "molde";
  const base = isMolde ? molde : `${molde} (felles mal)`;
  const months = profile.evaluation.unit === "months";
  const n = profile.evaluation.amount;
  const period = months
    ? L(countOf(n, "nb", "måned", "måneder"), countOf(n, "nn", "månad", "månader"), countOf(n, "en", "month", "months"))
    : profile.evaluation.unit === "weeks"
      ? L(countOf(n, "nb", "uke", "uker"), countOf(n, "nn", "veke", "veker"), countOf(n, "en", "week", "weeks"))
      : L(
          countOf(n, "nb", "skoledag", "skoledager"),
          countOf(n, "nn", "skuledag", "skuledagar"),
          countOf(n, "en", "school day", "school days"),
        );

  const welcomeGuidance: Localized[] = [
    L(
      "I nærværsmøter skal eleven helst være med. Vurder om eleven skal være med på hele møtet, eller bare starten. Noen fra ledelsen kan være med på møtene, hvis det vurderes som hensiktsmessig.",
      "I nærværsmøte skal eleven helst vere med. Vurder om eleven skal vere med på heile møtet, eller berre starten. Nokon frå leiinga kan vere med på møta, om det blir vurdert som tenleg.",
      "The pupil should preferably take part in attendance meetings (nærværsmøte). Consider whether the pupil joins the whole meeting or only the start. Someone from the leadership may join if it is useful.",
    ),
    L(
      "Start møtet med å ønske velkommen, og takke de foresatte for at de kommer på møtet.",
      "Start møtet med å ønskje velkomen, og takk dei føresette for at dei kjem på møtet.",
      "Start the meeting by welcoming everyone and thanking the guardians for coming.",
    ),
  ];
  const measuresGuidance: Localized[] = [
    L(
      `I fellesskap beslutter dere hvilke tiltak som skal testes ut i ${period.nb}. Det er viktig å avklare hvem som har ansvar for hvilke tiltak.`,
      `I fellesskap avgjer de kva tiltak som skal testast ut i ${period.nn}. Det er viktig å avklare kven som har ansvar for kva tiltak.`,
      `Together you decide which measures to try for ${period.en}. It is important to settle who is responsible for which measure.`,
    ),
    L(
      "Vurder om helsesykepleier, familieveileder og ergo- eller fysioterapitjenesten skal kobles på. Andre tjenester kobles på etter samtykke fra elev og foresatte.",
      "Vurder om helsesjukepleiar, familierettleiar og ergo- eller fysioterapitenesta skal koplast på. Andre tenester blir kopla på etter samtykke frå elev og føresette.",
      "Consider involving the school nurse, a family counsellor and the occupational or physiotherapy service. Other services are involved only with consent (samtykke) from pupil and guardians.",
    ),
  ];

  const wording = profile.attendanceMeeting ?? {};
  const measuresHint =
    wording.measuresHint ??
    L(
      "Område, tiltak, hvem som har ansvar, og dato for evaluering.",
      "Område, tiltak, kven som har ansvar, og dato for evaluering.",
      "Area, measure, who is responsible, and evaluation date.",
    );
  const agreementExtra = wording.planFields ?? [];
  const agreementStepSource = `${wording.planSourcePrefix ?? ""}${agreementSource}`;

  return {
    isMolde,
    wording,
    base,
    months,
    period,
    welcomeGuidance,
    measuresGuidance,
    agreementExtra,
    agreementStepSource,
    measuresHint,
  };
}

function commonMeetingStepsFromWelcome(
  t: ReturnType<typeof commonMeetingTexts>,
  profile: LadderProfile,
): TemplateStep[] {
  const {
    isMolde,
    wording,
    base,
    period,
    welcomeGuidance,
    measuresGuidance,
    agreementExtra,
    agreementStepSource,
    measuresHint,
  } = t;
  const planTitle =
    wording.planTitle ?? L("Samarbeidsavtale", "Samarbeidsavtale", "Cooperation agreement (samarbeidsavtale)");
  return [
    {
      id: "welcome",
      title: L("Velkommen", "Velkomen", "Welcome"),
      guidance: welcomeGuidance,
      fields: [meetingDate, participants, pupilPresent],
      source: `${base} pkt. 1`,
    },
    {
      id: "purpose",
      title: L("Målet med møtet", "Målet med møtet", "The purpose of the meeting"),
      guidance: [
        L(
          "Målet med møtet er å få en forståelse for den helhetlige eleven. Med utgangspunkt i den helhetlige eleven skal man finne tiltak som kan øke skolenærværet.",
          "Målet med møtet er å få ei forståing av den heilskaplege eleven. Med utgangspunkt i den heilskaplege eleven skal ein finne tiltak som kan auke skulenærværet.",
          "The purpose of the meeting is to understand the whole pupil, and from there find measures that can increase attendance.",
        ),
      ],
      fields: [],
      source: `${base} pkt. 2`,
    },
    {
      id: "ladder",
      title: L("Tiltakstrappa", "Tiltakstrappa", "The ladder (tiltakstrapp)"),
      guidance: [
        L(
          "Ta utgangspunkt i tiltakstrappa. Her kan det være lurt å minne alle på at vi har et felles mål om at eleven skal oppleve trygghet og trivsel, som skal gjøre at eleven har lyst og er motivert for å komme på skolen.",
          "Ta utgangspunkt i tiltakstrappa. Her kan det vere lurt å minne alle på at vi har eit felles mål om at eleven skal oppleve tryggleik og trivsel, som skal gjere at eleven har lyst og er motivert for å kome på skulen.",
          "Start from the ladder (tiltakstrapp). It may help to remind everyone of the shared goal: that the pupil feels safe and happy, so the pupil wants to and is motivated to come to school.",
        ),
      ],
      fields: [assessedStep(profile)],
      showsLadder: true,
      source: `${base} pkt. 3`,
    },
    oneStepOfAreas(moldeAreas(base, profile), `${base} pkt. 4 a–d og «Støttepunkt til nærværsmøtet»`),
    {
      id: "summary",
      title: L("Oppsummering", "Oppsummering", "Summary"),
      guidance: [
        L(
          "Oppsummer punktvis det dere har kommet fram til.",
          "Oppsummer punktvis det de har kome fram til.",
          "Summarise, point by point, what you have arrived at.",
        ),
      ],
      fields: [summary],
      source: `${base} pkt. 5`,
    },
    {
      id: "measures",
      title: L("Tiltak", "Tiltak", "Measures"),
      guidance: measuresGuidance,
      fields: [measures(measuresHint), services],
      // Consent is recorded one way: the samtykkeerklæring (003), which is what lets a service be brought in.
      offers: ["consent"],
      source: `${base} pkt. 6; ${agreementStepSource}`,
    },
    {
      id: "document",
      // What is documented is the samarbeidsavtale (002 §2.6; Ørland's tiltaksplan): status, main goal, the measures
      // of step 6 as its sub-goals, plan B, and when it is evaluated.
      title: L(
        `Dokumenter – ${planTitle.nb.toLowerCase()}`,
        `Dokumenter – ${planTitle.nn.toLowerCase()}`,
        `Document – ${planTitle.en.toLowerCase()}`,
      ),
      guidance: [
        isMolde
          ? L(
              "Dokumenter i Visma Sikker sak – på elevlogg.",
              "Dokumenter i Visma Sikker sak – på elevlogg.",
              "Document in Visma Sikker sak – in the pupil log (elevlogg).",
            )
          : L(
              `Dokumenter møtet og tiltakene etter skolens rutine. Tiltakene evalueres etter ${period.nb}.`,
              `Dokumenter møtet og tiltaka etter rutinen til skulen. Tiltaka blir evaluerte etter ${period.nn}.`,
              `Document the meeting and the measures following the school's routine. The measures are evaluated after ${period.en}.`,
            ),
        ...agreementGuidance,
      ],
      fields: [...agreementFields(agreementExtra), nextMeeting],
      source: `${base} pkt. 7; ${agreementStepSource}; ${seed.molde} §2.8`,
    },
  ];
}

function moldeOrCommon(profile: LadderProfile): TemplateDefinition {
  const t = commonMeetingTexts(profile);
  const { isMolde } = t;
  const steps: TemplateStep[] = [...commonMeetingStepsFromWelcome(t, profile)];
  return {
    id: "attendance_meeting",
    // 2: the seed's seven points (the areas one step, the samarbeidsavtale with the measures).
    version: 2,
    title: t.wording.title ?? L("Nærværsmøte", "Nærværsmøte", "Attendance meeting (nærværsmøte)"),
    source: isMolde ? `${molde} «Mal for nærværsmøter»` : `${molde} «Mal for nærværsmøter» (felles mal)`,
    steps,
  };
}

export function attendanceMeetingTemplate(profile: LadderProfile): TemplateDefinition {
  return moldeOrCommon(profile);
}
