import { childSignsFromAge } from "../../consent";
import type { LadderDefinition } from "../../ladder";

/** Seed: Nordbyen skole, Molde — Nærværsløftet, §1.2 Fraværsprosedyre and §1.3 Tiltakstrappa (nivå 0–3). */
const seed = "002_de3d4e1d3d707c60.txt";

const contactTeacher = { role: "contact_teacher", title: "Kontaktlærer" } as const;
const leadership = { role: "principal", title: "Ledelsen" } as const;

export const moldeNordbyen = {
  formatVersion: 1,
  id: "molde-nordbyen",
  name: "Nordbyen skole, Molde – Nærværsløftet",
  municipality: "Molde",
  institution: "school",
  description:
    "Tiltakstrappa nivå 0–3 fra «Nærværsløftet». Kriteriene for bekymringsfullt skolefravær utløser nivå 0; høyere nivå nås etter vurdering. " +
    "«Iblant kan det være grunn til å være bekymret selv om ikke noen av disse kriteriene er oppfylt.» " +
    "OBS: Hvis utrygt skolemiljø avdekkes, må skolens lokale planer for dette tas i bruk.",
  source: `${seed} §1.2 «Fraværsprosedyre» og §1.3 «Tiltakstrappa»`,
  settings: {
    childSignsConsentFromAge: childSignsFromAge,
    highAbsenceWindow: {
      label:
        "Tidsrommet Visma-varselet «etter fem dagers fravær» gjelder for (rutinen oppgir det ikke; halvåret er valgt)",
      value: { type: "term" },
      options: [{ type: "term" }, { type: "school_year" }],
      source: `${seed} §1.3: «Etter fem dagers fravær, dokumentert eller ikke, kommer det et varsel om høyt fravær.»`,
    },
    daysInARow: {
      label:
        "Dager i strekk før melding hjem: «tre dager i strekk» / «Etter tre dagers fravær» (3) eller «går over tre dager» (over 3)",
      value: { atLeast: 3 },
      options: [{ atLeast: 3 }, { moreThan: 3 }],
      source: `${seed} §1.2 pkt. 6: «Hvis elever har fravær som går over tre dager i strekk» / «Etter tre dagers fravær»`,
    },
  },
  earlySigns: [
    // «Eksempel kan være når eleven har gitt utrykk for mistrivsel …»
    { id: "mistrivsel", label: "Eleven har gitt uttrykk for mistrivsel", source: `${seed} §1.3 «OBS!»` },
    // «… eller at foreldrene strever med å få barnet på skolen.»
    {
      id: "vanskelig-a-fa-pa-skolen",
      label: "Foreldrene strever med å få barnet på skolen",
      source: `${seed} §1.3 «OBS!»`,
    },
  ],
  steps: [
    {
      number: 0,
      name: "Oppdage og utforske",
      holders: [contactTeacher],
      actions: [
        "Ta kontakt med foresatte – samme dag.",
        "Gjennomfør undringssamtale med elev dersom det er behov for det.",
        "Oppklar bekymring.",
        "Dokumenter i fraværslogg i Visma Sikker sak.",
      ],
      deadline: { type: "same_day" },
      // 002 §1.3 nivå 0 «Oppdage og utforske: Ta kontakt med foresatte – samme dag. Gjennomfør undringssamtale med elev
      // dersom det er behov for det.»; §1.2 pkt. 6–7 «melding via Visma eller ringes hjem» with the §2.3 draft.
      templates: ["phone_call", "wonder_talk_pupil", "absence_message"],
      source: `${seed} §1.3 nivå 0; §2.8 «Fraværslogg»`,
    },
    {
      number: 1,
      name: "Videre oppfølging",
      holders: [contactTeacher],
      actions: [
        "Tiltak settes i gang på skolen i samarbeid med eleven og foresatte.",
        "Planlegg og iverksett tiltak – evaluer etter 3 uker.",
        "Vurder nødvendigheten av et nærværsmøte.",
        "Helsesykepleier skal kontaktes ved behov.",
        "Dokumenter i elevlogg i Visma Sikker sak.",
      ],
      evaluateAfter: { unit: "weeks", amount: 3, label: "evaluer etter 3 uker" },
      // 002 §1.3 nivå 1 «Tiltak settes i gang på skolen i samarbeid med eleven og foresatte … Vurder nødvendigheten av et
      // nærværsmøte»; §2.2 «Ved neste evaluering kan man gjøre denne kartleggingen på nytt»; §2.4 pkt. 7 documents phone
      // calls on level ≥ 1 in the elevlogg, so calls happen here too. 003 undringssamtale with guardians.
      // 003 «Tverrfaglig samtykkeerklæring» where other services may be brought in (meeting or kartlegging).
      templates: ["attendance_meeting", "wonder_talk_guardians", "wonder_talk_pupil", "phone_call", "consent"],
      source: `${seed} §1.3 nivå 1; §2.8 «Elevlogg»`,
    },
    {
      number: 2,
      name: "Samarbeid med flere",
      holders: [contactTeacher, leadership],
      actions: [
        "Meld til ledelse – innen 1 uke.",
        "Kartlegg særskilt sårbarhet (kap. 2.7) hos eleven.",
        "Nærværsmøte.",
        "Planlegg og iverksett tiltak – evaluer etter 3 uker.",
        "Drøft hvilke instanser det evt. skal samarbeides med.",
      ],
      deadline: { type: "weeks", weeks: 1, label: "meld til ledelse innen 1 uke" },
      evaluateAfter: { unit: "weeks", amount: 3, label: "evaluer etter 3 uker" },
      // 002 §1.3 nivå 2 «Meld til ledelse – innen 1 uke. Kartlegg særskilt sårbarhet (kap. 2.7) hos eleven. Nærværsmøte.»
      // 003 «Tverrfaglig samtykkeerklæring» where other services may be brought in (meeting or kartlegging).
      templates: [
        "vulnerability_mapping",
        "attendance_meeting",
        "wonder_talk_guardians",
        "wonder_talk_pupil",
        "consent",
      ],
      source: `${seed} §1.3 nivå 2`,
    },
    {
      number: 3,
      name: "Langvarig koordinert samarbeid",
      // The seed names no holder for nivå 3; leadership is assumed since nivå 2 reports to it.
      holders: [leadership],
      actions: ["Tverrfaglig samarbeid med for eksempel PPT, BUP, ergo/fysio, psykisk helse – innen 3 uker."],
      deadline: { type: "weeks", weeks: 3 },
      // 002 §1.3 nivå 3 «Langvarig koordinert samarbeid»: the meetings go on with the services; measures and the
      // samarbeidsavtale (§2.5–2.6) are still agreed and evaluated there.
      // 003 «Tverrfaglig samtykkeerklæring» where other services may be brought in (meeting or kartlegging).
      templates: ["attendance_meeting", "consent"],
      source: `${seed} §1.3 nivå 3`,
    },
  ],
  rules: [
    {
      // «Når det kommer varsel om høyt fravær i Visma, og det ikke gjelder reise. … Etter fem dagers fravær, dokumentert eller ikke»
      id: "varsel-hoyt-fravaer",
      label:
        "Varsel om høyt fravær i Visma (etter fem dagers fravær, dokumentert eller ikke), og det gjelder ikke reise",
      step: 0,
      actions: ["Ring eller send en melding på Visma til foreldre (se mal i kap. 2.3 og 2.4)."],
      // Nivå 0's «Ta kontakt med foresatte – samme dag» asks the same.
      restatesStepActions: true,
      source: `${seed} §1.3 «Bekymringsfullt skolefravær er»; §1.2 pkt. 7; §2.3`,
      trigger: {
        type: "count",
        measure: "days",
        filter: { excludeReasons: ["travel"] },
        window: { setting: "highAbsenceWindow" },
        threshold: { atLeast: 5 },
      },
    },
    {
      // «Alt av udokumentert fravær.»
      id: "udokumentert-fravaer",
      label: "Udokumentert fravær",
      step: 0,
      source: `${seed} §1.3 «Bekymringsfullt skolefravær er»`,
      trigger: { type: "occurrence", kinds: ["day", "lesson"], filter: { documented: false } },
    },
    {
      // «Møter opp for sent mer enn tre ganger i måneden.»
      id: "for-sent-mer-enn-3-i-maneden",
      label: "Møter opp for sent mer enn tre ganger i måneden",
      step: 0,
      source: `${seed} §1.3 «Bekymringsfullt skolefravær er»`,
      trigger: { type: "count", measure: "late", window: { type: "calendar_month" }, threshold: { moreThan: 3 } },
    },
    {
      // «Møter opp på skolen, men kommer ikke inn i klasserommet eller forlater skolen igjen.»
      id: "ikke-i-klasserommet-eller-forlater",
      label: "Møter opp på skolen, men kommer ikke inn i klasserommet eller forlater skolen igjen",
      step: 0,
      source: `${seed} §1.3 «Bekymringsfullt skolefravær er»`,
      trigger: { type: "occurrence", kinds: ["not_in_class", "left"] },
    },
    {
      // «Iblant kan det være grunn til å være bekymret selv om ikke noen av disse kriteriene er oppfylt.»
      id: "obs-bekymring-uten-kriterier",
      label: "Bekymring uten at kriteriene er oppfylt (OBS!)",
      step: 0,
      source: `${seed} §1.3 «OBS!»`,
      trigger: { type: "early_sign" },
    },
    {
      // «Hvis elever har fravær som går over tre dager i strekk, skal det sendes en melding via Visma eller ringes hjem»
      id: "dager-i-strekk",
      label: "Fravær tre dager i strekk som ikke er avklart (f.eks. reise)",
      holders: [contactTeacher],
      actions: ["Send en melding via Visma eller ring hjem."],
      // Nivå 0's «Ta kontakt med foresatte – samme dag» asks the same.
      restatesStepActions: true,
      deadline: { type: "same_day", label: "etter tre dagers fravær" },
      source: `${seed} §1.2 pkt. 6`,
      trigger: {
        type: "consecutive_days",
        filter: { excludeAgreed: true, excludeReasons: ["travel"] },
        length: { setting: "daysInARow" },
      },
    },
    {
      // «Hvis det registreres fravær i Visma med fraværskoden «Annet …», og foreldre ikke spesifiserer, skal årsak til fravær etterspørres»
      id: "arsak-annet",
      label: "Fravær registrert med fraværskoden «Annet»",
      holders: [contactTeacher],
      actions: ["Hvis foreldre ikke har spesifisert årsaken, etterspør årsak til fraværet."],
      deadline: { type: "same_day", label: "samme dag som fraværet blir registrert" },
      source: `${seed} §1.2 pkt. 5`,
      trigger: { type: "occurrence", kinds: ["day", "lesson"], filter: { reasons: ["other"] } },
    },
    {
      // «Få oversikt over elever med 10 dager fravær eller mer ved 1.termin, og årsak» (årshjul, januar)
      id: "oversikt-10-dager-1-termin",
      label: "10 dager fravær eller mer ved 1. termin",
      holders: [leadership],
      actions: [
        "Ta eleven med i oversikten over elever med 10 dager fravær eller mer ved 1. termin, med årsak (årshjul, januar).",
      ],
      source: `${seed} DEL III årshjul «Jan»`,
      trigger: { type: "count", measure: "days", window: { type: "term", only: 1 }, threshold: { atLeast: 10 } },
    },
  ],
} satisfies LadderDefinition;
