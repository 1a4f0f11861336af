import { createHash } from "node:crypto";
import type { ConversationReference } from "botbuilder";
import type { Language } from "../i18n/catalog";
import type { Store } from "./create-store";
import { deleteUnlessGone, writeUnlessConflict } from "./documents";
import { createRecentReads } from "./recent-reads";

export type ConversationScope = "personal" | "groupChat" | "channel";

export interface StoredConversation {
  id: string;
  aadObjectId: string;
  tenantId?: string;
  scope: ConversationScope;
  locale?: string;
  reference: Partial<ConversationReference>;
  updatedAt: string;
}

/** Conversation ids contain characters Cosmos ids may not hold; a digest keeps them stable and safe. */
export function digest(value: string): string {
  return createHash("sha256").update(value).digest("hex").slice(0, 40);
}

/** The personal (1:1) chat has one fixed id per user, so proactive nudges are a point read. */
const documentId = (scope: ConversationScope, conversationId: string) =>
  scope === "personal" ? "personal" : `${scope}:${digest(conversationId)}`;

export interface ConversationRefs {
  save(entry: Omit<StoredConversation, "id">): Promise<void>;
  getPersonal(aadObjectId: string): Promise<StoredConversation | undefined>;
  remove(aadObjectId: string, scope: ConversationScope, conversationId: string): Promise<void>;
  /** Any stored conversation's Bot Connector URL and tenant, to open a 1:1 chat with a user who never wrote. */
  anyServiceUrl(): Promise<string | undefined>;
  anyTenantId(): Promise<string | undefined>;
  getLanguagePreference(aadObjectId: string): Promise<Language | undefined>;
  setLanguagePreference(aadObjectId: string, language: Language, at: Date): Promise<void>;
  /** True the first time it is called for a conversation; later calls (redeliveries, the second install event) get false. */
  claimWelcome(aadObjectId: string, conversationId: string, at: Date): Promise<boolean>;
}

export function createConversationRefs(store: Store, options: { rememberMs?: number } = {}): ConversationRefs {
  const container = store.container("conversations");
  const personal = createRecentReads<StoredConversation | undefined>(options.rememberMs ?? 30_000);
  const preferences = createRecentReads<Language | undefined>(options.rememberMs ?? 30_000);
  return {
    async save(entry) {
      const id = documentId(entry.scope, entry.reference.conversation?.id ?? "");
      // Before and after: a read between the two may see either, and is not remembered.
      personal.forget(entry.aadObjectId);
      await container.items.upsert({ ...entry, id, type: "reference" });
      personal.forget(entry.aadObjectId);
    },
    async getPersonal(aadObjectId) {
      return personal.get(aadObjectId, async () => {
        const { resource } = await container.item("personal", aadObjectId).read<StoredConversation>();
        return resource ?? undefined;
      });
    },
    async remove(aadObjectId, scope, conversationId) {
      personal.forget(aadObjectId);
      await deleteUnlessGone(container, documentId(scope, conversationId), aadObjectId);
      personal.forget(aadObjectId);
    },
    async anyServiceUrl() {
      const { resources } = await container.items
        .query<string>(
          "SELECT TOP 1 VALUE c.reference.serviceUrl FROM c WHERE c.type = 'reference' ORDER BY c.updatedAt DESC",
        )
        .fetchAll();
      return resources[0];
    },
    async anyTenantId() {
      const { resources } = await container.items
        .query<string>(
          "SELECT TOP 1 VALUE c.tenantId FROM c WHERE c.type = 'reference' AND IS_DEFINED(c.tenantId) ORDER BY c.updatedAt DESC",
        )
        .fetchAll();
      return resources[0];
    },
    async getLanguagePreference(aadObjectId) {
      return preferences.get(aadObjectId, async () => {
        const { resource } = await container.item("preferences", aadObjectId).read<{ language?: Language }>();
        return resource?.language;
      });
    },
    async setLanguagePreference(aadObjectId, language, at) {
      preferences.forget(aadObjectId);
      await container.items.upsert({
        id: "preferences",
        aadObjectId,
        type: "preferences",
        language,
        updatedAt: at.toISOString(),
      });
      preferences.forget(aadObjectId);
    },
    async claimWelcome(aadObjectId, conversationId, at) {
      return writeUnlessConflict(
        () =>
          container.items.create({
            id: `welcomed:${digest(conversationId)}`,
            aadObjectId,
            type: "welcome",
            at: at.toISOString(),
          }),
        [409],
      );
    },
  };
}
