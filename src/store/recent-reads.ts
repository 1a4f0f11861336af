/**
 * Point reads remembered for `ttlMs`, and forgotten at once when this instance writes them. A run sends a teacher one
 * card per pupil, and a card action reads the pupil, the school and the sender again: without it each read is a store
 * request. Another instance's change is seen within `ttlMs`.
 */
export function createRecentReads<T>(ttlMs: number) {
  const entries = new Map<string, { value: Promise<T>; until: number }>();
  // A read that overlapped a write of the same key is not remembered: it may hold what the write replaced.
  let writes = 0;
  return {
    get(key: string, read: () => Promise<T>): Promise<T> {
      const now = Date.now();
      const known = entries.get(key);
      if (known && known.until > now) return known.value;
      const before = writes;
      const entry = { value: read(), until: now + ttlMs };
      if (entries.size >= 10_000) entries.clear();
      entries.set(key, entry);
      const drop = () => {
        if (entries.get(key) === entry) entries.delete(key);
      };
      void entry.value.then(() => writes !== before && drop(), drop);
      return entry.value;
    },
    forget(key: string): void {
      writes++;
      entries.delete(key);
    },
    /** An import that writes many keys at once. */
    forgetAll(): void {
      writes++;
      entries.clear();
    },
  };
}

/** A remembered value is shared by every reader: frozen, so that one reader's change cannot reach another. */
export function frozen<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) frozen(inner);
  }
  return value;
}
