import { guardianCauseCategories } from "./causes";
import {
  L,
  choice,
  choiceField,
  dateField,
  multiChoiceField,
  noHealthDetails,
  noteMaxLength,
  seed,
  textField,
  stepChoices,
} from "./common";
import type { LadderProfile } from "../routines/types";
import type { TemplateDefinition, TemplateField, TemplateStep } from "./types";

/**
 * «Telefonsamtale hjem». Molde follows 002 §2.4 (7 steps); Lillestrøm follows 001 «Første kontakt med
 * hjemmet – støtte til første telefon hjem» (6 steps and the table «Type fravær / Info. skole / Info.
 * foresatte», then «Dokumenter i elevmappen»); the other ladders use a common form built on 002 §2.4.
 *
 * Field ids are shared by the variants so the log (002 §2.8) reads them the same way:
 * pattern_* (step 1, pre-filled from the pattern analysis), contact_date, guardian_causes, guardians_view,
 * natural_cause | outlook, thriving, thriving_note, meeting_needed, meeting_date (the meeting's or the next contact's
 * date: §2.8 «Dato for nytt møte eller annen kontakt»), assessed_step, further_measures, summary.
 */

const molde = `${seed.molde} §2.4`;

// ── Shared fields ───────────────────────────────────────────────────────────────────────────────

export const patternHint = L(
  "Laget fra fraværsregistreringene. Rett det som ikke stemmer.",
  "Laga frå fråværsregistreringane. Rett det som ikkje stemmer.",
  "Drafted from the absence records. Correct anything that is wrong.",
);

export const patternDays = (
  label = L(
    "Hvilke dager er eleven borte? (Er det ofte mandager, for eksempel?)",
    "Kva dagar er eleven borte? (Er det ofte måndagar, til dømes?)",
    "Which days is the pupil absent? (Often Mondays, for example?)",
  ),
): TemplateField => textField("pattern_days", label, { hint: patternHint, workingNote: true });

export const patternRuns = (label: typeof patternHint): TemplateField =>
  textField("pattern_runs", label, {
    hint: L(
      "Flere dager i strekk kan henge sammen med for eksempel omgangssyke eller influensa, enkeltstående dager med plager som magevondt eller hodepine. Skriv ikke helseopplysninger her.",
      "Fleire dagar på rad kan henge saman med til dømes omgangssjuke eller influensa, enkeltståande dagar med plager som vondt i magen eller hovudverk. Skriv ikkje helseopplysningar her.",
      "Several days in a row may go with, for example, stomach flu or influenza; single days with complaints such as stomach ache or headache. Do not write health details here.",
    ),
    workingNote: true,
  });

export const contactDate = dateField("contact_date", L("Dato for kontakt", "Dato for kontakt", "Date of contact"), {
  required: true,
});

/** Step 1's findings, which step 3 presents to the guardians («presenter dine funn fra pkt. 1»). */
export const patternFieldIds = [
  "pattern_days",
  "pattern_runs",
  "pattern_late_left",
  "pattern_activities",
  "pattern_appointments",
] as const;

/** Optional categories beside the guardians' own words: the areas of the whole pupil (002 §2.5), not the pupil's cards. */
export const guardianCauses = (_profile: LadderProfile): TemplateField =>
  multiChoiceField(
    "guardian_causes",
    L(
      "Peker foresatte på noe av dette? (valgfritt)",
      "Peikar føresette på noko av dette? (valfritt)",
      "Do the guardians point to any of these? (optional)",
    ),
    guardianCauseCategories,
  );

export const guardiansView = (
  label = L(
    "Hva mener foresatte er årsaken til fraværet? (med deres egne ord)",
    "Kva meiner føresette er årsaka til fråværet? (med deira eigne ord)",
    "What do the guardians think causes the absence? (in their own words)",
  ),
): TemplateField => textField("guardians_view", label, { hint: noHealthDetails, maxLength: 300 });

export const unsure = choice("unsure", "Usikkert", "Usikkert", "Unsure");

export const thriving = (schoolWord = L("på skolen", "på skulen", "at school")): TemplateField[] => [
  choiceField(
    "thriving",
    L(
      "Trives eleven, eller gruer eleven seg for noe?",
      "Trivst eleven, eller gruar eleven seg for noko?",
      "Does the pupil thrive, or dread something?",
    ),
    [
      choice("thrives", `Trives ${schoolWord.nb}`, `Trivst ${schoolWord.nn}`, `Thrives ${schoolWord.en}`),
      choice(
        "dreads",
        "Misliker eller gruer seg for noe ved skolen",
        "Mislikar eller gruar seg for noko ved skulen",
        "Dislikes or dreads something about school",
      ),
      unsure,
    ],
    { required: true },
  ),
  textField("thriving_note", L("Hva gjelder det? (kort)", "Kva gjeld det? (kort)", "What is it about? (briefly)"), {
    hint: noHealthDetails,
    maxLength: noteMaxLength,
  }),
];

export const meetingNeeded = choiceField(
  "meeting_needed",
  L("Er det behov for et møte?", "Er det behov for eit møte?", "Is a meeting needed?"),
  [
    choice("yes", "Ja, vi avtaler møte", "Ja, vi avtalar møte", "Yes, we arrange a meeting"),
    choice("no", "Nei, ikke nå", "Nei, ikkje no", "No, not now"),
  ],
  { required: true },
);

/** «Dato for nytt møte eller annen kontakt» (002 §2.8) is this one date: the meeting's, or the next contact's. */
export const meetingDate = dateField(
  "meeting_date",
  L(
    "Dato for møtet, eller for neste kontakt",
    "Dato for møtet, eller for neste kontakt",
    "Date of the meeting, or of the next contact",
  ),
);

export function documentFields(profile: LadderProfile): TemplateField[] {
  const w = profile.stepWord;
  return [
    choiceField(
      "assessed_step",
      L(
        `Hvilket ${w.nb.toLowerCase()} i tiltakstrappa vurderer du at eleven er på?`,
        `Kva ${w.nn.toLowerCase()} i tiltakstrappa vurderer du at eleven er på?`,
        `Which ${w.en.toLowerCase()} of the ladder (tiltakstrapp) do you judge the pupil to be on?`,
      ),
      stepChoices(profile),
      { required: true },
    ),
    textField(
      "further_measures",
      L("Eventuelle videre tiltak", "Eventuelle vidare tiltak", "Further measures, if any"),
      { hint: noHealthDetails },
    ),
    textField(
      "summary",
      L("Kort oppsummering (valgfritt)", "Kort oppsummering (valfritt)", "Short summary (optional)"),
      { hint: noHealthDetails },
    ),
  ];
}

export const title = L("Telefonsamtale hjem", "Telefonsamtale heim", "Phone call home");

// ── Molde and the common form (002 §2.4) ────────────────────────────────────────────────────────

function patternStep(source: string, profile: LadderProfile): TemplateStep {
  if (profile.institution === "kindergarten") {
    // Transponder registers days; lessons, breaks and tests do not apply in a kindergarten.
    return {
      id: "pattern",
      title: L("Oversikt over fraværet", "Oversikt over fråværet", "Overview of the absence"),
      guidance: [
        L(
          "Skaff deg detaljert oversikt over barnets fravær, og om det er et mønster i fraværet.",
          "Skaff deg detaljert oversikt over fråværet til barnet, og om det er eit mønster i fråværet.",
          "Get a detailed overview of the child's absence, and whether there is a pattern in it.",
        ),
        L(
          "Sjekk og rett tekstene under før du ringer.",
          "Sjekk og rett tekstane under før du ringjer.",
          "Check and correct the texts below before you call.",
        ),
      ],
      fields: [
        patternDays(
          L(
            "Hvilke dager er barnet borte? (Er det ofte mandager, for eksempel?)",
            "Kva dagar er barnet borte? (Er det ofte måndagar, til dømes?)",
            "Which days is the child absent? (Often Mondays, for example?)",
          ),
        ),
        patternRuns(
          L(
            "Er det ofte flere dager i strekk, eller er det enkeltstående dager?",
            "Er det ofte fleire dagar på rad, eller er det enkeltståande dagar?",
            "Is it often several days in a row, or single days?",
          ),
        ),
        textField(
          "pattern_appointments",
          L(
            "Har barnet hyppig fravær i forbindelse med lege/tannlege o.l.?",
            "Har barnet hyppig fråvær i samband med lege/tannlege o.l.?",
            "Is the child often absent around doctor/dentist appointments and the like?",
          ),
          { hint: patternHint, workingNote: true },
        ),
      ],
      source: `${source} pkt. 1; ${seed.orland} Del 2 «Fraværsrutiner i barnehagen»`,
    };
  }
  return {
    id: "pattern",
    title: L("Oversikt over fraværet", "Oversikt over fråværet", "Overview of the absence"),
    guidance: [
      L(
        "Skaff deg detaljert oversikt over elevens fravær, og om det er et mønster i fraværet.",
        "Skaff deg detaljert oversikt over fråværet til eleven, og om det er eit mønster i fråværet.",
        "Get a detailed overview of the pupil's absence, and whether there is a pattern in it.",
      ),
      L(
        "Sjekk og rett tekstene under før du ringer.",
        "Sjekk og rett tekstane under før du ringjer.",
        "Check and correct the texts below before you call.",
      ),
    ],
    fields: [
      patternDays(),
      patternRuns(
        L(
          "Er det ofte flere dager i strekk, eller er det enkeltstående dager?",
          "Er det ofte fleire dagar på rad, eller er det enkeltståande dagar?",
          "Is it often several days in a row, or single days?",
        ),
      ),
      textField(
        "pattern_late_left",
        L(
          "Kommer eleven ofte for sent, eller går eleven hjem før skoledagen er over?",
          "Kjem eleven ofte for seint, eller går eleven heim før skuledagen er over?",
          "Does the pupil often arrive late, or go home before the school day is over?",
        ),
        { hint: patternHint, workingNote: true },
      ),
      textField(
        "pattern_activities",
        L(
          "Kommer eleven sent inn fra friminutt, eller unngår eleven ofte aktiviteter?",
          "Kjem eleven seint inn frå friminutt, eller unngår eleven ofte aktivitetar?",
          "Does the pupil come in late from breaks, or often avoid activities?",
        ),
        { hint: patternHint, workingNote: true },
      ),
      textField(
        "pattern_appointments",
        L(
          "Har eleven hyppig fravær i forbindelse med lege/tannlege, vurderingssituasjoner/prøver o.l.?",
          "Har eleven hyppig fråvær i samband med lege/tannlege, vurderingssituasjonar/prøver o.l.?",
          "Is the pupil often absent around doctor/dentist appointments, assessments/tests and the like?",
        ),
        { hint: patternHint, workingNote: true },
      ),
    ],
    source: `${source} pkt. 1`,
  };
}

/** What Molde's own form (002) words differently from the common one; other routines add to steps (RoutineTemplates.additions). */
function commonCallTexts(profile: LadderProfile) {
  const isMolde = profile.variant === "molde";
  const base = isMolde ? molde : `${molde} (felles mal)`;
  const callGuidance = isMolde
    ? [
        L(
          "Ring foresatte og opplys om elevens fravær.",
          "Ring føresette og opplys om fråværet til eleven.",
          "Call the guardians and tell them about the pupil's absence.",
        ),
        L(
          "Minn dem om nærværsløftet, og at skolen satser på tidlig innsats ved fravær, og derfor tar du kontakt nå.",
          "Minn dei om nærværsløftet, og at skulen satsar på tidleg innsats ved fråvær, og difor tek du kontakt no.",
          "Remind them of Nærværsløftet, and that the school acts early on absence, which is why you are getting in touch now.",
        ),
      ]
    : [
        L(
          "Ring foresatte og opplys om elevens fravær.",
          "Ring føresette og opplys om fråværet til eleven.",
          "Call the guardians and tell them about the pupil's absence.",
        ),
        L(
          "Fortell at skolen satser på tidlig innsats ved fravær, og at det er derfor du tar kontakt nå.",
          "Fortel at skulen satsar på tidleg innsats ved fråvær, og at det er difor du tek kontakt no.",
          "Explain that the school acts early on absence, and that this is why you are getting in touch now.",
        ),
      ];

  const meetingFields: TemplateField[] = [meetingNeeded, meetingDate];
  const meetingGuidance = [
    L(
      "Konkluder sammen med foresatte om det er behov for et møte sammen med elev der saken drøftes nærmere og tiltak iverksettes.",
      "Konkluder saman med føresette om det er behov for eit møte saman med eleven der saka blir drøfta nærare og tiltak blir sette i verk.",
      "Conclude together with the guardians whether a meeting with the pupil is needed, to discuss the matter further and put measures in place.",
    ),
  ];

  const documentGuidance = isMolde
    ? [
        L(
          "Dokumenter i Visma Sikker sak. Hvis du vurderer at du er på nivå 0 i tiltakstrappa må du dokumentere i fraværslogg. Hvis du vurderer at du er på nivå 1 eller høyere i tiltakstrappa må du dokumentere i elevlogg.",
          "Dokumenter i Visma Sikker sak. Viss du vurderer at du er på nivå 0 i tiltakstrappa, må du dokumentere i fråværslogg. Viss du vurderer at du er på nivå 1 eller høgare i tiltakstrappa, må du dokumentere i elevlogg.",
          "Document in Visma Sikker sak. If you judge that you are on level 0 of the ladder, document in the absence log (fraværslogg). If you judge that you are on level 1 or higher, document in the pupil log (elevlogg).",
        ),
      ]
    : [
        L(
          "Dokumenter samtalen etter skolens rutine: dato, grunn for kontakt, hva foresatte mener er årsaken, videre tiltak eller dato for ny kontakt, og trinnet eleven er på.",
          "Dokumenter samtalen etter rutinen til skulen: dato, grunn for kontakt, kva føresette meiner er årsaka, vidare tiltak eller dato for ny kontakt, og trinnet eleven er på.",
          "Document the call following the school's routine: date, reason for contact, what the guardians think is the cause, further measures or date of next contact, and the step the pupil is on.",
        ),
      ];
  return {
    isMolde,
    base,
    callGuidance,
    meetingFields,
    meetingGuidance,
    documentGuidance,
  };
}

function commonCallStepsFromCall(t: ReturnType<typeof commonCallTexts>, profile: LadderProfile): TemplateStep[] {
  const { base, callGuidance, meetingFields, meetingGuidance } = t;
  return [
    patternStep(base, profile),
    {
      id: "call",
      title: L("Ring foresatte", "Ring føresette", "Call the guardians"),
      guidance: callGuidance,
      fields: [contactDate],
      source: `${base} pkt. 2`,
    },
    {
      id: "describe",
      title: L("Beskriv fraværet", "Beskriv fråværet", "Describe the absence"),
      guidance: [
        L(
          "Beskriv elevens fravær (presenter dine funn fra pkt. 1).",
          "Beskriv fråværet til eleven (presenter funna dine frå pkt. 1).",
          "Describe the pupil's absence (present your findings from step 1).",
        ),
        L(
          "Spør foresatte hva de tenker om fraværet.",
          "Spør føresette kva dei tenkjer om fråværet.",
          "Ask the guardians what they think about the absence.",
        ),
      ],
      fields: [guardiansView(), guardianCauses(profile)],
      shows: patternFieldIds,
      source: `${base} pkt. 3`,
    },
    {
      id: "natural_cause",
      title: L("Naturlig årsak eller bekymring?", "Naturleg årsak eller bekymring?", "Natural cause or worry?"),
      guidance: [
        L(
          "Undersøk om foresatte tenker at fraværet har en naturlig årsak, eller om de er bekymret for fortsatt høyt fravær.",
          "Undersøk om føresette tenkjer at fråværet har ei naturleg årsak, eller om dei er bekymra for framleis høgt fråvær.",
          "Find out whether the guardians think the absence has a natural cause, or whether they are worried about continued high absence.",
        ),
      ],
      fields: [
        choiceField(
          "natural_cause",
          L("Hva tenker foresatte?", "Kva tenkjer føresette?", "What do the guardians think?"),
          [
            choice(
              "natural",
              "Fraværet har en naturlig årsak",
              "Fråværet har ei naturleg årsak",
              "The absence has a natural cause",
            ),
            choice(
              "worried",
              "Foresatte er bekymret for fortsatt høyt fravær",
              "Føresette er bekymra for framleis høgt fråvær",
              "The guardians are worried about continued high absence",
            ),
            unsure,
          ],
          { required: true },
        ),
      ],
      source: `${base} pkt. 4`,
    },
    {
      id: "thriving",
      title: L("Trivsel", "Trivsel", "Well-being at school"),
      guidance: [
        L(
          "Undersøk om foresatte synes eleven ser ut til å trives på skolen, eller om de ser tegn til at eleven misliker eller gruer seg for noe ved skolen (vanskelig å få av gårde om morgenen, vil ikke på skolen).",
          "Undersøk om føresette synest eleven ser ut til å trivast på skulen, eller om dei ser teikn til at eleven mislikar eller gruar seg for noko ved skulen (vanskeleg å få av garde om morgonen, vil ikkje på skulen).",
          "Find out whether the guardians think the pupil seems to thrive at school, or whether they see signs that the pupil dislikes or dreads something about school (hard to get out of the door in the morning, does not want to go to school).",
        ),
      ],
      fields: thriving(),
      source: `${base} pkt. 5`,
    },
    {
      id: "meeting",
      title: L("Behov for møte?", "Behov for møte?", "Is a meeting needed?"),
      guidance: meetingGuidance,
      fields: meetingFields,
      source: `${base} pkt. 6`,
    },
  ];
}

function commonCallStepsFromDocument(t: ReturnType<typeof commonCallTexts>, profile: LadderProfile): TemplateStep[] {
  const { base, documentGuidance } = t;
  return [
    {
      id: "document",
      title: L("Dokumenter", "Dokumenter", "Document"),
      guidance: documentGuidance,
      fields: documentFields(profile),
      source: `${base} pkt. 7; ${seed.molde} §2.8`,
    },
  ];
}

function moldeOrCommon(profile: LadderProfile): TemplateDefinition {
  const t = commonCallTexts(profile);
  const { isMolde } = t;
  const steps: TemplateStep[] = [...commonCallStepsFromCall(t, profile), ...commonCallStepsFromDocument(t, profile)];
  return {
    id: "phone_call",
    // 2: the guardians' own words first, step 3 shows step 1's findings, one date for the meeting or next contact.
    version: 2,
    title,
    source: isMolde
      ? `${molde} «Mal for telefonsamtalen hjem»`
      : `${molde} «Mal for telefonsamtalen hjem» (felles mal)`,
    steps,
  };
}

export function phoneCallTemplate(profile: LadderProfile): TemplateDefinition {
  return moldeOrCommon(profile);
}
