import { createHash } from "node:crypto";

/** 24 hex characters derived from a counter: deterministic, sortable, shaped like Scalingo's IDs. */
export const hexId = (seq: number): string => `5e${seq.toString(16).padStart(22, "0")}`;

/** A UUID-shaped string derived from a counter (`no-`, `al-`, `au-` IDs use it). */
export const uuidFromSeq = (seq: number): string => {
  const hex = seq.toString(16).padStart(12, "0");
  return `00000000-0000-4000-8000-${hex}`;
};

/** A stable 24-hex ID derived from a name (plans and catalog entries keep their IDs across resets). */
export const stableHexId = (name: string): string =>
  createHash("sha256").update(name).digest("hex").slice(0, 24);

/** A stable UUID derived from a name. */
export const stableUuid = (name: string): string => {
  const h = createHash("sha256").update(name).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** A deterministic secret (passwords, tokens) derived from an ID. */
export const secretFor = (id: string, length = 24): string =>
  createHash("sha256").update(`secret:${id}`).digest("base64url").replace(/[-_]/g, "x").slice(0, length);

/** Mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = Math.floor(seed) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** ISO 8601 timestamp with milliseconds. */
export const iso = (ms: number): string => new Date(ms).toISOString();
