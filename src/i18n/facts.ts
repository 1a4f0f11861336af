import type { Trip } from "../domain/evaluation";
import type { PatternReport } from "../domain/pattern";
import type { Language } from "./catalog";
import { describePattern, summarizeTrip } from "./trip-texts";

/**
 * A bokmål reader sees the engine's own sentences (Trip.text, PatternReport.observations); nynorsk and
 * English readers get the same facts worded by trip-texts.ts. The ladder's own labels stay in the routine's words.
 */
export function tripText(trip: Trip, language: Language): string {
  return language === "nb" ? trip.text : summarizeTrip(trip, language);
}

export function patternObservations(pattern: PatternReport, language: Language): string[] {
  return language === "nb" ? pattern.observations : describePattern(pattern, language);
}
