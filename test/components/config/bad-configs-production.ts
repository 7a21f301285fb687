/**
 * Bad stack configs of the production resources (`paasenv:monitoring`, `logDrains`, `autoscaler`,
 * `collaborators`, `errorPages`, the database settings of `addons`, `review.keep`), in the form of
 * `bad-configs.ts`.
 */
import type { BadConfig } from "./bad-configs";

const email = { name: "ops", platform: "email", emails: ["ops@example.com"] };

/** The production resources: `paasenv:monitoring`, `logDrains`, `autoscaler`, `collaborators`, `errorPages`, database settings. */
export const productionResourceCases: BadConfig[] = [
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
