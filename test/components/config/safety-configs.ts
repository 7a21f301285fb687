/**
 * More bad stack configs (issue "Safety"), each refused by `checkedConfig` (the program's whole check, pure: no
 * API call can happen before it) with exactly these problems: `[label, keys over the minimal staging config,
 * the config keys Pulumi holds secret, every problem in full]`. Values are given as in a stack file; the
 * non-finite numbers, which JSON cannot carry, are in {@link NON_FINITE_CONFIGS}. Secret values contain
 * `SECRET-VALUE`, which no message may show.
 */

export type SafetyConfig = [string, Record<string, unknown>, string[], string[]];

const PG = { "paasenv:addons": { postgresql: { plan: "postgresql-sandbox" } } };
const REDIS = { "paasenv:addons": { redis: { plan: "redis-sandbox" } } };
const addonVariable = (key: string, name: string, addon: string, label: string) =>
  `\`paasenv:${key}.${name}\` is set by the ${label} add-on (\`paasenv:addons.${addon}\`), and a value here ` +
  `would replace its own; remove it (other variables can refer to it as \`$${name}\`)`;

/** Variables the configured add-ons inject (`env.ts`). */
const addonVariableCases: SafetyConfig[] = [
  [
    "DATABASE_URL beside PostgreSQL",
    { ...PG, "paasenv:env": { DATABASE_URL: "postgres://elsewhere" } },
    [],
    [addonVariable("env", "DATABASE_URL", "postgresql", "PostgreSQL")],
  ],
  [
    "SCALINGO_POSTGRESQL_URL as a secret beside PostgreSQL",
    { ...PG, "paasenv:secretEnv": { SCALINGO_POSTGRESQL_URL: "postgres://u:SECRET-VALUE-11@elsewhere" } },
    ["paasenv:secretEnv"],
    [addonVariable("secretEnv", "SCALINGO_POSTGRESQL_URL", "postgresql", "PostgreSQL")],
  ],
  [
    "REDIS_URL beside Redis",
    { ...REDIS, "paasenv:env": { REDIS_URL: "redis://elsewhere" } },
    [],
    [addonVariable("env", "REDIS_URL", "redis", "Redis")],
  ],
  [
    "SCALINGO_REDIS_URL as a secret beside Redis",
    { ...REDIS, "paasenv:secretEnv": { SCALINGO_REDIS_URL: "redis://u:SECRET-VALUE-12@elsewhere" } },
    ["paasenv:secretEnv"],
    [addonVariable("secretEnv", "SCALINGO_REDIS_URL", "redis", "Redis")],
  ],
];

const domain = (name: string) => ({ "paasenv:domains": [{ name }] });
const domainProblem = (name: string, message: string) =>
  `\`paasenv:domains[0].name\` ${message} (got ${JSON.stringify(name)})`;
const LONG = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.com`;

/** Host names of custom domains and DNS zones (`hostnames.ts`). */
const hostNameCases: SafetyConfig[] = [
  [
    "an app's own scalingo.io host as a custom domain",
    domain("myapp.osc-fr1.scalingo.io"),
    [],
    [
      domainProblem(
        "myapp.osc-fr1.scalingo.io",
        "is a Scalingo domain: the app already answers on `<app>.<region>.scalingo.io` without it; list only " +
          "domains you own",
      ),
    ],
  ],
  [
    "scalingo.io itself",
    domain("scalingo.io"),
    [],
    [
      domainProblem(
        "scalingo.io",
        "is a Scalingo domain: the app already answers on `<app>.<region>.scalingo.io` without it; list only " +
          "domains you own",
      ),
    ],
  ],
  [
    "an internationalised name",
    domain("café.example.com"),
    [],
    [
      domainProblem(
        "café.example.com",
        'must be written in ASCII: use its punycode form "xn--caf-dma.example.com"',
      ),
    ],
  ],
  [
    "a label of 64 characters",
    domain(`${"a".repeat(64)}.example.com`),
    [],
    [
      domainProblem(
        `${"a".repeat(64)}.example.com`,
        'has a label of 64 characters ("aaaaaaaaaaaa…"); each part between dots is at most 63',
      ),
    ],
  ],
  [
    "a name of 259 characters",
    domain(LONG),
    [],
    [domainProblem(LONG, "must be at most 253 characters long (it has 259)")],
  ],
  [
    "upper case",
    domain("WWW.Example.com"),
    [],
    [domainProblem("WWW.Example.com", 'must be lower case (write "www.example.com")')],
  ],
  [
    "a trailing dot",
    domain("www.example.com."),
    [],
    [domainProblem("www.example.com.", 'must not end with a dot (write "www.example.com")')],
  ],
  [
    "a port",
    domain("www.example.com:443"),
    [],
    [
      domainProblem(
        "www.example.com:443",
        'must be a host name without a scheme, port or path (write "www.example.com")',
      ),
    ],
  ],
  [
    "two dots in a row",
    domain("www..example.com"),
    [],
    [domainProblem("www..example.com", "has an empty part (two dots in a row, or a leading dot)")],
  ],
  [
    "a label starting with a hyphen",
    domain("-www.example.com"),
    [],
    [
      domainProblem(
        "-www.example.com",
        'has a part "-www" that is not a DNS label: only lower-case letters, digits and hyphens, not starting or ' +
          "ending with a hyphen",
      ),
    ],
  ],
  [
    "an underscore",
    domain("www_1.example.com"),
    [],
    [
      domainProblem(
        "www_1.example.com",
        'has a part "www_1" that is not a DNS label: only lower-case letters, digits and hyphens, not starting ' +
          "or ending with a hyphen",
      ),
    ],
  ],
  [
    "a single label",
    domain("localhost"),
    [],
    [domainProblem("localhost", 'must have at least two parts, such as "example.com"')],
  ],
  [
    "an IP address",
    domain("192.168.0.1"),
    [],
    [domainProblem("192.168.0.1", "must be a host name, not an IP address")],
  ],
  [
    "an internationalised DNS zone",
    { "paasenv:dns": { zone: "bücher.de" } },
    [],
    [
      '`paasenv:dns.zone` must be written in ASCII: use its punycode form "xn--bcher-kva.de" (got "bücher.de")',
    ],
  ],
];

/** Numbers and the messages that used to show a raw regular expression or "1 characters". */
const valueCases: SafetyConfig[] = [
  [
    "an amount of .inf, as `pulumi config set --path` stores it",
    { "paasenv:processes": { web: { amount: ".inf" } } },
    [],
    ['`paasenv:processes.web.amount` must be a finite number (got ".inf")'],
  ],
  [
    "a review PostgreSQL plan that is not one",
    { "paasenv:review": { plans: { postgresql: "pg-small" } } },
    [],
    [
      '`paasenv:review.plans.postgresql` must be a PostgreSQL plan name such as "postgresql-starter-512" (got "pg-small")',
    ],
  ],
  [
    "a review Redis plan that is not one",
    { "paasenv:review": { plans: { redis: "cache" } } },
    [],
    ['`paasenv:review.plans.redis` must be a Redis plan name such as "redis-starter-256" (got "cache")'],
  ],
  [
    "an empty lifecycle rule id",
    { "paasenv:storage": { lifecycleRules: [{ id: "", expirationDays: 1 }] } },
    [],
    ['`paasenv:storage.lifecycleRules[0].id` must not be empty (got "")'],
  ],
  [
    "no CORS origin",
    { "paasenv:storage": { corsRules: [{ allowedOrigins: [], allowedMethods: ["GET"] }] } },
    [],
    ["`paasenv:storage.corsRules[0].allowedOrigins` must not be empty (got [])"],
  ],
];

const PRODUCTION = { "paasenv:environment": "production" };
const plainSecret = (name: string, reason: string) =>
  `\`paasenv:env.${name}\` looks like a secret (${reason}), and \`paasenv:env\` is kept in clear in the stack ` +
  `file and in Pulumi's state; in production, move it to \`paasenv:secretEnv\`: \`pulumi config rm --path ` +
  `'paasenv:env.${name}'\`, then \`pulumi config set --secret --path 'paasenv:secretEnv.${name}' <value>\``;
const NAME = "its name says it is a secret";

/** Secrets (`secrets.ts`): clear `secretEnv`, secret-looking `env` in production. */
const secretCases: SafetyConfig[] = [
  [
    "secretEnv written in plain YAML",
    {
      "paasenv:secretEnv": {
        DJANGO_SECRET_KEY: "SECRET-VALUE-1",
        SENTRY_DSN: "https://SECRET-VALUE-2@o1.ingest.sentry.io/1",
      },
    },
    [],
    [
      "`paasenv:secretEnv` holds values written in clear (`DJANGO_SECRET_KEY`, `SENTRY_DSN`), not encrypted " +
        "with `secure:`; set each with `pulumi config set --secret --path 'paasenv:secretEnv.<NAME>' <value>` " +
        "(and rotate any value that was committed in clear)",
    ],
  ],
  [
    "DJANGO_SECRET_KEY in env in production",
    { ...PRODUCTION, "paasenv:env": { DJANGO_SECRET_KEY: "SECRET-VALUE-3" } },
    [],
    [plainSecret("DJANGO_SECRET_KEY", NAME)],
  ],
  [
    "a *_TOKEN in env in production",
    { ...PRODUCTION, "paasenv:env": { GITHUB_TOKEN: "SECRET-VALUE-4" } },
    [],
    [plainSecret("GITHUB_TOKEN", NAME)],
  ],
  [
    "a *_PASSWORD in env in production",
    { ...PRODUCTION, "paasenv:env": { SMTP_PASSWORD: "SECRET-VALUE-5" } },
    [],
    [plainSecret("SMTP_PASSWORD", NAME)],
  ],
  [
    "a *_DSN in env in production",
    { ...PRODUCTION, "paasenv:env": { SENTRY_DSN: "SECRET-VALUE-6" } },
    [],
    [plainSecret("SENTRY_DSN", NAME)],
  ],
  [
    "a *_KEY in env in production",
    { ...PRODUCTION, "paasenv:env": { STRIPE_KEY: "SECRET-VALUE-7" } },
    [],
    [plainSecret("STRIPE_KEY", NAME)],
  ],
  [
    "a URL with credentials in env in production",
    { ...PRODUCTION, "paasenv:env": { BROKER: "amqp://user:SECRET-VALUE-8@mq.example.com/vhost" } },
    [],
    [plainSecret("BROKER", "its value is a URL with credentials")],
  ],
];

const PLACEHOLDERS = "known: {{host}}, {{hosts}}, {{url}}, {{origins}}";

/** Placeholders (`placeholders.ts`). */
const placeholderCases: SafetyConfig[] = [
  [
    "an unknown placeholder in env",
    { "paasenv:env": { DJANGO_ALLOWED_HOSTS: "{{hostname}}" } },
    [],
    [
      `\`paasenv:env.DJANGO_ALLOWED_HOSTS\` uses a placeholder paasenv does not know ({{hostname}}); ${PLACEHOLDERS}`,
    ],
  ],
  [
    "a placeholder in the wrong case in a CORS origin",
    {
      "paasenv:storage": {
        corsRules: [{ allowedOrigins: ["{{URL}}", "{{ origin }}"], allowedMethods: ["GET"] }],
      },
    },
    [],
    [
      `\`paasenv:storage.corsRules[0].allowedOrigins[0]\` uses a placeholder paasenv does not know ({{URL}}); ${PLACEHOLDERS}`,
      `\`paasenv:storage.corsRules[0].allowedOrigins[1]\` uses a placeholder paasenv does not know ({{origin}}); ${PLACEHOLDERS}`,
    ],
  ],
];

const SCALINGO_KEYS =
  "scalingo:apiToken, scalingo:authUrl, scalingo:apiUrl, scalingo:dbApiUrl, scalingo:region, " +
  "scalingo:adoptExisting, scalingo:httpTimeoutMs, scalingo:httpRetries, scalingo:retryBaseMs, " +
  "scalingo:retryMaxDelayMs, scalingo:createAttempts, scalingo:operationTimeoutMs, scalingo:pollIntervalMs";

/** Provider settings (`providers/base/settings.ts`). */
const settingCases: SafetyConfig[] = [
  [
    "scalingo:httpRetries: many",
    { "scalingo:httpRetries": "many" },
    [],
    ['`scalingo:httpRetries` must be a whole number from 0 (got "many")'],
  ],
  [
    "scalingo:adoptExisting: yes",
    { "scalingo:adoptExisting": "yes" },
    [],
    ['`scalingo:adoptExisting` must be true or false (got "yes")'],
  ],
  [
    "scalingo:apitoken",
    { "scalingo:apitoken": "SECRET-VALUE-9" },
    ["scalingo:apitoken"],
    [
      `\`scalingo:apitoken\` is not a known \`scalingo:\` setting (a typo? did you mean \`scalingo:apiToken\`); allowed: ${SCALINGO_KEYS}`,
    ],
  ],
  [
    "scalingo:region: eu",
    { "scalingo:region": "eu" },
    [],
    ['`scalingo:region` must be one of osc-fr1, osc-secnum-fr1 (got "eu")'],
  ],
  [
    "alwaysdata:apiUrl without a scheme",
    { "alwaysdata:apiUrl": "api.alwaysdata.com/v1" },
    [],
    ['`alwaysdata:apiUrl` must be an http:// or https:// URL (got "api.alwaysdata.com/v1")'],
  ],
  [
    "alwaysdata:apikey",
    { "alwaysdata:apikey": "SECRET-VALUE-10" },
    [],
    [
      "`alwaysdata:apikey` is not a known `alwaysdata:` setting (a typo? did you mean `alwaysdata:apiKey`); " +
        "allowed: alwaysdata:apiKey, alwaysdata:account, alwaysdata:apiUrl",
    ],
  ],
];

/** Every further bad config given as a stack file would give it. */
export const SAFETY_CONFIGS: SafetyConfig[] = [
  ...addonVariableCases,
  ...hostNameCases,
  ...valueCases,
  ...secretCases,
  ...placeholderCases,
  ...settingCases,
];

/** Non-finite numbers (YAML's `.inf`, `.nan`) as the paasenv CLI reads a stack file: `[label, patch, problem]`. */
export const NON_FINITE_CONFIGS: [string, Record<string, unknown>, string][] = [
  [
    "an amount of .inf",
    { processes: { web: { amount: Number.POSITIVE_INFINITY } } },
    "`paasenv:processes.web.amount` must be a finite number (got .inf)",
  ],
  [
    "an amount of .nan",
    { processes: { worker: { amount: Number.NaN } } },
    "`paasenv:processes.worker.amount` must be a finite number (got .nan)",
  ],
  [
    "a TTL of -.inf",
    { dns: { ttl: Number.NEGATIVE_INFINITY } },
    "`paasenv:dns.ttl` must be a finite number (got -.inf)",
  ],
];
