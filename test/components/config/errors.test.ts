import { RunError } from "@pulumi/pulumi/errors";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { allowedKeysAt, ConfigError, describeIssue } from "../../../components/config/errors";

const root = z.strictObject({
  app: z.strictObject({ name: z.string(), region: z.enum(["osc-fr1"]).default("osc-fr1") }).optional(),
  domains: z.array(z.strictObject({ name: z.string(), canonical: z.boolean().optional() })).default([]),
  env: z.record(z.string(), z.strictObject({ value: z.string() })).default({}),
});

describe("allowedKeysAt", () => {
  it.each([
    [[], ["app", "domains", "env"]],
    [["app"], ["name", "region"]],
    [
      ["domains", 0],
      ["name", "canonical"],
    ],
    [["env", "NAME"], ["value"]],
    [["app", "name"], []],
  ] as [PropertyKey[], string[]][])("at %j: %j", (path, keys) => {
    expect(allowedKeysAt(root, path)).toEqual(keys);
  });
});

describe("describeIssue", () => {
  const problems = (raw: unknown): string[] => {
    const result = root.safeParse(raw, { reportInput: true });
    return result.success ? [] : result.error.issues.map((issue) => describeIssue(issue, root));
  };

  it("names the key, the bad value and the allowed keys of a typo", () => {
    expect(problems({ app: { name: "shop-staging", regoin: "x" } })).toEqual([
      "`paasenv:app.regoin` is not a known setting (a typo?); allowed: name, region",
    ]);
  });

  it("writes list indexes in brackets", () => {
    expect(problems({ app: { name: "shop-staging" }, domains: [{ name: 1 }] })).toEqual([
      "`paasenv:domains[0].name` must be a string (got 1)",
    ]);
  });
});

describe("ConfigError", () => {
  it("lists every problem, one per line", () => {
    const error = new ConfigError(["`paasenv:a` is required", "`paasenv:b` must be a boolean"]);
    expect(error.name).toBe("ConfigError");
    expect(error.message).toBe(
      "Invalid stack configuration:\n  - `paasenv:a` is required\n  - `paasenv:b` must be a boolean",
    );
  });

  it("is a Pulumi RunError, which a program run reports with its message alone", () => {
    // `pulumi up` prints a RunError's message without "unhandled exception" and stack trace
    // (@pulumi/pulumi/cmd/run); RunError.isInstance also works across two copies of the SDK.
    const error = new ConfigError(["`paasenv:a` is required"]);
    expect(RunError.isInstance(error)).toBe(true);
    expect(error).toBeInstanceOf(Error);
  });
});
