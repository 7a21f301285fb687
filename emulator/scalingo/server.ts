import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { createServer } from "node:http";
import { DEFAULT_REGION, REGIONS } from "../../providers/scalingo/limits";
import { addonRoutes } from "./addons";
import { appRoutes } from "./apps";
import { authRoutes, basicPassword, regionUrl, tokenKeyOf, verifyBearer } from "./auth";
import { autoscalerRoutes } from "./autoscalers";
import { backupRoutes } from "./backups";
import { containerRoutes } from "./containers";
import type { ControlTarget } from "./control";
import { control } from "./control";
import { databaseRoutes } from "./database";
import { deploymentRoutes } from "./deployments";
import { domainRoutes } from "./domains";
import { eventRoutes } from "./events";
import type { Fault } from "./faults";
import { FaultInjector, RateLimiter } from "./faults";
import { Holds } from "./holds";
import type { Caller, Ctx, Reply } from "./http";
import { isReplyError } from "./http";
import { integrationRoutes } from "./integrations";
import { advance } from "./lifecycle";
import { logDrainRoutes } from "./log-drains";
import { monitoringRoutes } from "./monitoring";
import { notifierRoutes } from "./notifiers";
import type { EmulatorOptions } from "./options";
import { pitrRoutes } from "./pitr";
import type { Match, Route } from "./router";
import { createRouter } from "./router";
import { Store } from "./store";
import type { RegionName } from "./types";
import { variableRoutes } from "./variables";

/** Every API route, auth API first; literal paths before parameterised ones where they overlap. */
export const allRoutes = (options: EmulatorOptions, extra: readonly Route[] = []): Route[] => [
  ...authRoutes(options.tokenTtlS),
  ...appRoutes,
  ...variableRoutes,
  ...addonRoutes,
  ...containerRoutes,
  ...domainRoutes,
  ...deploymentRoutes,
  ...databaseRoutes,
  ...backupRoutes,
  ...pitrRoutes,
  ...eventRoutes,
  ...integrationRoutes,
  ...monitoringRoutes,
  ...logDrainRoutes,
  ...autoscalerRoutes,
  ...notifierRoutes,
  ...extra,
];

const INTERNAL_ERROR = { error: "Internal error occured, we're on it!" };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** Parses a JSON body; `undefined` when empty or not JSON-typed, an error message when malformed JSON. */
function parseJson(req: IncomingMessage, raw: Buffer): { body: unknown } | { error: string } {
  const text = raw.toString("utf8");
  const isJson = (req.headers["content-type"] ?? "").includes("json") || /^\s*[[{]/.test(text);
  if (text.trim() === "" || !isJson) return { body: undefined };
  try {
    return { body: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: `There was a problem in the JSON you submitted: ${(error as Error).message}` };
  }
}

function send(res: ServerResponse, reply: Reply, head: boolean): void {
  const headers: Record<string, string> = { "X-Request-Id": crypto.randomUUID(), ...reply.headers };
  let payload: string | Buffer = "";
  if (reply.bytes !== undefined) {
    headers["Content-Type"] ??= "application/octet-stream";
    payload = reply.bytes;
  } else if (reply.json !== undefined) {
    headers["Content-Type"] = "application/json; charset=utf-8";
    payload = JSON.stringify(reply.json);
  } else if (reply.text !== undefined) {
    headers["Content-Type"] ??= "text/plain; charset=utf-8";
    payload = reply.text;
  }
  headers["Content-Length"] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(head ? undefined : payload);
}

/** The region a path is for (see `regionUrl`) and the path within it. */
function splitRegion(pathname: string): { region: RegionName; path: string } {
  for (const region of REGIONS) {
    const prefix = `/${region}`;
    if (region !== DEFAULT_REGION && (pathname === prefix || pathname.startsWith(`${prefix}/`))) {
      return { region, path: pathname.slice(prefix.length) || "/" };
    }
  }
  return { region: DEFAULT_REGION, path: pathname };
}

/** Checks the bearer for the route; returns the caller or a 401 reply. */
function authenticate(match: Match, req: IncomingMessage, now: number): Caller | undefined | Reply {
  const mode = match.route.auth;
  if (mode === "none") return undefined;
  if (mode === "optional" && req.headers.authorization === undefined) return undefined;
  const caller = verifyBearer(req.headers.authorization, now);
  if (typeof caller === "string") return { status: 401, json: { error: caller } };
  if (caller.kind === "addon" && mode !== "db")
    return { status: 401, json: { error: "a database add-on token only opens the database API" } };
  return caller;
}

/** Rate-limit key: the API token behind the bearer (or the Basic credentials of an exchange). */
function rateKey(caller: Caller | undefined, req: IncomingMessage): string {
  if (caller !== undefined) return caller.tokenKey;
  const basic = basicPassword(req.headers.authorization);
  return basic === undefined ? "anonymous" : tokenKeyOf(basic);
}

/** A running emulator: the HTTP server and what its control endpoints act on. */
export interface EmulatorRuntime extends ControlTarget {
  server: Server;
  options: EmulatorOptions;
}

/** Creates the server (not yet listening). */
export function createEmulatorServer(
  options: EmulatorOptions,
  extraRoutes: readonly Route[] = [],
): EmulatorRuntime {
  const route = createRouter(allRoutes(options, extraRoutes));
  const runtime: EmulatorRuntime = {
    store: new Store(options.stateFile),
    faults: new FaultInjector(options.faultRate, options.faultSeed),
    limiter: new RateLimiter(options.rateLimit),
    holds: new Holds(),
    requests: [],
    options,
    server: createServer((req, res) => {
      handle(runtime, route, req, res).catch((error: unknown) => {
        console.error("scalingo emulator: unexpected error", error);
        if (!res.headersSent) send(res, { status: 500, json: INTERNAL_ERROR }, false);
      });
    }),
  };
  return runtime;
}

async function handle(
  runtime: EmulatorRuntime,
  route: (method: string, path: string) => Match | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const started = Date.now();
  const url = new URL(req.url ?? "/", "http://emulator");
  const method = (req.method ?? "GET").toUpperCase();
  const raw = await readBody(req);
  const parsed = parseJson(req, raw);
  if (url.pathname.startsWith("/__emulator/")) {
    const body = "body" in parsed ? parsed.body : undefined;
    send(res, control(runtime, method, url.pathname.slice("/__emulator/".length), body, Date.now()), false);
    return;
  }
  if (runtime.options.latencyMs > 0) await sleep(runtime.options.latencyMs);
  const status = await respond(runtime, route, req, res, { url, method, raw, parsed });
  runtime.requests.push({
    method,
    path: url.pathname,
    query: url.search.replace(/^\?/, ""),
    status,
    ms: Date.now() - started,
    at: new Date(started).toISOString(),
  });
}

interface Incoming {
  url: URL;
  method: string;
  raw: Buffer;
  parsed: { body: unknown } | { error: string };
}

/** Runs guards, faults and the handler; returns the status sent (0 when the connection was dropped). */
async function respond(
  runtime: EmulatorRuntime,
  route: (method: string, path: string) => Match | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  incoming: Incoming,
): Promise<number> {
  const now = Date.now();
  const head = incoming.method === "HEAD";
  const { region, path } = splitRegion(incoming.url.pathname);
  const match = route(incoming.method, path);
  const finish = (reply: Reply): number => {
    send(res, reply, head);
    return reply.status;
  };
  if (match === undefined)
    return finish({ status: 404, json: { error: `no route for ${incoming.method} ${path}` } });
  const caller = authenticate(match, req, now);
  if (!runtime.limiter.allow(rateKey(caller && "kind" in caller ? caller : undefined, req), now)) {
    return finish({ status: 429, text: "Retry later" });
  }
  if (caller !== undefined && "status" in caller) return finish(caller);
  const { method, url } = incoming;
  const hold = runtime.holds.pick(method, url.pathname);
  if ((await runtime.holds.park(hold, "before", method, url.pathname)) === "drop") return dropConnection(res);
  const fault = runtime.faults.pick(method, url.pathname);
  if (fault?.when === "before") return inflict(res, fault);
  if ("error" in incoming.parsed) return finish({ status: 400, json: { error: incoming.parsed.error } });
  // A held request is applied when released: at that time, not when it arrived.
  const routed = { match, region, path, caller, now: hold === undefined ? now : Date.now() };
  const ctx = contextFor(runtime, req, incoming, incoming.parsed.body, routed);
  const advanced = advance(runtime.store, routed.now);
  const reply = await runHandler(match, ctx);
  if (advanced || !["GET", "HEAD"].includes(method)) runtime.store.save();
  if ((await runtime.holds.park(hold, "after", method, url.pathname)) === "drop") return dropConnection(res);
  if (fault?.when === "after") return inflict(res, fault);
  return finish(reply);
}

/** A request matched to a route, with its region, its path within the region, its caller and its time. */
interface Routed {
  match: Match;
  region: RegionName;
  path: string;
  caller: Caller | undefined;
  now: number;
}

/** What a handler gets to see of a request that passed the guards. */
function contextFor(
  runtime: EmulatorRuntime,
  req: IncomingMessage,
  incoming: Incoming,
  body: unknown,
  { match, region, path, caller, now }: Routed,
): Ctx {
  const rootUrl = `http://${req.headers.host ?? "127.0.0.1"}`;
  return {
    method: incoming.method,
    path,
    params: match.params,
    query: incoming.url.searchParams,
    headers: req.headers,
    body,
    rawBody: incoming.raw,
    region,
    regionUrl: regionUrl(rootUrl, region),
    rootUrl,
    caller,
    store: runtime.store,
    options: runtime.options,
    now,
  };
}

async function runHandler(match: Match, ctx: Ctx): Promise<Reply> {
  try {
    return await match.route.handler(ctx);
  } catch (error) {
    if (isReplyError(error)) return error.reply;
    console.error(`scalingo emulator: ${ctx.method} ${ctx.path} failed`, error);
    return { status: 500, json: INTERNAL_ERROR };
  }
}

/** Closes the connection without an answer; the status logged is `0`. */
function dropConnection(res: ServerResponse): number {
  res.socket?.destroy();
  return 0;
}

function inflict(res: ServerResponse, fault: Fault): number {
  if (fault.drop) return dropConnection(res);
  send(res, faultReply(fault.status), false);
  return fault.status;
}

/** An injected fault answers in the shape the real API uses for that status (reference §9). */
export function faultReply(status: number): Reply {
  switch (status) {
    case 429:
      return { status, text: "Retry later" };
    case 401:
      return { status, json: { error: "token has expired or is invalid" } };
    case 404:
      return { status, json: { error: "not found" } };
    case 422:
      return { status, json: { errors: { base: ["injected fault"] } } };
    case 503:
      return { status };
    default:
      return { status, json: status >= 500 ? INTERNAL_ERROR : { error: "injected fault" } };
  }
}
