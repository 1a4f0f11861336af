import { L } from "../../templates/common";
import type { RoutineTemplates } from "../types";
import { lillestromAttendanceMeeting } from "./attendance-meeting";
import { lillestromPhoneCall } from "./phone-call";

// The evaluation period is the steps' own: «I en periode på tre uker prøves tiltaksplanen ut» (Trinn 3 and 4).
export const lillestromTemplates: RoutineTemplates = {
  variant: "lillestrom",
  stepWord: L("Trinn", "Trinn", "Step"),
  system: "Vigilo",
  // 001 «Hva gjør jeg som kontaktlærer?»: «Dokumenter i elevmappen» already on trinn 1 (and «Trinn 1»: «holder det at
  // samtalen dokumenteres i elevmappen»).
  alwaysPupilLog: true,
  forms: { phone_call: lillestromPhoneCall, attendance_meeting: lillestromAttendanceMeeting },
};
