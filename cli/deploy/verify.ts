/**
 * The HTTP check of `paasenv deploy --verify`: after the deployment reached `success`, request the app's URL
 * until it answers 2xx or 3xx (redirects are not followed: a redirect to HTTPS or to a login page is an
 * answer), retrying while the new containers start, until a timeout.
 */
import { sleep } from "../../providers/base/polling";
import type { CliError } from "../lib/errors";
import { type Io, progress } from "../lib/pulumi";
import { formatDuration } from "../review/gc-plan";
import { checkFailure } from "./report";
import { displayUrl } from "./verify-target";

/** What one request got. */
export type Answer =
  | { kind: "status"; status: number; statusText: string }
  | { kind: "error"; reason: string };

/** One request to `url`, given up after `timeoutMs`. */
export type Probe = (url: string, timeoutMs: number) => Promise<Answer>;

/** Time as the check sees it (tests give a fake one, so that they count requests instead of timing them). */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** How the check ended. */
export interface CheckResult {
  ok: boolean;
  /** How many requests were made. */
  attempts: number;
  /** The last answer (the 2xx or 3xx one when `ok`). */
  last: Answer;
}

/** The longest a single request may take. */
export const REQUEST_TIMEOUT_MS = 10_000;

/** True for a 2xx or 3xx answer. */
export function answers(answer: Answer): boolean {
  return answer.kind === "status" && answer.status >= 200 && answer.status < 400;
}

/** The pause after the `attempt`-th failed request (0-based): 1 s, 2 s, 4 s, then every 5 s. */
export function retryDelay(attempt: number): number {
  return Math.min(5_000, 1_000 * 2 ** attempt);
}

/** `HTTP 502 Bad Gateway` or `no answer (connect ECONNREFUSED …)`. */
export function describeAnswer(answer: Answer): string {
  if (answer.kind === "error") return `no answer (${answer.reason})`;
  return `HTTP ${answer.status}${answer.statusText === "" ? "" : ` ${answer.statusText}`}`;
}

/**
 * Requests `url` until it answers 2xx or 3xx or `timeoutMs` has passed; the last request starts before the
 * deadline and is itself cut at the deadline (at least 1 s). `onAnswer` sees every answer.
 */
export async function checkAnswers(args: {
  url: string;
  timeoutMs: number;
  probe: Probe;
  clock: Clock;
  onAnswer: (answer: Answer, attempt: number) => void;
}): Promise<CheckResult> {
  const { url, probe, clock } = args;
  const deadline = clock.now() + args.timeoutMs;
  for (let attempt = 0; ; attempt++) {
    const budget = Math.max(1_000, Math.min(REQUEST_TIMEOUT_MS, deadline - clock.now()));
    const last = await probe(url, budget);
    args.onAnswer(last, attempt);
    if (answers(last)) return { ok: true, attempts: attempt + 1, last };
    const pause = Math.min(retryDelay(attempt), deadline - clock.now());
    if (pause <= 0) return { ok: false, attempts: attempt + 1, last };
    await clock.sleep(pause);
  }
}

/** Why a `fetch` failed, as a person reads it: the system error (`connect ECONNREFUSED …`) or the timeout. */
export function fetchFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === "TimeoutError") {
    return `nothing within ${Math.round(timeoutMs / 100) / 10} s`;
  }
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error && cause.message !== "") return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * A URL's user and password as a Basic `authorization` header (a staging behind basic auth), and the URL
 * without them, since `fetch` refuses a URL that carries credentials.
 * @example basicAuth("https://u:p@staging.example.com/") → { url: "https://staging.example.com/", header: "Basic dTpw" }
 */
export function basicAuth(url: string): { url: string; header: string | undefined } {
  const parsed = new URL(url);
  if (parsed.username === "" && parsed.password === "") return { url, header: undefined };
  const pair = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
  parsed.username = "";
  parsed.password = "";
  return { url: parsed.toString(), header: `Basic ${Buffer.from(pair).toString("base64")}` };
}

/** A `GET` with Node's `fetch`, not following redirects; the body is not read. */
export const httpProbe: Probe = async (url, timeoutMs) => {
  const target = basicAuth(url);
  const headers: Record<string, string> = { "user-agent": "paasenv-deploy-verify" };
  if (target.header !== undefined) headers.authorization = target.header;
  try {
    const response = await fetch(target.url, {
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
      headers,
    });
    await response.body?.cancel();
    return { kind: "status", status: response.status, statusText: response.statusText };
  } catch (error) {
    return { kind: "error", reason: fetchFailure(error, timeoutMs) };
  }
};

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep,
};

/** The error of a failed HTTP check: the URL, the time given, the requests made and the last answer. */
export function httpFailure(args: {
  stack: string;
  deploymentId: string;
  url: string;
  timeoutMs: number;
  result: CheckResult;
}): CliError {
  const { result } = args;
  return checkFailure(
    "http",
    `deploy ${args.stack}: the app does not answer (check 2 of 2, the HTTP check, failed): deployment ` +
      `${args.deploymentId} reached success, but ${displayUrl(args.url)} did not answer 2xx or 3xx within ` +
      `${formatDuration(args.timeoutMs)} (${result.attempts} request(s); last: ${describeAnswer(result.last)}). ` +
      "The new version is deployed; nothing was rolled back",
  );
}

/**
 * Runs the HTTP check after a successful deployment, printing each change of answer; returns the answer, or
 * throws {@link httpFailure}.
 */
export async function verifyAnswers(args: {
  stack: string;
  deploymentId: string;
  url: string;
  timeoutMs: number;
  io: Io;
  probe?: Probe;
  clock?: Clock;
}): Promise<CheckResult> {
  const { stack, url, io } = args;
  let previous = "";
  const result = await checkAnswers({
    url,
    timeoutMs: args.timeoutMs,
    probe: args.probe ?? httpProbe,
    clock: args.clock ?? systemClock,
    onAnswer: (answer) => {
      const seen = describeAnswer(answer);
      if (seen !== previous) progress(io, `${stack}: GET ${displayUrl(url)} → ${seen}`);
      previous = seen;
    },
  });
  if (!result.ok) throw httpFailure({ ...args, result });
  return result;
}
