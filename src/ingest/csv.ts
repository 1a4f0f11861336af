import { parse } from "csv-parse/sync";
import { EXPECT, columnCount } from "./expectations";
import { rowError, type RowError } from "./row-error";

/** One data row of a CSV file: where it starts, and its cells by lower-cased header name (trimmed). */
export interface CsvRow {
  /** 1-based line on which the row starts; the header is line 1 (or later, after blank lines). */
  line: number;
  /** Cells keyed by the lower-cased, trimmed header name. Missing columns are absent. */
  cells: Record<string, string>;
}

export interface CsvTable {
  /** Header names as written (trimmed, BOM removed). */
  header: string[];
  /** Lower-cased header names, for case-insensitive look-ups. */
  columns: Set<string>;
  rows: CsvRow[];
  /** Syntax problems: a broken quote stops the file (no rows); a row with the wrong number of fields is skipped. */
  errors: RowError[];
}

/**
 * Picks the field delimiter from the header line: comma unless the header has semicolons
 * (or tabs) and no commas, as spreadsheet programs with a Norwegian locale write.
 */
function detectDelimiter(text: string): string {
  const firstLine = text.split("\n", 1)[0] ?? "";
  if (firstLine.includes(",")) return ",";
  if (firstLine.includes(";")) return ";";
  if (firstLine.includes("\t")) return "\t";
  return ",";
}

/**
 * Reads CSV text (RFC 4180) with a header row.
 *
 * - Line numbers are those a spreadsheet or editor shows: the header is line 1, and a row whose
 *   quoted field holds line breaks is reported at the line where it starts.
 * - CRLF, LF and lone CR line ends are accepted; a UTF-8 BOM is ignored.
 * - Header names are matched case-insensitively; cells are trimmed.
 * - Blank lines and rows whose cells are all empty are skipped.
 */
export function readCsv(text: string, file?: string): CsvTable {
  const normalized = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const table: CsvTable = { header: [], columns: new Set(), rows: [], errors: [] };
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(normalized, {
      delimiter: detectDelimiter(normalized),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const line = typeof (err as { lines?: unknown }).lines === "number" ? (err as { lines: number }).lines : undefined;
    table.errors.push(rowError({ file, line, field: "(file)", expect: EXPECT.csvSyntax }));
    return table;
  }
  const first = records[0];
  if (!first) {
    table.errors.push(rowError({ file, line: 1, field: "(file)", expect: EXPECT.csvHeader }));
    return table;
  }
  table.header = first.record.map((h) => h.trim());
  const keys = table.header.map((h) => h.toLowerCase());
  table.columns = new Set(keys.filter((k) => k !== ""));
  for (const { record, info } of records.slice(1)) {
    // info.lines is the line on which the record ends; subtract the line breaks inside its quoted fields.
    const inner = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    const line = info.lines - inner;
    if (record.every((c) => c.trim() === "")) continue;
    if (record.length !== keys.length) {
      table.errors.push(
        rowError({ file, line, field: "(row)", expect: columnCount(keys.length), value: `${record.length} fields` }),
      );
      continue;
    }
    const cells: Record<string, string> = {};
    record.forEach((cell, i) => {
      const key = keys[i];
      if (key) cells[key] = cell.trim();
    });
    table.rows.push({ line, cells });
  }
  return table;
}

/** Lower-cased required columns that the table lacks. */
export function missingColumns(table: CsvTable, required: readonly string[]): string[] {
  return required.filter((c) => !table.columns.has(c.toLowerCase()));
}

/** A cell by (case-insensitive) column name; undefined when the column is absent or the cell is empty. */
export function cell(row: CsvRow, column: string): string | undefined {
  const v = row.cells[column.toLowerCase()];
  return v === undefined || v === "" ? undefined : v;
}
