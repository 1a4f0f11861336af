import type { Clock } from "../clock";
import type { Config } from "../config";
import type { CardRenderer } from "../cards/render";
import type { Logger } from "../logger";
import type { ConversationRefs } from "../store/conversation-refs";
import type { RosterRepo } from "../store/roster-repo";

/** Everything a bot handler may use, passed in explicitly. */
export interface BotDeps {
  config: Config;
  clock: Clock;
  logger: Logger;
  cards: CardRenderer;
  conversations: ConversationRefs;
  roster: RosterRepo;
}
