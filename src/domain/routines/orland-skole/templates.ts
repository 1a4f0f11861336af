import { L, seed } from "../../templates/common";
import type { RoutineTemplates } from "../types";

export const orlandSkoleTemplates: RoutineTemplates = {
  variant: "common",
  stepWord: L("Trinn", "Trinn", "Step"),
  system: "Visma Flyt Skole",
  // Del 5 asks for «tidspunkt for evaluering» without a length; the common three weeks of 002 §1.3 is the default.
  evaluation: {
    unit: "weeks",
    amount: 3,
    source: `${seed.orland} Del 5 Trinn 2 («sett opp tidspunkt for evaluering»); ${seed.molde} §1.3`,
  },
  // Del 5 Trinn 0: «Kontaktlærer etterspør årsak til fraværet og avklarer eventuelt behov for oppfølging for å øke nærvær.»
  additions: {
    phone_call: {
      call: { source: `; ${seed.orland} Del 5 Trinn 0` },
      describe: { source: `; ${seed.orland} Del 5 Trinn 0` },
    },
  },
};
