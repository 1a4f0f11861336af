import { isIsoDate } from "./dates";
import type { LadderSetting } from "./ladder";
import type { StaffRole } from "./roster";
import { type Answers, type Localized, answerIds } from "./templates/answers";

/**
 * Samtykke to share information with other services: the «Tverrfaglig samtykkeerklæring» of seed 003
 * (003_e357b8ccbdc6fbc2.txt, first page). Without consent a case may only be discussed anonymously
 * (001 «Trinn 5: Tverrfaglig drøftinger», 004 «Praktisk handlingsrekkefølge» 2).
 */

/** The services the form lets the family tick («Sett kryss»), in the form's order. */
export const consentServices = [
  { id: "kindergarten", label: { nb: "Barnehage", nn: "Barnehage", en: "Kindergarten" } },
  { id: "school", label: { nb: "Skole/SFO", nn: "Skule/SFO", en: "School/after-school care (SFO)" } },
  { id: "service_office", label: { nb: "Tjenestekontor", nn: "Tenestekontor", en: "Municipal service office" } },
  {
    id: "health_service",
    label: {
      nb: "Forebyggende helsetjenester (helsestasjon/skolehelsetjeneste)",
      nn: "Førebyggjande helsetenester (helsestasjon/skulehelseteneste)",
      en: "Preventive health services (health centre/school health service)",
    },
  },
  {
    id: "physio_ergo",
    label: {
      nb: "Fysio-/ergoterapitjenesten",
      nn: "Fysio-/ergoterapitenesta",
      en: "Physiotherapy/occupational therapy",
    },
  },
  { id: "gp", label: { nb: "Fastlege", nn: "Fastlege", en: "General practitioner" } },
  { id: "ppt", label: { nb: "PPT", nn: "PPT", en: "Educational-psychological service (PPT)" } },
  { id: "child_welfare", label: { nb: "Barneverntjeneste", nn: "Barnevernteneste", en: "Child welfare service" } },
  { id: "psychologist", label: { nb: "Psykolog", nn: "Psykolog", en: "Psychologist" } },
  { id: "social_nav", label: { nb: "Sosialtjeneste/NAV", nn: "Sosialteneste/NAV", en: "Social services/NAV" } },
  {
    id: "leisure",
    label: {
      nb: "Kommunale fritidstilbud barn/unge",
      nn: "Kommunale fritidstilbod barn/unge",
      en: "Municipal leisure activities for children/youth",
    },
  },
  {
    id: "mental_health",
    label: { nb: "Psykisk helse og rus", nn: "Psykisk helse og rus", en: "Mental health and substance abuse" },
  },
  {
    id: "coordinating_unit",
    label: { nb: "KE (koordinerende enhet)", nn: "KE (koordinerande eining)", en: "Coordinating unit (KE)" },
  },
  {
    id: "family_house",
    label: { nb: "Fagteam i Familiens hus", nn: "Fagteam i Familiens hus", en: "Specialist team at Familiens hus" },
  },
  {
    id: "fint",
    label: {
      nb: "FINT (flyktning- og innvandrertjenesten)",
      nn: "FINT (flyktning- og innvandrartenesta)",
      en: "FINT (refugee and immigrant service)",
    },
  },
  {
    id: "specialist_health",
    label: { nb: "Spesialisthelsetjeneste", nn: "Spesialisthelseteneste", en: "Specialist health service" },
  },
  { id: "other", label: { nb: "Andre", nn: "Andre", en: "Others" } },
] as const satisfies readonly { id: string; label: Localized }[];

export type ConsentServiceId = (typeof consentServices)[number]["id"];

/** The services the form asks to name on a line of their own: «Spesialhelsetjeneste (spesifisert):», «Andre:». */
export const specifiedServices = ["specialist_health", "other"] as const satisfies readonly ConsentServiceId[];
export type SpecifiedService = (typeof specifiedServices)[number];
/** The answer that names a specified service, e.g. «BUP» for specialist_health. */
export const specificationFieldId = (service: SpecifiedService) => `${service}_detail`;
const specificationMaxLength = 120;

const serviceIds: readonly string[] = consentServices.map((s) => s.id);

/** The staff roles Nærvær may bring into a case once samtykke covers their service: helsesykepleier and PPT. */
export const serviceRoles = ["school_nurse", "ppt"] as const satisfies readonly StaffRole[];
export type ServiceRole = (typeof serviceRoles)[number];

/** The service each of those roles belongs to on the form. */
const serviceOfRole: Readonly<Record<ServiceRole, ConsentServiceId>> = { school_nurse: "health_service", ppt: "ppt" };

export function isServiceRole(role: string): role is ServiceRole {
  return (serviceRoles as readonly string[]).includes(role);
}

/**
 * given: information may be exchanged «frem til saken avsluttes, eller til samtykke trekkes tilbake»;
 * refused: «Jeg/vi samtykker ikke til utveksling av opplysninger»; withdrawn: consent given earlier is taken back.
 */
export type ConsentStatus = "given" | "refused" | "withdrawn";
const statuses: readonly ConsentStatus[] = ["given", "refused", "withdrawn"];

/** What the log keeps of a completed samtykkeerklæring: the choices, the date, and where it was signed and obtained. */
export interface ConsentRecord {
  status: ConsentStatus;
  /** The services information may be exchanged with (empty unless given). */
  services: ConsentServiceId[];
  /** «Jeg/vi samtykker til opprettelse av Stafettlogg». */
  stafettlogg: boolean;
  /** Who signed: the pupil (over 15) and/or the guardians. */
  signedBy: ("pupil" | "guardians")[];
  /** YYYY-MM-DD */
  date: string;
  /** «Sted» and «Tjenestested» of the form, short; empty when not given. */
  place: string;
  serviceLocation: string;
  /** What the family named for a ticked «Spesialhelsetjeneste (spesifisert)» or «Andre»; absent when nothing was. */
  specified?: Partial<Record<SpecifiedService, string>>;
  /** «Samtykke er innhentet av» when someone other than the writer of the entry obtained it; else the entry's author did. */
  obtainedBy?: string;
}

/** The setting a ladder carries for «Barnets signatur (for de over 15 år)»: the age from which the pupil signs too. */
export const childSignsFromAgeSetting = "childSignsConsentFromAge";
export const childSignsFromAge: LadderSetting = {
  label: "Alder da eleven signerer samtykkeerklæringen selv («Barnets signatur (for de over 15 år)»)",
  value: 15,
  source: "003_e357b8ccbdc6fbc2.txt «Tverrfaglig samtykkeerklæring»: «Barnets signatur (for de over 15 år)»",
};

/** The ladder's age for the pupil's own signature; the form's 15 where the ladder names none. */
export function childSignatureAge(settings: Readonly<Record<string, LadderSetting>>): number {
  const value = settings[childSignsFromAgeSetting]?.value;
  return typeof value === "number" ? value : (childSignsFromAge.value as number);
}

/** Whole years between a birth date and a day, both YYYY-MM-DD (a 29 February birthday comes on 1 March). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * Whether the form offers the pupil's own signature today: when the pupil has reached the ladder's age by birth date.
 * Without a birth date in the roster Nærvær cannot tell, so the form offers it as printed and the teacher judges.
 */
export function pupilMaySign(birthDate: string | undefined, today: string, age: number): boolean {
  return birthDate === undefined || !isIsoDate(birthDate) ? true : ageOn(birthDate, today) >= age;
}

/** The consent a completed form records; null when the decision is missing or unknown (nothing is assumed). */
export function consentFromAnswers(answers: Answers, today: string): ConsentRecord | null {
  const decision = typeof answers.consent_decision === "string" ? answers.consent_decision : "";
  const status = statuses.find((s) => s === decision);
  if (!status) return null;
  const date =
    typeof answers.consent_date === "string" && isIsoDate(answers.consent_date) ? answers.consent_date : today;
  const services =
    status === "given"
      ? (answerIds(answers.services).filter(
          (id, i, all) => serviceIds.includes(id) && all.indexOf(id) === i,
        ) as ConsentServiceId[])
      : [];
  const signedBy = answerIds(answers.signed_by).filter(
    (s): s is "pupil" | "guardians" => s === "pupil" || s === "guardians",
  );
  const short = (value: unknown, max: number): string => (typeof value === "string" ? value.trim().slice(0, max) : "");
  const specified: Partial<Record<SpecifiedService, string>> = {};
  for (const service of specifiedServices) {
    const text = short(answers[specificationFieldId(service)], specificationMaxLength);
    if (text && services.includes(service)) specified[service] = text;
  }
  const obtainedBy = answers.obtained_by === "other" ? short(answers.obtained_by_name, 120) : "";
  return {
    status,
    services,
    stafettlogg: status === "given" && answers.stafettlogg === "yes",
    signedBy: [...new Set(signedBy)],
    date,
    place: short(answers.place, 80),
    serviceLocation: short(answers.service_location, 120),
    ...(Object.keys(specified).length > 0 ? { specified } : {}),
    ...(obtainedBy ? { obtainedBy } : {}),
  };
}

/** The consent in force: the newest recorded form (by date, then by when it was written). Null when none was recorded. */
export function currentConsent(
  entries: readonly { consent?: ConsentRecord | undefined; writtenAt: string }[],
): ConsentRecord | null {
  let best: { consent: ConsentRecord; writtenAt: string } | null = null;
  for (const e of entries) {
    if (!e.consent) continue;
    if (
      best === null ||
      e.consent.date > best.consent.date ||
      (e.consent.date === best.consent.date && e.writtenAt >= best.writtenAt)
    )
      best = { consent: e.consent, writtenAt: e.writtenAt };
  }
  return best?.consent ?? null;
}

/** Whether a staff role's service may be brought into the case: consent given, and that service ticked. */
export function consentCovers(consent: ConsentRecord | null, role: StaffRole): boolean {
  return (
    consent !== null &&
    consent.status === "given" &&
    isServiceRole(role) &&
    consent.services.includes(serviceOfRole[role])
  );
}

/** The services' names in a language, in the form's order; a specified one with what the family named («… (BUP)»). */
export function consentServiceNames(consent: ConsentRecord, language: keyof Localized): string[] {
  return consentServices
    .filter((s) => consent.services.includes(s.id))
    .map((s) => {
      const named = (consent.specified as Partial<Record<string, string>> | undefined)?.[s.id];
      return named ? `${s.label[language]} (${named})` : s.label[language];
    });
}
