// The ladder engine's public API: evaluate() for one pupil, the texts of a trip, and deadlineDate.
export { compileLadder } from "./compile";
export { describeThreshold, describeTrip } from "../../i18n/trip-texts";
export { deadlineDate, evaluate } from "./evaluate";
export { type Workspace, createWorkspace } from "./workspace";
export type {
  ColumnRows,
  EarlySignReport,
  EvaluateInput,
  Evaluation,
  ExclusionFacts,
  ExclusionKind,
  PreviousEvaluation,
  RegistrationColumns,
  Requirement,
  StepSummary,
  SummaryFacts,
  Trip,
  TripFacts,
  WindowFacts,
} from "./types";
