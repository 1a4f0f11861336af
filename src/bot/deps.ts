import type { Config } from "../config";
import type { CardRenderer } from "../cards/render";
import type { ConversationRefs } from "../store/conversation-refs";
import type { CaseDeps } from "../usecases/deps";

/** Everything a bot handler may use, passed in explicitly: the use cases' deps and the Teams side's own. */
export interface BotDeps extends CaseDeps {
  config: Config;
  cards: CardRenderer;
  conversations: ConversationRefs;
}
