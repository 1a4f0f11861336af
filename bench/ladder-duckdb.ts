import { DuckDBDataChunk, DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import duckdb from "@duckdb/node-bindings";
import { formatIsoDate } from "../src/domain/dates";
import { type BenchData, MOLDE, ORLAND, REASON } from "./ladder-data";

/**
 * The same Ørland and Molde day counts as the engine, in DuckDB SQL, over the same registrations.
 *
 * Loading: the generator's typed-array columns are copied straight into DuckDB data chunks (≤ 2,048 rows
 * each, one memcpy per column) and appended chunk by chunk; no value objects, no row-by-row appender.
 *
 * Ørland («over 3/6/9 dager», school year): distinct school days with a whole-day registration that is
 * neither agreed (avklart) nor part of a continuous illness — illness days on consecutive school days,
 * joined across gaps by a shared episode id, at least 2 school days long. Molde («varsel om høyt fravær»):
 * per term (halvår), distinct school days with a whole-day registration whose reason is not travel; an alert
 * when there are 5 or more. Registrations on closed days and after the evaluated day are left out.
 */

export interface DuckCounts {
  /** Ørland pupils whose day count is over 3, 6 and 9. */
  orlandOver: [number, number, number];
  /** Molde pupils with at least one «høyt fravær» alert, with two, and the number of alerts. */
  moldeAlertPupils: number;
  moldeTwoAlerts: number;
  moldeAlerts: number;
}

export interface DuckPerPupil {
  /** Ørland day count per pupil (0 for Molde pupils and pupils without days). */
  orlandDays: Int32Array;
  /** Molde alerts per pupil (0, 1 or 2). */
  moldeAlerts: Int8Array;
}

const CHUNK = 2048;

export class DuckBench {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  static async open(threads?: number): Promise<DuckBench> {
    const instance = await DuckDBInstance.create(":memory:", threads ? { threads: String(threads) } : {});
    return new DuckBench(instance, await instance.connect());
  }

  async setThreads(threads: number): Promise<void> {
    await this.connection.run(`SET threads TO ${Math.max(1, Math.floor(threads))}`);
  }

  async version(): Promise<string> {
    const reader = await this.connection.runAndReadAll("SELECT version()");
    return String(reader.getRows()[0]?.[0] ?? "?");
  }

  async threads(): Promise<number> {
    const reader = await this.connection.runAndReadAll("SELECT current_setting('threads')::INTEGER");
    return Number(reader.getRows()[0]?.[0]);
  }

  /** Loads the registrations and the two school calendars. Returns the milliseconds spent. */
  async load(data: BenchData): Promise<number> {
    const started = performance.now();
    const c = this.connection;
    await c.run(
      `CREATE OR REPLACE TABLE reg (pupil INTEGER, grp UTINYINT, day DATE, kind UTINYINT, documented TINYINT, reason TINYINT, agreed BOOLEAN, episode INTEGER)`,
    );
    const columns: { type: duckdb.Type; data: Int32Array | Uint8Array | Int8Array }[] = [
      { type: duckdb.Type.INTEGER, data: data.regPupil },
      { type: duckdb.Type.UTINYINT, data: data.regGroup },
      { type: duckdb.Type.DATE, data: data.regDay },
      { type: duckdb.Type.UTINYINT, data: data.regKind },
      { type: duckdb.Type.TINYINT, data: data.regDocumented },
      { type: duckdb.Type.TINYINT, data: data.regReason },
      { type: duckdb.Type.BOOLEAN, data: data.regAgreed },
      { type: duckdb.Type.INTEGER, data: data.regEpisode },
    ];
    const appender = await c.createAppender("reg");
    const types = columns.map((col) => duckdb.create_logical_type(col.type));
    for (let from = 0; from < data.rows; from += CHUNK) {
      const count = Math.min(CHUNK, data.rows - from);
      const chunk = duckdb.create_data_chunk(types);
      columns.forEach((col, i) => {
        const vector = duckdb.data_chunk_get_vector(chunk, i);
        const size = col.data.BYTES_PER_ELEMENT;
        duckdb.copy_data_to_vector(
          vector,
          0,
          col.data.buffer as ArrayBuffer,
          col.data.byteOffset + from * size,
          count * size,
        );
      });
      duckdb.data_chunk_set_size(chunk, count);
      appender.appendDataChunk(new DuckDBDataChunk(chunk));
    }
    appender.flushSync();
    appender.closeSync();

    // School days of each group's calendar, numbered in order (consecutive school days differ by 1).
    const values: string[] = [];
    data.groups.forEach((g, grp) => {
      for (const day of g.schoolDays) values.push(`(${grp}, DATE '${formatIsoDate(day)}')`);
    });
    await c.run(
      `CREATE OR REPLACE TABLE cal AS SELECT grp::UTINYINT AS grp, day, (row_number() OVER (PARTITION BY grp ORDER BY day))::INTEGER AS sidx FROM (VALUES ${values.join(", ")}) t(grp, day)`,
    );
    return performance.now() - started;
  }

  /** Per-pupil counts into the temp table `counts`, then the aggregate figures. `asOf` per ladder group. */
  async count(data: BenchData, asOf: readonly number[]): Promise<{ counts: DuckCounts; ms: number }> {
    const params = paramsOf(data, asOf);
    const started = performance.now();
    await this.connection.run(countsSql(params));
    const reader = await this.connection.runAndReadAll(`
      SELECT count(*) FILTER (WHERE grp = ${ORLAND} AND days > 3), count(*) FILTER (WHERE grp = ${ORLAND} AND days > 6),
             count(*) FILTER (WHERE grp = ${ORLAND} AND days > 9), count(*) FILTER (WHERE grp = ${MOLDE} AND alerts > 0),
             count(*) FILTER (WHERE grp = ${MOLDE} AND alerts = 2), coalesce(sum(alerts) FILTER (WHERE grp = ${MOLDE}), 0)
      FROM counts`);
    const ms = performance.now() - started;
    const row = (reader.getRows()[0] ?? []).map((v) => Number(v));
    return {
      ms,
      counts: {
        orlandOver: [row[0] ?? 0, row[1] ?? 0, row[2] ?? 0],
        moldeAlertPupils: row[3] ?? 0,
        moldeTwoAlerts: row[4] ?? 0,
        moldeAlerts: row[5] ?? 0,
      },
    };
  }

  /** The per-pupil figures of the last count(), for a pupil-by-pupil comparison (not timed). */
  async perPupil(pupils: number): Promise<DuckPerPupil> {
    const orlandDays = new Int32Array(pupils);
    const moldeAlerts = new Int8Array(pupils);
    const reader = await this.connection.runAndReadAll(
      "SELECT pupil, grp::INTEGER, days::INTEGER, alerts::INTEGER FROM counts WHERE days > 0 OR alerts > 0",
    );
    const [pupil, grp, days, alerts] = reader.getColumns() as unknown as number[][];
    for (let i = 0; i < (pupil?.length ?? 0); i++) {
      const p = (pupil as number[])[i] as number;
      if ((grp as number[])[i] === ORLAND) orlandDays[p] = (days as number[])[i] as number;
      else moldeAlerts[p] = (alerts as number[])[i] as number;
    }
    return { orlandDays, moldeAlerts };
  }

  /**
   * Islands of illness days that carry more than one episode id. The SQL joins islands through their
   * (single) episode id; the generator never makes such islands, and this check proves it for the run.
   */
  async islandsWithSeveralEpisodes(data: BenchData, asOf: readonly number[]): Promise<number> {
    const reader = await this.connection.runAndReadAll(islandCheckSql(paramsOf(data, asOf)));
    return Number(reader.getRows()[0]?.[0] ?? 0);
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

function paramsOf(data: BenchData, asOf: readonly number[]): string {
  return data.groups
    .map(
      (g, grp) =>
        `(${grp}, DATE '${formatIsoDate(g.yearStart)}', DATE '${formatIsoDate(asOf[grp] as number)}', DATE '${formatIsoDate(g.term2)}')`,
    )
    .join(", ");
}

function countsSql(params: string): string {
  const ill = `(r.reason = ${REASON.illness} OR (r.reason = -1 AND r.episode >= 0))`;
  return `
CREATE OR REPLACE TEMP TABLE counts AS
WITH p AS (SELECT grp::UTINYINT AS grp, year_start, as_of, term2 FROM (VALUES ${params}) t(grp, year_start, as_of, term2)),
d AS (
  -- Whole-day registrations on school days of this school year up to the evaluated day.
  SELECT r.pupil, r.grp, r.day, r.reason, r.agreed, r.episode, c.sidx, ${ill} AS ill, r.day >= p.term2 AS second_term
  FROM reg r
  JOIN p ON p.grp = r.grp
  JOIN cal c ON c.grp = r.grp AND c.day = r.day
  WHERE r.kind = 0 AND r.day BETWEEN p.year_start AND p.as_of
),
ill_days AS (
  SELECT pupil, sidx, max(episode) AS episode FROM d WHERE grp = ${ORLAND} AND ill GROUP BY pupil, sidx
),
islands AS (
  SELECT pupil, sidx, episode, sidx - row_number() OVER (PARTITION BY pupil ORDER BY sidx) AS island FROM ill_days
),
island_info AS (
  SELECT pupil, island, max(episode) AS episode, count(DISTINCT episode) FILTER (WHERE episode >= 0) AS episodes, count(*) AS days
  FROM islands GROUP BY pupil, island
),
episode_days AS (
  -- Islands sharing an episode id are one continuous illness.
  SELECT pupil, island, sum(days) OVER (PARTITION BY pupil, episode >= 0, CASE WHEN episode >= 0 THEN episode ELSE island END) AS days
  FROM island_info
),
excluded AS (
  SELECT i.pupil, i.sidx FROM islands i JOIN episode_days e ON e.pupil = i.pupil AND e.island = i.island WHERE e.days >= 2
),
orland AS (
  SELECT d.pupil, count(DISTINCT d.sidx) AS days
  FROM d LEFT JOIN excluded x ON x.pupil = d.pupil AND x.sidx = d.sidx
  WHERE d.grp = ${ORLAND} AND NOT d.agreed AND NOT (d.ill AND x.pupil IS NOT NULL)
  GROUP BY d.pupil
),
molde_terms AS (
  SELECT pupil, second_term, count(DISTINCT day) AS days FROM d WHERE grp = ${MOLDE} AND reason <> ${REASON.travel} GROUP BY pupil, second_term
),
molde AS (
  SELECT pupil, count(*) FILTER (WHERE days >= 5) AS alerts FROM molde_terms GROUP BY pupil
)
SELECT pupil, ${ORLAND}::UTINYINT AS grp, days, 0 AS alerts FROM orland
UNION ALL
SELECT pupil, ${MOLDE}::UTINYINT AS grp, 0 AS days, alerts FROM molde`;
}

function islandCheckSql(params: string): string {
  const ill = `(r.reason = ${REASON.illness} OR (r.reason = -1 AND r.episode >= 0))`;
  return `
WITH p AS (SELECT grp::UTINYINT AS grp, year_start, as_of FROM (VALUES ${params}) t(grp, year_start, as_of, term2)),
ill_days AS (
  SELECT r.pupil, c.sidx, r.episode FROM reg r JOIN p ON p.grp = r.grp JOIN cal c ON c.grp = r.grp AND c.day = r.day
  WHERE r.kind = 0 AND r.grp = ${ORLAND} AND r.day BETWEEN p.year_start AND p.as_of AND ${ill}
),
islands AS (
  SELECT pupil, sidx, episode, sidx - dense_rank() OVER (PARTITION BY pupil ORDER BY sidx) AS island FROM ill_days
)
SELECT count(*) FROM (
  SELECT pupil, island FROM islands GROUP BY pupil, island HAVING count(DISTINCT episode) FILTER (WHERE episode >= 0) > 1
)`;
}
