import { countOf } from "../i18n/plural";
import type { EvaluationRun } from "../usecases/evaluate-pupils";
import { createApiClient, fail } from "./client";

const usage = `Usage: npm run evaluate -- --date YYYY-MM-DD [--school <schoolId>]
Evaluates every pupil as of the date in the running Nærvær and prints pupils by step.`;

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

/** Pupil ids and classes only: the table may end up in a terminal log, so no names. */
export function formatRun(run: EvaluationRun): string {
  const lines = [
    `Evaluert per ${run.date}: ${countOf(run.pupils.length, "nb", "elev", "elever")} ved ${countOf(run.schools.length, "nb", "skole", "skoler")}.`,
  ];
  const byStep = new Map<string, typeof run.pupils>();
  for (const pupil of run.pupils) {
    const key =
      pupil.step === null ? "ikke på trappen" : `trinn ${pupil.step}${pupil.stepName ? ` – ${pupil.stepName}` : ""}`;
    byStep.set(key, [...(byStep.get(key) ?? []), pupil]);
  }
  const keys = [...byStep.keys()].sort((a, b) =>
    a.startsWith("ikke") ? 1 : b.startsWith("ikke") ? -1 : b.localeCompare(a),
  );
  for (const key of keys) {
    const pupils = byStep.get(key)!;
    lines.push("", `${key} (${pupils.length})`);
    if (key.startsWith("ikke")) continue;
    lines.push(`  ${pad("elev", 16)}${pad("klasse", 8)}${pad("nye utløsere", 14)}frist`);
    for (const p of pupils)
      lines.push(`  ${pad(p.pupilId, 16)}${pad(p.className, 8)}${pad(String(p.newTrips), 14)}${p.deadline ?? "–"}`);
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  const date = option("date");
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) fail(usage);
  const school = option("school");
  const response = await createApiClient().call(
    "POST",
    "/api/evaluate",
    JSON.stringify({ date, ...(school ? { schoolId: school } : {}) }),
  );
  if (response.status !== 200)
    fail(`Evaluation refused (${response.status}): ${response.body?.error?.message ?? JSON.stringify(response.body)}`);
  process.stdout.write(`${formatRun(response.body as EvaluationRun)}\n`);
}

if (require.main === module) main().catch((error: Error) => fail(error.message));
