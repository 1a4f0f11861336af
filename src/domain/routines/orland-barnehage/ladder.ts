import type { LadderDefinition } from "../../ladder";

/** Seed: Ørland kommune — Del 2 «Fraværsrutiner i barnehagen» and Del 4 «Tiltakstrapp barnehage». */
const seed = "000_64cd6640a564b2a9.txt";
const ladderSection = `${seed} Del 4 «Tiltakstrapp barnehage»`;
const routineSection = `${seed} Del 2 «Fraværsrutiner i barnehagen»`;

// The kindergarten's pedagogisk leder holds the case; the roster has no such role, so contact_teacher carries it.
const pedagogicalLeader = { role: "contact_teacher", title: "Pedagogisk leder" } as const;
const coordinator = { role: "coordinator", title: "Tiltaksleder" } as const;

export const orlandBarnehage = {
  formatVersion: 1,
  id: "orland-barnehage",
  name: "Ørland kommune – tiltakstrapp barnehage",
  municipality: "Ørland",
  institution: "kindergarten",
  description:
    "Tiltakstrapp barnehage (trinn 0–3). Barnehagen er et frivillig tilbud; foresatte melder fravær via Transponder. " +
    "«Udokumentert» betyr her at det ikke er gitt beskjed om fraværet. Barnehagens stengte dager legges inn som skolens ferier.",
  source: `${seed} Del 4 «Rutinebeskrivelse ved urovekkende fravær i barnehage»`,
  settings: {
    spreadWindow: {
      label: "Hva «3 dager spredt utover en uke» måles over",
      value: { type: "rolling_school_days", days: 5 },
      options: [{ type: "rolling_school_days", days: 5 }, { type: "calendar_week" }],
      source: `${routineSection}: «(3 fortløpende dager eller 3 dager spredt utover en uke)»`,
    },
  },
  earlySigns: [
    // «Er man usikker på fraværets årsak og sammenheng skal dette følges det opp jfr. BTI-modellen»
    {
      id: "usikker-pa-arsak",
      label: "Usikker på fraværets årsak og sammenheng (undring/bekymring)",
      source: `${ladderSection} «Rutinebeskrivelse ved urovekkende fravær i barnehage»`,
    },
  ],
  steps: [
    {
      number: 0,
      name: "Urovekkende mønster i fravær oppdages tidlig, følges opp og undersøkes nærmere",
      holders: [{ ...pedagogicalLeader, title: "Pedagogisk leder (etter dialog med styrer/teamleder)" }],
      actions: ["Skjema «konkretisering av undring/bekymring» brukes (finnes i verktøydelen i BTI-veilederen)."],
      // 000 Del 2 «Barnehagen tar kontakt med foresatte etter 3 dager dersom det ikke gis beskjed om fravær»; Del 4 Trinn 0
      // skjema «konkretisering av undring/bekymring». No talk with the child alone in kindergarten.
      templates: ["phone_call", "wonder_talk_guardians", "absence_message"],
      source: `${ladderSection} Trinn 0`,
    },
    {
      number: 1,
      name: "Samtale med foresatte gjennomføres for å undersøke årsak og sammenheng",
      holders: [{ ...pedagogicalLeader, title: "Pedagogisk leder (tiltaksleder er drøftingspartner)" }],
      actions: [
        "Saken drøftes med tiltaksleder før samtale med foresatte.",
        "Foresatte kalles inn til møte ved barnehagen, helsestasjon kalles inn ved behov.",
        "Veileder i foreldresamtaleskjema kan benyttes for tips til samtalen.",
        "Målrettede tiltak settes ut fra årsak og sammenheng.",
        "Tiltaksplan utarbeides.",
      ],
      // The extracted seed prints the Trinn 1 heading after Trinn 3; its bullets sit between Trinn 0 and Trinn 2.
      // 000 Del 4 Trinn 1: «Foresatte kalles inn til møte ved barnehagen … Veileder i foreldresamtaleskjema kan benyttes …
      // Tiltaksplan utarbeides.»
      // 003 «Tverrfaglig samtykkeerklæring» where other services may be brought in (meeting or kartlegging).
      templates: ["attendance_meeting", "wonder_talk_guardians", "consent"],
      source: `${ladderSection} Trinn 1`,
    },
    {
      number: 2,
      name: "Gjøre ytterligere undersøkelser og vurdere behov for andre hjelpetjenester",
      holders: [coordinator],
      actions: [
        "Gjør ytterligere undersøkelser og kartlegginger rundt forhold knyttet til barnehage, hjem, individ og fritid, med mål om en felles forståelse for årsak til fraværet.",
        "Tiltak dokumenteres i tiltaksplan og evalueres etter ca. 1 måned sammen med foresatte.",
        "Vurder behov for andre hjelpetjenester.",
      ],
      evaluateAfter: { unit: "months", amount: 1, label: "etter ca. 1 måned" },
      // 000 Del 4 Trinn 2: «ytterligere undersøkelser og kartlegginger … Vurdere behov for andre hjelpetjenester.»
      // 003 «Tverrfaglig samtykkeerklæring» where other services may be brought in (meeting or kartlegging).
      templates: ["vulnerability_mapping", "attendance_meeting", "consent"],
      source: `${ladderSection} Trinn 2`,
    },
    {
      number: 3,
      name: "Tett tverrfaglig samarbeid med aktuelle hjelpetjenester",
      holders: [coordinator],
      actions: [
        "Tiltak dokumenteres i tiltaksplan og evalueres etter ca. 1 måned sammen med foresatte og laget rundt barnet og familien.",
        "Samarbeidsmøter gjennomføres etter behov.",
      ],
      evaluateAfter: { unit: "months", amount: 1, label: "etter ca. 1 måned" },
      // 000 Del 4 Trinn 3: «Tiltak dokumenteres i tiltaksplan og evalueres … Samarbeidsmøter gjennomføres etter behov.»
      // 003 «Tverrfaglig samtykkeerklæring» where other services may be brought in (meeting or kartlegging).
      templates: ["attendance_meeting", "consent"],
      source: `${ladderSection} Trinn 3`,
    },
  ],
  rules: [
    {
      // «Trinn 0: Urovekkende mønster i fravær oppdages tidlig … Skjema "konkretisering av undring/bekymring" brukes»
      id: "undring-bekymring",
      label: "Undring eller bekymring hos pedagogisk leder",
      step: 0,
      source: `${ladderSection} Trinn 0; «Rutinebeskrivelse ved urovekkende fravær i barnehage»`,
      trigger: { type: "early_sign" },
    },
    {
      // «Barnehagen tar kontakt med foresatte etter 3 dager dersom det ikke gis beskjed om fravær (3 fortløpende dager …»
      id: "3-fortlopende-dager-uten-beskjed",
      label: "3 fortløpende dager fravær uten at det er gitt beskjed",
      step: 0,
      actions: ["Barnehagen tar kontakt med foresatte."],
      deadline: { type: "same_day", label: "etter 3 dager" },
      source: routineSection,
      trigger: { type: "consecutive_days", filter: { documented: false }, length: { atLeast: 3 } },
    },
    {
      // «… eller 3 dager spredt utover en uke)»
      id: "3-dager-spredt-uten-beskjed",
      label: "3 dager fravær spredt utover en uke uten at det er gitt beskjed",
      step: 0,
      actions: ["Barnehagen tar kontakt med foresatte."],
      deadline: { type: "same_day", label: "etter 3 dager" },
      source: routineSection,
      trigger: {
        type: "count",
        measure: "days",
        filter: { documented: false },
        window: { setting: "spreadWindow" },
        threshold: { atLeast: 3 },
      },
    },
  ],
} satisfies LadderDefinition;
