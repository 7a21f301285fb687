/**
 * Identical GETs in flight at once in one provider host share one request: two add-ons looking their app's
 * add-ons up before creating, or polling that list on the same tick, cost one call against the API's rate
 * limit, not two. A GET joins one already in flight only when no write of this host has completed since that one
 * was sent, so a caller always sees its own writes (and everyone's writes that completed before it asked).
 */
import type { AxiosInstance, AxiosRequestConfig, AxiosResponse } from "axios";

/** The requests in flight and a count of completed writes, shared by the clients of one token and API. */
export interface SingleFlight {
  inflight: Map<string, { writes: number; response: Promise<AxiosResponse> }>;
  writes: number;
}

export function singleFlight(): SingleFlight {
  return { inflight: new Map(), writes: 0 };
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

/** `config` sent through `http`, or the same GET's response already on its way (see above). */
export function sendShared(state: SingleFlight, http: AxiosInstance, config: AxiosRequestConfig) {
  if (config.method !== "GET") {
    const counted = () => {
      state.writes += 1;
    };
    const response = http.request(config);
    response.then(counted, counted);
    return response;
  }
  const key = requestKey(config);
  const joined = state.inflight.get(key);
  if (joined !== undefined && joined.writes === state.writes) return joined.response;
  const entry = { writes: state.writes, response: http.request(config) };
  state.inflight.set(key, entry);
  const forget = () => {
    if (state.inflight.get(key) === entry) state.inflight.delete(key);
  };
  entry.response.then(forget, forget);
  return entry.response;
}
