/**
 * Identical GETs in flight at once in one provider host share one request: two add-ons looking their app's
 * add-ons up before creating, or polling that list on the same tick, cost one call against the API's rate
 * limit, not two. A GET joins one already in flight only when no write of this host has completed since that one
 * was sent, so a caller always sees its own writes (and everyone's writes that completed before it asked).
 *
 * A refresh's reads (`snapshot`) go one step further: they share the answer of an identical refresh read that
 * has already come back, if no write of this host was in flight when that read was sent and none has been sent
 * since, for at most {@link SNAPSHOT_MS}. A refresh reads every resource of a stack within moments, so the app,
 * its add-on list and its variables, which several resources read, are each one request. (A database resource's
 * read first asks for a database token, a POST, which counts as a write: the reads after it ask again.)
 * Nothing else ever sees a completed answer: creates, updates and polls always ask again.
 */
import type { AxiosInstance, AxiosRequestConfig, AxiosResponse } from "axios";

/** How long a refresh may reuse a read's answer: far longer than a refresh takes, short enough not to linger. */
export const SNAPSHOT_MS = 30_000;

/** A GET shared by identical callers, with the counts of writes completed and sent when it left. */
interface Shared {
  writes: number;
  sent: number;
  at: number;
  response: Promise<AxiosResponse>;
}

/**
 * The requests in flight, the refresh reads' answers, and the writes sent and completed, shared by the clients
 * of one token and API.
 */
export interface SingleFlight {
  inflight: Map<string, Shared>;
  snapshots: Map<string, Shared>;
  /** Writes completed. */
  writes: number;
  /** Writes sent. */
  sent: number;
}

export function singleFlight(): SingleFlight {
  return { inflight: new Map(), snapshots: new Map(), writes: 0, sent: 0 };
}

/** What makes two requests the same: method, URL, query and credentials. */
export function requestKey(config: AxiosRequestConfig): string {
  const auth = config.headers?.Authorization;
  return JSON.stringify([
    config.method,
    config.url,
    config.params ?? null,
    typeof auth === "string" ? auth : "",
  ]);
}

function sendWrite(state: SingleFlight, http: AxiosInstance, config: AxiosRequestConfig) {
  const counted = () => {
    state.writes += 1;
  };
  state.sent += 1;
  state.snapshots.clear();
  const response = http.request(config);
  response.then(counted, counted);
  return response;
}

/** A refresh read's answer that can still be shared (see above), or `undefined`. */
function snapshotOf(state: SingleFlight, key: string, now: number): Shared | undefined {
  const kept = state.snapshots.get(key);
  if (kept === undefined) return undefined;
  if (kept.writes === kept.sent && kept.sent === state.sent && now - kept.at < SNAPSHOT_MS) return kept;
  state.snapshots.delete(key);
  return undefined;
}

/**
 * `config` sent through `http`, or the same GET's response already on its way, or for a refresh read
 * (`snapshot`) already in (see above). A failed answer is never kept.
 */
export function sendShared(
  state: SingleFlight,
  http: AxiosInstance,
  config: AxiosRequestConfig,
  snapshot = false,
): Promise<AxiosResponse> {
  if (config.method !== "GET") return sendWrite(state, http, config);
  const key = requestKey(config);
  const now = Date.now();
  const kept = snapshot ? snapshotOf(state, key, now) : undefined;
  if (kept !== undefined) return kept.response;
  const joined = state.inflight.get(key);
  const entry =
    joined !== undefined && joined.writes === state.writes
      ? joined
      : { writes: state.writes, sent: state.sent, at: now, response: http.request(config) };
  if (entry !== joined) {
    state.inflight.set(key, entry);
    const forget = () => {
      if (state.inflight.get(key) === entry) state.inflight.delete(key);
    };
    entry.response.then(forget, forget);
  }
  if (snapshot) keep(state, key, entry);
  return entry.response;
}

/** Keep a refresh read's answer for the next identical refresh read, unless it fails. */
function keep(state: SingleFlight, key: string, entry: Shared) {
  state.snapshots.set(key, entry);
  entry.response.catch(() => {
    if (state.snapshots.get(key) === entry) state.snapshots.delete(key);
  });
}
