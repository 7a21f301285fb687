/**
 * Review stacks: `review-<N>` (or any name) holding a copy of a source stack's configuration, secrets
 * included, plus `paasenv:environment: review`, `paasenv:reviewNumber: N` and optional overrides such as
 * `paasenv:storage.enabled=false`. The program then applies the review defaults itself
 * (components/config/review.ts). `npm run demo` and the review CLI both make their stacks here.
 *
 * @example
 * ```ts
 * const source = await LocalWorkspace.selectStack({ stackName: "staging", workDir }, opts);
 * const review = await createReviewStack({ source, reviewNumber: 12, overrides: ["paasenv:dns.provider=none"] });
 * await review.up({ onOutput: console.log });
 * ```
 */
import type { Stack, Workspace } from "@pulumi/pulumi/automation";
import { Stack as AutomationStack } from "@pulumi/pulumi/automation";
import { reviewStackName } from "../../components/config/naming";
import { applyReviewOverrides } from "../../components/config/review";
import { fromPulumiConfig, parseStackConfig, type StackConfig } from "../../components/config/schema";
import { PERMIT_KEY } from "../../providers/base/data-loss";
import {
  type ConfigEntry,
  type ConfigJson,
  configEntry,
  configValues,
  readStackConfig,
  writeStackConfig,
} from "./stack-config";

/** One change applied on top of the copied configuration: `key` plus an optional path inside its value. */
export interface ConfigOverride {
  /** Full config key, e.g. `paasenv:storage`. */
  key: string;
  /** Path inside the key's structured value, e.g. `["enabled"]`; empty to replace the whole value. */
  path: string[];
  /** The new value: a boolean, an integer or a string, as `pulumi config set --path` would read it. */
  value: boolean | number | string;
}

/** The overrides the demo and the offline tests use: no Scaleway bucket and no DNS records. */
export const OFFLINE_OVERRIDES: readonly string[] = [
  "paasenv:storage.enabled=false",
  "paasenv:dns.provider=none",
];

/** `"true"`/`"false"` → boolean, an integer → number, anything else stays a string (like `config set --path`). */
export function parseOverrideValue(text: string): boolean | number | string {
  if (text === "true") return true;
  if (text === "false") return false;
  if (/^-?(0|[1-9][0-9]*)$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
  return text;
}

/**
 * Parses `<namespace>:<key>[.<path>…]=<value>`, e.g. `paasenv:storage.enabled=false`.
 * @throws naming the override and the expected form when it does not parse.
 */
export function parseOverride(text: string): ConfigOverride {
  const match = /^([A-Za-z0-9_-]+:[A-Za-z0-9_-]+)((?:\.[A-Za-z0-9_-]+)*)=(.*)$/s.exec(text);
  if (!match?.[1]) {
    throw new Error(
      `Override "${text}" must look like <namespace>:<key>[.<field>…]=<value>, e.g. paasenv:storage.enabled=false`,
    );
  }
  const path = (match[2] ?? "").split(".").filter((part) => part !== "");
  return { key: match[1], path, value: parseOverrideValue(match[3] ?? "") };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A copy of `node` with `value` set at `path`, creating maps on the way; refuses to walk into a non-map. */
function setAtPath(node: unknown, path: readonly string[], value: unknown, where: string): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (node !== undefined && !isRecord(node)) {
    throw new Error(
      `Override of ${where}: the value at "${head}"'s parent is not a map (got ${JSON.stringify(node)})`,
    );
  }
  const map = node ?? {};
  return { ...map, [head]: setAtPath(map[head], rest, value, where) };
}

/** The entry's structured value: its `objectValue`, else its JSON text parsed, else `undefined`. */
function structuredValue(key: string, entry: ConfigEntry | undefined): unknown {
  if (entry === undefined) return undefined;
  if (entry.objectValue !== undefined) return entry.objectValue;
  try {
    return JSON.parse(entry.value);
  } catch {
    throw new Error(`Override of ${key}: its value is not a map (got ${JSON.stringify(entry.value)})`);
  }
}

/** `config` with one override applied; the key keeps its `secret` flag. */
export function applyOverride(config: ConfigJson, override: ConfigOverride): ConfigJson {
  const { key, path, value } = override;
  const existing = config[key];
  const secret = existing?.secret ?? false;
  if (path.length === 0) return { ...config, [key]: configEntry(value, secret) };
  const where = `${key}.${path.join(".")}`;
  const updated = setAtPath(structuredValue(key, existing), path, value, where);
  return { ...config, [key]: configEntry(updated, secret) };
}

/**
 * The configuration of review stack `reviewNumber` made from its source's: everything copied (secrets stay
 * secret) but `paasenv:permitDataLoss` (its entries name the source's own objects), `paasenv:environment:
 * review`, `paasenv:reviewNumber: N`, then the overrides in order.
 * @throws when the source is itself a review stack or the number is not a positive integer.
 */
export function deriveReviewConfig(
  source: ConfigJson,
  reviewNumber: number,
  overrides: readonly (ConfigOverride | string)[] = [],
): ConfigJson {
  if (!Number.isSafeInteger(reviewNumber) || reviewNumber < 1) {
    throw new Error(`The review number must be a positive integer (got ${reviewNumber})`);
  }
  if (source["paasenv:environment"]?.value === "review") {
    throw new Error(
      "The source stack is itself a review stack (`paasenv:environment: review`); derive from staging",
    );
  }
  const { [PERMIT_KEY]: _sourcePermission, ...copied } = source;
  let config: ConfigJson = {
    ...copied,
    "paasenv:environment": configEntry("review"),
    "paasenv:reviewNumber": configEntry(reviewNumber),
  };
  for (const override of overrides) {
    config = applyOverride(config, typeof override === "string" ? parseOverride(override) : override);
  }
  return config;
}

/**
 * The stack config a review configuration really runs with (schema defaults and review overrides applied),
 * or a `ConfigError` naming every bad key: checked before any stack is touched.
 */
export function resolveReviewConfig(config: ConfigJson): StackConfig {
  return applyReviewOverrides(parseStackConfig(fromPulumiConfig(configValues(config))));
}

/** What {@link createReviewStack} needs. */
export interface CreateReviewStackOptions {
  /** The source stack (staging), or its configuration when it has no stack (read from its file). */
  source: Stack | { name: string; config: ConfigJson };
  /** The pull request number. */
  reviewNumber: number;
  /** Applied after the copy, e.g. `["paasenv:storage.enabled=false"]`. @default `[]` */
  overrides?: readonly (ConfigOverride | string)[];
  /** The review stack's name. @default `review-<N>` */
  stackName?: string;
  /** Where the review stack lives. @default the source stack's workspace */
  workspace?: Workspace;
}

/** A review stack and the configuration it now runs with. */
export interface ReviewStack {
  stack: Stack;
  /** The stack configuration as written (secrets in clear: never print it). */
  config: ConfigJson;
  /** The resolved environment (review app name, processes, add-on plans, …). */
  resolved: StackConfig;
}

/**
 * Creates the review stack (or selects it when it exists) and makes its configuration exactly the source's
 * plus the review keys and the overrides; keys since removed from the source are removed. Idempotent.
 */
export async function createReviewStack(options: CreateReviewStackOptions): Promise<ReviewStack> {
  const { source, reviewNumber, overrides = [] } = options;
  const fromStack = "workspace" in source;
  const sourceConfig = fromStack ? await readStackConfig(source.workspace, source.name) : source.config;
  const config = deriveReviewConfig(sourceConfig, reviewNumber, overrides);
  const resolved = resolveReviewConfig(config);
  const workspace = options.workspace ?? (fromStack ? source.workspace : undefined);
  if (workspace === undefined) {
    throw new Error(
      "createReviewStack: give `workspace` when the source is a configuration rather than a stack",
    );
  }
  const stack = await AutomationStack.createOrSelect(
    options.stackName ?? reviewStackName(reviewNumber),
    workspace,
  );
  await writeStackConfig(workspace, stack.name, config);
  return { stack, config, resolved };
}
