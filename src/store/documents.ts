const systemProperties = ["_rid", "_self", "_etag", "_ts", "_attachments"] as const;

/** A stored document without Cosmos' own bookkeeping fields, and without the listed own fields (e.g. id, type). */
export function stripSystemProperties<T>(doc: object, ...ownFields: string[]): T {
  const copy = { ...(doc as Record<string, unknown>) };
  for (const key of systemProperties) delete copy[key];
  for (const key of ownFields) delete copy[key];
  return copy as T;
}
