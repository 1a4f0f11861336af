import type { TemplateDefinition, TemplateStep } from "../../templates/types";
import type { LadderProfile } from "../types";
import { L, noHealthDetails, seed, textField } from "../../templates/common";
import {
  agreementFields,
  agreementGuidance,
  agreementSource,
  areaStep,
  assessedStep,
  measures,
  meetingDate,
  nextMeeting,
  participants,
  pupilCauses,
  pupilPresent,
  services,
  summary,
  topic,
} from "../../templates/attendance-meeting";

// Lillestrøm's own kartleggingssamtale (001); the shared fields keep the ids the log (002 §2.8) reads.
const lillestromMeeting = `${seed.lillestrom} «Kartleggingssamtale med foresatte (og elev om det er best)»`;
const lillestromAnalysis = `${seed.lillestrom} «Pedagogisk analyse og tiltaksbank»`;

function lillestromAreas(profile: LadderProfile): TemplateStep[] {
  return [
    areaStep("skole", {
      title: L("Skole", "Skule", "School"),
      question: L(
        "Er det noe på skolen som kan forklare fraværet? (sosiale relasjoner, situasjoner, krav, skolefaglige utfordringer ol.)",
        "Er det noko på skulen som kan forklare fråværet? (sosiale relasjonar, situasjonar, krav, skulefaglege utfordringar o.l.)",
        "Is there anything at school that may explain the absence? (social relationships, situations, demands, academic challenges etc.)",
      ),
      topics: [
        topic.relations,
        topic.situations,
        topic.demands,
        topic.academic,
        topic.learningEnvironment,
        topic.structure,
        topic.mastery,
      ],
      source: `${lillestromMeeting} pkt. 3; ${lillestromAnalysis} «SKOLE»`,
    }),
    areaStep("hjem", {
      title: L("Hjem", "Heim", "Home"),
      question: L(
        "Er det noe hjemme som kan forklare fraværet? (relasjoner, rutiner, endringer i familiesituasjonen ol.)",
        "Er det noko heime som kan forklare fråværet? (relasjonar, rutinar, endringar i familiesituasjonen o.l.)",
        "Is there anything at home that may explain the absence? (relationships, routines, changes in the family situation etc.)",
      ),
      topics: [topic.relations, topic.routines, topic.familyChanges, topic.familyDynamics, topic.trust],
      source: `${lillestromMeeting} pkt. 3; ${lillestromAnalysis} «HJEM»`,
    }),
    areaStep("fritid", {
      title: L("Fritid", "Fritid", "Leisure time"),
      question: L(
        "Er det noe på fritiden som kan forklare fraværet? (relasjoner til venner, situasjoner, hendelser ol.)",
        "Er det noko på fritida som kan forklare fråværet? (relasjonar til vener, situasjonar, hendingar o.l.)",
        "Is there anything in leisure time that may explain the absence? (relationships with friends, situations, events etc.)",
      ),
      topics: [topic.relations, topic.situations, topic.events, topic.network, topic.activities],
      source: `${lillestromMeeting} pkt. 3; ${lillestromAnalysis} «FRITID»`,
    }),
    areaStep("elev", {
      title: L("Elev", "Elev", "Pupil"),
      question: L(
        "Er det noe eleven synes er vanskelig? (sykdom, trivsel, relasjoner, sårbarheter ol.)",
        "Er det noko eleven synest er vanskeleg? (sjukdom, trivsel, relasjonar, sårbarheiter o.l.)",
        "Is there anything the pupil finds difficult? (illness, well-being, relationships, vulnerabilities etc.)",
      ),
      topics: [topic.illness, topic.wellbeing, topic.relations, topic.vulnerabilities, topic.strengths],
      extra: [pupilCauses(profile)],
      source: `${lillestromMeeting} pkt. 3; ${lillestromAnalysis} «ELEV»; ${seed.cards} «Årsakskartlegging»`,
    }),
  ];
}

function lillestromMeetingStepsFromWelcome(profile: LadderProfile): TemplateStep[] {
  return [
    {
      id: "welcome",
      title: L("Agenda", "Agenda", "Agenda"),
      guidance: [
        L(
          "Legg frem agenda for møtet: at møtet er for å forstå elevens situasjon samt komme frem til tiltak som kan føre til at eleven får økt skolenærvær. Informer om kommunens rutiner for oppfølging av skolefravær.",
          "Legg fram agenda for møtet: at møtet er for å forstå situasjonen til eleven og kome fram til tiltak som kan føre til at eleven får auka skulenærvær. Informer om rutinane til kommunen for oppfølging av skulefråvær.",
          "Present the agenda: the meeting is to understand the pupil's situation and arrive at measures that can increase attendance. Explain the municipality's routines for following up absence.",
        ),
        L(
          "Vurder om det er best å snakke med foreldre og elev sammen, eller hver for seg. Det er viktig å få frem elevens stemme.",
          "Vurder om det er best å snakke med foreldra og eleven saman, eller kvar for seg. Det er viktig å få fram stemma til eleven.",
          "Consider whether to talk with parents and pupil together or separately. It is important to bring out the pupil's voice.",
        ),
        L("Varsle rektor.", "Varsle rektor.", "Notify the principal."),
      ],
      fields: [meetingDate, participants, pupilPresent],
      source: `${lillestromMeeting} pkt. 1; ${seed.lillestrom} «Trinn 2: Kartleggingssamtale»; ${seed.lillestrom} «Hva gjør jeg som kontaktlærer?»`,
    },
    {
      id: "phone_summary",
      title: L("Telefonsamtalen", "Telefonsamtalen", "The phone call"),
      guidance: [
        L(
          "Kort oppsummering av telefonsamtale og hva dere ble enige om der.",
          "Kort oppsummering av telefonsamtalen og kva de vart samde om der.",
          "A short summary of the phone call and what you agreed on then.",
        ),
      ],
      fields: [
        textField(
          "phone_summary",
          L(
            "Hva ble dere enige om i telefonsamtalen?",
            "Kva vart de samde om i telefonsamtalen?",
            "What did you agree on in the phone call?",
          ),
          { hint: noHealthDetails },
        ),
      ],
      source: `${lillestromMeeting} pkt. 2`,
    },
    ...lillestromAreas(profile),
    {
      id: "summary",
      title: L("Oppsummering", "Oppsummering", "Summary"),
      guidance: [
        L(
          "Oppsummer punktvis hva dere har kommet fram til.",
          "Oppsummer punktvis kva de har kome fram til.",
          "Summarise, point by point, what you have arrived at.",
        ),
      ],
      fields: [summary],
      source: `${lillestromMeeting} pkt. 3`,
    },
  ];
}

function lillestromMeetingStepsFromMeasures(profile: LadderProfile): TemplateStep[] {
  return [
    {
      id: "measures",
      title: L("Tiltak", "Tiltak", "Measures"),
      guidance: [
        L(
          "Bestem i fellesskap hvilke tiltak som skal prøves ut i tre uker. Det er viktig å avklare hvem som har ansvaret for hvilke tiltak. Se den pedagogiske analysemodellen for analysespørsmål og forslag til tiltak.",
          "Avgjer i fellesskap kva tiltak som skal prøvast ut i tre veker. Det er viktig å avklare kven som har ansvaret for kva tiltak. Sjå den pedagogiske analysemodellen for analysespørsmål og forslag til tiltak.",
          "Decide together which measures to try for three weeks. It is important to settle who is responsible for which measure. See the pedagogical analysis model for questions and suggested measures.",
        ),
        L(
          "Tiltak skal alltid utformes sammen med eleven!",
          "Tiltak skal alltid utformast saman med eleven!",
          "Measures are always shaped together with the pupil!",
        ),
        L(
          "Skal helsesykepleier være med, må det foreligge samtykke fra elev og/eller foresatte (alt etter alder).",
          "Skal helsesjukepleiaren vere med, må det liggje føre samtykke frå elev og/eller føresette (alt etter alder).",
          "If the school nurse is to be involved, consent (samtykke) from pupil and/or guardians (depending on age) is required.",
        ),
      ],
      fields: [
        measures(
          L(
            "Område, tiltak, hvem som har ansvar, og dato for evaluering.",
            "Område, tiltak, kven som har ansvar, og dato for evaluering.",
            "Area, measure, who is responsible, and evaluation date.",
          ),
        ),
        services,
      ],
      offers: ["consent"],
      source: `${lillestromMeeting} pkt. 4; ${seed.lillestrom} «Trinn 2: Kartleggingssamtale»`,
    },
    {
      id: "agreement",
      title: L("Tiltaksplan", "Tiltaksplan", "Measures plan (tiltaksplan)"),
      guidance: [
        L(
          "I en periode på tre uker prøves tiltaksplanen ut. Etter to uker skal tiltaksplanen evalueres og eventuelt justeres. Målet er normalisering av skolehverdagen.",
          "I ein periode på tre veker blir tiltaksplanen prøvd ut. Etter to veker skal tiltaksplanen evaluerast og eventuelt justerast. Målet er normalisering av skulekvardagen.",
          "The measures plan is tried for three weeks. After two weeks it is evaluated and adjusted if needed. The goal is an ordinary school day.",
        ),
        ...agreementGuidance.slice(1),
      ],
      fields: agreementFields(),
      source: `${seed.lillestrom} «Trinn 3: Tiltaksplan»; ${agreementSource}`,
    },
    {
      id: "document",
      title: L("Dokumenter i elevmappen", "Dokumenter i elevmappa", "Document in the pupil's folder"),
      guidance: [
        L(
          "Dokumenter i elevmappen. Innkall til evalueringsmøte etter tre uker.",
          "Dokumenter i elevmappa. Kall inn til evalueringsmøte etter tre veker.",
          "Document in the pupil's folder (elevmappen). Call an evaluation meeting after three weeks.",
        ),
      ],
      fields: [assessedStep(profile), nextMeeting],
      source: `${seed.lillestrom} «Hva gjør jeg som kontaktlærer?»; ${seed.lillestrom} «Trinn 4: Evaluering»; ${seed.molde} §2.8`,
    },
  ];
}

/** 001 «Kartleggingssamtale med foresatte (og elev om det er best)», in place of the common nærværsmøte. */
export function lillestromAttendanceMeeting(profile: LadderProfile): TemplateDefinition {
  const steps: TemplateStep[] = [
    ...lillestromMeetingStepsFromWelcome(profile),
    ...lillestromMeetingStepsFromMeasures(profile),
  ];
  return {
    id: "attendance_meeting",
    version: 1,
    title: L("Kartleggingssamtale", "Kartleggingssamtale", "Mapping meeting (kartleggingssamtale)"),
    source: lillestromMeeting,
    steps,
  };
}
