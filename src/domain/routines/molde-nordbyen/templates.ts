import { L } from "../../templates/common";
import type { RoutineTemplates } from "../types";

// The evaluation period is the steps' own: «Planlegg og iverksett tiltak – evaluer etter 3 uker» (nivå 1 and 2).
export const moldeNordbyenTemplates: RoutineTemplates = {
  variant: "molde",
  stepWord: L("Nivå", "Nivå", "Level"),
  system: "Visma",
  // 002 Forord: «Vi har kommet fram til begrepet «Nærværsløftet»»; §2.3 Eksempel 2: «Siden vi har nærværsløftet …».
  programme: "Nærværsløftet",
};
