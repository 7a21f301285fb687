import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { z } from "zod";
import {
  CONFIG_KEYS,
  fromPulumiConfig,
  parseStackConfig,
  stackConfigSchema,
} from "../../../components/config/schema";

const root = join(__dirname, "../../..");
const readYaml = (file: string) => parse(readFileSync(join(root, file), "utf8"));

interface TypedKey {
  type: "string" | "integer" | "boolean" | "array";
  default?: unknown;
}
const projectConfig = readYaml("Pulumi.yaml").config as Record<string, TypedKey>;

/** The Pulumi project type a top-level schema field maps to, or undefined for structured fields. */
function simpleType(key: string): { type: string; hasDefault: boolean; defaultValue?: unknown } | undefined {
  const field = stackConfigSchema.shape[key as keyof typeof stackConfigSchema.shape] as z.ZodType;
  let def = field._zod.def as { type: string; innerType?: z.ZodType; defaultValue?: unknown };
  let hasDefault = false;
  let defaultValue: unknown;
  while (def.innerType) {
    if (def.type === "default") {
      hasDefault = true;
      defaultValue = def.defaultValue;
    }
    def = def.innerType._zod.def as typeof def;
  }
  const type = { string: "string", enum: "string", int: "integer", number: "integer", boolean: "boolean" }[
    def.type as string
  ];
  return type ? { type, hasDefault, defaultValue } : undefined;
}

describe("Pulumi.yaml's typed config block agrees with the zod schema", () => {
  it("types only keys the schema knows", () => {
    expect(Object.keys(projectConfig).filter((key) => !CONFIG_KEYS.includes(key))).toEqual([]);
  });

  it.each(CONFIG_KEYS)("paasenv:%s", (key) => {
    const simple = simpleType(key);
    const typed = projectConfig[key];
    if (!simple) {
      expect(typed, `${key} is structured: leave it untyped in Pulumi.yaml`).toBeUndefined();
      return;
    }
    if (!typed) {
      // A typed key without a default is required in every stack: optional keys without a default stay untyped.
      expect(simple.hasDefault, `${key} has a default in the schema: type it in Pulumi.yaml`).toBe(false);
      expect(stackConfigSchema.shape[key as "reviewNumber"].safeParse(undefined).success).toBe(true);
      return;
    }
    expect(typed.type).toBe(simple.type);
    expect(typed.default).toEqual(simple.defaultValue);
  });
});

describe("the example stacks", () => {
  it.each(["Pulumi.staging.yaml", "Pulumi.production.yaml"])("%s parses with the schema", (file) => {
    const config = readYaml(file).config as Record<string, unknown>;
    const flat = Object.fromEntries(
      Object.entries(config).map(([key, value]) => [
        key,
        typeof value === "string" ? value : JSON.stringify(value),
      ]),
    );
    expect(() => parseStackConfig(fromPulumiConfig(flat))).not.toThrow();
  });

  it.each(["Pulumi.staging.yaml", "Pulumi.production.yaml"])(
    "%s commits no secret, not even ciphertext",
    (file) => {
      const text = JSON.stringify(readYaml(file));
      expect(text).not.toMatch(/secure:|encryptionsalt|encryptedkey|secretEnv|apiToken|apiKey/);
    },
  );

  it("production looks like production", () => {
    const production = parseStackConfig(
      fromPulumiConfig(
        Object.fromEntries(
          Object.entries(readYaml("Pulumi.production.yaml").config as Record<string, unknown>).map(
            ([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)],
          ),
        ),
      ),
    );
    expect(production.environment).toBe("production");
    expect(production.processes.web.amount).toBeGreaterThanOrEqual(2);
    expect(production.processes.worker?.amount).toBeGreaterThanOrEqual(1);
    expect(production.addons.postgresql?.plan).toMatch(/^postgresql-business-/);
    expect(production.storage.enabled).toBe(true);
  });
});
