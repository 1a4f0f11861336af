import type { TurnContext } from "botbuilder";
import { pickLanguage, type Language } from "../i18n/catalog";
import type { ConversationScope } from "../store/conversation-refs";

export interface Sender {
  aadObjectId?: string;
  tenantId?: string;
  /** The language of the Teams client; see resolveLanguage for the one to write in. */
  teamsLanguage: Language;
  scope: ConversationScope;
}

/** Who sent this turn, from the authenticated activity only; card data is never used for identity. */
export function readSender(context: TurnContext): Sender {
  const activity = context.activity;
  const channelData = (activity.channelData ?? {}) as { tenant?: { id?: string } };
  const type = activity.conversation?.conversationType;
  return {
    aadObjectId: activity.from?.aadObjectId,
    tenantId: channelData.tenant?.id ?? activity.conversation?.tenantId,
    teamsLanguage: pickLanguage(activity.locale),
    scope: type === "channel" || type === "groupChat" ? type : "personal",
  };
}
