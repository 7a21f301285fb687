/**
 * The shared HTTP core: the retry rule and delays as tables, error mapping of axios failures, and one axios
 * instance against a throwaway local server.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { AxiosError, AxiosHeaders } from "axios";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { ApiStyle } from "../../../providers/base/errors";
import {
  backoffMs,
  httpInstance,
  issueList,
  pathOf,
  retryAfterMs,
  shouldRetry,
  toApiError,
} from "../../../providers/base/http";

describe("retries", () => {
  it.each([
    [false, 429, undefined, true],
    [false, 500, undefined, false],
    [false, undefined, "ECONNRESET", false],
    [true, 502, undefined, true],
    [true, undefined, "ECONNABORTED", true],
    [true, undefined, undefined, true],
    [true, 404, undefined, false],
    [true, 422, undefined, false],
    [true, undefined, "ERR_CANCELED", false],
  ])("shouldRetry(replayable %s, %s, %s) = %s", (replayable, status, code, expected) => {
    expect(shouldRetry(replayable, status, code)).toBe(expected);
  });

  it("reads Retry-After in seconds or as an HTTP date", () => {
    expect(retryAfterMs("2", 0)).toBe(2000);
    expect(retryAfterMs("Thu, 01 Jan 1970 00:00:10 GMT", 4000)).toBe(6000);
    expect(retryAfterMs(undefined, 0)).toBeUndefined();
    expect(retryAfterMs("soon", 0)).toBeUndefined();
  });

  it.each([
    [1, 250, 20_000, undefined, 0, 500],
    [3, 250, 20_000, undefined, 1, 2400],
    [10, 250, 20_000, undefined, 0, 20_000],
    [1, 250, 20_000, 3000, 0, 3000],
  ])(
    "backoffMs(%s, base %s, max %s, Retry-After %s, jitter %s) = %s",
    (n, base, max, after, random, expected) => {
      expect(backoffMs(n, base, max, after, random)).toBe(expected);
    },
  );

  it("takes the path of absolute and relative URLs", () => {
    expect(pathOf("https://api.osc-fr1.scalingo.com/v1/apps/x/operations/op-1?x=1")).toBe(
      "/v1/apps/x/operations/op-1",
    );
    expect(pathOf("/v1/apps?x=1")).toBe("/v1/apps");
    expect(pathOf(undefined)).toBe("");
  });
});

describe("errors", () => {
  const style: ApiStyle = {
    provider: "Acme",
    message: (body) => JSON.stringify(body),
    noResponse: (code, message) => ({ text: "no response", detail: code ?? message }),
  };
  const call = { op: "list things", method: "GET", path: "/v1/things" };
  const config = { headers: new AxiosHeaders() };

  it("words a failure with a response", () => {
    const response = { status: 503, statusText: "", data: { error: "down" }, headers: {}, config };
    const error = toApiError(style, call, new AxiosError("x", "ERR_BAD_RESPONSE", config, {}, response));
    expect(error).toMatchObject({
      name: "AcmeError",
      message: 'list things: GET /v1/things failed: 503 ({"error":"down"})',
      status: 503,
      outcomeUnknown: true,
    });
  });

  it.each([
    [new AxiosError("timeout of 10ms exceeded", "ECONNABORTED"), "ECONNABORTED"],
    [new Error("socket hang up"), "socket hang up"],
  ])("words a failure without a response (%s)", (failure, detail) => {
    expect(toApiError(style, call, failure).message).toBe(
      `list things: GET /v1/things failed: no response (${detail})`,
    );
  });

  it("lists zod issues on one line", () => {
    const parsed = z.object({ id: z.string(), n: z.number() }).safeParse({ n: "x" });
    expect(parsed.success ? "" : issueList(parsed.error.issues, "(root)")).toBe(
      "id: Invalid input: expected string, received undefined; n: Invalid input: expected number, received string",
    );
    const root = z.string().safeParse(1);
    expect(root.success ? "" : issueList(root.error.issues, "body")).toBe(
      "body: Invalid input: expected string, received number",
    );
  });
});

describe("httpInstance against a local server", () => {
  const servers: ReturnType<typeof createServer>[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) {
      s.closeAllConnections();
      await new Promise((resolve) => s.close(resolve));
    }
  });

  /** A server answering the n-th request with `statuses[n]` (then 200). */
  async function serve(statuses: number[]) {
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ""}`);
      const status = statuses[seen.length - 1] ?? 200;
      res.writeHead(status, { "Content-Type": "application/json", "Retry-After": "0" });
      res.end(JSON.stringify({ status }));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
  }

  const options = (url: string, delays: number[][]) => ({
    baseURL: url,
    timeoutMs: 2000,
    headers: { Accept: "application/json" },
    auth: { username: "key", password: "" },
    retries: 2,
    replayable: (method: string) => method.toUpperCase() !== "POST",
    delayMs: (n: number, after: number | undefined) => {
      delays.push([n, after ?? -1]);
      return 1;
    },
  });

  it("retries 429 even for a POST, passing Retry-After to the delay, with Basic auth", async () => {
    const { url, seen } = await serve([429]);
    const delays: number[][] = [];
    const res = await httpInstance(options(url, delays)).post("/things", {});
    expect(res.status).toBe(200);
    const basic = `Basic ${Buffer.from("key:").toString("base64")}`;
    expect(seen).toEqual([`POST /things ${basic}`, `POST /things ${basic}`]);
    expect(delays).toEqual([[1, 0]]);
  });

  it("retries a 5xx GET up to the limit but never a 5xx POST", async () => {
    const get = await serve([500, 500, 500]);
    await expect(httpInstance(options(get.url, [])).get("/things")).rejects.toThrow("status code 500");
    expect(get.seen).toHaveLength(3);
    const post = await serve([500]);
    await expect(httpInstance(options(post.url, [])).post("/things", {})).rejects.toThrow("status code 500");
    expect(post.seen).toHaveLength(1);
  });
});
