import { absenceMessageTemplate } from "./absence-message";
import { attendanceMeetingTemplate } from "./attendance-meeting";
import { consentTemplate } from "./consent";
import { deepFreeze, mapLocalized, toKindergartenText } from "./common";
import { type LadderProfile, type TemplateLadderId, isTemplateLadderId, ladderProfile } from "./ladders";
import { phoneCallTemplate } from "./phone-call";
import { isTemplateId } from "./ids";
import type { TemplateDefinition, TemplateId } from "./types";
import { vulnerabilityMappingTemplate } from "./vulnerability";
import { wonderTalkGuardiansTemplate, wonderTalkPupilTemplate } from "./wonder-talk";

const builders: Readonly<Record<TemplateId, (profile: LadderProfile) => TemplateDefinition>> = {
  phone_call: phoneCallTemplate,
  absence_message: absenceMessageTemplate,
  attendance_meeting: attendanceMeetingTemplate,
  wonder_talk_pupil: wonderTalkPupilTemplate,
  wonder_talk_guardians: wonderTalkGuardiansTemplate,
  vulnerability_mapping: vulnerabilityMappingTemplate,
  consent: consentTemplate,
};

const cache = new Map<string, TemplateDefinition>();

/**
 * The template as the ladder's routine words it. Molde and Lillestrøm get their own forms; the other
 * presets and custom ladders get the common form (002), and the kindergarten ladder speaks of
 * «barnet», «barnehagen», «pedagogisk leder» (000 Del 2 and Del 4). The result is frozen and shared.
 */
export function templateFor(id: TemplateId, ladderId: string): TemplateDefinition {
  if (!isTemplateId(id)) throw new RangeError(`Unknown template: ${String(id)}`);
  // Custom ladders share one common form; their ids never reach the cache key.
  const key = `${id}|${isTemplateLadderId(ladderId) ? ladderId : "*"}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const profile = ladderProfile(ladderId);
  let definition = builders[id](profile);
  if (profile.institution === "kindergarten") definition = mapLocalized(definition, toKindergartenText);
  const frozen = deepFreeze(definition);
  cache.set(key, frozen);
  return frozen;
}

/**
 * Which templates each preset's routine offers at each step, most relevant first, with the seed that
 * says so. A step the ladder does not have offers none.
 */
const offers: Readonly<Record<TemplateLadderId, Readonly<Record<number, readonly TemplateId[]>>>> = {
  "molde-nordbyen": {
    // 002 §1.3 nivå 0 «Oppdage og utforske: Ta kontakt med foresatte – samme dag. Gjennomfør undringssamtale med elev
    // dersom det er behov for det.»; §1.2 pkt. 6–7 «melding via Visma eller ringes hjem» with the §2.3 draft.
    0: ["phone_call", "wonder_talk_pupil", "absence_message"],
    // 002 §1.3 nivå 1 «Tiltak settes i gang på skolen i samarbeid med eleven og foresatte … Vurder nødvendigheten av et
    // nærværsmøte»; §2.2 «Ved neste evaluering kan man gjøre denne kartleggingen på nytt»; §2.4 pkt. 7 documents phone
    // calls on level ≥ 1 in the elevlogg, so calls happen here too. 003 undringssamtale with guardians.
    1: ["attendance_meeting", "wonder_talk_guardians", "wonder_talk_pupil", "phone_call"],
    // 002 §1.3 nivå 2 «Meld til ledelse – innen 1 uke. Kartlegg særskilt sårbarhet (kap. 2.7) hos eleven. Nærværsmøte.»
    2: ["vulnerability_mapping", "attendance_meeting", "wonder_talk_guardians", "wonder_talk_pupil"],
    // 002 §1.3 nivå 3 «Langvarig koordinert samarbeid»: the meetings go on with the services; measures and the
    // samarbeidsavtale (§2.5–2.6) are still agreed and evaluated there.
    3: ["attendance_meeting"],
  },
  lillestrom: {
    // 001 «Trinn 1: Kontakt med hjemmet» and «Første kontakt med hjemmet»; «Lærer bør vurdere om det er best å snakke
    // med eleven før kontakt med foresatte.»
    1: ["phone_call", "wonder_talk_pupil"],
    // 001 «Trinn 2: Kartleggingssamtale» (the attendance_meeting in Lillestrøm's form); «Det er viktig å få frem elevens
    // stemme» – talk with the pupil separately when that is best.
    2: ["attendance_meeting", "wonder_talk_pupil"],
    // 001 «Trinn 3: Tiltaksplan» – the plan part of the same template.
    3: ["attendance_meeting"],
    // 001 «Trinn 4: Evaluering» – «Innkall til evalueringsmøte etter tre uker … lages en ny plan med reviderte tiltak.»
    4: ["attendance_meeting", "wonder_talk_pupil"],
    // 001 «Trinn 5: Tverrfaglig drøftinger»: Lillestrøm has no checklist of its own; 002 §2.7 is made for the step where
    // other services are brought in. Consent first («samtykke må innhentes»).
    5: ["vulnerability_mapping", "attendance_meeting"],
  },
  "orland-skole": {
    // 000 Del 5 Trinn 0: «Kontaktlærer tar kontakt med foresatte samme dag …», «skal kontaktlærer snakke med eleven for å
    // avklare årsak», «formidler bekymring / undring» (skjema «konkretisering av undring/bekymring»).
    0: ["phone_call", "wonder_talk_pupil", "wonder_talk_guardians", "absence_message"],
    // 000 Del 5 Trinn 1: «elev og foresatte blir innkalt til møte ved skolen … Tiltaksplan med en tydelig
    // ansvarsfordeling utarbeides»; Del 5 «Kartlegge årsaker og innhente elevstemmen».
    1: ["attendance_meeting", "wonder_talk_pupil"],
    // 000 Del 5 Trinn 2: «ytterligere undersøkelser og kartlegginger … Vurder behovet for å koble på andre
    // hjelpetjenester. Tiltaksplan … sett opp tidspunkt for evaluering.»
    2: ["vulnerability_mapping", "attendance_meeting"],
    // 000 Del 5 Trinn 3: «Faste samarbeidsmøter med fokus på tiltak avholdes inntil normalt skolenærvær.»
    3: ["attendance_meeting"],
  },
  "orland-barnehage": {
    // 000 Del 2 «Barnehagen tar kontakt med foresatte etter 3 dager dersom det ikke gis beskjed om fravær»; Del 4 Trinn 0
    // skjema «konkretisering av undring/bekymring». No talk with the child alone in kindergarten.
    0: ["phone_call", "wonder_talk_guardians", "absence_message"],
    // 000 Del 4 Trinn 1: «Foresatte kalles inn til møte ved barnehagen … Veileder i foreldresamtaleskjema kan benyttes …
    // Tiltaksplan utarbeides.»
    1: ["attendance_meeting", "wonder_talk_guardians"],
    // 000 Del 4 Trinn 2: «ytterligere undersøkelser og kartlegginger … Vurdere behov for andre hjelpetjenester.»
    2: ["vulnerability_mapping", "attendance_meeting"],
    // 000 Del 4 Trinn 3: «Tiltak dokumenteres i tiltaksplan og evalueres … Samarbeidsmøter gjennomføres etter behov.»
    3: ["attendance_meeting"],
  },
  "tynset-nord-osterdal": {
    // 004 «Praktisk handlingsrekkefølge» 1) «kontaktlærer og rektor lager en oversikt over situasjonen … gjerne gjennom
    // samtale med eleven»; «Fravær»: «Dersom foresatte ikke tar kontakt, skal kontaktlærer ringe for å avklare fraværet.»
    1: ["phone_call", "wonder_talk_pupil"],
    // 004 2) «Kontaktlærer tar kontakt med foresatte og får innspill fra dem … Ber om samtykke til drøfting i aktuelle
    // tverrfaglige team.»
    2: ["phone_call", "wonder_talk_guardians", "consent"],
    // 004 3) fagmøte i tverrfaglig team: «Vurderingsskjema for skolevegring … kan brukes» – the 002 §2.7 checklist
    // prepares the same discussion.
    3: ["vulnerability_mapping"],
    // 004 4) «Innen 2-5 dager etter fagmøtet innkalles foresatte og elev sammen med aktuelle instanser … Samarbeidsavtale
    // skrives og følges opp/evalueres».
    4: ["attendance_meeting"],
  },
};

/** Custom ladders: contact on the lowest steps, meetings above (the shape all five seeds share). */
function commonOffer(step: number): readonly TemplateId[] {
  if (step <= 0) return ["phone_call", "wonder_talk_pupil", "absence_message"];
  if (step === 1) return ["phone_call", "attendance_meeting", "wonder_talk_pupil"];
  return ["attendance_meeting", "vulnerability_mapping", "wonder_talk_guardians"];
}

/**
 * The templates the routine offers at this step, most relevant first. No step (null) offers none;
 * custom ladders get the common offer by step number.
 */
export function templatesForStep(ladderId: string, step: number | null): TemplateId[] {
  if (step === null || !Number.isInteger(step)) return [];
  const offered = isTemplateLadderId(ladderId)
    ? [...(offers[ladderId][step] ?? [])]
    : step < 0
      ? []
      : [...commonOffer(step)];
  return withConsent(offered);
}

/**
 * The samtykkeerklæring (003 «Tverrfaglig samtykkeerklæring») wherever other services may be brought in: at every
 * step with a nærværsmøte or a kartlegging. 001 «Trinn 2: Kartleggingssamtale»: «Her kan helsesykepleier på skolen
 * være en viktig samarbeidspartner inn. Det må da foreligge samtykke fra elev og/eller foresatte»; 001 «Trinn 5»:
 * «Husk at samtykke må innhentes fra foresatte/elev før drøfting tverrfaglig»; 000 Del 5 Trinn 3: «Hente inn aktuelle
 * hjelpetjenester etter samtykke fra elev og foresatte».
 */
function withConsent(offered: TemplateId[]): TemplateId[] {
  const bringsInServices = offered.includes("attendance_meeting") || offered.includes("vulnerability_mapping");
  return bringsInServices && !offered.includes("consent") ? [...offered, "consent"] : offered;
}
