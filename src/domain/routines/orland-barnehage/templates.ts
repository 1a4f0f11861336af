import { L, seed, textField } from "../../templates/common";
import type { RoutineTemplates } from "../types";

// The evaluation period is the steps' own: «evalueres etter ca. 1 måned sammen med foresatte» (Trinn 2 and 3).
export const orlandBarnehageTemplates: RoutineTemplates = {
  variant: "common",
  stepWord: L("Trinn", "Trinn", "Step"),
  system: "Transponder",
  // Del 2 «Fraværsrutiner i barnehagen»: the kindergarten contacts the guardians and asks about the absence.
  // 000 Vedlegg «Tiltaksplan»: «Navn / Tidsrom / Enhet / Ansvarlig»; rows «Område / Hvorfor / Tiltak / Ansvarlig / Evaluering».
  attendanceMeeting: {
    title: L(
      "Møte med foresatte og tiltaksplan",
      "Møte med føresette og tiltaksplan",
      "Meeting with guardians and measures plan",
    ),
    planTitle: L("Tiltaksplan", "Tiltaksplan", "Measures plan (tiltaksplan)"),
    planFields: [
      textField("plan_responsible", L("Ansvarlig for planen", "Ansvarleg for planen", "Responsible for the plan"), {
        maxLength: 120,
      }),
    ],
    planSourcePrefix: `${seed.orland} Vedlegg «Tiltaksplan»; `,
    measuresHint: L(
      "Område, hvorfor (hva konkret trenger eleven hjelp til), tiltak, ansvarlig og evaluering.",
      "Område, kvifor (kva konkret treng eleven hjelp til), tiltak, ansvarleg og evaluering.",
      "Area, why (what concretely the pupil needs help with), measure, responsible and evaluation.",
    ),
  },
  additions: {
    attendance_meeting: {
      welcome: { source: `; ${seed.orland} Del 4 Trinn 1` },
      measures: { source: `; ${seed.orland} Vedlegg «Tiltaksplan»` },
    },
    phone_call: {
      call: { source: `; ${seed.orland} Del 2 «Fraværsrutiner i barnehagen»` },
      describe: { source: `; ${seed.orland} Del 2 «Fraværsrutiner i barnehagen»` },
    },
  },
};
