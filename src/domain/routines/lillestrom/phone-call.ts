import type { TemplateDefinition, TemplateStep } from "../../templates/types";
import type { LadderProfile } from "../types";
import { L, choice, choiceField, seed, textField } from "../../templates/common";
import {
  contactDate,
  documentFields,
  guardianCauses,
  patternFieldIds,
  guardiansView,
  meetingDate,
  meetingNeeded,
  patternDays,
  patternHint,
  patternRuns,
  thriving,
  title,
  unsure,
} from "../../templates/phone-call";

// Lillestrøm's own phone call (001); the shared fields keep the ids the log (002 §2.8) reads.
const lillestromCall = `${seed.lillestrom} «Første kontakt med hjemmet – støtte til første telefon hjem»`;
const lillestromTable = `${seed.lillestrom} «Hva gjør jeg som kontaktlærer?»`;

function lillestromCallStepsFromPattern(profile: LadderProfile): TemplateStep[] {
  return [
    {
      id: "pattern",
      title: L("Oversikt over fraværet", "Oversikt over fråværet", "Overview of the absence"),
      guidance: [
        L(
          "Skaff deg oversikt over elevens fravær og om det er et mønster i fraværet.",
          "Skaff deg oversikt over fråværet til eleven og om det er eit mønster i fråværet.",
          "Get an overview of the pupil's absence and whether there is a pattern in it.",
        ),
        L(
          "Vurder om du bør snakke med eleven før du ringer hjem.",
          "Vurder om du bør snakke med eleven før du ringjer heim.",
          "Consider whether to talk with the pupil before you call home.",
        ),
      ],
      fields: [
        patternDays(
          L(
            "Hvilke dager har eleven fravær? (Er det bestemte dager?)",
            "Kva dagar har eleven fråvær? (Er det bestemte dagar?)",
            "Which days is the pupil absent? (Particular days?)",
          ),
        ),
        patternRuns(
          L(
            "Er det flere enkeltstående dager eller mange dager i strekk?",
            "Er det fleire enkeltståande dagar eller mange dagar på rad?",
            "Are there several single days, or many days in a row?",
          ),
        ),
        textField(
          "pattern_late_left",
          L(
            "Kommer eleven ofte sent eller går fra timer?",
            "Kjem eleven ofte seint eller går frå timar?",
            "Does the pupil often come late or leave lessons?",
          ),
          { hint: patternHint, workingNote: true },
        ),
        textField(
          "pattern_activities",
          L(
            "Enkelttimer, fag, dager, personer (info. skole)",
            "Enkelttimar, fag, dagar, personar (info. skule)",
            "Single lessons, subjects, days, people (school's information)",
          ),
          { hint: patternHint, workingNote: true },
        ),
      ],
      source: `${lillestromCall} pkt. 1 og tabellen «Type fravær / Info. skole»`,
    },
    {
      id: "call",
      title: L("Ring foreldrene", "Ring foreldra", "Call the parents"),
      guidance: [
        L(
          "Ring foreldre og fortell at du tar kontakt angående elevens fravær og at skolen satser på tidlig innsats ved fravær, og at det er derfor du tar kontakt.",
          "Ring foreldra og fortel at du tek kontakt om fråværet til eleven, og at skulen satsar på tidleg innsats ved fråvær, og at det er difor du tek kontakt.",
          "Call the parents and say you are getting in touch about the pupil's absence, that the school acts early on absence, and that this is why you are calling.",
        ),
        L(
          "Uttrykk omsorg, og still åpne spørsmål.",
          "Uttrykk omsorg, og still opne spørsmål.",
          "Show that you care, and ask open questions.",
        ),
      ],
      fields: [contactDate],
      source: `${lillestromCall} pkt. 2; ${lillestromTable}`,
    },
    {
      id: "describe",
      title: L("Beskriv fraværet", "Beskriv fråværet", "Describe the absence"),
      guidance: [
        L(
          "Beskriv elevens fravær (etter analysen i punkt 1). Spør foreldrene hva de tenker om fraværet.",
          "Beskriv fråværet til eleven (etter analysen i punkt 1). Spør foreldra kva dei tenkjer om fråværet.",
          "Describe the pupil's absence (from the analysis in step 1). Ask the parents what they think about the absence.",
        ),
      ],
      fields: [
        guardiansView(L("Info. foresatte (kort)", "Info. føresette (kort)", "The guardians' information (briefly)")),
        guardianCauses(profile),
      ],
      shows: patternFieldIds,
      source: `${lillestromCall} pkt. 3 og tabellen «Info. foresatte»`,
    },
  ];
}

function lillestromCallStepsFromThriving(): TemplateStep[] {
  return [
    {
      id: "thriving",
      title: L("Trivsel", "Trivsel", "Well-being at school"),
      guidance: [
        L(
          "Undersøk om eleven ser ut til å trives ved skolen, eller om foreldrene opplever at eleven mistrives eller gruer seg til noe ved skolen.",
          "Undersøk om eleven ser ut til å trivast ved skulen, eller om foreldra opplever at eleven mistrivst eller gruar seg til noko ved skulen.",
          "Find out whether the pupil seems to thrive at school, or whether the parents find that the pupil is unhappy or dreads something about school.",
        ),
      ],
      fields: thriving(L("ved skolen", "ved skulen", "at school")),
      source: `${lillestromCall} pkt. 4`,
    },
    {
      id: "outlook",
      title: L("Vil fraværet minske?", "Vil fråværet minke?", "Will the absence go down?"),
      guidance: [
        L(
          "Undersøk om foreldrene tror at fraværet vil minske uten at det settes inn tiltak eller om de tenker at fraværet vil fortsette.",
          "Undersøk om foreldra trur at fråværet vil minke utan at det blir sett inn tiltak, eller om dei tenkjer at fråværet vil halde fram.",
          "Find out whether the parents think the absence will go down without measures, or whether they think it will continue.",
        ),
      ],
      fields: [
        choiceField(
          "outlook",
          L("Hva tror foreldrene?", "Kva trur foreldra?", "What do the parents think?"),
          [
            choice(
              "will_decrease",
              "Fraværet vil minske uten tiltak",
              "Fråværet vil minke utan tiltak",
              "The absence will go down without measures",
            ),
            choice("will_continue", "Fraværet vil fortsette", "Fråværet vil halde fram", "The absence will continue"),
            unsure,
          ],
          { required: true },
        ),
      ],
      source: `${lillestromCall} pkt. 5`,
    },
    {
      id: "meeting",
      title: L("Behov for møte?", "Behov for møte?", "Is a meeting needed?"),
      guidance: [
        L(
          "Bli enige med foreldrene om det er behov for et møte for å snakke mer sammen og for å bli enige om tiltak som kan settes inn.",
          "Bli samde med foreldra om det er behov for eit møte for å snakke meir saman og for å bli samde om tiltak som kan setjast inn.",
          "Agree with the parents whether a meeting is needed to talk more and agree on measures to put in place.",
        ),
        L(
          "Foresatte skal kalles inn til en kartleggingssamtale innen en uke etter første kontakt om fraværet.",
          "Føresette skal kallast inn til ein kartleggingssamtale innan ei veke etter første kontakt om fråværet.",
          "The guardians are to be invited to a mapping meeting (kartleggingssamtale) within one week of the first contact about the absence.",
        ),
      ],
      fields: [meetingNeeded, meetingDate],
      source: `${lillestromCall} pkt. 6; ${seed.lillestrom} «Trinn 2: Kartleggingssamtale»`,
    },
  ];
}

function lillestromCallStepsFromDocument(profile: LadderProfile): TemplateStep[] {
  return [
    {
      id: "document",
      title: L("Dokumenter i elevmappen", "Dokumenter i elevmappa", "Document in the pupil's folder"),
      guidance: [
        L("Dokumenter i elevmappen.", "Dokumenter i elevmappa.", "Document in the pupil's folder (elevmappen)."),
        L(
          "Dersom bekymring avkreftes, avslutt saken. Dersom bekymring bekreftes, gå videre til neste steg.",
          "Dersom bekymringa blir avkrefta, avslutt saka. Dersom bekymringa blir stadfesta, gå vidare til neste steg.",
          "If the concern is dispelled, close the case. If it is confirmed, go on to the next step.",
        ),
        L(
          "Hvis bekymring vedvarer, snakk med nærværskoordinator på skolen.",
          "Viss bekymringa varer ved, snakk med nærværskoordinatoren på skulen.",
          "If the concern persists, talk with the school's attendance coordinator (nærværskoordinator).",
        ),
      ],
      fields: [
        choiceField(
          "concern",
          L("Bekymringen etter samtalen", "Bekymringa etter samtalen", "The concern after the call"),
          [
            choice(
              "dismissed",
              "Avkreftet – naturlige årsaker, saken avsluttes",
              "Avkrefta – naturlege årsaker, saka blir avslutta",
              "Dispelled – natural causes, the case is closed",
            ),
            choice(
              "confirmed",
              "Bekreftet – gå videre til kartleggingssamtale",
              "Stadfesta – gå vidare til kartleggingssamtale",
              "Confirmed – go on to a mapping meeting",
            ),
            choice(
              "unsure",
              "Fortsatt usikker – gå videre til kartleggingssamtale",
              "Framleis usikker – gå vidare til kartleggingssamtale",
              "Still unsure – go on to a mapping meeting",
            ),
          ],
          { required: true },
        ),
        ...documentFields(profile),
      ],
      source: `${lillestromTable}; ${seed.lillestrom} «Trinn 1: Kontakt med hjemmet»; ${seed.molde} §2.8`,
    },
  ];
}

/** 001 «Første kontakt med hjemmet – støtte til første telefon hjem», in place of the common phone call. */
export function lillestromPhoneCall(profile: LadderProfile): TemplateDefinition {
  const steps: TemplateStep[] = [
    ...lillestromCallStepsFromPattern(profile),
    ...lillestromCallStepsFromThriving(),
    ...lillestromCallStepsFromDocument(profile),
  ];
  // 2: the guardians' words first, step 3 shows step 1's findings, one date for the meeting or next contact.
  return { id: "phone_call", version: 2, title, source: lillestromCall, steps };
}
