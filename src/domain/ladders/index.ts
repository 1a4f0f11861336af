import { type Ladder, type LadderDefinition, parseLadder } from "../ladder";
import { type RoutineId, isRoutineId, routineIds, routines } from "../routines";

/** The preset ladders are the routines' ladders (src/domain/routines/<id>/ladder.ts). */
export const presetIds = routineIds;
export type PresetId = RoutineId;

/** The presets as written, before validation. */
export const presetDefinitions: Readonly<Record<PresetId, LadderDefinition>> = Object.freeze(
  Object.fromEntries(presetIds.map((id): [PresetId, LadderDefinition] => [id, routines[id].ladder])) as Record<
    PresetId,
    LadderDefinition
  >,
);

function parsePreset(id: PresetId): Ladder {
  const ladder = parseLadder(presetDefinitions[id]);
  if (ladder.id !== id) throw new Error(`The routine ${id} holds the ladder ${ladder.id}`);
  return ladder;
}

// Validated once at load through the same schema as custom ladder files, so a broken preset fails fast.
export const presets: Readonly<Record<PresetId, Ladder>> = Object.freeze(
  Object.fromEntries(presetIds.map((id) => [id, parsePreset(id)])) as Record<PresetId, Ladder>,
);

export const isPresetId = isRoutineId;

/** The preset ladder with this id, or undefined. */
export function findPreset(id: string): Ladder | undefined {
  return isPresetId(id) ? presets[id] : undefined;
}
