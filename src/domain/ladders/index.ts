import { type Ladder, type LadderDefinition, parseLadder } from "../ladder";
import { lillestrom } from "./lillestrom";
import { moldeNordbyen } from "./molde-nordbyen";
import { orlandBarnehage } from "./orland-barnehage";
import { orlandSkole } from "./orland-skole";
import { tynsetNordOsterdal } from "./tynset-nord-osterdal";

export const presetIds = [
  "orland-skole",
  "orland-barnehage",
  "lillestrom",
  "molde-nordbyen",
  "tynset-nord-osterdal",
] as const;
export type PresetId = (typeof presetIds)[number];

/** The presets as written, before validation. */
export const presetDefinitions: Readonly<Record<PresetId, LadderDefinition>> = {
  "orland-skole": orlandSkole,
  "orland-barnehage": orlandBarnehage,
  lillestrom,
  "molde-nordbyen": moldeNordbyen,
  "tynset-nord-osterdal": tynsetNordOsterdal,
};

// Validated once at load through the same schema as custom ladder files, so a broken preset fails fast.
export const presets: Readonly<Record<PresetId, Ladder>> = Object.freeze(
  Object.fromEntries(presetIds.map((id) => [id, parseLadder(presetDefinitions[id])])) as Record<PresetId, Ladder>,
);

export function isPresetId(id: string): id is PresetId {
  return (presetIds as readonly string[]).includes(id);
}

/** The preset ladder with this id, or undefined. */
export function findPreset(id: string): Ladder | undefined {
  return isPresetId(id) ? presets[id] : undefined;
}
