import { choice, deepFreeze, seed } from "./common";
import type { TemplateChoice } from "./types";

/** Where the cause categories come from. */
export const causeCategoriesSource = `${seed.cards} «Årsakskartlegging» – «Bokser til utskrift»`;

/**
 * The årsakskartlegging cards (003 «Bokser til utskrift»): what the pupil, or the guardians, think lies
 * behind the absence. Categories, never free health text: «Fysisk syk» is as far as a log goes.
 */
export const causeCategories: readonly TemplateChoice[] = deepFreeze([
  choice(
    "school_difficult",
    "Noe på skolen kjennes vanskelig",
    "Noko på skulen kjennest vanskeleg",
    "Something at school feels difficult",
  ),
  choice("physically_ill", "Fysisk syk", "Fysisk sjuk", "Physically ill"),
  choice("anxious", "Engstelig", "Engsteleg", "Anxious"),
  choice("afraid", "Redd", "Redd", "Afraid"),
  choice("sad", "Trist / lei seg", "Trist / lei seg", "Sad / upset"),
  choice("behind_academically", "Henger langt etter faglig", "Heng langt etter fagleg", "Far behind academically"),
  choice("stress", "Stress", "Stress", "Stress"),
  choice("friends", "Venner", "Vener", "Friends"),
  choice("problems_at_home", "Problemer hjemme", "Problem heime", "Problems at home"),
  choice("sleep_problems", "Søvnproblemer", "Søvnproblem", "Sleep problems"),
  choice("other", "Noe annet", "Noko anna", "Something else"),
]);

export const causeCategoryIds: readonly string[] = causeCategories.map((c) => c.id);

export function isCauseCategory(id: string): boolean {
  return causeCategoryIds.includes(id);
}

/** The cards for a kindergarten leave out «Henger langt etter faglig» (there are no subjects). */
export function causeChoicesFor(institution: "school" | "kindergarten"): readonly TemplateChoice[] {
  return institution === "kindergarten"
    ? causeCategories.filter((c) => c.id !== "behind_academically")
    : causeCategories;
}

/**
 * What the guardians may point to beside their own words in the phone call and the talk with them: the areas of the
 * whole pupil (002 §2.5 pkt. 4 «skole … fritid … eleven … hjemme»), illness, or not knowing. Categories only.
 */
export const guardianCauseCategories: readonly TemplateChoice[] = deepFreeze([
  choice("area_school", "Noe på skolen", "Noko på skulen", "Something at school"),
  choice("area_leisure", "Noe på fritiden", "Noko på fritida", "Something in leisure time"),
  choice("area_pupil", "Noe hos eleven selv", "Noko hos eleven sjølv", "Something with the pupil themself"),
  choice("area_home", "Noe hjemme", "Noko heime", "Something at home"),
  choice("illness", "Sykdom", "Sjukdom", "Illness"),
  choice("unknown", "Vet ikke", "Veit ikkje", "Do not know"),
]);

export const guardianCauseCategoryIds: readonly string[] = guardianCauseCategories.map((c) => c.id);
