import { childSignsFromAge } from "../../consent";
import type { LadderDefinition } from "../../ladder";

/** Seed: Ørland kommune — Rutinebeskrivelse ved bekymringsfullt fravær, Del 5 (skole). */
const seed = "000_64cd6640a564b2a9.txt";
const ladderSection = `${seed} Del 5 «Tiltakstrapp skole»`;
const dayCountWording =
  "dokumentert / udokumentert fravær, enten enkeltdager eller sammenhengende fravær (ikke sammenhengende sykdom eller avklart fravær)";

const contactTeacher = { role: "contact_teacher", title: "Kontaktlærer" } as const;
const coordinator = { role: "coordinator", title: "Tiltaksleder" } as const;
const teamLead = { role: "team_lead", title: "Teamleder" } as const;

// Day counts leave out agreed absence and a single continuous illness, exactly as each step says; illness spread
// over several periods counts (continuousIllnessReading).
const dayFilter = {
  excludeAgreed: true,
  excludeContinuousIllness: {
    minDays: { setting: "continuousIllnessMinDays" },
    reading: { setting: "continuousIllnessReading" },
  },
} as const;

export const orlandSkole = {
  formatVersion: 1,
  id: "orland-skole",
  name: "Ørland kommune – tiltakstrapp skole",
  municipality: "Ørland",
  institution: "school",
  description:
    "Tiltakstrapp skole (trinn 0–3) fra «Rutinebeskrivelse ved bekymringsfullt fravær». Dagtellingene gjelder " +
    `${dayCountWording}. Fravær registreres i Visma Flyt Skole; foresatte melder fravær via Transponder.`,
  source: `${seed} Del 5 «Rutinebeskrivelse ved bekymringsfullt fravær i skole»`,
  settings: {
    childSignsConsentFromAge: childSignsFromAge,
    dayCountWindow: {
      label: "Tidsrommet fraværsdagene telles i (rutinen oppgir ikke tidsrom; skoleåret er valgt)",
      value: { type: "school_year" },
      options: [{ type: "school_year" }, { type: "term" }],
      source: `${ladderSection} Trinn 0–2 (ingen periode oppgitt); «Rektor og tiltaksleder rapporterer til enhetsleder hvert halvår» (${seed} Del 5 «Kommunens rutine for oppfølgingsplikt»)`,
    },
    continuousIllnessMinDays: {
      label: "Antall skoledager på rad med sykdom som regnes som «sammenhengende sykdom»",
      value: 2,
      source: `${ladderSection} Trinn 0: «(ikke sammenhengende sykdom eller avklart fravær)»`,
    },
    continuousIllnessReading: {
      label:
        "Hvilken sammenhengende sykdom som holdes utenfor dagtellingene: bare én sammenhengende sykdom (sykefravær fordelt på flere perioder i skoleåret teller fullt), eller hver periode med sykdom",
      value: "single_period",
      options: ["single_period", "each_period"],
      source: `${seed} Del 5 «Hva er bekymringsfullt fravær?»: «Har mer enn 3 dager dokumenter / udokumentert sykefravær fordelt på flere perioder (ikke sammenhengende sykdom eller avklart fravær)»`,
    },
    repeatedThreshold: {
      label: "Hva «gjentatt» betyr for forsentkomming, gangvandring og fravær i enkeltfag (rutinen sier ikke et tall)",
      value: { atLeast: 3 },
      options: [{ atLeast: 2 }, { atLeast: 3 }, { atLeast: 4 }],
      source: `${ladderSection} Trinn 0: «Ved gjentatt gangvandring, forsentkomming og fravær i enkeltfag»`,
    },
    repeatedWindow: {
      label: "Tidsrommet «gjentatt» telles i",
      value: { type: "rolling_school_days", days: 20 },
      options: [{ type: "rolling_school_days", days: 20 }, { type: "calendar_month" }, { type: "term" }],
      source: `${seed} Del 2 «Fraværsrutiner i skolen»: «Kontaktlærer følger opp fraværet hos sine elever ukentlig»`,
    },
  },
  earlySigns: [
    // «Elever med gjentatt forsentkomming»
    {
      id: "gjentatt-forsentkomming",
      label: "Eleven kommer gjentatte ganger for sent",
      source: `${seed} Del 5 «Hva er bekymringsfullt fravær?»`,
    },
    // «Elever som er på skolen, men ikke i undervisningen»
    {
      id: "ikke-i-undervisningen",
      label: "Eleven er på skolen, men ikke i undervisningen (gangvandring)",
      source: `${seed} Del 5 «Hva er bekymringsfullt fravær?»`,
    },
    // «Repeterende fravær / tegn til unnvikelse (f.eks. kroppsøving, uteskole, enkeltfag)»
    {
      id: "unnvikelse",
      label: "Repeterende fravær / tegn til unnvikelse (f.eks. kroppsøving, uteskole, enkeltfag)",
      source: `${seed} Del 5 «Hva er bekymringsfullt fravær?»`,
    },
    // «Melding fra foresatte om barn som vegrer seg for å dra på skolen, har symptomer …»
    {
      id: "vegrer-seg",
      label:
        "Melding fra foresatte om at eleven vegrer seg for å dra på skolen, har symptomer som vondt i hodet, kvalm, klump i magen o.l.",
      source: `${seed} Del 5 «Hva er bekymringsfullt fravær?»`,
    },
    // «Elever som har høyt timefravær (legg merke til evt. mønster mht. fag, timer eller lærere)»
    {
      id: "hoyt-timefravaer",
      label: "Høyt timefravær (legg merke til mønster mht. fag, timer eller lærere)",
      source: `${seed} Del 5 «Hva er bekymringsfullt fravær?»`,
    },
    // «Uklare meldinger fra foresatte når det gjelder fraværets årsak»
    {
      id: "uklare-meldinger",
      label: "Uklare meldinger fra foresatte når det gjelder fraværets årsak",
      source: `${seed} Del 5 «Hva er bekymringsfullt fravær?»`,
    },
  ],
  steps: [
    {
      number: 0,
      name: "Bekymringsfullt mønster i fravær oppdages tidlig, følges opp og undersøkes nærmere",
      holders: [contactTeacher],
      actions: [
        "Skjemaet «konkretisering av undring/bekymring» fylles ut av ansatte på trinnet (verktøydelen i BTI-veilederen).",
        "Kontaktlærer tar kontakt med foresatte, etterspør årsak til fraværet og avklarer eventuelt behov for oppfølging for å øke nærvær.",
        "Tiltak i skolen settes inn fra første fraværsdag der dette vurderes som aktuelt.",
        "Teamleder holdes jevnlig orientert om fraværet.",
      ],
      // 000 Del 5 Trinn 0: «Kontaktlærer tar kontakt med foresatte samme dag …», «skal kontaktlærer snakke med eleven for å
      // avklare årsak», «formidler bekymring / undring» (skjema «konkretisering av undring/bekymring»).
      templates: ["phone_call", "wonder_talk_pupil", "wonder_talk_guardians", "absence_message"],
      source: `${ladderSection} Trinn 0`,
    },
    {
      number: 1,
      name: "Samtale med foresatte og involverte hjelpetjenester gjennomføres for å undersøke årsak og sammenheng",
      holders: [contactTeacher, coordinator],
      actions: [
        "Elev og foresatte innkalles til møte ved skolen, hvor skole, skolehelsetjeneste og los deltar. PPT kalles inn ved behov.",
        "Undersøk og kartlegg faktorer knyttet til skole, hjem, individ og fritid, med mål om felles forståelse for årsak til fraværet.",
        "Tiltaksplan med en tydelig ansvarsfordeling utarbeides.",
        "Tiltaksleder er drøftingspartner for kontaktlærer ved behov.",
      ],
      // 000 Del 5 Trinn 1: «elev og foresatte blir innkalt til møte ved skolen … Tiltaksplan med en tydelig
      // ansvarsfordeling utarbeides»; Del 5 «Kartlegge årsaker og innhente elevstemmen».
      // 003 «Tverrfaglig samtykkeerklæring» where other services may be brought in (meeting or kartlegging).
      templates: ["attendance_meeting", "wonder_talk_pupil", "consent"],
      source: `${ladderSection} Trinn 1`,
    },
    {
      number: 2,
      name: "Gjøre ytterligere undersøkelser og vurdere behov for andre hjelpetjenester",
      holders: [contactTeacher, teamLead, coordinator],
      actions: [
        "Gjør ytterligere undersøkelser og kartlegginger rundt forhold knyttet til skole, hjem, individ og fritid.",
        "Vurder behovet for å koble på andre hjelpetjenester (etter samtykke fra elev og foresatte).",
        "Tiltaksplan utarbeides med mål om økt skolenærvær: konkretiser mål og tiltak, ha en tydelig ansvarsfordeling og sett opp tidspunkt for evaluering.",
      ],
      // 000 Del 5 Trinn 2: «ytterligere undersøkelser og kartlegginger … Vurder behovet for å koble på andre
      // hjelpetjenester. Tiltaksplan … sett opp tidspunkt for evaluering.»
      // 003 «Tverrfaglig samtykkeerklæring» where other services may be brought in (meeting or kartlegging).
      templates: ["vulnerability_mapping", "attendance_meeting", "consent"],
      source: `${ladderSection} Trinn 2; «Hente inn aktuelle hjelpetjenester etter samtykke fra elev og foresatte» (Del 5 «Koordineringsansvar»)`,
    },
    {
      number: 3,
      name: "Tett tverrfaglig samarbeid inntil normalt skolenærvær",
      holders: [coordinator],
      actions: [
        "Faste samarbeidsmøter med fokus på tiltak avholdes inntil normalt skolenærvær. Rektor deltar der dette er naturlig.",
        "Aktuelle samarbeidspartnere kan være PPT, los, fastlege, NAV, familie og forebygging, skolehelsetjeneste og barnevernstjeneste.",
        "Avklar hvordan kontaktlærer kan opprettholde kontakten med eleven (fysiske møtepunkt, digitale møter, telefonsamtaler, meldinger).",
      ],
      // 000 Del 5 Trinn 3: «Faste samarbeidsmøter med fokus på tiltak avholdes inntil normalt skolenærvær.»; «Hente inn
      // aktuelle hjelpetjenester etter samtykke fra elev og foresatte» (003 samtykkeerklæring).
      templates: ["attendance_meeting", "consent"],
      source: `${ladderSection} Trinn 3`,
    },
  ],
  rules: [
    {
      // «Kontaktlærer tar kontakt med foresatte samme dag ved udokumentert fravær og formidler bekymring / undring»
      id: "udokumentert-fravaer",
      label: "Udokumentert fravær",
      step: 0,
      actions: [
        "Kontaktlærer tar kontakt med foresatte samme dag og formidler bekymring / undring (tiltakskort gult nivå: «Elev har ikke møtt på skolen, og har ikke meldt fravær»).",
      ],
      deadline: { type: "same_day" },
      source: `${ladderSection} Trinn 0; ${seed} Del 2 «Fraværsrutiner i skolen»`,
      trigger: { type: "occurrence", kinds: ["day"], filter: { documented: false } },
    },
    {
      // «Kontaktlærer tar kontakt med foresatte når fraværet passerer 3 dager dokumentert / udokumentert fravær …»
      id: "over-3-dager",
      label: "Fraværet passerer 3 dager (dokumentert / udokumentert, ikke sammenhengende sykdom eller avklart fravær)",
      step: 0,
      actions: [
        "Kontaktlærer tar kontakt med foresatte, etterspør årsak til fraværet og avklarer eventuelt behov for oppfølging for å øke nærvær.",
      ],
      deadline: { type: "same_day", label: "når fraværet passerer 3 dager" },
      source: `${ladderSection} Trinn 0`,
      trigger: {
        type: "count",
        measure: "days",
        filter: dayFilter,
        window: { setting: "dayCountWindow" },
        threshold: { moreThan: 3 },
      },
    },
    {
      // «Ved over 6 dager dokumentert / udokumentert fravær … blir elev og foresatte innkalt til møte ved skolen»
      id: "over-6-dager",
      label: "Over 6 dager dokumentert / udokumentert fravær (ikke sammenhengende sykdom eller avklart fravær)",
      step: 1,
      source: `${ladderSection} Trinn 1`,
      trigger: {
        type: "count",
        measure: "days",
        filter: dayFilter,
        window: { setting: "dayCountWindow" },
        threshold: { moreThan: 6 },
      },
    },
    {
      // «Ved over 9 dager dokumentert / udokumentert fravær … gjøres ytterligere undersøkelser og kartlegginger»
      id: "over-9-dager",
      label: "Over 9 dager dokumentert / udokumentert fravær (ikke sammenhengende sykdom eller avklart fravær)",
      step: 2,
      source: `${ladderSection} Trinn 2`,
      trigger: {
        type: "count",
        measure: "days",
        filter: dayFilter,
        window: { setting: "dayCountWindow" },
        threshold: { moreThan: 9 },
      },
    },
    {
      // «Ved gjentatt gangvandring, forsentkomming og fravær i enkeltfag skal kontaktlærer snakke med eleven …»
      id: "gjentatt-forsentkomming",
      label: "Gjentatt forsentkomming",
      step: 0,
      actions: [
        "Kontaktlærer snakker med eleven for å avklare årsak, sette inn eventuelle tiltak og legge plan for endring.",
      ],
      deadline: { type: "weeks", weeks: 1, label: "innen en uke (kontaktlærer følger opp fraværet ukentlig)" },
      source: `${ladderSection} Trinn 0; ${seed} Del 2 «Fraværsrutiner i skolen»`,
      trigger: {
        type: "count",
        measure: "late",
        window: { setting: "repeatedWindow" },
        threshold: { setting: "repeatedThreshold" },
      },
    },
    {
      // «Ved gjentatt gangvandring … skal kontaktlærer snakke med eleven»
      id: "gjentatt-gangvandring",
      label: "Gjentatt gangvandring (på skolen, men ikke i undervisningen)",
      step: 0,
      actions: [
        "Kontaktlærer snakker med eleven for å avklare årsak, sette inn eventuelle tiltak og legge plan for endring.",
      ],
      deadline: { type: "weeks", weeks: 1, label: "innen en uke (kontaktlærer følger opp fraværet ukentlig)" },
      source: `${ladderSection} Trinn 0; ${seed} Del 2 «Fraværsrutiner i skolen»`,
      trigger: {
        type: "count",
        measure: "not_in_class",
        window: { setting: "repeatedWindow" },
        threshold: { setting: "repeatedThreshold" },
      },
    },
    {
      // «Ved gjentatt … fravær i enkeltfag skal kontaktlærer snakke med eleven»; counted as occasions per subject
      id: "gjentatt-fravaer-i-enkeltfag",
      label: "Gjentatt fravær i enkeltfag",
      step: 0,
      actions: [
        "Kontaktlærer snakker med eleven for å avklare årsak, sette inn eventuelle tiltak og legge plan for endring.",
      ],
      deadline: { type: "weeks", weeks: 1, label: "innen en uke (kontaktlærer følger opp fraværet ukentlig)" },
      source: `${ladderSection} Trinn 0; «Repeterende fravær / tegn til unnvikelse (f.eks. kroppsøving, uteskole, enkeltfag)» (Del 5 «Hva er bekymringsfullt fravær?»)`,
      trigger: {
        type: "count",
        measure: "lesson_days",
        perSubject: true,
        window: { setting: "repeatedWindow" },
        threshold: { setting: "repeatedThreshold" },
      },
    },
    {
      // «Grunnlag for bekymring og kartlegging: …» — signs a teacher reports without any count
      id: "tidlige-tegn",
      label: "Grunnlag for bekymring meldt av ansatt",
      step: 0,
      actions: [
        "Skjemaet «konkretisering av undring/bekymring» fylles ut av ansatte på trinnet.",
        "Snakk med eleven så raskt det lar seg gjøre og kartlegg årsak til fraværet.",
      ],
      source: `${seed} Del 5 «Hva er bekymringsfullt fravær?» og «Skolens ansvar i kartleggingsfasen»`,
      trigger: { type: "early_sign" },
    },
  ],
} satisfies LadderDefinition;
