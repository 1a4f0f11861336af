import dotenv from "dotenv";
import { localAuditKey, localEraseKey, localIngestKey, localReadKey } from "./local/local-defaults";

/** `npm start`: the local demo. Defaults that only make sense on a developer's machine are set here, after .env and before config. */
dotenv.config();
process.env.START_PLAYGROUND ??= "true";
process.env.SEED_DEMO ??= "true";
process.env.INGEST_API_KEY ??= localIngestKey;
process.env.READ_API_KEY ??= localReadKey;
process.env.AUDIT_API_KEY ??= localAuditKey;
process.env.ERASE_API_KEY ??= localEraseKey;
// main reads the environment as it loads, so it is required after the defaults above are set.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require("./main");
