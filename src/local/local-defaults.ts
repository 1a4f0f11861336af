/**
 * The data-API key `npm start` uses when .env sets none, so the import and evaluate commands work
 * against the local demo out of the box. Production requires its own INGEST_API_KEY.
 */
export const localIngestKey = "local-demo-ingest-key-not-for-production";
