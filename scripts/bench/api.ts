/** What the emulator saw: API calls by kind, and the API's own critical path (first request to last response). */

/** One line of the emulator's request log (`GET /__emulator/requests`). */
export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  ms: number;
  at: string;
}

/** Calls of one run, the token exchange counted apart. */
export interface Calls {
  reads: number;
  writes: number;
  exchanges: number;
  /** From the first request's arrival to the last response, in ms. */
  criticalPathMs: number;
}

export function countCalls(requests: readonly LoggedRequest[]): Calls {
  const exchanges = requests.filter((r) => r.path.endsWith("/tokens/exchange")).length;
  const calls = requests.filter((r) => !r.path.endsWith("/tokens/exchange"));
  const writes = calls.filter((r) => r.method !== "GET").length;
  const starts = requests.map((r) => Date.parse(r.at));
  const ends = requests.map((r) => Date.parse(r.at) + r.ms);
  const criticalPathMs = requests.length === 0 ? 0 : Math.max(...ends) - Math.min(...starts);
  return { reads: calls.length - writes, writes, exchanges, criticalPathMs };
}

/** The emulator's request log, then cleared. */
export async function takeRequests(url: string): Promise<LoggedRequest[]> {
  const body = (await (await fetch(`${url}/__emulator/requests`)).json()) as { requests: LoggedRequest[] };
  await fetch(`${url}/__emulator/requests`, { method: "DELETE" });
  return body.requests;
}
