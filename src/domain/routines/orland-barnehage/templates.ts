import { L } from "../../templates/common";
import type { RoutineTemplates } from "../types";

// The evaluation period is the steps' own: «evalueres etter ca. 1 måned sammen med foresatte» (Trinn 2 and 3).
export const orlandBarnehageTemplates: RoutineTemplates = {
  variant: "common",
  stepWord: L("Trinn", "Trinn", "Step"),
  system: "Transponder",
};
