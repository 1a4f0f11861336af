import type { ConversationReference } from "botbuilder";
import type { Store } from "./create-store";
import { deleteUnlessGone, stripSystemProperties, writeUnlessConflict } from "./documents";
import { createRecentReads, frozen } from "./recent-reads";

/** The channel a school's ressursteam / tverrfaglig team works in: where case threads are posted. */
export interface SchoolChannel {
  schoolId: string;
  /** The channel's conversation id (19:…@thread.tacv2), without any ;messageid= part. */
  conversationId: string;
  reference: Partial<ConversationReference>;
  linkedBy: string;
  linkedAt: string;
  /** The language of the case threads' cards: the linking leader's (the channel is shared, so it has one). */
  language?: "nb" | "nn" | "en";
}

export interface SchoolChannelRepo {
  /** Links the channel to the school; a school has one linked channel, so a new link replaces the old. */
  link(channel: SchoolChannel): Promise<void>;
  /** True when the school had this channel linked and it is now unlinked. */
  unlink(schoolId: string, conversationId: string): Promise<boolean>;
  get(schoolId: string): Promise<SchoolChannel | undefined>;
  /** The school a channel is linked to, if any (a cross-partition query: channels are few). */
  schoolOfChannel(conversationId: string): Promise<string | undefined>;
}

/** The channel without the reply part: Teams puts «;messageid=…» on a channel conversation id inside a thread. */
export function channelIdOf(conversationId: string): string {
  return conversationId.split(";")[0]!;
}

/**
 * `rememberMs`: a run asks for each pupil on a step whether the school has a channel, and most schools have none; a
 * link or unlink on this instance counts at once, on another within this time (recent-reads.ts).
 */
export function createSchoolChannelRepo(store: Store, options: { rememberMs?: number } = {}): SchoolChannelRepo {
  const container = store.container("channels");
  const recent = createRecentReads<SchoolChannel | undefined>(options.rememberMs ?? 10_000);
  const read = async (schoolId: string) => {
    const { resource } = await container.item("link", schoolId).read<SchoolChannel & { id: string }>();
    return resource ? frozen(stripSystemProperties<SchoolChannel>(resource, "id", "type")) : undefined;
  };
  return {
    async link(channel) {
      recent.forget(channel.schoolId);
      await container.items.upsert({ ...channel, id: "link", type: "link" });
      recent.forget(channel.schoolId);
    },
    async unlink(schoolId, conversationId) {
      const current = await read(schoolId);
      if (!current || current.conversationId !== conversationId) return false;
      recent.forget(schoolId);
      const gone = await deleteUnlessGone(container, "link", schoolId);
      recent.forget(schoolId);
      return gone;
    },
    get: (schoolId) => recent.get(schoolId, () => read(schoolId)),
    async schoolOfChannel(conversationId) {
      const { resources } = await container.items
        .query<string>({
          query: "SELECT VALUE c.schoolId FROM c WHERE c.type = 'link' AND c.conversationId = @c",
          parameters: [{ name: "@c", value: channelIdOf(conversationId) }],
        })
        .fetchAll();
      return resources[0];
    },
  };
}

/** Where a case's thread (or an anonymous discussion) lives in the school's channel. */
export interface CaseThread {
  pupilId: string;
  /** "case" for the case's own thread; "anonymous:<id>" for a discussion without samtykke. */
  key: string;
  channelConversationId: string;
  /** Absent until the thread's first post is delivered: the thread is claimed when its root is decided (the outbox). */
  rootActivityId?: string;
  /** The activity holding the case's base card, updated as access changes: the root, or a reply in a linked discussion. */
  cardActivityId?: string;
  serviceUrl?: string;
  /** The anonymous discussion this case thread continues, when the teacher linked one. */
  fromAnonymous?: string;
  at: string;
}

export interface CaseThreadRepo {
  get(pupilId: string, key: string): Promise<CaseThread | undefined>;
  /** Claims the thread (its root decided, perhaps not yet delivered); false when it was claimed first. */
  save(thread: CaseThread): Promise<boolean>;
  /** Writes where the thread's posts landed, once they are delivered. */
  landed(thread: CaseThread): Promise<void>;
  /** The pupil's anonymous discussions, oldest first. */
  anonymousOf(pupilId: string): Promise<CaseThread[]>;
}

/** Threads live in the pupil's partition of `cases`, so erasing the pupil erases them too. */
export function createCaseThreadRepo(store: Store): CaseThreadRepo {
  const container = store.container("cases");
  const idOf = (key: string) => `thread:${key}`;
  return {
    async get(pupilId, key) {
      const { resource } = await container.item(idOf(key), pupilId).read<CaseThread & { id: string }>();
      return resource ? stripSystemProperties<CaseThread>(resource, "id", "type") : undefined;
    },
    async save(thread) {
      return writeUnlessConflict(
        () => container.items.create({ ...thread, id: idOf(thread.key), type: "thread" }),
        [409],
      );
    },
    async landed(thread) {
      await container.items.upsert({ ...thread, id: idOf(thread.key), type: "thread" });
    },
    async anonymousOf(pupilId) {
      const { resources } = await container.items
        .query<CaseThread & { id: string }>(
          {
            query: "SELECT * FROM c WHERE c.pupilId = @p AND c.type = 'thread' AND STARTSWITH(c.key, 'anonymous:')",
            parameters: [{ name: "@p", value: pupilId }],
          },
          { partitionKey: pupilId },
        )
        .fetchAll();
      return resources
        .map((r) => stripSystemProperties<CaseThread>(r, "id", "type"))
        .sort((a, b) => a.at.localeCompare(b.at));
    },
  };
}
