import type { ConversationReference } from "botbuilder";
import { schoolsLedBy } from "../domain/roster";
import type { SchoolChannel } from "../store/channel-repo";
import type { CaseDeps } from "./deps";

type ChannelDeps = Pick<CaseDeps, "roster" | "schoolChannels" | "clock" | "logger">;

export type LinkResult =
  | { kind: "linked"; schoolName: string }
  | { kind: "notLeader" }
  /** The leader leads several schools and did not name one of them. */
  | { kind: "whichSchool"; schools: string[] };

/** The schools the actor leads, narrowed to the one named when a name is given. */
async function ledSchools(deps: ChannelDeps, actor: string, named: string) {
  const ids = schoolsLedBy(await deps.roster.getStaff(actor));
  const schools = (await Promise.all(ids.map((id) => deps.roster.getSchool(id)))).filter((s) => s !== undefined);
  const wanted = named.trim().toLocaleLowerCase("nb");
  return {
    all: schools,
    matching: wanted ? schools.filter((s) => s.name.toLocaleLowerCase("nb") === wanted) : schools,
  };
}

/**
 * «koble til skolen» in a channel: a leader of the school (tiltaksleder, rektor, teamleder) makes it the school's
 * channel for case threads. One channel per school: a new link replaces the old.
 */
export async function linkSchoolChannel(
  deps: ChannelDeps,
  actor: string | undefined,
  channel: { conversationId: string; reference: Partial<ConversationReference>; language: SchoolChannel["language"] },
  named = "",
): Promise<LinkResult> {
  if (!actor) return { kind: "notLeader" };
  const { all, matching } = await ledSchools(deps, actor, named);
  if (all.length === 0) return { kind: "notLeader" };
  if (matching.length !== 1) return { kind: "whichSchool", schools: all.map((s) => s.name) };
  const school = matching[0]!;
  await deps.schoolChannels.link({
    schoolId: school.id,
    conversationId: channel.conversationId,
    reference: channel.reference,
    language: channel.language,
    linkedBy: actor,
    linkedAt: deps.clock.now().toISOString(),
  });
  deps.logger.info({ event: "school_channel_linked", schoolId: school.id });
  return { kind: "linked", schoolName: school.name };
}

export type UnlinkResult = { kind: "unlinked"; schoolName: string } | { kind: "notLeader" } | { kind: "notLinked" };

/** «koble fra skolen»: a leader of the school the channel is linked to unlinks it; threads stay as they are. */
export async function unlinkSchoolChannel(
  deps: ChannelDeps,
  actor: string | undefined,
  conversationId: string,
): Promise<UnlinkResult> {
  if (!actor) return { kind: "notLeader" };
  const schoolId = await deps.schoolChannels.schoolOfChannel(conversationId);
  if (!schoolId) return { kind: "notLinked" };
  const { all } = await ledSchools(deps, actor, "");
  const school = all.find((s) => s.id === schoolId);
  if (!school) return { kind: "notLeader" };
  await deps.schoolChannels.unlink(schoolId, conversationId);
  deps.logger.info({ event: "school_channel_unlinked", schoolId });
  return { kind: "unlinked", schoolName: school.name };
}
