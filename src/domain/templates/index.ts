/**
 * Guided conversations (templates) from the municipalities' routines: definitions per ladder, which
 * templates a step offers, pre-filling, validation of card input, the documentation they write, drafts
 * of messages to guardians, cause categories and the tiltaksbank. Pure: no I/O, no clock.
 */
export * from "./types";
export {
  type TemplateLanguage,
  templateLanguages,
  measureAreas,
  measureAreaIds,
  type MeasureArea,
  stressScale,
} from "./common";
export {
  causeCategories,
  causeCategoryIds,
  causeCategoriesSource,
  isCauseCategory,
  guardianCauseCategories,
} from "./causes";
export { templateFor, templatesForStep } from "./registry";
export { isTemplateId } from "./ids";
export { formForPupil } from "./consent";
export { institutionOf, ladderProfile, type LadderProfile, type EvaluationPeriod } from "./ladders";
export {
  prefill,
  prefillOnEntering,
  describePattern,
  type PatternTexts,
  type Period,
  defaultEvaluationDate,
  parseEvaluationPeriod,
  addPeriod,
} from "./prefill";
export { validateStep, datesOffSchool, type OffSchoolDate, type StepError, type StepValidation } from "./validate";
export { toLogContent, logKindFor, loggedStep, type LogKind } from "./log";
export {
  draftAbsenceMessages,
  formatAbsenceDates,
  absenceMessageDraftIds,
  type AbsenceMessageDraftId,
  type AbsenceMessageInput,
  type AbsenceMessageDraft,
} from "./absence-message";
export { tiltaksbank, suggestMeasures, type TiltakCategory, type TiltakSuggestion } from "./tiltaksbank";
