import { lillestrom } from "./lillestrom/ladder";
import { lillestromTemplates } from "./lillestrom/templates";
import { moldeNordbyen } from "./molde-nordbyen/ladder";
import { moldeNordbyenTemplates } from "./molde-nordbyen/templates";
import { orlandBarnehage } from "./orland-barnehage/ladder";
import { orlandBarnehageTemplates } from "./orland-barnehage/templates";
import { orlandSkole } from "./orland-skole/ladder";
import { orlandSkoleTemplates } from "./orland-skole/templates";
import { tynsetNordOsterdal } from "./tynset-nord-osterdal/ladder";
import { tynsetNordOsterdalTemplates } from "./tynset-nord-osterdal/templates";
import type { Routine } from "./types";

export type {
  AttendanceMeetingWording,
  EvaluationPeriod,
  LadderProfile,
  Routine,
  RoutineTemplates,
  StepAdditions,
} from "./types";

/** The municipalities' routines Nærvær ships, one folder each; the ladder presets and the templates both read them. */
export const routines = {
  "orland-skole": { ladder: orlandSkole, templates: orlandSkoleTemplates },
  "orland-barnehage": { ladder: orlandBarnehage, templates: orlandBarnehageTemplates },
  lillestrom: { ladder: lillestrom, templates: lillestromTemplates },
  "molde-nordbyen": { ladder: moldeNordbyen, templates: moldeNordbyenTemplates },
  "tynset-nord-osterdal": { ladder: tynsetNordOsterdal, templates: tynsetNordOsterdalTemplates },
} as const satisfies Readonly<Record<string, Routine>>;

export type RoutineId = keyof typeof routines;

export const routineIds = Object.freeze(Object.keys(routines)) as readonly RoutineId[];

export function isRoutineId(id: string): id is RoutineId {
  return Object.hasOwn(routines, id);
}
