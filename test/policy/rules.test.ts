import { describe, expect, it } from "vitest";
import { TYPES } from "../../policy/resources";
import { databasePlan, dataProtected } from "../../policy/rules/addons";
import { databaseBackups, maintenanceWindow } from "../../policy/rules/database";
import { customDomain } from "../../policy/rules/domains";
import { containerSize, webRedundancy } from "../../policy/rules/formation";
import { logDrains } from "../../policy/rules/log-drains";
import { monitoring } from "../../policy/rules/monitoring";
import { bucketPrivate, bucketVersioningOn } from "../../policy/rules/storage";
import { debugOff, errorPages } from "../../policy/rules/variables";
import { APP, declared, formation, postgresql, redis, variables, violations } from "./fixtures";

// Each rule through its own policy (`validateResource` / `validateStack`), a passing and a failing case,
// asserting the whole message: it names the stack file key to change and the value to use.

describe("web-redundancy", () => {
  it("passes two web containers, or web autoscaled from two", async () => {
    expect(await violations(webRedundancy, [formation({ web: { amount: 2, size: "M" } })])).toEqual([]);
    const autoscaled = formation({ web: { amount: 2, size: "M" } }, { web: { min: 2, max: 6 } });
    expect(await violations(webRedundancy, [autoscaled])).toEqual([]);
  });

  it("fails one web container, naming the amount and the autoscaler", async () => {
    expect(await violations(webRedundancy, [formation({ web: { amount: 1, size: "M" } })])).toEqual([
      "`web` runs on 1 container, so a crash, a restart or a deployment takes the site down: set " +
        "`paasenv:processes.web.amount` to 2 or more, or autoscale web with `paasenv:autoscaler.web` " +
        "(`min` 2 or more)",
    ]);
  });

  it("names the autoscaler's minimum when web is autoscaled below two", async () => {
    const autoscaled = formation({ web: { amount: 1, size: "M" } }, { web: { min: 1, max: 4 } });
    expect(await violations(webRedundancy, [autoscaled])).toEqual([
      "`web` is autoscaled down to 1 container, so a crash, a restart or a deployment takes the site down: " +
        "set `paasenv:autoscaler.web.min` to 2 or more",
    ]);
  });

  it("says review environments run one container", async () => {
    expect(await violations(webRedundancy, [formation({ web: { amount: 1, size: "S" } })], "review")).toEqual(
      [
        "`web` runs on 1 container, so a crash, a restart or a deployment takes the site down: set " +
          "`paasenv:processes.web.amount` to 2 or more, or autoscale web with `paasenv:autoscaler.web` " +
          "(`min` 2 or more) in production (review environments always run one)",
      ],
    );
  });
});

describe("container-size", () => {
  it("passes M and larger, and S processes scaled to zero", async () => {
    const resources = [formation({ web: { amount: 2, size: "M" }, worker: { amount: 0, size: "S" } })];
    expect(await violations(containerSize, resources)).toEqual([]);
  });

  it("fails S containers, naming the process's size key (review.size in a review)", async () => {
    const resources = [formation({ web: { amount: 2, size: "M" }, worker: { amount: 1, size: "S" } })];
    expect(await violations(containerSize, resources)).toEqual([
      "`worker` runs on S containers (256 MB), too small for a Django or Celery process under load: set " +
        "`paasenv:processes.worker.size` to `M` or larger",
    ]);
    expect(await violations(containerSize, resources, "review")).toEqual([
      "`worker` runs on S containers (256 MB), too small for a Django or Celery process under load: set " +
        "`paasenv:review.size` to `M` or larger",
    ]);
  });
});

describe("database-plan", () => {
  it("passes business and enterprise plans, and Redis on any plan", async () => {
    expect(await violations(databasePlan, [postgresql(), redis()])).toEqual([]);
    expect(await violations(databasePlan, [postgresql("postgresql-dedicated-enterprise-4096")])).toEqual([]);
  });

  it("fails a starter plan, naming the key it came from and a business plan", async () => {
    expect(await violations(databasePlan, [postgresql("postgresql-starter-512")])).toEqual([
      "PostgreSQL is on `postgresql-starter-512`, a single node with no standby: set " +
        "`paasenv:addons.postgresql.plan` to a business plan such as `postgresql-business-1024`",
    ]);
  });
});

describe("data-protected", () => {
  it("passes protected add-ons", async () => {
    expect(await violations(dataProtected, [postgresql(), redis()])).toEqual([]);
  });

  it("fails an unprotected add-on: production protects it, so something took it off", async () => {
    expect(await violations(dataProtected, [postgresql("postgresql-business-1024", false)])).toEqual([
      "the postgresql add-on `paasenv-postgresql` is not protected, although `paasenv:environment` is " +
        "`production`, which protects it: drop whatever takes `protect` off (a transform in your program)",
    ]);
  });

  it("says what protects it elsewhere", async () => {
    expect(await violations(dataProtected, [redis(false)], "staging")).toEqual([
      "the redis add-on `paasenv-redis` is not protected: paasenv protects add-ons when " +
        "`paasenv:environment` is `production`",
    ]);
  });
});

const settings = (addonUrn: string, props: Record<string, unknown>) =>
  declared(
    TYPES.databaseSettings,
    "paasenv-postgresql-database-settings",
    { ...APP, addonId: "ad-1", ...props },
    {
      addonUrns: [addonUrn],
    },
  );

describe("database-backups", () => {
  it("passes PostgreSQL with backups on (Redis needs none)", async () => {
    const pg = postgresql();
    const resources = [pg, redis(), settings(pg.urn, { backups: { enabled: true, hour: 3 } })];
    expect(await violations(databaseBackups, resources)).toEqual([]);
  });

  it("fails PostgreSQL whose backups the stack does not turn on", async () => {
    const pg = postgresql();
    const message =
      "PostgreSQL's periodic backups are not turned on by the stack, so none may exist to restore: set " +
      "`paasenv:addons.postgresql.backups` to `{ enabled: true, hour: 3 }` (a UTC hour)";
    expect(await violations(databaseBackups, [pg])).toEqual([message]);
    // Settings of another add-on do not count.
    const other = settings(redis().urn, { backups: { enabled: true, hour: 3 } });
    expect(await violations(databaseBackups, [pg, redis(), other])).toEqual([message]);
  });
});

describe("maintenance-window", () => {
  it("passes add-ons with a window", async () => {
    const pg = postgresql();
    const resources = [pg, settings(pg.urn, { maintenanceWindow: { day: "sunday", hour: 4 } })];
    expect(await violations(maintenanceWindow, resources)).toEqual([]);
  });

  it("fails an add-on without one, naming its key", async () => {
    const pg = postgresql();
    const resources = [pg, redis(), settings(pg.urn, { maintenanceWindow: { day: "sunday", hour: 4 } })];
    expect(await violations(maintenanceWindow, resources)).toEqual([
      "the redis add-on has no maintenance window, so Scalingo upgrades it at a time of its choosing: set " +
        "`paasenv:addons.redis.maintenanceWindow` to `{ day: sunday, hour: 4 }` (a UTC hour, out of your busy hours)",
    ]);
  });
});

const domain = (name: string, props: Record<string, unknown> = {}) =>
  declared(TYPES.domain, `paasenv-domain-${name}`, {
    ...APP,
    name,
    canonical: false,
    letsEncrypt: true,
    ...props,
  });

describe("custom-domain", () => {
  it("passes a domain with Let's Encrypt or its own certificate", async () => {
    expect(await violations(customDomain, [domain("www.example.com")])).toEqual([]);
    const own = domain("example.com", { letsEncrypt: false, tlsCert: "[secret]", tlsKey: "[secret]" });
    expect(await violations(customDomain, [own])).toEqual([]);
  });

  it("fails no domain at all, and a domain with no certificate", async () => {
    expect(await violations(customDomain, [])).toEqual([
      "the app has no custom domain, so it answers only on <app>.<region>.scalingo.io: add one under " +
        "`paasenv:domains` (`- name: www.example.com`), with `paasenv:dns.provider` set to `scaleway`, " +
        "`alwaysdata` or `manual` (not `none`)",
    ]);
    expect(await violations(customDomain, [domain("www.example.com", { letsEncrypt: false })])).toEqual([
      "the domain `www.example.com` has neither Let's Encrypt nor a certificate of its own: set its " +
        "`letsEncrypt` input to `true` (paasenv's default)",
    ]);
  });
});

describe("debug-off", () => {
  it("passes debug switches set to false, and other variables set to true", async () => {
    const resources = [variables({ DEBUG: "False", DJANGO_DEBUG: "0", DEBUGGER_URL: "1", FEATURE: "true" })];
    expect(await violations(debugOff, resources)).toEqual([]);
  });

  it("fails a truthy DEBUG-like variable without echoing its value", async () => {
    expect(await violations(debugOff, [variables({ DJANGO_DEBUG: " yes ", DEBUG: "on" })])).toEqual([
      '`DJANGO_DEBUG` is set to a true value, which shows settings and source code on error pages: set `paasenv:env.DJANGO_DEBUG` to `"False"` (or remove it, from `paasenv:secretEnv` if it is there)',
      '`DEBUG` is set to a true value, which shows settings and source code on error pages: set `paasenv:env.DEBUG` to `"False"` (or remove it, from `paasenv:secretEnv` if it is there)',
    ]);
  });
});

describe("error-pages", () => {
  it("passes the app error and timeout pages", async () => {
    const pages = {
      SCALINGO_APP_ERROR_URL: "https://www.example.com/error.html",
      SCALINGO_TIMEOUT_ERROR_URL: "https://www.example.com/timeout.html",
    };
    expect(await violations(errorPages, [variables(pages)])).toEqual([]);
  });

  it("fails each page missing, naming its key", async () => {
    const pages = { SCALINGO_APP_ERROR_URL: "https://www.example.com/error.html" };
    expect(await violations(errorPages, [variables(pages)])).toEqual([
      "no custom page when the app times out (504), so visitors see Scalingo's: set " +
        "`paasenv:errorPages.timeout` to the https URL of a static page (`SCALINGO_TIMEOUT_ERROR_URL`)",
    ]);
    expect(await violations(errorPages, [])).toHaveLength(2);
  });
});

const notifier = (active = true) =>
  declared(TYPES.notifier, "paasenv-monitoring-notifier-ops", {
    ...APP,
    name: "ops",
    platform: "email",
    active,
  });
const alert = (metric: string, props: Record<string, unknown> = {}) =>
  declared(TYPES.alert, `paasenv-monitoring-alert-web-${metric}`, {
    ...APP,
    containerType: "web",
    metric,
    limit: 10,
    ...props,
  });

describe("monitoring", () => {
  it("passes a notifier with alerts on web's 5XX and p95 response time", async () => {
    const resources = [notifier(), alert("5XX"), alert("p95_response_time")];
    expect(await violations(monitoring, resources)).toEqual([]);
  });

  it("fails no active notifier, and each alert missing or disabled", async () => {
    const resources = [notifier(false), alert("5XX", { disabled: true }), alert("p95_response_time")];
    expect(await violations(monitoring, resources)).toEqual([
      "no notifier, so alerts and crashes reach no one: add one under `paasenv:monitoring.notifiers` " +
        "(`- { name: ops, platform: email, emails: [ops@example.com] }`)",
      "no alert on web's `5XX`, so server errors go unnoticed: list it under `paasenv:monitoring.alerts`, or " +
        "leave `paasenv:monitoring.alerts` out so production gets its default alerts (such as " +
        "`{ metric: 5XX, limit: 10, for: 2m }`)",
    ]);
  });
});

const drain = (addonUrn?: string) =>
  declared(
    TYPES.logDrain,
    `paasenv-drain${addonUrn === undefined ? "" : "-addon"}`,
    {
      ...APP,
      type: "papertrail",
      host: "logs.example.com",
      port: "12345",
      ...(addonUrn ? { addonId: "ad-1" } : {}),
    },
    addonUrn === undefined ? {} : { addonUrns: [addonUrn] },
  );

describe("log-drains", () => {
  it("passes a drain on the app and on each add-on", async () => {
    const pg = postgresql();
    expect(await violations(logDrains, [pg, drain(), drain(pg.urn)])).toEqual([]);
  });

  it("fails no drain on the app, then an add-on without one", async () => {
    const pg = postgresql();
    expect(await violations(logDrains, [pg])).toEqual([
      "the app's logs are drained nowhere, and Scalingo keeps a short history only: add a drain under " +
        "`paasenv:logDrains` (`- { type: papertrail, host: logs.papertrailapp.com, port: 12345 }`)",
    ]);
    expect(await violations(logDrains, [pg, redis(), drain(), drain(pg.urn)])).toEqual([
      "the redis add-on's logs are drained nowhere: set `addons` to `true` (its default) on an entry of " +
        "`paasenv:logDrains`",
    ]);
  });
});

const bucket = (props: Record<string, unknown>) =>
  declared(TYPES.bucket, "paasenv-bucket", { name: "myapp-production", region: "fr-par", ...props });

describe("bucket-private", () => {
  it("passes a bucket with no ACL and a policy admitting named principals", async () => {
    const policy = JSON.stringify({
      Statement: [{ Effect: "Allow", Principal: { SCW: "application_id:abc" }, Action: "s3:*" }],
    });
    const resources = [bucket({}), declared(TYPES.bucketPolicy, "paasenv-bucket-policy", { policy })];
    expect(await violations(bucketPrivate, resources)).toEqual([]);
  });

  it("fails a public ACL and a policy admitting anyone", async () => {
    const policy = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { SCW: ["*"] } }] });
    const resources = [
      bucket({ acl: "public-read" }),
      declared(TYPES.bucketPolicy, "paasenv-bucket-policy", { policy }),
    ];
    expect(await violations(bucketPrivate, resources)).toEqual([
      "`paasenv-bucket` makes the bucket `public-read`: paasenv declares it private; remove the `acl` that " +
        "your program (or a transform) sets",
      "`paasenv-bucket-policy` admits anyone (a `*` principal): paasenv's bucket policy admits the app and " +
        "the deployer only; remove the statement that your program (or a transform) adds",
    ]);
  });
});

describe("bucket-versioning", () => {
  it("passes a versioned bucket", async () => {
    expect(await violations(bucketVersioningOn, [bucket({ versioning: { enabled: true } })])).toEqual([]);
  });

  it("fails an unversioned one, naming the key", async () => {
    expect(await violations(bucketVersioningOn, [bucket({ versioning: { enabled: false } })])).toEqual([
      "the bucket keeps no old versions, so an overwritten or deleted file is lost: set " +
        "`paasenv:storage.versioning` to `true`",
    ]);
  });
});
