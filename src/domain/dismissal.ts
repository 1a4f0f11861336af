import type { Localized } from "./templates/types";

/**
 * Why a contact teacher judged the absence «ikke bekymringsfullt» (002 §2.8: «Er det kontakt ved varsel etter fem
 * dager, og dette ikke er bekymringsfullt, er det ikke behov for å dokumentere»). A choice, so no illness is written
 * out; «annet» takes a short text. The reason is on the log entry only, never on later cards.
 */
export const dismissalReasonIds = ["clarified", "illness_over", "leave", "registration_error", "other"] as const;
export type DismissalReasonId = (typeof dismissalReasonIds)[number];

export const dismissalReasons: readonly { id: DismissalReasonId; label: Localized }[] = [
  {
    id: "clarified",
    label: {
      nb: "Avklart med foresatte – kjent og naturlig årsak",
      nn: "Avklart med føresette – kjend og naturleg årsak",
      en: "Clarified with the guardians – a known, natural cause",
    },
  },
  {
    id: "illness_over",
    label: {
      nb: "Avklart sykefravær som er over",
      nn: "Avklart sjukefråvær som er over",
      en: "Clarified illness absence that is over",
    },
  },
  {
    id: "leave",
    label: {
      nb: "Innvilget permisjon eller avtalt fravær",
      nn: "Innvilga permisjon eller avtalt fråvær",
      en: "Leave granted or absence agreed",
    },
  },
  {
    id: "registration_error",
    label: { nb: "Feil i fraværsføringen", nn: "Feil i fråværsføringa", en: "An error in the absence records" },
  },
  { id: "other", label: { nb: "Annet", nn: "Anna", en: "Other" } },
];

/** The short text «annet» may carry. */
export const dismissalOtherMaxLength = 100;

/**
 * The reason as the log entry words it: the choice's label, or «Annet: …» with the teacher's short text; null when the
 * choice is unknown, or «annet» has no text or too long a one.
 */
export function dismissalReasonText(choice: string, otherText: string, language: keyof Localized): string | null {
  const reason = dismissalReasons.find((r) => r.id === choice);
  if (!reason) return null;
  if (reason.id !== "other") return reason.label[language];
  const text = otherText.trim();
  if (!text || text.length > dismissalOtherMaxLength) return null;
  return `${reason.label[language]}: ${text}`;
}
