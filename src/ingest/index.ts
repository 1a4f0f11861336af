/**
 * Pure parsing and validation of the data that comes in: rosters (JSON or SDS v2.1 CSV) and
 * absence events (JSON or CSV). No I/O here; see docs/data-formats.md for the public contract.
 */
export { parseAbsenceCsv, parseAbsenceJson, ABSENCE_FIELDS, type AbsenceParseOptions } from "./absence";
export { parseRosterJson, type RosterParseOptions } from "./roster-json";
export { parseSdsCsv, SDS_FILES, SDS_ROLE_MAP, NAERVAER_RECORD_TYPES, type SdsParseOptions } from "./sds";
export {
  formatRowErrors,
  countRows,
  rowError,
  toIngestResponse,
  type RowError,
  type ParseResult,
  type IngestResponse,
  type FormatOptions,
  type Expectation,
} from "./row-error";
