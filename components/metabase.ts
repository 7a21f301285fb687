import * as pulumi from "../providers/base/sdk";
import { SecretKey } from "../providers/paasenv/secret-key";
import { Addon, App, DatabaseUser, Deployment, Formation, Variables } from "../providers/scalingo";
import {
  METABASE_USER,
  METABASE_VARIABLES,
  type MetabaseConfig,
  metabaseArchiveUrl,
} from "./config/companions";
import { childName } from "./config/naming";
import { CustomDomain } from "./custom-domain";
import { createEnvironmentGuard } from "./data-guard";
import type { Dns } from "./dns/adapters";

/** The variable holding the read-only URL of the main database. */
export const READ_ONLY_URL_VARIABLE = "MAIN_DATABASE_READONLY_URL";
/** The variable Metabase encrypts the connection details it stores with. */
export const ENCRYPTION_KEY_VARIABLE = "MB_ENCRYPTION_SECRET_KEY";
/** What deleting the companion's guard means, in its refusal. */
const DELETING =
  "removing `paasenv:companions.metabase` from the configuration (or destroying the environment)";
/** The config key of the Metabase add-on's plan, for the catalog check's messages. */
const PLAN_KEY = "paasenv:companions.metabase.plan";

/** Arguments of a {@link Metabase}. */
export interface MetabaseArgs {
  /** The Metabase app's name. @example `"shop-metabase"` */
  appName: string;
  /** The region, the main app's. @example `"osc-fr1"` */
  region: string;
  /** `paasenv:companions.metabase`, parsed: plain values decide what exists. */
  config: MetabaseConfig;
  /** The main app's ID (the read-only user's database belongs to it). */
  mainAppId: pulumi.Input<string>;
  /** The main PostgreSQL add-on's ID. */
  mainDatabaseId: pulumi.Input<string>;
  /** Where the custom domain's record is managed; `undefined`: no domain (`paasenv:dns.provider: none`). */
  dns: Dns | undefined;
  /** `protect` the app, its database and its guard (production). @default `false` */
  protect?: boolean;
}

/**
 * Metabase beside the main app: its own app (forced HTTPS), formation, PostgreSQL and variables, the code of
 * Scalingo's Metabase archive at `config.version` (deployed by `up`, waited for until it succeeds), an encryption
 * key generated once, a read-only user of the main database, an optional custom domain, and a data-loss guard
 * of its own (its database is deleted only when `paasenv:permitDataLoss` names it).
 *
 * @example
 * ```ts
 * new Metabase("shop-metabase", {
 *   appName: "shop-metabase", region: "osc-fr1", config: { version: "796a167", size: "L", amount: 1,
 *   plan: "postgresql-starter-512", keyRotation: "" }, mainAppId: app.appId,
 *   mainDatabaseId: postgresql.addonId, dns: manualDns(undefined),
 * }, { parent: this });
 * ```
 */
export class Metabase extends pulumi.ComponentResource {
  /** The Metabase app's name. */
  readonly appName: pulumi.Output<string>;
  /** `https://<domain>` when one is set, else the app's Scalingo URL. */
  readonly url: pulumi.Output<string>;
  /** The read-only user's connection URL to the main database (secret). */
  readonly readOnlyUrl: pulumi.Output<string>;
  /** The custom domain, when there is one (its record joins the environment's `dnsRecords`). */
  readonly domain?: CustomDomain;

  // Unlike the main app's, the companion's resources are not `deletedWith` its app: removing the companion
  // deletes its database through the add-on's own delete, which checks the entry its guard prints, before the
  // app's delete, which then finds nothing to refuse.
  constructor(name: string, args: MetabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("paasenv:index:Metabase", name, {}, opts);
    const protect = args.protect ?? false;
    const app = createApp(name, args, protect, this);
    const database = createDatabase(name, args, app, protect, this);
    const reader = createReader(name, args, this);
    // Generated once and kept: a new key only when `keyRotation` changes (docs/companions.md).
    const key = new SecretKey(
      childName(name, "encryption-key"),
      { rotation: args.config.keyRotation },
      { parent: this, protect },
    );
    const variables = createVariables(name, args, app, { key: key.value, url: reader.connectionUrl }, this);
    const formation = createFormation(name, args, app, this);
    const deployment = createDeployment(name, args, app, [variables, database, formation], this);
    this.domain = createDomain(name, args, app, this);
    const others = [variables, formation, deployment, key, reader, ...(this.domain ? [this.domain] : [])];
    createEnvironmentGuard(
      name,
      { app, addons: { postgresql: database }, storage: undefined, others, deleting: DELETING },
      protect,
      this,
    );
    this.appName = app.name;
    this.url = this.domain ? pulumi.output(`https://${args.config.domain}`) : app.url;
    this.readOnlyUrl = pulumi.secret(reader.connectionUrl);
    this.registerOutputs({ appName: this.appName, url: this.url, readOnlyUrl: this.readOnlyUrl });
  }
}

function createApp(name: string, args: MetabaseArgs, protect: boolean, parent: pulumi.Resource): App {
  return new App(
    childName(name, "app"),
    {
      name: args.appName,
      region: args.region,
      forceHttps: true,
      addonPlans: { postgresql: args.config.plan },
      configKeys: { "addonPlans.postgresql": PLAN_KEY },
      // The app's `diff` refuses a replacement (region) while it holds its database, unless permitted.
      addons: ["postgresql"],
    },
    { parent, protect },
  );
}

function createFormation(name: string, args: MetabaseArgs, app: App, parent: pulumi.Resource): Formation {
  const web = { amount: args.config.amount, size: args.config.size };
  return new Formation(
    childName(name, "formation"),
    { appId: app.appId, region: args.region, processes: { web } },
    { parent },
  );
}

/** Metabase's own PostgreSQL, where it keeps its settings, users and questions. */
function createDatabase(
  name: string,
  args: MetabaseArgs,
  app: App,
  protect: boolean,
  parent: pulumi.Resource,
): Addon {
  return new Addon(
    childName(name, "postgresql"),
    {
      appId: app.appId,
      region: args.region,
      provider: "postgresql",
      plan: args.config.plan,
      configKeys: { plan: PLAN_KEY },
    },
    { parent, protect },
  );
}

/** The read-only user of the main database: Metabase can read the product's data and change none of it. */
function createReader(name: string, args: MetabaseArgs, parent: pulumi.Resource): DatabaseUser {
  const userArgs = {
    appId: args.mainAppId,
    region: args.region,
    addonId: args.mainDatabaseId,
    name: METABASE_USER,
    readOnly: true,
  };
  return new DatabaseUser(childName(name, "reader"), userArgs, { parent });
}

function createVariables(
  name: string,
  args: MetabaseArgs,
  app: App,
  secrets: { key: pulumi.Output<string>; url: pulumi.Output<string> },
  parent: pulumi.Resource,
): Variables {
  const variables = {
    ...METABASE_VARIABLES,
    [ENCRYPTION_KEY_VARIABLE]: secrets.key,
    [READ_ONLY_URL_VARIABLE]: secrets.url,
  };
  // Metabase reads its variables only at start: a change (a rotated key, a replaced user) restarts it.
  const variablesArgs = { appId: app.appId, region: args.region, variables, restartOnChange: true };
  return new Variables(childName(name, "variables"), variablesArgs, { parent });
}

/**
 * The archive at `config.version`, deployed once the variables (the buildpack), the database and the formation
 * (an `L` container: the JVM does not start in less) are in place.
 */
function createDeployment(
  name: string,
  args: MetabaseArgs,
  app: App,
  after: pulumi.Resource[],
  parent: pulumi.Resource,
): Deployment {
  const { version } = args.config;
  return new Deployment(
    childName(name, "deployment"),
    { appId: app.appId, region: args.region, sourceUrl: metabaseArchiveUrl(version), gitRef: version },
    { parent, dependsOn: after },
  );
}

function createDomain(
  name: string,
  args: MetabaseArgs,
  app: App,
  parent: pulumi.Resource,
): CustomDomain | undefined {
  const domain = args.config.domain;
  if (domain === undefined || args.dns === undefined) return undefined;
  return new CustomDomain(
    childName(name, domain),
    {
      appId: app.appId,
      region: args.region,
      domain,
      canonical: true,
      target: app.cnameTarget,
      dns: args.dns,
    },
    { parent },
  );
}
