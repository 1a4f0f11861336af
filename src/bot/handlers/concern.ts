import type { TurnContext } from "botbuilder";
import { z } from "zod";
import { toLocalIsoDate } from "../../domain/dates";
import { fill, messagesFor, type Language } from "../../i18n/catalog";
import type { BotDeps } from "../deps";
import { resolveLanguage } from "../language";
import { readSender } from "../turn";
import { messageCard } from "./case-actions";

type CardJson = Record<string, unknown>;

/** The «Meld bekymring» form: the teacher's own pupils and the early signs the school's routine lists (002 §1.3 «OBS!», 004 «Tidlige tegn»). */
async function concernForm(
  deps: BotDeps,
  aadObjectId: string | undefined,
  language: Language,
  errors: string[] = [],
): Promise<CardJson> {
  const c = messagesFor(language).concern;
  const pupils = aadObjectId ? await deps.roster.listPupilsOfTeacher(aadObjectId) : [];
  if (pupils.length === 0) return messageCard(deps, c.title, [c.noPupils]);
  const school = await deps.roster.getSchool(pupils[0]!.schoolId);
  const ladder = school ? deps.ladders.forSchool(school) : undefined;
  if (!ladder || ladder.earlySigns.length === 0) return messageCard(deps, c.title, [c.noSigns]);
  return deps.cards.render("concern", {
    title: c.title,
    intro: c.intro,
    errors,
    pupilLabel: c.pupil,
    selectedPupil: "",
    pupils: pupils
      .sort((a, b) => a.className.localeCompare(b.className) || a.name.localeCompare(b.name))
      .map((p) => ({ title: `${p.name} (${p.className})`, value: p.id })),
    signsLabel: c.signs,
    chooseSign: c.chooseSign,
    signs: ladder.earlySigns.map((s) => ({ title: s.label, value: s.id })),
    noteLabel: c.note,
    submit: c.submit,
  });
}

export async function handleConcernCommand(context: TurnContext, deps: BotDeps): Promise<void> {
  const language = await resolveLanguage(context, deps);
  const card = await concernForm(deps, readSender(context).aadObjectId, language);
  await context.sendActivity({
    attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: card }],
  });
}

export async function handleConcernOpen(context: TurnContext, deps: BotDeps): Promise<CardJson> {
  return concernForm(deps, readSender(context).aadObjectId, await resolveLanguage(context, deps));
}

const report = z.object({
  pupilId: z.string().min(1).max(64),
  signs: z.string().max(2000).default(""),
  note: z.string().trim().max(300).optional(),
});

/** A teacher's own judgement puts the pupil on the ladder like a tripped threshold: same nudge, same templates. */
export async function handleConcernReport(context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> {
  const language = await resolveLanguage(context, deps);
  const c = messagesFor(language).concern;
  const actor = readSender(context).aadObjectId;
  const parsed = report.safeParse(data);
  if (!parsed.success) return concernForm(deps, actor, language);
  const pupil = await deps.roster.getPupil(parsed.data.pupilId);
  if (!pupil || !actor || !pupil.contactTeacherIds.includes(actor)) {
    deps.logger.warn({ event: "concern_refused", pupilId: parsed.data.pupilId });
    return messageCard(deps, c.notYourPupil);
  }
  const school = (await deps.roster.getSchool(pupil.schoolId))!;
  const known = new Set(deps.ladders.forSchool(school).earlySigns.map((s) => s.id));
  const signs = parsed.data.signs
    .split(",")
    .map((s) => s.trim())
    .filter((s) => known.has(s));
  if (signs.length === 0) return concernForm(deps, actor, language, [c.chooseSign]);
  const now = deps.clock.now();
  const today = toLocalIsoDate(now, school.timeZone);
  const before = await deps.statuses.get(pupil.id);
  const result = await deps.evaluateOne(
    pupil.id,
    today,
    now,
    signs.map((signId) => ({ signId, date: today, ...(parsed.data.note ? { note: parsed.data.note } : {}) })),
  );
  deps.logger.info({ event: "concern_reported", pupilId: pupil.id, signs: signs.length, step: result?.step ?? null });
  if (result && result.newTrips === 0 && before?.status.step !== null && before?.status.step !== undefined) {
    return messageCard(deps, c.title, [
      fill(c.alreadyOnStep, { pupil: pupil.name, step: before.status.stepName ?? String(before.status.step) }),
    ]);
  }
  return messageCard(deps, c.title, [fill(c.reported, { pupil: pupil.name })]);
}
