import { z } from "zod";

/** Calendar date as written in Norwegian school systems' exports: YYYY-MM-DD. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    "a real calendar date",
  );

/** Ids from school systems become Cosmos document ids and URL segments: a documented safe set, never `/`, `\\`, `?` or `#`. */
export const SAFE_ID_MESSAGE = "an id of letters, digits and . _ : @ + = - (no spaces, slashes or #)";
export const safeId = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:@+=-]*$/, SAFE_ID_MESSAGE);

/** True for a time zone the runtime knows (IANA names such as Europe/Oslo). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
export const TIME_ZONE_MESSAGE = "an IANA time zone such as Europe/Oslo";

export const staffRoles = [
  "contact_teacher",
  "team_lead",
  "coordinator",
  "principal",
  "school_nurse",
  "ppt",
  "outreach",
] as const;
export type StaffRole = (typeof staffRoles)[number];

/** The school's leadership in a case: they may act on every case of their school, and the routine escalates to them. */
export const leadRoles = ["coordinator", "principal", "team_lead"] as const satisfies readonly StaffRole[];
export type LeadRole = (typeof leadRoles)[number];

export function isLeadRole(role: string): role is LeadRole {
  return (leadRoles as readonly string[]).includes(role);
}

/** The schools where this staff member is tiltaksleder, rektor or teamleder, each once. */
export function schoolsLedBy(staff: Pick<StaffMember, "roles"> | undefined): string[] {
  return [...new Set((staff?.roles ?? []).filter((r) => isLeadRole(r.role)).map((r) => r.schoolId))];
}

/** A school's own holidays (høstferie, juleferie, vinterferie, planleggingsdager) for one school year; inclusive. */
export const schoolHoliday = z.object({
  from: isoDate,
  to: isoDate,
  name: z.string().max(80).optional(),
});
export type SchoolHoliday = z.infer<typeof schoolHoliday>;

export const school = z.object({
  id: safeId(64),
  name: z.string().min(1).max(200),
  municipality: z.string().min(1).max(100),
  /** A preset id (e.g. "orland-skole") or "custom:<file>" pointing at a ladder file. */
  ladder: z.string().min(1).max(200),
  timeZone: z.string().min(1).refine(isTimeZone, TIME_ZONE_MESSAGE).default("Europe/Oslo"),
  /** First day of the school year, so windows like "this school year" know where to start. */
  schoolYearStart: isoDate.optional(),
  holidays: z.array(schoolHoliday).default([]),
  /** The school's choice where its routine leaves one open, e.g. Lillestrøm's late threshold; names are the ladder's settings. */
  ladderSettings: z.record(z.string(), z.unknown()).optional(),
});
export type School = z.infer<typeof school>;

export const staffMember = z.object({
  aadObjectId: safeId(64),
  name: z.string().min(1).max(200),
  email: z.string().email().optional(),
  /** The language Nærvær writes to this person in, when they have not chosen one themselves: nb, nn or en. */
  language: z.enum(["nb", "nn", "en"]).optional(),
  roles: z.array(z.object({ schoolId: safeId(64), role: z.enum(staffRoles) })).min(1),
});
export type StaffMember = z.infer<typeof staffMember>;

export const pupil = z.object({
  id: safeId(64),
  name: z.string().min(1).max(200),
  birthDate: isoDate.optional(),
  schoolId: safeId(64),
  grade: z.number().int().min(1).max(13),
  className: z.string().min(1).max(20),
  contactTeacherIds: z.array(safeId(64)).default([]),
});
export type Pupil = z.infer<typeof pupil>;

export const roster = z.object({
  schools: z.array(school).default([]),
  staff: z.array(staffMember).default([]),
  pupils: z.array(pupil).default([]),
});
export type Roster = z.infer<typeof roster>;
