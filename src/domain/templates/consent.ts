import { childSignatureAge, consentServices, pupilMaySign, specificationFieldId } from "../consent";
import type { LadderSetting } from "../ladder";
import { L, choice, choiceField, dateField, multiChoiceField, seed, textField, yesNo } from "./common";
import type { LadderProfile } from "../routines/types";
import type { TemplateDefinition, TemplateStep } from "./types";

/**
 * «Tverrfaglig samtykkeerklæring» (003, first page): the services the family agrees information may be
 * exchanged with, the statements to confirm, and who signed, where and when: all of it is kept on the log
 * entry as a ConsentRecord (the form's own fields; no health information).
 */

const source = `${seed.cards} «Tverrfaglig samtykkeerklæring»`;

function consentStepsFromServices(): TemplateStep[] {
  return [
    {
      id: "services",
      title: L("Tjenester som kan samarbeide", "Tenester som kan samarbeide", "Services that may work together"),
      guidance: [
        L(
          "For at offentlige instanser skal kunne samarbeide og utveksle taushetsbelagte opplysninger, må det foreligge samtykke fra barnet, foresatte eller verge.",
          "For at offentlege instansar skal kunne samarbeide og utveksle teiepliktige opplysningar, må det liggje føre samtykke frå barnet, føresette eller verje.",
          "For public services to work together and exchange confidential information, there must be consent from the child, the guardians or a legal guardian.",
        ),
        L(
          "Kryss av for tjenestene familien samtykker til at kan utveksle nødvendige opplysninger. Familien kan nekte at opplysninger om spesielle forhold utveksles, og kan trekke samtykket når som helst.",
          "Kryss av for tenestene familien samtykkjer til at kan utveksle naudsynte opplysningar. Familien kan nekte at opplysningar om spesielle forhold blir utveksla, og kan trekkje samtykket når som helst.",
          "Tick the services the family agrees may exchange the necessary information. The family may refuse that particular matters are shared, and may withdraw consent at any time.",
        ),
      ],
      fields: [
        multiChoiceField(
          "services",
          L("Sett kryss", "Set kryss", "Tick the services"),
          consentServices.map((s) => choice(s.id, s.label.nb, s.label.nn, s.label.en)),
        ),
        textField(
          specificationFieldId("specialist_health"),
          L(
            "Spesialisthelsetjeneste (spesifisert)",
            "Spesialisthelseteneste (spesifisert)",
            "Specialist health service (specified)",
          ),
          {
            maxLength: 120,
            hint: L("For eksempel BUP", "Til dømes BUP", "For example BUP (child and adolescent psychiatry)"),
            requiredWhen: { field: "services", choice: "specialist_health" },
          },
        ),
        textField(specificationFieldId("other"), L("Andre (hvilke)", "Andre (kva for nokre)", "Others (which)"), {
          maxLength: 120,
          requiredWhen: { field: "services", choice: "other" },
        }),
      ],
      source: `${source} «Sett kryss»`,
    },
    {
      id: "statements",
      title: L("Bekreft/samtykk", "Stadfest/samtykk", "Confirm/consent"),
      guidance: [
        L(
          "Uten samtykke kan saken bare drøftes anonymt med andre tjenester.",
          "Utan samtykke kan saka berre drøftast anonymt med andre tenester.",
          "Without consent the case may only be discussed anonymously with other services.",
        ),
      ],
      fields: [
        choiceField(
          "informed",
          L(
            "Jeg/vi bekrefter at vi har fått informasjon om de ulike tjenestene avkrysset over",
            "Eg/vi stadfestar at vi har fått informasjon om dei ulike tenestene som er kryssa av over",
            "I/we confirm that we have been told about the services ticked above",
          ),
          yesNo,
          { required: true },
        ),
        choiceField(
          "stafettlogg",
          L(
            "Jeg/vi samtykker til opprettelse av Stafettlogg og bekrefter at vi har fått informasjon om hva dette er",
            "Eg/vi samtykkjer til oppretting av Stafettlogg og stadfestar at vi har fått informasjon om kva dette er",
            "I/we consent to a Stafettlogg (relay log) being set up and confirm we have been told what it is",
          ),
          yesNo,
        ),
        choiceField(
          "consent_decision",
          L(
            "Samtykke til utveksling av opplysninger",
            "Samtykke til utveksling av opplysningar",
            "Consent to exchange information",
          ),
          [
            choice(
              "given",
              "Jeg/vi samtykker til at opplysninger kan utveksles frem til saken avsluttes, eller til samtykke trekkes tilbake",
              "Eg/vi samtykkjer til at opplysningar kan utvekslast fram til saka blir avslutta, eller til samtykket blir trekt tilbake",
              "I/we consent to information being exchanged until the case is closed or consent is withdrawn",
            ),
            choice(
              "refused",
              "Jeg/vi samtykker ikke til utveksling av opplysninger",
              "Eg/vi samtykkjer ikkje til utveksling av opplysningar",
              "I/we do not consent to information being exchanged",
            ),
            choice(
              "withdrawn",
              "Samtykke som er gitt tidligere, trekkes tilbake",
              "Samtykke som er gitt tidlegare, blir trekt tilbake",
              "Consent given earlier is withdrawn",
            ),
          ],
          { required: true },
        ),
      ],
      source: `${source} «Bekreft/samtykk»`,
    },
  ];
}

const pupilSignature = choice("pupil", "Barnet (over 15 år)", "Barnet (over 15 år)", "The child (over 15)");
const guardiansSignature = choice("guardians", "Foresatte", "Føresette", "Guardians");

function consentStepsFromSignature(child: boolean): TemplateStep[] {
  return [
    {
      id: "signature",
      title: L("Signatur, sted og dato", "Signatur, stad og dato", "Signature, place and date"),
      guidance: [
        L(
          child ? "Foresatte signerer erklæringen." : "Barnet signerer selv når det er over 15 år; foresatte signerer.",
          child ? "Føresette signerer erklæringa." : "Barnet signerer sjølv når det er over 15 år; føresette signerer.",
          child ? "The guardians sign the form." : "The child signs when over 15; the guardians sign.",
        ),
      ],
      fields: [
        multiChoiceField(
          "signed_by",
          L("Signert av", "Signert av", "Signed by"),
          child ? [guardiansSignature] : [pupilSignature, guardiansSignature],
          { required: true },
        ),
        dateField("consent_date", L("Dato", "Dato", "Date"), { required: true }),
        textField("place", L("Sted", "Stad", "Place"), { maxLength: 80 }),
        choiceField(
          "obtained_by",
          L("Samtykke er innhentet av", "Samtykke er henta inn av", "Consent obtained by"),
          [
            choice("me", "Meg", "Meg", "Me"),
            choice("other", "En annen (skriv hvem)", "Ein annan (skriv kven)", "Someone else (write who)"),
          ],
          { required: true },
        ),
        textField("obtained_by_name", L("Navn og tjeneste", "Namn og teneste", "Name and service"), {
          maxLength: 120,
          requiredWhen: { field: "obtained_by", choice: "other" },
        }),
        textField(
          "service_location",
          L(
            "Tjenestested (der samtykket er innhentet)",
            "Tenestestad (der samtykket er henta inn)",
            "Service location (where consent was obtained)",
          ),
          { maxLength: 120 },
        ),
      ],
      source: `${source} «Sted: Dato:», «Barnets signatur (for de over 15 år)», «Samtykke er innhentet av: Tjenestested:»`,
    },
  ];
}

/**
 * The form for one pupil on one day: the pupil's own signature is offered only from the ladder's age
 * (`pupilMaySign`, from consent.ts); below it the guardians sign alone. Other templates are returned as they are.
 */
export function consentFormForPupil(
  definition: TemplateDefinition,
  pupilMaySign: boolean,
  age: number,
): TemplateDefinition {
  const signs = definition.steps.some((step) =>
    step.fields.some((f) => f.id === "signed_by" && f.choices?.some((c) => c.id === "pupil")),
  );
  // The kindergarten's form has only the guardians' signature already.
  if (definition.id !== "consent" || pupilMaySign || !signs) return definition;
  return {
    ...definition,
    steps: definition.steps.map((step) =>
      step.id !== "signature"
        ? step
        : {
            ...step,
            guidance: [
              L(
                `Eleven er under ${age} år: foresatte signerer erklæringen.`,
                `Eleven er under ${age} år: føresette signerer erklæringa.`,
                `The pupil is under ${age}: the guardians sign the form.`,
              ),
            ],
            fields: step.fields.map((f) =>
              f.id === "signed_by" ? { ...f, choices: (f.choices ?? []).filter((c) => c.id !== "pupil") } : f,
            ),
          },
    ),
  };
}

/** The template as one pupil meets it today; only the samtykkeerklæring differs by pupil (see consentFormForPupil). */
export function formForPupil(
  definition: TemplateDefinition,
  pupil: { birthDate?: string | undefined },
  today: string,
  ladder: { settings: Readonly<Record<string, LadderSetting>> },
): TemplateDefinition {
  const age = childSignatureAge(ladder.settings);
  return consentFormForPupil(definition, pupilMaySign(pupil.birthDate, today, age), age);
}

export function consentTemplate(profile: LadderProfile): TemplateDefinition {
  const child = profile.institution === "kindergarten";
  return {
    id: "consent",
    version: 1,
    title: L("Samtykkeerklæring", "Samtykkeerklæring", "Consent form (samtykke)"),
    source,
    steps: [...consentStepsFromServices(), ...consentStepsFromSignature(child)],
  };
}
