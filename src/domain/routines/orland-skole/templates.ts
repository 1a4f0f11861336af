import { L, seed, textField } from "../../templates/common";
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
