import dotenv from "dotenv";

/** `npm start`: the local demo. Defaults that only make sense on a developer's machine are set here, after .env and before config. */
dotenv.config();
process.env.START_PLAYGROUND ??= "true";
process.env.SEED_DEMO ??= "true";
require("./main");
