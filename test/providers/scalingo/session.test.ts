/** The bearer's lifetime: a JWT's `exp` read without verifying it, and when to renew. */
import { describe, expect, it } from "vitest";
import { jwtExpiry, refreshAt } from "../../../providers/scalingo/session";

const jwt = (claims: object) =>
  `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.`;

describe("bearer lifetime", () => {
  it("reads a JWT's exp without verifying it, and tolerates garbage", () => {
    expect(jwtExpiry(jwt({ exp: 1_900_000_000 }))).toBe(1_900_000_000);
    expect(jwtExpiry(jwt({ sub: "x" }))).toBeUndefined();
    expect(jwtExpiry("not-a-jwt")).toBeUndefined();
    expect(jwtExpiry("a.%%%.c")).toBeUndefined();
  });

  it("renews 5 minutes before expiry, or after 90% of a short lifetime", () => {
    const now = 1_000_000_000_000;
    expect(refreshAt(now, now / 1000 + 3600)).toBe(now + 3600_000 - 300_000);
    expect(refreshAt(now, now / 1000 + 1)).toBe(now + 900);
    expect(refreshAt(now, undefined)).toBe(now + 55 * 60_000 - 300_000);
  });
});
