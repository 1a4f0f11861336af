import type { Bot } from "../../bot/create-bot";
import type { HttpHandler } from "../types";

export function createMessagesHandler(bot: Bot): HttpHandler {
  return async (req, res) => {
    await bot.adapter.process(req as never, res as never, (context) => bot.app.run(context).then(() => undefined));
  };
}
