import { L, seed } from "../../templates/common";
import type { RoutineTemplates } from "../types";
import { orlandAttendanceMeeting } from "../orland-tiltaksplan";

// The evaluation period is the steps' own: «evalueres etter ca. 1 måned sammen med foresatte» (Trinn 2 and 3).
export const orlandBarnehageTemplates: RoutineTemplates = {
  variant: "common",
  stepWord: L("Trinn", "Trinn", "Step"),
  system: "Transponder",
  // Del 2 «Fraværsrutiner i barnehagen»: the kindergarten contacts the guardians and asks about the absence.
  attendanceMeeting: orlandAttendanceMeeting,
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
