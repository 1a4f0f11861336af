import { L, seed } from "../../templates/common";
import type { RoutineTemplates } from "../types";

export const tynsetNordOsterdalTemplates: RoutineTemplates = {
  variant: "common",
  stepWord: L("Trinn", "Trinn", "Step"),
  system: "Min skole",
  // 004 pkt. 4: «Samarbeidsavtale skrives og følges opp/evalueres» without a length; three weeks as in 002 §1.3.
  evaluation: {
    unit: "weeks",
    amount: 3,
    source: `${seed.tynset} «Praktisk handlingsrekkefølge» 4); ${seed.molde} §1.3`,
  },
};
