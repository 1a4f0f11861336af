import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { formatRowErrors, type IngestResponse } from "../ingest";
import { createApiClient, fail } from "./client";

const usage = `Usage:
  npm run import -- roster <roster.json | folder with School Data Sync v2.1 CSV files>
  npm run import -- absence <absence.json | absence.csv>
Sends the file to the running Nærvær (NAERVAER_URL, default http://127.0.0.1:3978) with INGEST_API_KEY.`;

function readRoster(file: string): { body: string } {
  if (statSync(file).isDirectory()) {
    const sds: Record<string, string> = {};
    for (const name of readdirSync(file).filter((f) => f.toLowerCase().endsWith(".csv")))
      sds[name] = readFileSync(path.join(file, name), "utf8");
    if (Object.keys(sds).length === 0)
      fail(`${file} holds no .csv files; expected School Data Sync v2.1 files (orgs.csv, users.csv, …).`);
    return { body: JSON.stringify({ sds }) };
  }
  return { body: readFileSync(file, "utf8") };
}

async function main(): Promise<void> {
  const [kind, file] = process.argv.slice(2);
  if ((kind !== "roster" && kind !== "absence") || !file) fail(usage);
  const client = createApiClient();
  const isCsv = file.toLowerCase().endsWith(".csv");
  const { body } = kind === "roster" ? readRoster(file) : { body: readFileSync(file, "utf8") };
  const response = await client.call(
    "POST",
    kind === "roster" ? "/api/roster" : "/api/absence",
    body,
    isCsv && kind === "absence" ? "text/csv" : "application/json",
  );
  if (response.status !== 200)
    fail(`Import refused (${response.status}): ${response.body?.error?.message ?? JSON.stringify(response.body)}`);
  const result = response.body as IngestResponse;
  process.stdout.write(`${result.accepted} rader lagret, ${result.rejected.length} avvist.\n`);
  if (result.rejected.length > 0) {
    process.stdout.write(`${formatRowErrors(result.rejected, { language: "nb", max: 50 })}\n`);
    process.exitCode = 2;
  }
}

main().catch((error: Error) => fail(error.message));
