/**
 * Bad stack configs, by concern, each rejected by `parseStackConfig` with a message naming the key (and the
 * bad value where there is one): `[label, patch of the minimal valid config, expected part of a problem]`.
 */

export type BadConfig = [string, Record<string, unknown>, string];

/** The namespace itself: `paasenv:environment`, unknown keys, `paasenv:allowDataLoss`. */
const namespaceCases: BadConfig[] = [
  ["missing environment", { environment: undefined }, "`paasenv:environment` is required"],
  [
    "unknown environment",
    { environment: "prod" },
    '`paasenv:environment` must be one of "staging", "production", "review" (got "prod")',
  ],
  ["unknown top-level key", { proceses: {} }, "`paasenv:proceses` is not a known setting (a typo?)"],
  [
    "allowDataLoss as a string",
    { allowDataLoss: "yes" },
    '`paasenv:allowDataLoss` must be a boolean (got "yes")',
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
    '`paasenv:domains[0].name` must be a lower-case host name such as "www.example.com"',
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

const email = { name: "ops", platform: "email", emails: ["ops@example.com"] };

/** The production resources: `paasenv:monitoring`, `logDrains`, `autoscaler`, `collaborators`, `errorPages`, database settings. */
const productionResourceCases: BadConfig[] = [
  [
    "notifier on an unknown platform",
    { monitoring: { notifiers: [{ ...email, platform: "sms" }] } },
    '`paasenv:monitoring.notifiers[0].platform` must be one of "email", "slack", "webhook" (got "sms")',
  ],
  [
    "e-mail notifier without addresses",
    { monitoring: { notifiers: [{ ...email, emails: [] }] } },
    "`paasenv:monitoring.notifiers[0].emails` must list at least one address for an email notifier",
  ],
  [
    "slack notifier without its URL",
    { monitoring: { notifiers: [{ name: "team", platform: "slack" }] } },
    "`paasenv:monitoring.notifiers[0].webhookUrl` is required for a slack notifier",
  ],
  [
    "two notifiers of one name",
    { monitoring: { notifiers: [email, email] } },
    '`paasenv:monitoring.notifiers[1].name` is used by another notifier (got "ops")',
  ],
  [
    "alert on an unknown metric",
    { monitoring: { alerts: [{ metric: "ram", limit: 0.9 }] } },
    '`paasenv:monitoring.alerts[0].metric` must be one of "rpm_per_container", "p95_response_time", "5XX", "cpu", "memory", "swap", "all" (got "ram")',
  ],
  [
    "memory alert in percent",
    { monitoring: { alerts: [{ metric: "memory", limit: 90 }] } },
    "`paasenv:monitoring.alerts[0].limit` is a ratio for memory: 0.9 means 90 % (between 0 and 1) (got 90)",
  ],
  [
    "router metric on a worker",
    { monitoring: { alerts: [{ type: "worker", metric: "5XX", limit: 10 }] } },
    '`paasenv:monitoring.alerts[0].type` must be web for 5XX (the router measures web only) (got "worker")',
  ],
  [
    "alert duration in words",
    { monitoring: { alerts: [{ metric: "cpu", limit: 0.9, for: "five minutes" }] } },
    '`paasenv:monitoring.alerts[0].for` must be a duration such as "2m", "1h" or "1h30m" (got "five minutes")',
  ],
  [
    "alert to an unknown notifier",
    { monitoring: { notifiers: [email], alerts: [{ metric: "cpu", limit: 0.9, notifiers: ["team"] }] } },
    '`paasenv:monitoring.alerts[0].notifiers` names an unknown notifier; known: ops (got "team")',
  ],
  [
    "two alerts of one key",
    {
      monitoring: {
        alerts: [
          { metric: "cpu", limit: 0.8 },
          { metric: "cpu", limit: 0.9 },
        ],
      },
    },
    '`paasenv:monitoring.alerts[1].name` "web-cpu" is used by another alert; give each a `name`',
  ],
  [
    "syslog drain without a port",
    { logDrains: [{ type: "syslog", host: "logs.example.com" }] },
    "`paasenv:logDrains[0].port` is required for a syslog drain",
  ],
  [
    "unknown drain type",
    { logDrains: [{ type: "splunk", host: "logs.example.com" }] },
    '`paasenv:logDrains[0].type` must be one of "appsignal", "datadog", "elk", "ovh-graylog", "papertrail", "syslog" (got "splunk")',
  ],
  [
    "autoscaler below Scalingo's minimum",
    { autoscaler: { web: { min: 1, max: 4, target: 600 } } },
    "`paasenv:autoscaler.web.min` must be at least 2 (got 1)",
  ],
  [
    "autoscaler max below min",
    { autoscaler: { web: { min: 4, max: 3, target: 600 } } },
    "`paasenv:autoscaler.web.max` must be at least `min` (4) (got 3)",
  ],
  [
    "worker autoscaler on a router metric",
    {
      processes: { worker: {} },
      autoscaler: { worker: { min: 2, max: 4, metric: "rpm_per_container", target: 10 } },
    },
    '`paasenv:autoscaler.worker.metric` must be one of "cpu", "memory", "swap" (got "rpm_per_container")',
  ],
  [
    "worker autoscaler without a worker",
    { autoscaler: { worker: { min: 2, max: 4, target: 0.7 } } },
    "`paasenv:autoscaler.worker` needs `paasenv:processes.worker`",
  ],
  [
    "collaborator without an address",
    { collaborators: ["dev"] },
    '`paasenv:collaborators[0]` must be an e-mail address (got "dev")',
  ],
  [
    "collaborator twice",
    { collaborators: ["dev@example.com", { email: "Dev@example.com" }] },
    '`paasenv:collaborators[1]` is listed twice (got "dev@example.com")',
  ],
  [
    "error page over http",
    { errorPages: { stopped: "http://pages.example.com/stopped.html" } },
    '`paasenv:errorPages.stopped` must be an https URL (got "http://pages.example.com/stopped.html")',
  ],
  [
    "error page variable also in env",
    { errorPages: { timeout: "https://pages.example.com/t.html" }, env: { SCALINGO_TIMEOUT_ERROR_URL: "x" } },
    "`paasenv:env.SCALINGO_TIMEOUT_ERROR_URL` is also set by `paasenv:errorPages`; keep only one of the two",
  ],
  [
    "backup hour out of range",
    { addons: { postgresql: { plan: "postgresql-starter-512", backups: { hour: 24 } } } },
    "`paasenv:addons.postgresql.backups.hour` must be at most 23 (got 24)",
  ],
  [
    "maintenance day unknown",
    { addons: { redis: { plan: "redis-starter-256", maintenanceWindow: { day: "dimanche", hour: 2 } } } },
    '`paasenv:addons.redis.maintenanceWindow.day` must be one of "sunday", "monday"',
  ],
  [
    "Redis feature on PostgreSQL",
    { addons: { postgresql: { plan: "postgresql-starter-512", features: ["redis-aof"] } } },
    '`paasenv:addons.postgresql.features[0]` must be one of "force-ssl", "publicly-available" (got "redis-aof")',
  ],
  [
    "users on Redis",
    { addons: { redis: { plan: "redis-starter-256", users: [{ name: "metabase" }] } } },
    "`paasenv:addons.redis.users` is not a known setting (a typo?)",
  ],
  [
    "database user name too short",
    { addons: { postgresql: { plan: "postgresql-starter-512", users: [{ name: "bi" }] } } },
    "`paasenv:addons.postgresql.users[0].name` must be at least 6 characters long",
  ],
  [
    "production with backups off",
    {
      environment: "production",
      addons: { postgresql: { plan: "postgresql-business-1024", backups: { enabled: false } } },
    },
    "`paasenv:addons.postgresql.backups.enabled` must stay true in production (got false)",
  ],
  [
    "review keeping an unknown key",
    { review: { keep: ["alerts"] } },
    '`paasenv:review.keep[0]` must be one of "monitoring", "logDrains", "autoscaler", "collaborators", "errorPages", "databases" (got "alerts")',
  ],
];

/** Every bad config. */
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
