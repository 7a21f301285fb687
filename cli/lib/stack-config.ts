/**
 * A stack's whole configuration as data, in the format of `pulumi config --json` (`{ value, objectValue?,
 * secret }` per key), and the few moves the scripts make with it: read it from a stack (secrets decrypted),
 * read it from a committed `Pulumi.<stack>.yaml`, build it from plain values, and write it to a stack
 * (secrets encrypted again with that stack's own secrets provider).
 */
import type { Workspace } from "@pulumi/pulumi/automation";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

/** One configuration key as `pulumi config --json --show-secrets` prints it. */
export interface ConfigEntry {
  /** The value as Pulumi hands it to programs: a string, JSON text for objects and arrays. */
  value: string;
  /** The structured value, for objects and arrays (and numbers or booleans set as such). */
  objectValue?: unknown;
  /** Encrypted at rest (`secure:`); printed as `[secret]`. */
  secret: boolean;
}

/** A stack's configuration keyed by full key (`paasenv:app`, `scalingo:apiToken`, …). */
export type ConfigJson = Record<string, ConfigEntry>;

const configJsonSchema = z.record(
  z.string(),
  z.object({
    value: z.string().optional(),
    objectValue: z.unknown().optional(),
    secret: z.boolean().optional(),
  }),
);

/** Validates the output of `pulumi config --json` (or `Workspace.getAllConfig`), naming the stack on error. */
export function parseConfigJson(raw: unknown, stackName: string): ConfigJson {
  const result = configJsonSchema.safeParse(raw);
  if (!result.success) {
    throw new Error(
      `read config of stack "${stackName}": unexpected \`pulumi config --json\` output (${result.error.message})`,
    );
  }
  const config: ConfigJson = {};
  for (const [key, entry] of Object.entries(result.data)) {
    const value = entry.value ?? (entry.objectValue === undefined ? "" : JSON.stringify(entry.objectValue));
    config[key] = {
      value,
      ...(entry.objectValue === undefined ? {} : { objectValue: entry.objectValue }),
      secret: entry.secret ?? false,
    };
  }
  return config;
}

/** The entry for a plain value: strings as they are, anything else as JSON with its structure kept. */
export function configEntry(value: unknown, secret = false): ConfigEntry {
  if (typeof value === "string") return { value, secret };
  return { value: JSON.stringify(value), objectValue: value, secret };
}

/**
 * A configuration from plain values keyed by full key; `secretKeys` lists the keys to encrypt.
 * @example configFromValues({ "paasenv:environment": "staging", "scalingo:apiToken": "tk" }, ["scalingo:apiToken"])
 */
export function configFromValues(
  values: Record<string, unknown>,
  secretKeys: readonly string[] = [],
): ConfigJson {
  const config: ConfigJson = {};
  for (const [key, value] of Object.entries(values)) {
    config[key] = configEntry(value, secretKeys.includes(key));
  }
  return config;
}

/** The values as a program sees them (`pulumi.runtime.allConfig()`): full key → string. */
export function configValues(config: ConfigJson): Record<string, string> {
  return Object.fromEntries(Object.entries(config).map(([key, entry]) => [key, entry.value]));
}

/** True when `node` holds a `secure:` value anywhere. */
function hasSecure(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasSecure);
  if (node === null || typeof node !== "object") return false;
  return Object.entries(node).some(([key, value]) => key === "secure" || hasSecure(value));
}

/** The `config:` block of a stack file's text. */
export function stackConfigBlock(text: string, fileName: string): Record<string, unknown> {
  const document: unknown = parseYaml(text);
  const block =
    document !== null && typeof document === "object" && "config" in document ? document.config : {};
  if (block === null || typeof block !== "object" || Array.isArray(block)) {
    throw new Error(`${fileName}: \`config\` must be a map of keys to values`);
  }
  return { ...block };
}

/** True when a stack file holds encrypted (`secure:`) values, which only its stack can decrypt. */
export function stackFileHasSecrets(text: string, fileName: string): boolean {
  return Object.values(stackConfigBlock(text, fileName)).some(hasSecure);
}

/**
 * The configuration of a committed `Pulumi.<stack>.yaml` (its `config:` block), without any stack or backend.
 * Encrypted (`secure:`) values cannot be read this way: they need the stack's secrets provider, so they throw.
 */
export function configFromStackFile(text: string, fileName: string): ConfigJson {
  const config: ConfigJson = {};
  for (const [key, value] of Object.entries(stackConfigBlock(text, fileName))) {
    if (hasSecure(value)) {
      throw new Error(
        `${fileName}: \`${key}\` is encrypted (secure:); read it through its stack (pulumi config --show-secrets), not from the file`,
      );
    }
    config[key] = typeof value === "string" ? { value, secret: false } : configEntry(value);
  }
  return config;
}

/**
 * The JSON `pulumi config set-all --json` takes. A secret object is written as one encrypted JSON string:
 * the CLI (3.259) rejects secret `objectValue`s, and programs read both forms as the same JSON text.
 */
export function toSetAllJson(config: ConfigJson): string {
  const out: Record<string, { value: string; objectValue?: unknown; secret: boolean }> = {};
  for (const [key, entry] of Object.entries(config)) {
    const keepStructure = entry.objectValue !== undefined && !entry.secret;
    out[key] = keepStructure
      ? { value: entry.value, objectValue: entry.objectValue, secret: false }
      : { value: entry.value, secret: entry.secret };
  }
  return JSON.stringify(out);
}

/** A stack's configuration with secrets decrypted (`pulumi config --json --show-secrets`). */
export async function readStackConfig(workspace: Workspace, stackName: string): Promise<ConfigJson> {
  const raw: unknown = await workspace.getAllConfig(stackName);
  return parseConfigJson(raw, stackName);
}

/**
 * Makes a stack's configuration exactly `config`: sets every key (secrets encrypted by the stack's own
 * secrets provider) and removes the keys the stack has but `config` does not.
 */
export async function writeStackConfig(
  workspace: Workspace,
  stackName: string,
  config: ConfigJson,
): Promise<void> {
  const current = await readStackConfig(workspace, stackName);
  const stale = Object.keys(current).filter((key) => !(key in config));
  if (stale.length > 0) await workspace.removeAllConfig(stackName, stale);
  if (Object.keys(config).length > 0) await workspace.setAllConfigJson(stackName, toSetAllJson(config));
}
