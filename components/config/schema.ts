/**
 * The stack configuration of a paasenv environment: one zod schema, the single source of truth for
 * validation and defaults. Types come from `z.infer`; `Pulumi.yaml`'s typed `config:` block and the
 * README's configuration reference are checked against this file by tests.
 *
 * Every key lives in the `paasenv:` namespace of the stack file (`paasenv:app`, `paasenv:processes`, …).
 * Invalid config fails before any resource is declared, with the key, the bad value and what is allowed.
 */
import { z } from "zod";
import { appNameProblem } from "./naming";

/** Scalingo regions paasenv knows. @see https://doc.scalingo.com/platform/internals/regions */
export const REGIONS = ["osc-fr1", "osc-secnum-fr1"] as const;
/** Scalingo container sizes. @see https://doc.scalingo.com/platform/internals/container-sizes */
export const CONTAINER_SIZES = ["S", "M", "L", "XL", "2XL", "3XL"] as const;
/** Where the DNS records of custom domains are managed. */
export const DNS_PROVIDERS = ["scaleway", "alwaysdata", "manual", "none"] as const;
/** Scaleway Object Storage regions. @see https://www.scaleway.com/en/docs/object-storage/ */
export const STORAGE_REGIONS = ["fr-par", "nl-ams", "pl-waw"] as const;
export const ENVIRONMENTS = ["staging", "production", "review"] as const;
/** Scalingo allows 10 containers per process type without asking support. */
export const MAX_CONTAINERS = 10;
/** Scalingo allows at most 20 domains per app. */
export const MAX_DOMAINS = 20;

const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const VARIABLE_NAME = /^[A-Za-z0-9][A-Za-z0-9_]{0,63}$/;

const appName = z.string().superRefine((name, ctx) => {
  const problem = appNameProblem(name);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** `paasenv:app`: the Scalingo app itself. */
export const appSchema = z.strictObject({
  name: appName.describe("App name, unique per region; the app answers on `<name>.<region>.scalingo.io`."),
  region: z.enum(REGIONS).default("osc-fr1").describe("Scalingo region (changing it replaces the app)."),
  stack: z
    .string()
    .regex(/^scalingo-[0-9]+$/, { message: 'must look like "scalingo-<version>", e.g. "scalingo-24"' })
    .optional()
    .describe("Base image (`scalingo-24`, …); the platform's default stack when omitted."),
  forceHttps: z.boolean().default(true).describe("Redirect HTTP to HTTPS (must stay on in production)."),
  routerLogs: z.boolean().default(false).describe("Add the router's access logs to the app's logs."),
  stickySession: z.boolean().default(false).describe("Route a client to the same web container."),
});

const processSchema = z.strictObject({
  amount: z.int().min(0).max(MAX_CONTAINERS).default(1).describe("Number of containers (0–10)."),
  size: z.enum(CONTAINER_SIZES).default("M").describe("Container size."),
});

/** `paasenv:processes`: the formation, keyed by process type (names from the app's Procfile). */
export const processesSchema = z.strictObject({
  web: processSchema.prefault({}).describe("The `web` process of the Procfile."),
  worker: processSchema.optional().describe("The `worker` process (e.g. Celery); none when omitted."),
});

/** `paasenv:addons`: PostgreSQL and Redis, each optional; plans by name (e.g. `postgresql-starter-512`). */
export const addonsSchema = z.strictObject({
  postgresql: z
    .strictObject({
      plan: z
        .string()
        .regex(/^postgresql-[a-z0-9-]+$/, {
          message: 'must be a PostgreSQL plan name such as "postgresql-starter-512"',
        })
        .describe("Plan name, e.g. `postgresql-starter-512`; changing it upgrades in place."),
      version: z
        .string()
        .regex(/^[0-9]+(\.[0-9]+)*(-[0-9]+)?$/, { message: 'must be a version such as "17" or "16.4.0"' })
        .optional()
        .describe("Version at creation (e.g. `17`); the platform's default when omitted."),
    })
    .optional()
    .describe("A PostgreSQL database (`DATABASE_URL`); none when omitted."),
  redis: z
    .strictObject({
      plan: z
        .string()
        .regex(/^redis-[a-z0-9-]+$/, { message: 'must be a Redis plan name such as "redis-starter-256"' })
        .describe("Plan name, e.g. `redis-starter-256`; changing it upgrades in place."),
    })
    .optional()
    .describe("A Redis instance (`REDIS_URL`); none when omitted."),
});

const variables = z
  .record(
    z.string().regex(VARIABLE_NAME, {
      message: "variable names must be 1–64 letters, digits or underscores, not starting with an underscore",
    }),
    z.string().max(32768, { message: "variable values must be at most 32768 characters" }),
  )
  .default({});

/** `paasenv:domains`: custom domains; exactly one is canonical (the others redirect to it). */
export const domainSchema = z.strictObject({
  name: z
    .string()
    .regex(HOSTNAME, { message: 'must be a lower-case host name such as "www.example.com"' })
    .describe("Host name, e.g. `www.example.com` (changing it replaces the domain)."),
  canonical: z
    .boolean()
    .optional()
    .describe("The domain the others redirect to; implied for a single domain, required once among several."),
});

/** `paasenv:dns`: who manages the DNS records pointing the custom domains at the app. */
export const dnsSchema = z.strictObject({
  provider: z
    .enum(DNS_PROVIDERS)
    .default("manual")
    .describe("`scaleway`/`alwaysdata` create the records, `manual` prints them, `none` skips domains."),
  zone: z
    .string()
    .regex(HOSTNAME, { message: 'must be a DNS zone such as "example.com"' })
    .optional()
    .describe("The DNS zone of the domains (e.g. `example.com`); required for `scaleway` and `alwaysdata`."),
  ttl: z.int().min(60).max(86400).default(3600).describe("Record TTL in seconds."),
});

const lifecycleRuleSchema = z.strictObject({
  id: z.string().min(1).describe("Rule name."),
  prefix: z.string().optional().describe("Only objects under this prefix."),
  expirationDays: z.int().min(1).optional().describe("Delete objects this many days after creation."),
  noncurrentVersionExpirationDays: z
    .int()
    .min(1)
    .optional()
    .describe("Delete old versions after this many days."),
  abortIncompleteMultipartUploadDays: z
    .int()
    .min(1)
    .optional()
    .describe("Abort unfinished uploads after this many days."),
});

const corsRuleSchema = z.strictObject({
  allowedOrigins: z.array(z.string().min(1)).min(1).describe("Origins allowed to call the bucket."),
  allowedMethods: z
    .array(z.enum(["GET", "PUT", "POST", "DELETE", "HEAD"]))
    .min(1)
    .describe("HTTP methods allowed."),
  allowedHeaders: z.array(z.string()).optional().describe("Request headers allowed."),
  maxAgeSeconds: z.int().min(0).optional().describe("How long browsers cache the preflight answer."),
});

/** `paasenv:storage`: a Scaleway Object Storage bucket whose credentials are handed to the app. */
export const storageSchema = z.strictObject({
  enabled: z.boolean().default(false).describe("Create a bucket and hand its credentials to the app."),
  versioning: z.boolean().optional().describe("Keep old object versions; on by default in production only."),
  region: z
    .enum(STORAGE_REGIONS)
    .default("fr-par")
    .describe("Scaleway region of the bucket (changing it replaces the bucket)."),
  projectId: z
    .uuid({ message: "must be a Scaleway project ID (a UUID)" })
    .optional()
    .describe("Scaleway project; the provider's default project when omitted."),
  lifecycleRules: z.array(lifecycleRuleSchema).default([]).describe("Expiration rules."),
  corsRules: z.array(corsRuleSchema).default([]).describe("CORS rules for browser uploads and downloads."),
});

/** `paasenv:review`: how review environments differ from their source stack. */
export const reviewSchema = z.strictObject({
  worker: z.boolean().default(false).describe("Run one worker container in review environments."),
  domain: z.boolean().default(false).describe("Give the review app `review-<N>.<source canonical domain>`."),
  size: z.enum(CONTAINER_SIZES).default("S").describe("Container size of review processes."),
  plans: z
    .strictObject({
      postgresql: z
        .string()
        .regex(/^postgresql-[a-z0-9-]+$/)
        .default("postgresql-sandbox")
        .describe("PostgreSQL plan."),
      redis: z
        .string()
        .regex(/^redis-[a-z0-9-]+$/)
        .default("redis-sandbox")
        .describe("Redis plan."),
    })
    .prefault({})
    .describe("Add-on plans of review environments."),
});

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
  allowDataLoss: z
    .boolean()
    .default(false)
    .describe("Let a change replace a data-bearing resource (database, Redis, bucket)."),
  app: appSchema.describe("The Scalingo app."),
  processes: processesSchema.prefault({}).describe("The formation, by process type."),
  addons: addonsSchema.prefault({}).describe("Add-ons by provider."),
  env: variables.describe("Plain environment variables (stored as secrets in state all the same)."),
  secretEnv: variables.describe(
    "Secret variables: `pulumi config set --secret --path 'paasenv:secretEnv.NAME'`.",
  ),
  domains: z.array(domainSchema).max(MAX_DOMAINS).default([]).describe("Custom domains (at most 20)."),
  dns: dnsSchema.prefault({}).describe("DNS records for the custom domains."),
  storage: storageSchema.prefault({}).describe("Scaleway Object Storage."),
  review: reviewSchema.prefault({}).describe("How review environments differ from their source stack."),
});

/** The whole `paasenv:` namespace of a stack file. */
export const stackConfigSchema = stackConfigObject.superRefine(checkCrossFieldRules);

export type StackConfig = z.infer<typeof stackConfigSchema>;
export type StackConfigInput = z.input<typeof stackConfigSchema>;
export type DomainConfig = z.infer<typeof domainSchema>;
export type ProcessConfig = z.infer<typeof processSchema>;

type ParsedObject = z.output<typeof stackConfigObject>;

function checkCrossFieldRules(config: ParsedObject, ctx: z.core.$RefinementCtx<ParsedObject>): void {
  const issue = (path: (string | number)[], message: string, input?: unknown) =>
    ctx.addIssue({ code: "custom", path, message, input });
  const { environment, reviewNumber, domains, dns, addons, app, processes } = config;
  if (environment === "review" && reviewNumber === undefined) {
    issue(["reviewNumber"], "is required when `paasenv:environment` is review");
  }
  if (environment !== "review" && reviewNumber !== undefined) {
    issue(["reviewNumber"], "is only allowed when `paasenv:environment` is review", reviewNumber);
  }
  const seen = new Set<string>();
  domains.forEach((domain, index) => {
    if (seen.has(domain.name)) issue(["domains", index, "name"], "is listed twice", domain.name);
    seen.add(domain.name);
    if (dns.zone && domain.name !== dns.zone && !domain.name.endsWith(`.${dns.zone}`)) {
      issue(
        ["domains", index, "name"],
        `is not in the DNS zone "${dns.zone}" (\`paasenv:dns.zone\`)`,
        domain.name,
      );
    }
  });
  const canonical = domains.filter((domain) => domain.canonical === true).length;
  if (domains.length > 1 && canonical !== 1) {
    issue(
      ["domains"],
      `must mark exactly one domain \`canonical: true\` when several are listed (found ${canonical})`,
    );
  }
  if ((dns.provider === "scaleway" || dns.provider === "alwaysdata") && !dns.zone && domains.length > 0) {
    issue(["dns", "zone"], `is required when \`paasenv:dns.provider\` is ${dns.provider}`);
  }
  if (environment === "production") {
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
}

/** The fields of the `paasenv:` namespace, in schema order. */
export const stackConfigShape = stackConfigObject.shape;
/** The config keys of the `paasenv:` namespace, in schema order. */
export const CONFIG_KEYS = Object.keys(stackConfigShape);

/** Raised for an invalid stack config; its message lists every problem, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid stack configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** One human sentence for a zod issue: the `paasenv:` key, what is wrong, what is allowed, the bad value. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const key = `\`${issueKey(issue.path)}\``;
  const got = "input" in issue && issue.input !== undefined ? ` (got ${JSON.stringify(issue.input)})` : "";
  switch (issue.code) {
    case "invalid_value":
      if (issue.input === undefined)
        return `${key} is required: one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}`;
      return `${key} must be one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}${got}`;
    case "unrecognized_keys": {
      const allowed = allowedKeysAt(issue.path).join(", ");
      return issue.keys
        .map(
          (unknown) =>
            `\`${issueKey([...issue.path, unknown])}\` is not a known setting (a typo?); allowed: ${allowed}`,
        )
        .join("; ");
    }
    case "invalid_key":
      return `${key} is not a valid name: ${issue.issues[0]?.message ?? issue.message}`;
    case "invalid_type":
      return issue.input === undefined
        ? `${key} is required`
        : `${key} must be ${article(issue.expected)}${got}`;
    case "too_small":
      return `${key} must be at least ${issue.minimum}${issue.origin === "string" ? " characters long" : ""}${got}`;
    case "too_big":
      return `${key} must be at most ${issue.maximum}${issue.origin === "array" ? " items" : ""}${got}`;
    default:
      return `${key} ${issue.message}${got}`;
  }
}

/** The keys the schema allows in the object at `path` (for "did you mean" style messages). */
export function allowedKeysAt(path: readonly PropertyKey[]): string[] {
  let schema: z.core.$ZodType = stackConfigObject;
  for (const part of path) {
    schema = unwrap(schema);
    const def = schema._zod.def;
    if (def.type === "object") schema = (def as z.core.$ZodObjectDef).shape[String(part)] ?? schema;
    else if (def.type === "array") schema = (def as z.core.$ZodArrayDef).element;
    else if (def.type === "record") schema = (def as z.core.$ZodRecordDef).valueType;
  }
  const def = unwrap(schema)._zod.def;
  return def.type === "object" ? Object.keys((def as z.core.$ZodObjectDef).shape) : [];
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { innerType?: z.core.$ZodType; in?: z.core.$ZodType };
    const next = def.innerType ?? def.in;
    if (!next) return current;
    current = next;
  }
}

function article(expected: string): string {
  return expected === "int" ? "an integer" : /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function issueKey(path: readonly PropertyKey[]): string {
  const [top, ...rest] = path.map(String);
  const tail = rest.map((part) => (/^[0-9]+$/.test(part) ? `[${part}]` : `.${part}`)).join("");
  return top === undefined ? "paasenv" : `paasenv:${top}${tail}`;
}

/** Validate an already-structured config object; throws {@link ConfigError} naming every bad key. */
export function parseStackConfig(raw: unknown): StackConfig {
  const result = stackConfigSchema.safeParse(raw, { reportInput: true });
  if (!result.success) throw new ConfigError(result.error.issues.map(describeIssue));
  return result.data;
}

/**
 * Turn Pulumi's flat config map (`{"paasenv:app": "{\"name\":…}", "paasenv:allowDataLoss": "true", …}`, values
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
