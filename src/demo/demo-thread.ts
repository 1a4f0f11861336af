import type { LogEntry } from "../domain/case";
import { bringIn } from "../usecases/bring-in";
import type { CaseDeps } from "../usecases/deps";
import { loadCase } from "../usecases/open-case";
import { demoSchoolId, playgroundUsers } from "./demo-school";

/** The Playground team's channel the demo school is linked to (infra/playground/m365agentsplayground.yml). */
export const demoChannelId = "channel-ressursteam-id";
const demoPupilId = "demo-p1";

/**
 * The demo's case thread: the Playground's team channel is linked to the demo school (as a leader's «koble til
 * skolen» would), the family of the first demo pupil has given samtykke for the school health service, and the
 * contact teacher brings in the school nurse, so the channel shows the case's thread with the nurse @mentioned.
 * `serviceUrl`: the Playground's connector. A later start finds the nurse brought in already and posts nothing.
 */
export async function seedDemoThread(deps: CaseDeps, serviceUrl: string): Promise<void> {
  await deps.schoolChannels.link({
    schoolId: demoSchoolId,
    conversationId: demoChannelId,
    reference: {
      channelId: "msteams",
      serviceUrl,
      conversation: { id: demoChannelId, conversationType: "channel", isGroup: true } as never,
    },
    linkedBy: playgroundUsers.meganBowen,
    linkedAt: deps.clock.now().toISOString(),
  });
  const ctx = await loadCase(deps, demoPupilId);
  if (!ctx) return;
  const at = deps.clock.now().toISOString();
  const consent: LogEntry = {
    id: "log:demo-consent",
    pupilId: demoPupilId,
    kind: "pupil_log",
    templateId: "consent",
    step: ctx.status.step,
    author: playgroundUsers.alexWilber,
    writtenAt: at,
    contactDate: ctx.today,
    reasonForContact: "",
    guardiansViewOfCause: [],
    furtherMeasures: "",
    nextContactDate: null,
    summary: "",
    measures: [],
    consent: {
      status: "given",
      services: ["health_service"],
      stafettlogg: false,
      signedBy: ["guardians"],
      date: ctx.today,
      place: "Molde",
      serviceLocation: "Nordbyen skole (demo)",
    },
  };
  await deps.cases.appendLog(consent);
  const withConsent = await loadCase(deps, demoPupilId);
  if (withConsent) await bringIn(deps, withConsent, playgroundUsers.alexWilber, "school_nurse", "nb");
  deps.logger.info({ event: "demo_thread_seeded", channel: demoChannelId });
}
