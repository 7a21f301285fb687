/** The shared error factories: names, details, the API failure wording. */
import { describe, expect, it } from "vitest";
import {
  type ApiStyle,
  apiError,
  errorStatus,
  initError,
  providerError,
  undefinedIf404,
} from "../../../providers/base/errors";

describe("providerError", () => {
  it.each([
    ["Scalingo", "", "ScalingoError"],
    ["Alwaysdata", "Api", "AlwaysdataApiError"],
  ])("names errors of %s (kind %j) %s, keeping message and details", (provider, kind, name) => {
    const error = providerError(provider, "boom", { status: 422 }, kind);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name, message: "boom", status: 422 });
  });

  it("builds Pulumi's created-but-failed-to-initialize error", () => {
    const error = initError("Scalingo", new Error("PATCH failed"), "ap-1", { name: "x" });
    expect(error).toMatchObject({
      name: "ScalingoInitError",
      message: "PATCH failed",
      id: "ap-1",
      properties: { name: "x" },
      reasons: ["PATCH failed"],
    });
    expect(initError("Scalingo", "plain", "ap-1", {}).message).toBe("plain");
  });

  it.each([
    [Object.assign(new Error("x"), { status: 404 }), 404],
    [{ status: "404" }, undefined],
    [new Error("x"), undefined],
    [null, undefined],
  ])("errorStatus(%j) = %s", (error, status) => {
    expect(errorStatus(error)).toBe(status);
  });

  it("turns a 404 into undefined and passes other failures on", async () => {
    const gone = Object.assign(new Error("gone"), { status: 404 });
    await expect(undefinedIf404(Promise.reject(gone))).resolves.toBeUndefined();
    await expect(undefinedIf404(Promise.resolve(1))).resolves.toBe(1);
    await expect(undefinedIf404(Promise.reject(new Error("500")))).rejects.toThrow("500");
  });
});

describe("apiError", () => {
  const style: ApiStyle = {
    provider: "Acme",
    message: String,
    noResponse: () => ({ text: "no response", detail: "" }),
    suffix: (status) => (status === 401 ? ". Check the key." : ""),
  };
  const call = { op: 'create thing "t"', method: "POST", path: "/v1/things" };

  it.each([
    [422, "bad", "422", false, 'create thing "t": POST /v1/things failed: 422 (bad)'],
    [401, "no", "401", false, 'create thing "t": POST /v1/things failed: 401 (no). Check the key.'],
    [502, "gateway", "502", true, 'create thing "t": POST /v1/things failed: 502 (gateway)'],
    [
      undefined,
      "ECONNRESET",
      "no response",
      true,
      'create thing "t": POST /v1/things failed: no response (ECONNRESET)',
    ],
    [0, "ECONNRESET", "0", true, 'create thing "t": POST /v1/things failed: 0 (ECONNRESET)'],
  ])("status %s: %s", (status, detail, text, outcomeUnknown, message) => {
    const error = apiError(style, call, status, detail, text);
    expect(error).toMatchObject({
      name: "AcmeError",
      message,
      method: "POST",
      path: "/v1/things",
      outcomeUnknown,
    });
    expect(error.status).toBe(status);
  });
});
