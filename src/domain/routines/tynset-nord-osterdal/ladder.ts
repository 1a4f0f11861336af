import { childSignsFromAge } from "../../consent";
import type { LadderDefinition } from "../../ladder";

/** Seed: Tynset / Nord-Østerdal — Handlingsplan ved bekymringsfullt skolefravær (2022). */
const seed = "004_4daef63bed6edc9b.txt";
const followUp = `${seed} «Fravær» – «Oppfølging av bekymringsfullt fravær»`;
const recording = `${seed} «Fravær» – «Føring av fravær»`;
const earlySignsSection = `${seed} «Tidlige tegn på bekymringsfullt skolefravær»`;
const order = `${seed} «Praktisk handlingsrekkefølge - kartlegging og tiltak»`;

const contactTeacher = { role: "contact_teacher", title: "Kontaktlærer" } as const;
const principal = { role: "principal", title: "Rektor" } as const;

export const tynsetNordOsterdal = {
  formatVersion: 1,
  id: "tynset-nord-osterdal",
  name: "Tynset / Nord-Østerdal – handlingsplan ved bekymringsfullt skolefravær",
  municipality: "Tynset",
  institution: "school",
  description:
    "«Praktisk handlingsrekkefølge» 1)–4) som trinn 1–4. Bekymringsfullt fravær eller identifiserte tidlige tegn starter trinn 1; " +
    "videre trinn følger etter samtale med foresatte og fagmøte. Skolens ledelse gjennomgår fravær minst en gang pr. mnd. Foresatte melder fravær i Min skole app.",
  source: `${seed} «Handlingsplan ved bekymringsfullt skolefravær»`,
  settings: {
    childSignsConsentFromAge: childSignsFromAge,
    singleDays: {
      label:
        "«Mer enn tre enkeltdager per måned»: bare enkeltstående dager (single_days) eller alle fraværsdager (all_days)",
      value: "single_days",
      options: ["single_days", "all_days"],
      source: `${followUp}: «Mer enn tre enkeltdager per måned»`,
    },
    repeatedInvalidLessons: {
      label: "Hva «gjentatt ugyldig fravær» fra enkelttimer betyr (antall dager med ugyldig timefravær i en måned)",
      value: { atLeast: 2 },
      options: [{ atLeast: 2 }, { atLeast: 3 }],
      source: `${followUp}: «Ved gjentatt ugyldig fravær innkaller skolen til møte med elev og foresatte.»`,
    },
  },
  earlySigns: [
    // «❖ Eleven kommer ofte for sent.»
    { id: "ofte-for-sent", label: "Eleven kommer ofte for sent.", source: earlySignsSection },
    // «❖ Sporadisk fravær.»
    { id: "sporadisk-fravaer", label: "Sporadisk fravær.", source: earlySignsSection },
    // «❖ Gjentatte episoder der eleven forsøker å unngå enkelte fag, situasjoner eller aktiviteter.»
    {
      id: "unngar-fag-eller-aktiviteter",
      label: "Gjentatte episoder der eleven forsøker å unngå enkelte fag, situasjoner eller aktiviteter.",
      source: earlySignsSection,
    },
    // «❖ Ønsker å ringe hjem i skoletiden eller ønsker å gå hjem i løpet av dagen.»
    {
      id: "vil-ringe-eller-ga-hjem",
      label: "Ønsker å ringe hjem i skoletiden eller ønsker å gå hjem i løpet av dagen.",
      source: earlySignsSection,
    },
    // «❖ Foresatte tar kontakt med skolen fordi eleven gir uttrykk for å ikke ville gå på skolen.»
    {
      id: "vil-ikke-ga-pa-skolen",
      label: "Foresatte tar kontakt med skolen fordi eleven gir uttrykk for å ikke ville gå på skolen.",
      source: earlySignsSection,
    },
    // «❖ Foresatte blir værende lenge i overleveringssituasjoner …»
    {
      id: "lang-overlevering",
      label:
        "Foresatte blir værende lenge i overleveringssituasjoner eller vil være med inn i klasserommet/SFO utover det som er ordinær rutine.",
      source: earlySignsSection,
    },
    // «❖ Foresatte ringer eleven i skoletiden gjentatte ganger for å sjekke at eleven har det bra.»
    {
      id: "foresatte-ringer-eleven",
      label: "Foresatte ringer eleven i skoletiden gjentatte ganger for å sjekke at eleven har det bra.",
      source: earlySignsSection,
    },
    // «❖ Diffuse kroppslige plager (vondt i magen/vondt i hodet etc).»
    {
      id: "diffuse-kroppslige-plager",
      label: "Diffuse kroppslige plager (vondt i magen/vondt i hodet etc).",
      source: earlySignsSection,
    },
    // «❖ Lav terskel for sykdom/somatisering.»
    { id: "lav-terskel-for-sykdom", label: "Lav terskel for sykdom/somatisering.", source: earlySignsSection },
  ],
  steps: [
    {
      number: 1,
      name: "Oversikt over situasjonen",
      holders: [contactTeacher, principal],
      actions: [
        "Kontaktlærer og rektor lager en oversikt over situasjonen med utgangspunkt i vedlegg 1 a og b, gjerne gjennom samtale med eleven.",
      ],
      // 004 «Praktisk handlingsrekkefølge» 1) «kontaktlærer og rektor lager en oversikt over situasjonen … gjerne gjennom
      // samtale med eleven»; «Fravær»: «Dersom foresatte ikke tar kontakt, skal kontaktlærer ringe for å avklare fraværet.»
      templates: ["phone_call", "wonder_talk_pupil"],
      source: `${order} 1)`,
    },
    {
      number: 2,
      name: "Kontakt med foresatte og samtykke",
      holders: [contactTeacher],
      actions: [
        "Kontaktlærer tar kontakt med foresatte og får innspill fra dem vedrørende deres opplevelse av situasjonen (vedlegg 1 c).",
        "Be om samtykke til drøfting i aktuelle tverrfaglige team.",
      ],
      // 004 2) «Kontaktlærer tar kontakt med foresatte og får innspill fra dem … Ber om samtykke til drøfting i aktuelle
      // tverrfaglige team.»
      templates: ["phone_call", "wonder_talk_guardians", "consent"],
      source: `${order} 2)`,
    },
    {
      number: 3,
      name: "Fagmøte i tverrfaglig team",
      holders: [principal],
      actions: [
        "Rektor innkaller til fagmøte i et tverrfaglig team innen én uke etter samtale med foresatte.",
        "Drøft mulige tiltak og hvilke øvrige instanser utover PPT som kan være aktuelle å koble på, og forbered møte med elev og foresatte.",
        "Vurderingsskjema for skolevegring (vedlegg 2 a, b, c) og IVAS kan brukes.",
      ],
      deadline: { type: "weeks", weeks: 1, label: "innen én uke etter samtale med foresatte" },
      // 004 3) fagmøte i tverrfaglig team: «Vurderingsskjema for skolevegring … kan brukes» – the 002 §2.7 checklist
      // prepares the same discussion.
      // 003 «Tverrfaglig samtykkeerklæring» where other services may be brought in (meeting or kartlegging).
      templates: ["vulnerability_mapping", "consent"],
      source: `${order} 3)`,
    },
    {
      number: 4,
      name: "Møte med foresatte, elev og aktuelle instanser",
      holders: [{ ...principal, title: "Rektor (teamet avgjør hvem som har hovedansvaret)" }],
      actions: [
        "Foresatte og elev innkalles sammen med aktuelle instanser innen 2–5 dager etter fagmøtet.",
        "Teamet avgjør hvem som har hovedansvaret, og avklarer mandat og ansvarsområde.",
        "Samarbeidsavtale skrives og følges opp/evalueres, og lagres i elevmappa.",
      ],
      // «Innen 2-5 dager»: the latest end of the span is the deadline.
      deadline: { type: "calendar_days", days: 5, label: "innen 2–5 dager etter fagmøtet" },
      // 004 4) «Innen 2-5 dager etter fagmøtet innkalles foresatte og elev sammen med aktuelle instanser … Samarbeidsavtale
      // skrives og følges opp/evalueres».
      // 003 «Tverrfaglig samtykkeerklæring» where other services may be brought in (meeting or kartlegging).
      templates: ["attendance_meeting", "consent"],
      source: `${order} 4)`,
    },
  ],
  rules: [
    {
      // «Mer enn tre enkeltdager per måned: Årsaken til fraværet undersøkes av kontaktlærer.»
      id: "mer-enn-3-enkeltdager-per-maned",
      label: "Mer enn tre enkeltdager per måned",
      step: 1,
      actions: ["Årsaken til fraværet undersøkes av kontaktlærer."],
      enabledWhen: { setting: "singleDays", equals: "single_days" },
      source: `${followUp} (enkeltdager lest som enkeltstående dager, se innstillingen singleDays)`,
      trigger: {
        type: "count",
        measure: "days",
        filter: { maxRunLength: 1 },
        window: { type: "calendar_month" },
        threshold: { moreThan: 3 },
      },
    },
    {
      // «Mer enn tre enkeltdager per måned» read as any absence days
      id: "mer-enn-3-dager-per-maned",
      label: "Mer enn tre fraværsdager per måned",
      step: 1,
      actions: ["Årsaken til fraværet undersøkes av kontaktlærer."],
      enabledWhen: { setting: "singleDays", equals: "all_days" },
      source: `${followUp} (alternativ lesning: alle fraværsdager)`,
      trigger: { type: "count", measure: "days", window: { type: "calendar_month" }, threshold: { moreThan: 3 } },
    },
    {
      // «Ved gjentatt ugyldig fravær innkaller skolen til møte med elev og foresatte.»
      id: "gjentatt-ugyldig-timefravaer",
      label: "Gjentatt ugyldig fravær fra enkelttimer",
      step: 1,
      actions: ["Skolen innkaller til møte med elev og foresatte."],
      source: followUp,
      trigger: {
        type: "count",
        measure: "lesson_days",
        filter: { documented: false },
        window: { type: "calendar_month" },
        threshold: { setting: "repeatedInvalidLessons" },
      },
    },
    {
      // «Ved bekymringsfullt skolefravær, og/eller identifiserte tidlige tegn, lager kontaktlærer og rektor en oversikt»
      id: "tidlige-tegn",
      label: "Identifiserte tidlige tegn på bekymringsfullt skolefravær",
      step: 1,
      source: `${earlySignsSection}; ${order} 1)`,
      trigger: { type: "early_sign" },
    },
    {
      // «Ugyldig fravær fra enkelttimer: Foresatte informeres.»
      id: "ugyldig-timefravaer",
      label: "Ugyldig fravær fra enkelttimer",
      holders: [contactTeacher],
      actions: ["Foresatte informeres."],
      source: followUp,
      trigger: { type: "occurrence", kinds: ["lesson"], filter: { documented: false } },
    },
    {
      // «Om fraværet strekker seg over mer enn 3 dager, skal foresatte ringe … Dersom foresatte ikke tar kontakt, skal kontaktlærer ringe»
      id: "fravaer-over-3-dager",
      label: "Fraværet strekker seg over mer enn 3 dager",
      holders: [contactTeacher],
      actions: [
        "Har ikke foresatte ringt kontaktlærer/skolen, skal kontaktlærer ringe for å avklare fraværet.",
        "Når skolefraværet begrunnes med sykdom, utenom vanlige forkjølelser, omgangssyke etc., bes foresatte kontakte lege.",
      ],
      source: `${recording}; ${followUp}`,
      trigger: { type: "consecutive_days", length: { moreThan: 3 } },
    },
  ],
} satisfies LadderDefinition;
