import type { Reply } from "./http";
import type { State } from "./store";

/** A one-shot failure: the next matching request gets `status`, after being applied when `afterApply`. */
export interface Fault {
  method: string;
  status: number;
  afterApply?: boolean;
}

/** `undefined` when under the limit (and counts the hit), else the 429 reply with `Retry-After`. */
export const rateLimited = (state: State, now: number): Reply | undefined => {
  const limit = state.options.rateLimitPerMinute ?? 0;
  if (limit <= 0) {
    return undefined;
  }
  const windowMs = state.options.rateWindowMs ?? 60_000;
  state.hits = state.hits.filter((t) => now - t < windowMs);
  const oldest = state.hits[0];
  if (state.hits.length >= limit && oldest !== undefined) {
    const retryAfter = Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
    return {
      status: 429,
      body: { detail: `Request was throttled. Expected available in ${retryAfter} seconds.` },
      headers: { "Retry-After": String(retryAfter) },
    };
  }
  state.hits.push(now);
  return undefined;
};

/** Runs the route unless a fault is due for this method; a fault may apply the request first. */
export const withFault = (state: State, method: string, run: () => Reply): Reply => {
  const index = state.faults.findIndex((f) => f.method === method);
  const fault = state.faults[index];
  if (fault === undefined) {
    return run();
  }
  state.faults.splice(index, 1);
  if (fault.afterApply === true) {
    run();
  }
  return { status: fault.status, body: { detail: "Emulated failure." } };
};
