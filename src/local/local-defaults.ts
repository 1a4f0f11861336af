/**
 * The data-API key `npm start` uses when .env sets none, so the import and evaluate commands work
 * against the local demo out of the box. Production requires its own INGEST_API_KEY.
 */
export const localIngestKey = "local-demo-ingest-key-not-for-production";
export const localReadKey = "local-demo-read-key-not-for-production";
export const localAuditKey = "local-demo-audit-key-not-for-production";
export const localEraseKey = "local-demo-erase-key-not-for-production";
