import { L, seed } from "../../templates/common";
import type { RoutineTemplates } from "../types";
import { orlandAttendanceMeeting } from "../orland-tiltaksplan";

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
  attendanceMeeting: orlandAttendanceMeeting,
  additions: {
    attendance_meeting: {
      welcome: {
        // Del 5 Trinn 1: «… blir elev og foresatte innkalt til møte ved skolen, hvor skole, skolehelsetjeneste og los deltar. PPT kalles inn ved behov.»
        guidance: [
          L(
            "Skole, skolehelsetjeneste og los deltar. PPT kalles inn ved behov.",
            "Skule, skulehelseteneste og los deltek. PPT blir kalla inn ved behov.",
            "The school, the school health service and the outreach worker (los) take part. PPT is called in when needed.",
          ),
        ],
        source: `; ${seed.orland} Del 5 Trinn 1`,
      },
      measures: { source: `; ${seed.orland} Vedlegg «Tiltaksplan»` },
    },
    phone_call: {
      call: { source: `; ${seed.orland} Del 5 Trinn 0` },
      describe: { source: `; ${seed.orland} Del 5 Trinn 0` },
    },
  },
};
