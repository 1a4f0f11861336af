import { absenceMessageTemplate } from "./absence-message";
import { attendanceMeetingTemplate } from "./attendance-meeting";
import { consentTemplate } from "./consent";
import { deepFreeze, mapLocalized, toKindergartenText } from "./common";
import type { Ladder, LadderStep } from "../ladder";
import { type StepAdditions, isRoutineId, routines } from "../routines";
import { type LadderProfile, ladderProfile } from "./ladders";
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

/** The common form with a routine's additions to its steps; an addition to a step the form lacks is a mistake in the routine. */
function withAdditions(
  definition: TemplateDefinition,
  additions: Readonly<Record<string, StepAdditions>> | undefined,
): TemplateDefinition {
  if (!additions) return definition;
  for (const stepId of Object.keys(additions))
    if (!definition.steps.some((s) => s.id === stepId))
      throw new RangeError(`The routine adds to step ${stepId}, which ${definition.id} does not have`);
  return {
    ...definition,
    steps: definition.steps.map((step) => {
      const added = additions[step.id];
      if (!added) return step;
      return {
        ...step,
        guidance: [...step.guidance, ...(added.guidance ?? [])],
        fields: [...step.fields, ...(added.fields ?? [])],
        source: `${step.source}${added.source ?? ""}`,
      };
    }),
  };
}

/**
 * The template as the ladder's routine words it: the routine's own form where it has one (Lillestrøm's, in
 * src/domain/routines/lillestrom), else the common builder, which Molde words as its own (002); custom ladders
 * get the common form, and the kindergarten ladder speaks of «barnet», «barnehagen», «pedagogisk leder»
 * (000 Del 2 and Del 4). The result is frozen and shared.
 */
export function templateFor(id: TemplateId, ladderId: string): TemplateDefinition {
  if (!isTemplateId(id)) throw new RangeError(`Unknown template: ${String(id)}`);
  // Custom ladders share one common form; their ids never reach the cache key.
  const key = `${id}|${isRoutineId(ladderId) ? ladderId : "*"}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const profile = ladderProfile(ladderId);
  const build = (isRoutineId(ladderId) ? routines[ladderId].templates.forms?.[id] : undefined) ?? builders[id];
  let definition = withAdditions(
    build(profile),
    isRoutineId(ladderId) ? routines[ladderId].templates.additions?.[id] : undefined,
  );
  if (profile.institution === "kindergarten") definition = mapLocalized(definition, toKindergartenText);
  const frozen = deepFreeze(definition);
  cache.set(key, frozen);
  return frozen;
}

/** Custom ladders: contact on the lowest steps, meetings above (the shape all five seeds share). */
function commonOffer(step: number): readonly TemplateId[] {
  if (step <= 0) return ["phone_call", "wonder_talk_pupil", "absence_message"];
  if (step === 1) return ["phone_call", "attendance_meeting", "wonder_talk_pupil"];
  return ["attendance_meeting", "vulnerability_mapping", "wonder_talk_guardians"];
}

/**
 * The templates the routine offers at this step, most relevant first: the ones its ladder step names
 * (`templates`). A preset's step it does not have offers none; a custom ladder's step that names none
 * gets the common offer by step number. No step (null) offers none.
 */
export function templatesForStep(ladderId: string, step: number | null, ladder?: Pick<Ladder, "steps">): TemplateId[] {
  if (step === null || !Number.isInteger(step)) return [];
  const steps: readonly Pick<LadderStep, "number" | "templates">[] | undefined = isRoutineId(ladderId)
    ? routines[ladderId].ladder.steps
    : ladder?.steps;
  const named = steps?.find((s) => s.number === step)?.templates;
  if (named) return named.filter(isTemplateId);
  if (isRoutineId(ladderId) || step < 0) return [];
  return withConsent([...commonOffer(step)]);
}

/**
 * The samtykkeerklæring (003 «Tverrfaglig samtykkeerklæring») wherever other services may be brought in: at every
 * step with a nærværsmøte or a kartlegging (the presets name it on those steps themselves). 001 «Trinn 2: Kartleggingssamtale»: «Her kan helsesykepleier på skolen
 * være en viktig samarbeidspartner inn. Det må da foreligge samtykke fra elev og/eller foresatte»; 001 «Trinn 5»:
 * «Husk at samtykke må innhentes fra foresatte/elev før drøfting tverrfaglig»; 000 Del 5 Trinn 3: «Hente inn aktuelle
 * hjelpetjenester etter samtykke fra elev og foresatte».
 */
function withConsent(offered: TemplateId[]): TemplateId[] {
  const bringsInServices = offered.includes("attendance_meeting") || offered.includes("vulnerability_mapping");
  return bringsInServices && !offered.includes("consent") ? [...offered, "consent"] : offered;
}
