import { childSignsFromAge } from "../../consent";
import type { LadderDefinition } from "../../ladder";

/** Seed: Lillestrøm kommune — Veileder ved bekymringsfullt fravær, «Tiltakstrapp» trinn 1–5. */
const seed = "001_0e72a656cc5051f2.txt";
const ladderSection = `${seed} «Tiltakstrapp»`;
const checklist = `${seed} vedlegg «Hva gjør jeg som kontaktlærer?»`;
const whatIsSection = `${seed} «Hva er ufrivillig bekymringsfullt fravær, når oppstår det og hvordan har de det?»`;

const contactTeacher = { role: "contact_teacher", title: "Kontaktlærer" } as const;
const attendanceCoordinator = { role: "coordinator", title: "Nærværskoordinator" } as const;
const leadership = { role: "principal", title: "Skolens ledelse" } as const;

export const lillestrom = {
  formatVersion: 1,
  id: "lillestrom",
  name: "Lillestrøm kommune – tiltakstrapp ved bekymringsfullt fravær",
  municipality: "Lillestrøm",
  institution: "school",
  description:
    "Tiltakstrapp trinn 1–5 fra «Veileder ved bekymringsfullt fravær». Trinn 2–5 nås etter kontaktlærers vurdering " +
    "(«Dersom du etter samtalen fortsatt er bekymret, eller usikker, skal du gå til neste trinn»). Fravær føres i Vigilo.",
  source: `${seed} «Veileder ved bekymringsfullt fravær»`,
  settings: {
    childSignsConsentFromAge: childSignsFromAge,
    lateArrivalsPerMonth: {
      label: "Forsentkomminger på en måned før kontakt med hjemmet: «over 4» (trinn 1) eller «4» (vedlegget)",
      value: { moreThan: 4 },
      options: [{ moreThan: 4 }, { atLeast: 4 }],
      source: `${ladderSection} Trinn 1: «forsentkomminger (over 4 på en mnd.)»; ${checklist}: «Har gjentakende forsentkomminger ( 4 på en mnd)»`,
    },
    highValidAbsence: {
      label: "Høyt gyldig fravær: «5 dager i strekk» (trinn 1) eller «over 5 dager i semesteret» (vedlegget)",
      value: "five_in_a_row",
      options: ["five_in_a_row", "over_five_in_term"],
      source: `${ladderSection} Trinn 1: «høyt gyldig fravær (5 dager i strekk)»; ${checklist}: «Har høyt gyldig fravær (over 5 dager i semesteret)»`,
    },
  },
  earlySigns: [
    // «Det er foreldrene som først møter disse vanskene hjemme i at barnet vegrer seg for å gå på skolen.»
    { id: "vegrer-seg", label: "Foresatte forteller at eleven vegrer seg for å gå på skolen", source: whatIsSection },
    // «Oppmøtevanskene begynner ofte i det små, med fravær i noen enkelttimer, deler av dagen eller enkelte dager.»
    {
      id: "fravaer-i-det-sma",
      label: "Fravær i enkelttimer, deler av dagen eller enkelte dager som gir uro",
      source: whatIsSection,
    },
    // «De har det vondt og det gir seg ofte utslag i kroppslige plager som vondt i mage, kvalme og hodepine.»
    {
      id: "kroppslige-plager",
      label: "Kroppslige plager knyttet til skoledagen (vondt i magen, kvalme, hodepine)",
      source: whatIsSection,
    },
    // «De får kanskje ikke sove og ender ofte med å snu døgnet.»
    { id: "sovn-dognrytme", label: "Søvnvansker eller snudd døgn", source: whatIsSection },
    // «De kan gråte, rase og hyle om morgenen, og sette seg fysisk til motverge.»
    {
      id: "sterke-reaksjoner-om-morgenen",
      label: "Sterke reaksjoner om morgenen (gråt, sinne, setter seg til motverge)",
      source: whatIsSection,
    },
    // «… i noen tilfeller kan barnas bekymring for egne foreldre også være en årsak i skolefravær.»
    { id: "bekymret-for-foreldre", label: "Eleven virker bekymret for egne foreldre", source: whatIsSection },
    // «… økt risiko i forbindelse med skolestart og overganger …, bytte av skole, ved oppstart etter ferier og etter perioder med sykdom.»
    {
      id: "overgang",
      label: "Fravær i forbindelse med skolestart, overgang, skolebytte, etter ferie eller etter sykdom",
      source: whatIsSection,
    },
  ],
  steps: [
    {
      number: 1,
      name: "Kontakt med hjemmet",
      holders: [contactTeacher],
      actions: [
        "Snakk med eleven og foresatte – samme dag. Vurder om det er best å snakke med eleven før kontakt med foresatte.",
        "Hvis bekymring vedvarer, snakk med nærværskoordinator på skolen.",
        "Dokumenter i elevmappen.",
      ],
      deadline: { type: "same_day" },
      // 001 «Trinn 1: Kontakt med hjemmet» and «Første kontakt med hjemmet»; «Lærer bør vurdere om det er best å snakke
      // med eleven før kontakt med foresatte.»
      templates: ["phone_call", "wonder_talk_pupil"],
      source: `${ladderSection} Trinn 1: Kontakt med hjemmet; ${checklist}`,
    },
    {
      number: 2,
      name: "Kartleggingssamtale",
      holders: [contactTeacher],
      // «Varsle rektor» (001 «Hva gjør jeg som kontaktlærer?», Trinn 2): Nærvær tells the rektor when the step is reached.
      notify: [{ role: "principal", title: "Rektor" }],
      actions: [
        "Avtal møte med elev og foresatt og gjennomfør kartleggingssamtale – innen 1 uke etter første kontakt om fraværet.",
        "Varsle rektor.",
        "Finn gode tiltak i samarbeid med elev og foresatt.",
        "Samtykke fra elev og/eller foresatte må foreligge før helsesykepleier trekkes inn.",
        "Dokumenter i elevmappen.",
      ],
      deadline: { type: "weeks", weeks: 1, label: "innen en uke etter første kontakt om fraværet" },
      // 001 «Trinn 2: Kartleggingssamtale» (the attendance_meeting in Lillestrøm's form); «Det er viktig å få frem elevens
      // stemme» – talk with the pupil separately when that is best. «Her kan helsesykepleier på skolen være en viktig
      // samarbeidspartner inn. Det må da foreligge samtykke fra elev og/eller foresatte» (003 samtykkeerklæring).
      templates: ["attendance_meeting", "wonder_talk_pupil", "consent"],
      source: `${ladderSection} Trinn 2: Kartleggingssamtale; ${checklist}`,
    },
    {
      number: 3,
      name: "Tiltaksplan",
      holders: [contactTeacher],
      actions: [
        "Utarbeid tiltaksplan basert på kartleggingssamtalene (mal for tiltaksplan for skolefravær).",
        "Tiltaksplanen prøves ut i tre uker; etter to uker evalueres og eventuelt justeres den.",
        "Planen fylles ut i sikker sone og arkiveres i elevmappen.",
      ],
      evaluateAfter: { unit: "weeks", amount: 3, label: "etter tre uker (planen justeres etter to uker)" },
      // 001 «Trinn 3: Tiltaksplan» – the plan part of the same template.
      // 003 «Tverrfaglig samtykkeerklæring» where other services may be brought in (meeting or kartlegging).
      templates: ["attendance_meeting", "consent"],
      source: `${ladderSection} Trinn 3: Tiltaksplan`,
    },
    {
      number: 4,
      name: "Evaluering",
      holders: [contactTeacher],
      actions: [
        "Innkall til evalueringsmøte etter tre uker.",
        "Er målet nådd: lag en ny avtale med opprettholdende tiltak, eller følg nøye med på fraværet videre.",
        "Har tiltakene ikke hatt effekt: lag en ny plan med reviderte tiltak, eller gå videre til lokalt tverrfaglig møte.",
        "Dokumenter i elevmappen.",
      ],
      evaluateAfter: { unit: "weeks", amount: 3, label: "etter tre uker med utprøving" },
      // 001 «Trinn 4: Evaluering» – «Innkall til evalueringsmøte etter tre uker … lages en ny plan med reviderte tiltak.»
      // 003 «Tverrfaglig samtykkeerklæring» where other services may be brought in (meeting or kartlegging).
      templates: ["attendance_meeting", "wonder_talk_pupil", "consent"],
      source: `${ladderSection} Trinn 4: Evaluering; ${checklist}`,
    },
    {
      number: 5,
      name: "Tverrfaglig drøftinger",
      holders: [leadership, attendanceCoordinator],
      actions: [
        "Innhent samtykke fra foresatte/elev før drøfting tverrfaglig.",
        "Drøft saken på lokalt tverrfaglig møte med PPA og skolehelsetjenesten.",
        "Vurder om saken skal løftes til sentralt tverrfaglig møte, BUP-kommune-møte eller Brobyggerne.",
      ],
      // 001 «Trinn 5: Tverrfaglig drøftinger»: Lillestrøm has no checklist of its own; 002 §2.7 is made for the step where
      // other services are brought in. «Husk at samtykke må innhentes fra foresatte/elev før drøfting tverrfaglig» (003).
      templates: ["vulnerability_mapping", "attendance_meeting", "consent"],
      source: `${ladderSection} Trinn 5: Tverrfaglig drøftinger`,
    },
  ],
  rules: [
    {
      // «Som kontaktlærer er du ansvarlig for å kontakte hjemmet ved bekymring.»
      id: "bekymring-kontaktlaerer",
      label: "Kontaktlærer er bekymret (tidlige tegn)",
      step: 1,
      source: `${ladderSection} Trinn 1: «Som kontaktlærer er du ansvarlig for å kontakte hjemmet ved bekymring»; ${whatIsSection}`,
      trigger: { type: "early_sign" },
    },
    {
      // «første times ugyldig fravær, og for lengre typer fravær»
      id: "ugyldig-fravaer",
      label: "Ugyldig fravær fra første time",
      step: 1,
      source: `${ladderSection} Trinn 1; ${checklist}: «Ugyldig fravær fra første time»`,
      trigger: { type: "occurrence", kinds: ["day", "lesson"], filter: { documented: false } },
    },
    {
      // «høyt gyldig fravær (5 dager i strekk)»
      id: "hoyt-gyldig-fravaer-5-i-strekk",
      label: "Høyt gyldig fravær (5 dager i strekk)",
      step: 1,
      enabledWhen: { setting: "highValidAbsence", equals: "five_in_a_row" },
      source: `${ladderSection} Trinn 1 (valgt lesning; vedlegget sier «over 5 dager i semesteret», se innstillingen highValidAbsence)`,
      trigger: { type: "consecutive_days", filter: { documented: true }, length: { atLeast: 5 } },
    },
    {
      // «Har høyt gyldig fravær (over 5 dager i semesteret)»
      id: "hoyt-gyldig-fravaer-over-5-i-semesteret",
      label: "Høyt gyldig fravær (over 5 dager i semesteret)",
      step: 1,
      enabledWhen: { setting: "highValidAbsence", equals: "over_five_in_term" },
      source: `${checklist} (alternativ lesning; trinn 1 sier «5 dager i strekk»)`,
      trigger: {
        type: "count",
        measure: "days",
        filter: { documented: true },
        window: { type: "term" },
        threshold: { moreThan: 5 },
      },
    },
    {
      // «forsentkomminger (over 4 på en mnd.)»
      id: "forsentkomminger",
      label: "Gjentakende forsentkomminger på en måned",
      step: 1,
      source: `${ladderSection} Trinn 1; ${checklist}: «Har gjentakende forsentkomminger ( 4 på en mnd)»`,
      trigger: {
        type: "count",
        measure: "late",
        window: { type: "calendar_month" },
        threshold: { setting: "lateArrivalsPerMonth" },
      },
    },
    {
      // «hvis eleven møter på skolen, men forlater den igjen»
      id: "moter-men-gar-igjen",
      label: "Møter på skolen, men går igjen",
      step: 1,
      source: `${ladderSection} Trinn 1; ${checklist}`,
      trigger: { type: "occurrence", kinds: ["left"] },
    },
    {
      // «samt når eleven er på skolen, men ikke inne i timene»
      id: "pa-skolen-ikke-i-timene",
      label: "Er på skolen, men ikke i timene",
      step: 1,
      source: `${ladderSection} Trinn 1; ${checklist}`,
      trigger: { type: "occurrence", kinds: ["not_in_class"] },
    },
  ],
} satisfies LadderDefinition;
