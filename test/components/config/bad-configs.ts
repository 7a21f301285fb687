/**
 * Bad stack configs, by concern, each rejected by `parseStackConfig` with a message naming the key (and the
 * bad value where there is one): `[label, patch of the minimal valid config, expected part of a problem]`.
 */

import { productionResourceCases } from "./bad-configs-production";

export type BadConfig = [string, Record<string, unknown>, string];

/** The namespace itself: `paasenv:environment`, unknown keys, the data-loss permission and its retired boolean. */
const namespaceCases: BadConfig[] = [
  ["missing environment", { environment: undefined }, "`paasenv:environment` is required"],
  [
    "unknown environment",
    { environment: "prod" },
    '`paasenv:environment` must be one of "staging", "production", "review" (got "prod")',
  ],
  ["unknown top-level key", { proceses: {} }, "`paasenv:proceses` is not a known setting (a typo?)"],
  [
    "the retired allowDataLoss, true",
    { allowDataLoss: true },
    "`paasenv:allowDataLoss` is no longer a setting (got true): remove it (`pulumi config rm paasenv:allowDataLoss`).",
  ],
  [
    "the retired allowDataLoss, false",
    { allowDataLoss: false },
    "`paasenv:allowDataLoss` is no longer a setting (got false): remove it",
  ],
  [
    "permitDataLoss as a boolean",
    { permitDataLoss: true },
    "`paasenv:permitDataLoss` must be an array (got true)",
  ],
  [
    "permitDataLoss naming an unknown resource",
    { permitDataLoss: [{ resource: "addons.mysql", id: "ad-1" }] },
    '`paasenv:permitDataLoss[0].resource` must be one of "app", "addons.postgresql", "addons.redis", "storage" (got "addons.mysql")',
  ],
  [
    "permitDataLoss without an ID",
    { permitDataLoss: [{ resource: "app" }] },
    "`paasenv:permitDataLoss[0].id` is required",
  ],
  [
    "permitDataLoss with an empty ID",
    { permitDataLoss: [{ resource: "app", id: "" }] },
    '`paasenv:permitDataLoss[0].id` must not be empty (got "")',
  ],
  [
    "permitDataLoss with a stray key",
    { permitDataLoss: [{ resource: "app", id: "ap-1", reason: "move" }] },
    "`paasenv:permitDataLoss[0].reason` is not a known setting (a typo?); allowed: resource, id",
  ],
];

/** `paasenv:app` (`app.ts`). */
const appCases: BadConfig[] = [
  ["missing app", { app: undefined }, "`paasenv:app` is required"],
  ["missing app name", { app: { name: undefined } }, "`paasenv:app.name` is required"],
  [
    "app name too short",
    { app: { name: "shop" } },
    '`paasenv:app.name` must be 6–48 characters long (it has 4) (got "shop")',
  ],
  [
    "app name too long",
    { app: { name: "a".repeat(49) } },
    "`paasenv:app.name` must be 6–48 characters long (it has 49)",
  ],
  [
    "app name upper case",
    { app: { name: "MyApp-staging" } },
    "`paasenv:app.name` may contain only lower-case letters",
  ],
  [
    "app name double hyphen",
    { app: { name: "my--app" } },
    "`paasenv:app.name` may contain only lower-case letters",
  ],
  [
    "app name trailing hyphen",
    { app: { name: "myapp-" } },
    "`paasenv:app.name` may contain only lower-case letters",
  ],
  [
    "app name underscore",
    { app: { name: "my_app_staging" } },
    "`paasenv:app.name` may contain only lower-case letters",
  ],
  [
    "unknown region",
    { app: { region: "eu-west-1" } },
    '`paasenv:app.region` must be one of "osc-fr1", "osc-secnum-fr1" (got "eu-west-1")',
  ],
  ["bad stack", { app: { stack: "ubuntu" } }, '`paasenv:app.stack` must look like "scalingo-<version>"'],
  [
    "forceHttps not a boolean",
    { app: { forceHttps: "yes" } },
    '`paasenv:app.forceHttps` must be a boolean (got "yes")',
  ],
  [
    "typo in app",
    { app: { stickySessions: true } },
    "`paasenv:app.stickySessions` is not a known setting (a typo?); allowed: name, region, stack, forceHttps, routerLogs, stickySession",
  ],
];

/** `paasenv:processes` (`app.ts`). */
const processCases: BadConfig[] = [
  [
    "bad size",
    { processes: { web: { size: "XS" } } },
    '`paasenv:processes.web.size` must be one of "S", "M", "L", "XL", "2XL", "3XL" (got "XS")',
  ],
  [
    "too many containers",
    { processes: { web: { amount: 11 } } },
    "`paasenv:processes.web.amount` must be at most 10 (got 11)",
  ],
  [
    "negative containers",
    { processes: { worker: { amount: -1 } } },
    "`paasenv:processes.worker.amount` must be at least 0 (got -1)",
  ],
  [
    "fractional containers",
    { processes: { web: { amount: 1.5 } } },
    "`paasenv:processes.web.amount` must be an integer (got 1.5)",
  ],
  [
    "typo in process type",
    { processes: { wroker: { amount: 1 } } },
    "`paasenv:processes.wroker` is not a known setting (a typo?); allowed: web, worker",
  ],
];

/** `paasenv:addons` (`addons.ts`). */
const addonCases: BadConfig[] = [
  [
    "bad postgresql plan",
    { addons: { postgresql: { plan: "starter-512" } } },
    '`paasenv:addons.postgresql.plan` must be a PostgreSQL plan name such as "postgresql-starter-512" (got "starter-512")',
  ],
  ["missing postgresql plan", { addons: { postgresql: {} } }, "`paasenv:addons.postgresql.plan` is required"],
  [
    "bad postgresql version",
    { addons: { postgresql: { plan: "postgresql-starter-512", version: "latest" } } },
    "`paasenv:addons.postgresql.version` must be a version",
  ],
  [
    "bad redis plan",
    { addons: { redis: { plan: "postgresql-sandbox" } } },
    '`paasenv:addons.redis.plan` must be a Redis plan name such as "redis-starter-256" (got "postgresql-sandbox")',
  ],
  [
    "unknown add-on",
    { addons: { mysql: { plan: "mysql-sandbox" } } },
    "`paasenv:addons.mysql` is not a known setting (a typo?); allowed: postgresql, redis",
  ],
];

/** `paasenv:env` and `paasenv:secretEnv` (`env.ts`). */
const variableCases: BadConfig[] = [
  ["variable name with hyphen", { env: { "MY-VAR": "1" } }, "`paasenv:env.MY-VAR` is not a valid name"],
  [
    "variable name starting with underscore",
    { secretEnv: { _TOKEN: "x" } },
    "`paasenv:secretEnv._TOKEN` is not a valid name",
  ],
  ["variable value not a string", { env: { WORKERS: 4 } }, "`paasenv:env.WORKERS` must be a string (got 4)"],
  ["variable value too long", { env: { BIG: "x".repeat(32769) } }, "`paasenv:env.BIG` must be at most 32768"],
];

/** `paasenv:domains` and `paasenv:dns`, with the rules across them (`domains.ts`). */
const domainCases: BadConfig[] = [
  [
    "domain not a host name",
    { domains: [{ name: "https://www.example.com" }] },
    '`paasenv:domains[0].name` must be a host name without a scheme, port or path (write "www.example.com")',
  ],
  [
    "domain listed twice",
    { domains: [{ name: "www.example.com", canonical: true }, { name: "www.example.com" }] },
    '`paasenv:domains[1].name` is listed twice (got "www.example.com")',
  ],
  [
    "two domains, none canonical",
    { domains: [{ name: "www.example.com" }, { name: "example.com" }] },
    "`paasenv:domains` must mark exactly one domain `canonical: true` when several are listed (found 0)",
  ],
  [
    "two canonical domains",
    {
      domains: [
        { name: "www.example.com", canonical: true },
        { name: "example.com", canonical: true },
      ],
    },
    "(found 2)",
  ],
  [
    "domain outside the zone",
    { dns: { provider: "manual", zone: "example.com" }, domains: [{ name: "www.example.org" }] },
    '`paasenv:domains[0].name` is not in the DNS zone "example.com" (`paasenv:dns.zone`) (got "www.example.org")',
  ],
  [
    "unknown DNS provider",
    { dns: { provider: "cloudflare" } },
    '`paasenv:dns.provider` must be one of "scaleway", "alwaysdata", "manual", "none" (got "cloudflare")',
  ],
  [
    "scaleway DNS without zone",
    { dns: { provider: "scaleway" }, domains: [{ name: "www.example.com" }] },
    "`paasenv:dns.zone` is required when `paasenv:dns.provider` is scaleway",
  ],
  ["TTL too low", { dns: { ttl: 5 } }, "`paasenv:dns.ttl` must be at least 60 (got 5)"],
];

/** `paasenv:storage` (`storage.ts`). */
const storageCases: BadConfig[] = [
  [
    "storage enabled not a boolean",
    { storage: { enabled: "true" } },
    '`paasenv:storage.enabled` must be a boolean (got "true")',
  ],
  [
    "unknown storage region",
    { storage: { region: "us-east-1" } },
    '`paasenv:storage.region` must be one of "fr-par", "nl-ams", "pl-waw" (got "us-east-1")',
  ],
  [
    "bad project id",
    { storage: { projectId: "my-project" } },
    "`paasenv:storage.projectId` must be a Scaleway project ID (a UUID)",
  ],
  [
    "bad CORS method",
    { storage: { corsRules: [{ allowedOrigins: ["*"], allowedMethods: ["PATCH"] }] } },
    "`paasenv:storage.corsRules[0].allowedMethods[0]` must be one of",
  ],
  [
    "lifecycle rule without id",
    { storage: { lifecycleRules: [{ expirationDays: 7 }] } },
    "`paasenv:storage.lifecycleRules[0].id` is required",
  ],
];

/** `paasenv:reviewNumber` and `paasenv:review` (`schema.ts`, `review.ts`). */
const reviewCases: BadConfig[] = [
  [
    "review without number",
    { environment: "review" },
    "`paasenv:reviewNumber` is required when `paasenv:environment` is review",
  ],
  [
    "number outside review",
    { reviewNumber: 3 },
    "`paasenv:reviewNumber` is only allowed when `paasenv:environment` is review (got 3)",
  ],
  [
    "review number zero",
    { environment: "review", reviewNumber: 0 },
    "`paasenv:reviewNumber` must be at least 1 (got 0)",
  ],
  [
    "typo in review",
    { review: { workers: true } },
    "`paasenv:review.workers` is not a known setting (a typo?); allowed: worker, domain, size, plans",
  ],
];

/** The production rules (`schema.ts`). */
const productionCases: BadConfig[] = [
  [
    "production without HTTPS",
    { environment: "production", app: { forceHttps: false } },
    "`paasenv:app.forceHttps` must be true in production (got false)",
  ],
  [
    "production sandbox database",
    { environment: "production", addons: { postgresql: { plan: "postgresql-sandbox" } } },
    '`paasenv:addons.postgresql.plan` must not be a sandbox plan in production (sandbox plans have no backups) (got "postgresql-sandbox")',
  ],
  [
    "production without web",
    { environment: "production", processes: { web: { amount: 0 } } },
    "`paasenv:processes.web.amount` must be at least 1 in production (got 0)",
  ],
];

/** Every bad config (the production resources' in `bad-configs-production.ts`). */
export const badConfigs: BadConfig[] = [
  ...namespaceCases,
  ...appCases,
  ...processCases,
  ...addonCases,
  ...variableCases,
  ...domainCases,
  ...storageCases,
  ...reviewCases,
  ...productionCases,
  ...productionResourceCases,
];
