/**
 * The stack configuration of a paasenv environment: one zod schema, the single source of truth for
 * validation and defaults. Types come from `z.infer`; `Pulumi.yaml`'s typed `config:` block and the
 * configuration reference (docs/configuration.md) are checked against this file by tests.
 *
 * Every key lives in the `paasenv:` namespace of the stack file (`paasenv:app`, `paasenv:processes`, …).
 * This file holds the namespace and the rules across keys; each key's schema sits in the file of its concern
 * (`app.ts`, `addons.ts`, `env.ts`, `domains.ts`, `storage.ts`, `review.ts`; the production resources' keys in
 * `production-resources.ts`). Invalid config fails before any
 * resource is declared, with the key, the bad value and what is allowed (`errors.ts`).
 */
import { z } from "zod";
import { MAX_DOMAINS } from "../../providers/scalingo/limits";
import { addonsSchema } from "./addons";
import { appSchema, processesSchema } from "./app";
import { permitDataLossSchema, RETIRED_KEY, retiredKeyProblem } from "./data-loss";
import { checkDomains, dnsSchema, domainSchema } from "./domains";
import { checkAddonVariables, variablesSchema } from "./env";
import { type AddIssue, ConfigError, describeIssue } from "./errors";
import { checkPlaceholders } from "./placeholders";
import { checkProductionResources, productionKeys } from "./production-resources";
import { reviewSchema } from "./review";
import { checkPlainSecrets } from "./secrets";
import { storageSchema } from "./storage";

/** The kinds of environment a stack can be. */
export const ENVIRONMENTS = ["staging", "production", "review"] as const;

/** The whole `paasenv:` namespace of a stack file, before the cross-field rules. */
const stackConfigObject = z.strictObject({
  environment: z
    .enum(ENVIRONMENTS)
    .describe("`production` turns on protection and strict checks; `review` turns on the review defaults."),
  reviewNumber: z
    .int()
    .min(1)
    .optional()
    .describe("Pull request number of a review environment (review only)."),
  permitDataLoss: permitDataLossSchema,
  app: appSchema.describe("The Scalingo app."),
  processes: processesSchema.prefault({}).describe("The formation, by process type."),
  addons: addonsSchema.prefault({}).describe("Add-ons by provider."),
  env: variablesSchema.describe(
    "Plain variables: in clear in the stack file and in state, so no secret; `{{hosts}}`, `{{url}}`… placeholders.",
  ),
  secretEnv: variablesSchema.describe(
    "Secret variables, each `pulumi config set --secret --path 'paasenv:secretEnv.NAME'`; refused in clear.",
  ),
  domains: z
    .array(domainSchema)
    .max(MAX_DOMAINS)
    .default([])
    .describe(`Custom domains (at most ${MAX_DOMAINS}).`),
  dns: dnsSchema.prefault({}).describe("DNS records for the custom domains."),
  storage: storageSchema.prefault({}).describe("Scaleway Object Storage."),
  review: reviewSchema.prefault({}).describe("How review environments differ from their source stack."),
  ...productionKeys,
});

/** The whole `paasenv:` namespace of a stack file. */
export const stackConfigSchema = stackConfigObject.superRefine(checkCrossFieldRules);

export type StackConfig = z.infer<typeof stackConfigSchema>;
export type StackConfigInput = z.input<typeof stackConfigSchema>;

type ParsedObject = z.output<typeof stackConfigObject>;

function checkCrossFieldRules(config: ParsedObject, ctx: z.core.$RefinementCtx<ParsedObject>): void {
  const issue: AddIssue = (path, message, input) => ctx.addIssue({ code: "custom", path, message, input });
  checkReviewNumber(config, issue);
  checkDomains(config.domains, config.dns, issue);
  checkAddonVariables(config, issue);
  checkPlaceholders(config, issue);
  checkProductionResources(config, issue);
  if (config.environment === "production") checkProduction(config, issue);
}

/** `paasenv:reviewNumber` is set exactly when the environment is a review. */
function checkReviewNumber({ environment, reviewNumber }: ParsedObject, issue: AddIssue): void {
  if (environment === "review" && reviewNumber === undefined) {
    issue(["reviewNumber"], "is required when `paasenv:environment` is review");
  }
  if (environment !== "review" && reviewNumber !== undefined) {
    issue(["reviewNumber"], "is only allowed when `paasenv:environment` is review", reviewNumber);
  }
}

/**
 * Production keeps HTTPS on, runs at least one web container and no sandbox add-on (no backups), and keeps no
 * secret-looking variable in clear under `paasenv:env`.
 */
function checkProduction({ app, processes, addons, env }: ParsedObject, issue: AddIssue): void {
  checkPlainSecrets(env, issue);
  if (!app.forceHttps) issue(["app", "forceHttps"], "must be true in production", false);
  if (processes.web.amount === 0)
    issue(["processes", "web", "amount"], "must be at least 1 in production", 0);
  for (const [key, plan] of [
    ["postgresql", addons.postgresql?.plan],
    ["redis", addons.redis?.plan],
  ] as const) {
    if (plan?.endsWith("-sandbox")) {
      issue(
        ["addons", key, "plan"],
        "must not be a sandbox plan in production (sandbox plans have no backups)",
        plan,
      );
    }
  }
}

/** The fields of the `paasenv:` namespace, in schema order. */
export const stackConfigShape = stackConfigObject.shape;
/** The config keys of the `paasenv:` namespace, in schema order. */
export const CONFIG_KEYS = Object.keys(stackConfigShape);

/**
 * Validate an already-structured config object; throws {@link ConfigError} naming every bad key (the retired
 * `paasenv:allowDataLoss` with what to write instead).
 */
export function parseStackConfig(raw: unknown): StackConfig {
  const record = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : undefined;
  const retired = record && retiredKeyProblem(record);
  const { [RETIRED_KEY]: _retired, ...rest } = record ?? {};
  const result = stackConfigSchema.safeParse(record === undefined ? raw : rest, { reportInput: true });
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => describeIssue(issue, stackConfigObject));
  if (retired !== undefined) problems.unshift(retired);
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  return result.data;
}

/**
 * Turn Pulumi's flat config map (`{"paasenv:app": "{\"name\":…}", "paasenv:environment": "staging", …}`, values
 * as strings, as `pulumi.runtime.allConfig()` returns them) into the object the schema validates.
 * Keys of other namespaces are ignored; unknown `paasenv:` keys are kept, so the schema rejects typos.
 */
export function fromPulumiConfig(all: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [fullKey, text] of Object.entries(all)) {
    if (!fullKey.startsWith("paasenv:")) continue;
    out[fullKey.slice("paasenv:".length)] = parseConfigValue(text);
  }
  return out;
}

/** Pulumi stores every config value as a string: JSON for objects, arrays, numbers and booleans. */
function parseConfigValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
