/** The Alwaysdata client's rules: retries and error wording, as tables. */
import { describe, expect, it } from "vitest";
import {
  ALWAYSDATA_API,
  apiErrorDetail,
  isRetryable,
  retryDelayMs,
} from "../../../providers/alwaysdata/client";
import { apiError } from "../../../providers/base/errors";

describe("retries and errors", () => {
  it.each([
    ["POST", 429, true],
    ["GET", 429, true],
    ["GET", 503, true],
    ["PUT", undefined, true],
    ["DELETE", 500, true],
    ["POST", 503, false],
    ["POST", undefined, false],
    ["GET", 404, false],
    ["PUT", 400, false],
  ])("%s answered %s is retryable: %s", (method, status, expected) => {
    expect(isRetryable(method, status)).toBe(expected);
  });

  it("waits Retry-After when given, else 1, 2, 4 … up to 30 seconds", () => {
    expect([1, 2, 3, 6, 9].map((n) => retryDelayMs(n, undefined))).toEqual([
      1000, 2000, 4000, 30_000, 30_000,
    ]);
    expect(retryDelayMs(1, 5000)).toBe(5000);
    expect(retryDelayMs(1, 600_000)).toBe(60_000);
  });

  it.each([
    [{ detail: "Invalid token." }, "Invalid token."],
    [
      { value: ["Enter a valid value."], ttl: ["Too small."] },
      "value: Enter a valid value.; ttl: Too small.",
    ],
    ["<html>\n  Bad gateway\n</html>", "<html> Bad gateway </html>"],
    ["", "no message"],
    [undefined, "no message"],
  ])("reads the API message of %j", (body, detail) => {
    expect(apiErrorDetail(body)).toBe(detail);
  });

  it("builds one-line errors naming operation, method, path, status and message", () => {
    const call = { op: 'create record "www.example.com" (CNAME)', method: "POST", path: "/v1/record/" };
    const error = apiError(ALWAYSDATA_API, call, 400, "value: Enter a valid value.");
    expect(error.message).toBe(
      'create record "www.example.com" (CNAME): POST /v1/record/ failed: 400 (value: Enter a valid value.).',
    );
    expect(error).toBeInstanceOf(Error);
    expect(error.status).toBe(400);
    expect(error.name).toBe("AlwaysdataApiError");
  });

  it.each([
    [401, "401 (Invalid token.). Check the API key"],
    [429, "429 (Invalid token.). Alwaysdata's rate limit (50 requests per minute, 250 for GET)"],
  ])("adds the fix for a %s", (status, text) => {
    const call = { op: "list domains", method: "GET", path: "/v1/domain/" };
    expect(apiError(ALWAYSDATA_API, call, status, "Invalid token.").message).toContain(`failed: ${text}`);
  });

  it("reports a call without a response as status 0 with the network code", () => {
    const failure = ALWAYSDATA_API.noResponse("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:1");
    const call = { op: "list domains", method: "GET", path: "/v1/domain/" };
    const error = apiError(ALWAYSDATA_API, call, failure.status, failure.detail, failure.text);
    expect(error).toMatchObject({
      message: "list domains: GET /v1/domain/ failed: 0 (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1).",
      status: 0,
      outcomeUnknown: true,
    });
  });
});
