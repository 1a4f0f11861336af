import { L } from "../../templates/common";
import type { RoutineTemplates } from "../types";

// The evaluation period is the steps' own: «I en periode på tre uker prøves tiltaksplanen ut» (Trinn 3 and 4).
export const lillestromTemplates: RoutineTemplates = {
  variant: "lillestrom",
  stepWord: L("Trinn", "Trinn", "Step"),
  system: "Vigilo",
};
