import { L, seed, textField } from "../templates/common";
import type { RoutineTemplates } from "./types";

/**
 * Ørland's nærværsmøte ends in its tiltaksplan, for the school and the kindergarten alike (000 Vedlegg «Tiltaksplan»:
 * «Navn / Tidsrom / Enhet / Ansvarlig»; rows «Område / Hvorfor / Tiltak / Ansvarlig / Evaluering»).
 */
export const orlandAttendanceMeeting: RoutineTemplates["attendanceMeeting"] = {
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
};
