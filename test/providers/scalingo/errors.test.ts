/** How the Scalingo provider words API failures: Scalingo's own message out of every body shape it sends. */
import { describe, expect, it } from "vitest";
import { apiMessage, toApiError } from "../../../providers/scalingo/errors";

describe("apiMessage", () => {
  it.each([
    [{ errors: { name: ["has already been taken"] } }, "name: has already been taken"],
    [
      { errors: { tlscert: ["is invalid", "is expired"], tlskey: ["is blank"] } },
      "tlscert: is invalid, is expired; tlskey: is blank",
    ],
    [{ resource: "app", error: "not found" }, "app not found"],
    [{ error: "no change in containers formation" }, "no change in containers formation"],
    ["Retry later\n", "Retry later"],
    ["", "empty body"],
    [undefined, "empty body"],
    [{ unexpected: true }, '{"unexpected":true}'],
  ])("apiMessage(%j) = %s", (body, expected) => {
    expect(apiMessage(body)).toBe(expected);
  });
});

describe("toApiError", () => {
  it("names a call that got no response, and marks its outcome unknown", () => {
    const error = toApiError('create app "x"', "POST", "/v1/apps", new Error("socket hang up"));
    expect(error).toMatchObject({
      name: "ScalingoError",
      message: 'create app "x": POST /v1/apps failed: no response (socket hang up)',
      method: "POST",
      path: "/v1/apps",
      outcomeUnknown: true,
    });
    expect(error).not.toHaveProperty("status");
  });
});
