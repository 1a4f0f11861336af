import type { TurnContext } from "botbuilder";
import { z } from "zod";
import { fill, messagesFor, type Language } from "../../i18n/catalog";
import { concernFormOf, reportConcern } from "../../usecases/report-concern";
import type { BotDeps } from "../deps";
import { resolveLanguage } from "../language";
import { readSender } from "../turn";
import { messageCard, type CardJson } from "./reply";

/** The «Meld bekymring» form (usecases/report-concern.ts). */
async function concernForm(
  deps: BotDeps,
  aadObjectId: string | undefined,
  language: Language,
  errors: string[] = [],
): Promise<CardJson> {
  const c = messagesFor(language).concern;
  const form = await concernFormOf(deps, aadObjectId);
  if (form.kind === "noPupils") return messageCard(deps, c.title, [c.noPupils]);
  if (form.kind === "noSigns") return messageCard(deps, c.title, [c.noSigns]);
  return deps.cards.render("concern", {
    title: c.title,
    intro: c.intro,
    errors,
    pupilLabel: c.pupil,
    selectedPupil: "",
    pupils: form.pupils
      .sort((a, b) => a.className.localeCompare(b.className) || a.name.localeCompare(b.name))
      .map((p) => ({ title: `${p.name} (${p.className})`, value: p.id })),
    signsLabel: c.signs,
    chooseSign: c.chooseSign,
    signs: form.signs.map((s) => ({ title: s.label, value: s.id })),
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

/** «Meld bekymring» sent (usecases/report-concern.ts). */
export async function handleConcernReport(context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> {
  const language = await resolveLanguage(context, deps);
  const c = messagesFor(language).concern;
  const actor = readSender(context).aadObjectId;
  const parsed = report.safeParse(data);
  if (!parsed.success) return concernForm(deps, actor, language);
  const signIds = parsed.data.signs.split(",").map((s) => s.trim());
  const result = await reportConcern(deps, actor, { pupilId: parsed.data.pupilId, signIds, note: parsed.data.note });
  if (result.kind === "notYourPupil") return messageCard(deps, c.notYourPupil);
  if (result.kind === "noSignChosen") return concernForm(deps, actor, language, [c.chooseSign]);
  if (result.kind === "alreadyOnStep")
    return messageCard(deps, c.title, [fill(c.alreadyOnStep, { pupil: result.pupil.name, step: result.step })]);
  return messageCard(deps, c.title, [fill(c.reported, { pupil: result.pupil.name })]);
}
