import * as fs from "node:fs";
import * as path from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { describe, expect, it } from "vitest";
import {
  changeKindOf,
  diffPaths,
  displayValue,
  isDataBearing,
  isSensitivePath,
  joinPath,
  nameOfUrn,
  SECRET_TEXT,
  splitPath,
  summarizePlan,
  valueAt,
} from "../../../cli/lib/plan-summary";

// Fixtures: engine events recorded from the real engine (preview of a staging stack against the emulator),
// trimmed of `__provider`, with planted secrets: a debug diagnostic carrying a plaintext secret (the
// dynamic-provider host really logs that) and a plaintext token in the default provider's inputs.
const fixture = (name: string): EngineEvent[] =>
  JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", name), "utf8")) as EngineEvent[];

const SECRET = {
  "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
  ciphertext: "[secret]",
};

describe("summarizePlan on real engine events", () => {
  it("reports a plan upgrade as updates, with the plan diff and the variables as [secret]", () => {
    const summary = summarizePlan("staging", fixture("preview-plan-upgrade.json"));
    expect(summary.counts).toEqual({ create: 0, update: 2, replace: 0, delete: 0, same: 4 });
    const addon = summary.changes.find((change) => change.name === "paasenv-postgresql");
    expect(addon).toMatchObject({
      kind: "update",
      dataBearing: true,
      type: "pulumi-nodejs:dynamic/scalingo:Addon",
    });
    expect(addon?.properties).toEqual([
      { path: "plan", kind: "update", before: "postgresql-starter-512", after: "postgresql-starter-1024" },
    ]);
    const variables = summary.changes.find((change) => change.name === "paasenv-variables");
    expect(variables?.properties).toEqual([
      { path: "variables", kind: "update", before: SECRET_TEXT, after: SECRET_TEXT },
    ]);
  });

  it("reports a version change as one replace, flagged data-bearing, the version forcing it", () => {
    const summary = summarizePlan("staging", fixture("preview-replace.json"));
    expect(summary.counts).toEqual({ create: 0, update: 1, replace: 1, delete: 0, same: 4 });
    const addon = summary.changes.find((change) => change.name === "paasenv-postgresql");
    expect(addon?.kind).toBe("replace");
    expect(addon?.dataBearing).toBe(true);
    expect(addon?.properties).toEqual([
      { path: "allowReplace", kind: "update", before: "false", after: "true" },
      { path: "version", kind: "update-replace", before: "16", after: "17" },
    ]);
  });

  it("ignores the stack, providers, same steps and diagnostics", () => {
    const summary = summarizePlan("staging", fixture("preview-replace.json"));
    expect(summary.changes.map((change) => change.name).sort()).toEqual([
      "paasenv-postgresql",
      "paasenv-variables",
    ]);
  });
});

describe("pure helpers", () => {
  it.each([
    ["create", "create"],
    ["import", "create"],
    ["update", "update"],
    ["replace", "replace"],
    ["create-replacement", "replace"],
    ["delete-replaced", "replace"],
    ["delete", "delete"],
    ["discard", "delete"],
    ["same", undefined],
    ["read", undefined],
    ["refresh", undefined],
  ])("changeKindOf(%s) = %s", (op, kind) => {
    expect(changeKindOf(op)).toBe(kind);
  });

  it.each([
    ["pulumi-nodejs:dynamic/scalingo:Addon", true],
    ["scaleway:object/bucket:Bucket", true],
    ["scaleway:index/objectBucket:ObjectBucket", true],
    ["pulumi-nodejs:dynamic/scalingo:App", false],
    ["pulumi-nodejs:dynamic/scalingo:Variables", false],
    ["paasenv:index:AppEnvironment", false],
  ])("isDataBearing(%s) = %s", (type, expected) => {
    expect(isDataBearing(type)).toBe(expected);
  });

  it("splits and joins property paths", () => {
    expect(splitPath("processes.web.amount")).toEqual(["processes", "web", "amount"]);
    expect(splitPath("domains[0].name")).toEqual(["domains", "0", "name"]);
    expect(splitPath('tags["a.b"]')).toEqual(["tags", "a.b"]);
    expect(joinPath("", "a")).toBe("a");
    expect(joinPath("a", 0)).toBe("a[0]");
    expect(joinPath("a", "b.c")).toBe('a["b.c"]');
    expect(splitPath(joinPath(joinPath("tags", "a.b"), 2))).toEqual(["tags", "a.b", "2"]);
  });

  it("finds nested differences, skipping internal keys, and sets aside secrets it cannot compare", () => {
    const secrets: string[] = [];
    const before = {
      processes: { web: { amount: 1, size: "S" } },
      __provider: "x",
      vars: SECRET,
      list: [1, 2],
    };
    const after = {
      processes: { web: { amount: 2, size: "S" } },
      __provider: "y",
      vars: SECRET,
      list: [1, 3],
    };
    expect(diffPaths(before, after, "", secrets)).toEqual(["list[1]", "processes.web.amount"]);
    expect(secrets).toEqual(["vars"]);
  });

  it("reads values at paths, stopping at secrets", () => {
    expect(valueAt({ a: { b: [5, 6] } }, "a.b[1]")).toBe(6);
    expect(valueAt({ a: SECRET }, "a.b")).toBe(SECRET);
    expect(valueAt(undefined, "a")).toBeUndefined();
  });

  it.each([
    ["plain string", "plan", "postgresql-starter-512", "postgresql-starter-512"],
    ["number", "amount", 2, "2"],
    ["secret", "plan", SECRET, SECRET_TEXT],
    ["object holding a secret", "env", { A: "1", B: SECRET }, SECRET_TEXT],
    ["sensitive name", "tlsKey", "-----BEGIN KEY-----", SECRET_TEXT],
    ["sensitive nested name", "settings.apiToken", "tk-123", SECRET_TEXT],
    ["variables", "variables.FOO", "bar", SECRET_TEXT],
    ["unknown", "url", "04da6b54-80e4-46f7-96ec-b56ff0331ba9", "(known after apply)"],
    [
      "URL with a password",
      "endpoint",
      "redis://user:hunter2@host:6379",
      `redis://user:${SECRET_TEXT}@host:6379`,
    ],
    ["long value", "name", "x".repeat(100), `${"x".repeat(79)}…`],
  ])("displayValue: %s", (_label, p, value, shown) => {
    expect(displayValue(value, p)).toBe(shown);
  });

  it("flags sensitive paths only on whole-name patterns it knows", () => {
    expect(isSensitivePath("connectionUrl")).toBe(true);
    expect(isSensitivePath("plan")).toBe(false);
    expect(isSensitivePath("processes.web.size")).toBe(false);
  });

  it("names resources from their URN", () => {
    expect(
      nameOfUrn(
        "urn:pulumi:staging::paasenv::paasenv:index:AppEnvironment$pulumi-nodejs:dynamic/scalingo:Addon::paasenv-postgresql",
      ),
    ).toBe("paasenv-postgresql");
  });
});
