/**
 * The client's logic: which calls are replayed, as tables, and behaviour no emulator fault can produce
 * (timeouts, a surprising payload, forced URLs) against a throwaway local server.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { replayable, scalingoClient, shouldRetry } from "../../../providers/scalingo/client";
import { type SessionHolder, settingsFrom } from "../../../providers/scalingo/settings";
import { rejection } from "./harness";

const jwt = (claims: object) =>
  `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.`;

describe("retries", () => {
  it.each([
    ["GET", "/v1/apps/x", true],
    ["PUT", "/v1/apps/x/variables", true],
    ["PATCH", "/v1/apps/x", true],
    ["DELETE", "/v1/apps/x", true],
    ["POST", "/v1/tokens/exchange", true],
    ["POST", "/v1/apps/x/restart", true],
    ["POST", "/v1/apps/x/scale", true],
    ["POST", "/v1/apps/x/addons/ad-1/token", true],
    ["POST", "/api/databases/ad-1/features", true],
    ["POST", "/api/databases/ad-1/users", false],
    ["POST", "/api/databases/ad-1/pitr/restore", false],
    ["POST", "/v1/apps/x/notifiers", false],
    ["POST", "/v1/apps/x/alerts", false],
    ["POST", "/v1/apps/x/log_drains", false],
    ["POST", "/v1/apps", false],
    ["POST", "/v1/apps/x/addons", false],
    ["POST", "/v1/apps/x/domains", false],
    ["POST", "/v1/apps/x/variables", false],
    ["POST", "/v1/apps/x/rename", false],
  ])("replayable(%s %s) = %s", (method, path, expected) => {
    expect(replayable(method, path)).toBe(expected);
  });

  it.each([
    ["POST", "/v1/apps", 429, undefined, true],
    ["POST", "/v1/apps", 500, undefined, false],
    ["POST", "/v1/apps", undefined, "ECONNRESET", false],
    ["GET", "/v1/apps/x", 502, undefined, true],
    ["GET", "/v1/apps/x", undefined, "ECONNABORTED", true],
    ["GET", "/v1/apps/x", 404, undefined, false],
    ["PUT", "/v1/apps/x/variables", 422, undefined, false],
    ["GET", "/v1/apps/x", undefined, "ERR_CANCELED", false],
  ])("shouldRetry(%s %s, %s, %s) = %s", (method, path, status, code, expected) => {
    expect(shouldRetry(method, path, status, code)).toBe(expected);
  });
});

/** A throwaway server answering with `handler`; records the requests. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse, n: number) => void) {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    handler(req, res, seen.length);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  servers.push(server);
  return { url, seen };
}

const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
};

/** A provider-like holder configured for `url`, with both API URLs forced (no region lookup). */
function holderFor(url: string, extra: Record<string, string> = {}): SessionHolder {
  const values: Record<string, string> = {
    "scalingo:apiToken": "tk-us-local",
    "scalingo:authUrl": url,
    "scalingo:apiUrl": url,
    "scalingo:dbApiUrl": url,
    "scalingo:retryBaseMs": "1",
    ...extra,
  };
  return { session: { settings: settingsFrom((k) => values[k], {}) } };
}

function fakeScalingo(route: (req: IncomingMessage, res: ServerResponse, n: number) => void) {
  return serve((req, res, n) => {
    if (req.url === "/v1/tokens/exchange")
      return json(res, 200, { token: jwt({ exp: Date.now() / 1000 + 3600 }) });
    return route(req, res, n);
  });
}

describe("client against a local server", () => {
  it("names the endpoint and the mismatch when a payload is not what the API documents", async () => {
    const { url } = await fakeScalingo((_req, res) => json(res, 200, { app: { id: 42 } }));
    const client = await scalingoClient(holderFor(url), "osc-fr1");
    const { z } = client;
    const error = await rejection(
      client.request({
        op: 'read app "x"',
        method: "GET",
        path: "/v1/apps/x",
        root: "app",
        schema: z.object({ id: z.string() }),
      }),
    );
    expect(error.message).toBe(
      'read app "x": GET /v1/apps/x returned an unexpected payload under "app" (id: Invalid input: expected string, received number)',
    );
  });

  it("times out a hung call and retries it", async () => {
    const { url, seen } = await fakeScalingo((_req, res, n) => {
      if (n === 2) return; // the first API call hangs
      json(res, 200, { ok: true });
    });
    const client = await scalingoClient(holderFor(url, { "scalingo:httpTimeoutMs": "200" }), "osc-fr1");
    await client.request({ op: "probe", method: "GET", path: "/v1/probe" });
    expect(seen).toEqual(["POST /v1/tokens/exchange", "GET /v1/probe", "GET /v1/probe"]);
  });

  it("does not replay a create after a 5xx (createOnce decides), but does replay a PUT", async () => {
    const { url, seen } = await fakeScalingo((req, res) => json(res, 500, { error: `boom ${req.method}` }));
    const client = await scalingoClient(holderFor(url, { "scalingo:httpRetries": "2" }), "osc-fr1");
    const post = await rejection(client.request({ op: "create app", method: "POST", path: "/v1/apps" }));
    expect(post).toMatchObject({
      status: 500,
      outcomeUnknown: true,
      message: "create app: POST /v1/apps failed: 500 (boom POST)",
    });
    await rejection(client.request({ op: "set", method: "PUT", path: "/v1/apps/x/variables" }));
    expect(seen.slice(1)).toEqual([
      "POST /v1/apps",
      "PUT /v1/apps/x/variables",
      "PUT /v1/apps/x/variables",
      "PUT /v1/apps/x/variables",
    ]);
  });

  it("discovers region URLs from the auth API, once, and reports an unknown region", async () => {
    const { url, seen } = await fakeScalingo((req, res) => {
      if (req.url === "/v1/regions") {
        return json(res, 200, {
          regions: [{ name: "osc-fr1", api: `${url}/fr1/`, database_api: `${url}/db` }],
        });
      }
      json(res, 200, { ok: true });
    });
    const holder: SessionHolder = {
      session: {
        settings: settingsFrom((k) => ({ "scalingo:apiToken": "t", "scalingo:authUrl": url })[k], {}),
      },
    };
    const client = await scalingoClient(holder, "osc-fr1");
    await client.request({ op: "probe", method: "GET", path: "/v1/probe" });
    await (await scalingoClient(holder, "osc-fr1")).request({
      op: "probe",
      method: "GET",
      path: "/v1/probe",
    });
    expect(seen).toEqual([
      "POST /v1/tokens/exchange",
      "GET /v1/regions",
      "GET /fr1/v1/probe",
      "GET /fr1/v1/probe",
    ]);
    const error = await rejection(scalingoClient(holder, "mars-1"));
    expect(error.message).toBe('Scalingo region "mars-1" does not exist (known regions: osc-fr1)');
  });
});
