import { z } from "zod";
import { isoDate, safeId } from "./roster";

export const absenceKinds = ["day", "lesson", "late", "left", "not_in_class"] as const;
export type AbsenceKind = (typeof absenceKinds)[number];

export const absenceReasons = ["illness", "leave", "travel", "appointment", "other", "unknown"] as const;
export type AbsenceReason = (typeof absenceReasons)[number];

/** The fields of an absence event, as written in JSON and as CSV column names; the store keeps exactly these. */
export const absenceFields = [
  "id",
  "pupilId",
  "schoolId",
  "date",
  "kind",
  "documented",
  "lessons",
  "minutes",
  "subject",
  "reason",
  "episodeId",
  "agreed",
] as const;

/**
 * One registration from the school's system (Visma Flyt Skole, Vigilo, Min skole).
 * `documented` is dokumentert/gyldig (true) or udokumentert/ugyldig (false).
 */
export const absenceEvent = z
  .object({
    id: safeId(128),
    pupilId: safeId(64),
    schoolId: safeId(64),
    date: isoDate,
    kind: z.enum(absenceKinds),
    documented: z.boolean().optional(),
    lessons: z.number().int().min(1).max(12).optional(),
    minutes: z.number().int().min(1).max(600).optional(),
    subject: z.string().min(1).max(80).optional(),
    reason: z.enum(absenceReasons).optional(),
    episodeId: z.string().min(1).max(128).optional(),
    agreed: z.boolean().optional(),
  })
  .superRefine((e, ctx) => {
    if ((e.kind === "day" || e.kind === "lesson") && e.documented === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["documented"],
        message: "true or false (required when kind is day or lesson)",
      });
    }
  });
export type AbsenceEvent = z.infer<typeof absenceEvent>;
