import { applySettingOverrides, type Ladder } from "../../src/domain/ladder";
import { type PresetId, presets } from "../../src/domain/ladders";

/**
 * The presets as the benchmark's engine forms and its SQL model read them. Both leave out each continuous illness
 * (Ørland's each_period); the product's default, single_period, knows whether illness is one period only after all
 * rows, so the general evaluation takes it (docs/benchmark.md).
 */
export const benchPresets: Readonly<Record<PresetId, Ladder>> = {
  ...presets,
  "orland-skole": applySettingOverrides(presets["orland-skole"], { continuousIllnessReading: "each_period" }),
};
