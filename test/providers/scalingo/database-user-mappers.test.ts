import { describe, expect, it } from "vitest";
import {
  samePassword,
  userConnectionUrl,
  userCreateBody,
  userOfReply,
} from "../../../providers/scalingo/database-user-mappers";

const inputs = {
  appId: "ap-1",
  region: "osc-fr1",
  addonId: "ad-1",
  name: "metabase",
  readOnly: true,
  providerVersion: "1",
};

describe("DatabaseUser mappers", () => {
  it("sends a password and its confirmation only when one is given", () => {
    expect(userCreateBody(inputs)).toEqual({
      database_user: { database_id: "ad-1", name: "metabase", read_only: true },
    });
    expect(userCreateBody({ ...inputs, password: "p".repeat(24) }).database_user).toMatchObject({
      password: "p".repeat(24),
      password_confirmation: "p".repeat(24),
    });
  });

  it("reads the user wrapped (go-scalingo, scalingo.js) or flat (DEVDOCS)", () => {
    expect(userOfReply({ database_user: { name: "a" } })).toEqual({ name: "a" });
    expect(userOfReply({ name: "a", password: "x" })).toEqual({ name: "a", password: "x" });
  });

  it("builds the connection URL of the add-on's own form, escaping the password", () => {
    expect(userConnectionUrl("db.example.com:30123", "shop_1", "metabase", "p@ss/w:rd")).toBe(
      "postgresql://metabase:p%40ss%2Fw%3Ard@db.example.com:30123/shop_1?sslmode=prefer",
    );
  });

  it.each([
    [{ password: "a" }, {}, true],
    [{ password: "a" }, { password: "a" }, true],
    [{ password: "a" }, { password: "b" }, false],
  ])("samePassword(%j, %j) = %s", (olds, news, expected) => {
    expect(samePassword(olds, news)).toBe(expected);
  });
});
