import * as pulumi from "../providers/base/sdk";
import { Addon, App, Formation, Variables } from "../providers/scalingo";
import {
  companionDomains,
  companionOutputs,
  companionResources,
  createCompanions,
  withCompanionUsers,
} from "./companions";
import { planConfigKey } from "./config/addons";
import { permitWarning } from "./config/data-loss";
import {
  ADDON_PROVIDERS,
  type AddonProvider,
  canonicalUrl,
  catalogChecks,
  configVariables,
  declaredAddons,
  formationProcesses,
  hasDomains,
  type Protection,
  protectionFor,
} from "./config/environment";
import { ERROR_PAGE_VARIABLES, errorPageVariables } from "./config/error-pages";
import { ConfigError } from "./config/errors";
import { childName } from "./config/naming";
import { canonicalDomain } from "./config/review";
import type { StackConfig } from "./config/schema";
import { appVariables, variableClashes, wiredVariableNames, wiredVariables } from "./config/variables";
import { CustomDomain } from "./custom-domain";
import { createEnvironmentGuard } from "./data-guard";
import { type DnsRecord, dnsFor, manualInstructions } from "./dns/adapters";
import { deployerAccessKey, ObjectStorage, storageArgsFor, storageProblems } from "./object-storage";
import {
  autoscaledBounds,
  createProductionResources,
  type ProductionOutputs,
  withAutoscaledAmounts,
} from "./production";

/**
 * Refuse, before any resource is declared, what the schema cannot see: variables set twice, and storage
 * without the deployer's Scaleway access key (`storageProblems`).
 */
export function checkEnvironment(config: StackConfig, deployerKey: string | undefined): void {
  const problems = [
    ...variableClashes(config, wiredVariableNames(config.storage.enabled)),
    ...storageProblems(config, deployerKey),
  ];
  if (problems.length > 0) throw new ConfigError(problems);
}

/**
 * A complete Scalingo environment from one validated stack config: the app, its formation, PostgreSQL and
 * Redis, environment variables (custom error pages included), custom domains with their DNS records, Scaleway
 * object storage, and the production resources (monitoring, database settings and users, log drains,
 * autoscalers, collaborators: `production.ts`), and the companion apps (Metabase: `companions.ts`).
 *
 * Plain config values decide what exists; children are named `<name>-<key>` with keys from maps (process
 * type, add-on provider, domain name), never array indices. Nothing data-bearing (the app while it holds
 * add-ons, each add-on, the bucket) is deleted or replaced unless `paasenv:permitDataLoss` names it by its
 * current ID; a guard declared last (`data-guard.ts`) makes a destroy refuse before it touches anything. In
 * production the app, the data-bearing resources and that guard are also `protect`ed.
 *
 * @example
 * ```ts
 * const env = new AppEnvironment("paasenv", loadConfig());
 * export const url = env.url;
 * ```
 */
export class AppEnvironment extends pulumi.ComponentResource {
  /** The Scalingo app's name. */
  readonly appName: pulumi.Output<string>;
  /** The Scalingo app's ID. */
  readonly appId: pulumi.Output<string>;
  /** `https://<canonical domain>` when one is set, else the app's Scalingo URL. */
  readonly url: pulumi.Output<string>;
  /** The app's Scalingo URL (`https://<app>.<region>.scalingo.io`). */
  readonly baseUrl: pulumi.Output<string>;
  /** The Git remote to deploy with `git push`. */
  readonly gitUrl: pulumi.Output<string>;
  /** The DNS records pointing the custom domains at the app (created, or to create by hand with `manual`). */
  readonly dnsRecords: pulumi.Output<DnsRecord[]>;
  /** The bucket's name, when object storage is on (absent otherwise, so no empty output shows). */
  readonly bucketName?: pulumi.Output<string>;
  /** The bucket's URL, when object storage is on. */
  readonly bucketEndpoint?: pulumi.Output<string>;
  /** The PostgreSQL add-on's ID, when there is one. */
  readonly databaseAddonId?: pulumi.Output<string>;
  /** The periodic backups of the add-ons whose backups the config manages (`enabled`, UTC `hours`). */
  readonly backupSchedule?: ProductionOutputs["backupSchedule"];
  /** The database users' connection URLs (secret), by user name: the config's and the companions'. */
  readonly databaseUsers?: ProductionOutputs["databaseUsers"];
  /** `metabaseAppName` and `metabaseUrl` when Metabase is on. */
  readonly companionOutputs: Record<string, pulumi.Output<unknown>>;

  constructor(name: string, config: StackConfig, opts?: pulumi.ComponentResourceOptions) {
    const deployerKey = deployerAccessKey();
    checkEnvironment(config, deployerKey);
    super("paasenv:index:AppEnvironment", name, {}, opts);
    const protection = protectionFor(config.environment);
    warnOfPermits(config, this);
    const app = createApp(name, config, protection, this);
    const formation = createFormation(name, config, app, this);
    const addons = createAddons(name, config, app, protection, this);
    const production = createProductionResources(
      name,
      config,
      { app, addons, formation },
      { parent: this, deletedWith: app },
    );
    const storage = createStorage(name, config, deployerKey, app, this);
    const url = canonicalUrl(config) ?? app.url;
    const variables = createVariables(name, config, app, url, storage, this);
    const domains = createDomains(name, config, app, this);
    const companions = createCompanions(name, config, { app, addons }, protection.data, this);
    const others = [
      formation,
      variables,
      ...domains,
      ...production.resources,
      ...companionResources(companions),
    ];
    createEnvironmentGuard(name, { app, addons, storage, others }, protection.guard, this);
    this.appName = app.name;
    this.appId = app.appId;
    this.url = pulumi.output(url);
    this.baseUrl = app.baseUrl;
    this.gitUrl = app.gitUrl;
    this.dnsRecords = pulumi.all(
      [...domains, ...companionDomains(companions)].map((domain) => domain.record),
    );
    this.bucketName = storage?.bucketName;
    this.bucketEndpoint = storage?.endpoint;
    this.databaseAddonId = addons.postgresql?.addonId;
    this.backupSchedule = production.backupSchedule;
    this.databaseUsers = withCompanionUsers(production.databaseUsers, companions);
    this.companionOutputs = companionOutputs(companions);
    if (config.dns.provider === "manual") printManualRecords(this.dnsRecords, this);
    this.registerOutputs(this.outputs());
  }

  /**
   * Every output, as `index.ts` exports them and `registerOutputs` records them; the optional ones only when
   * they exist (Pulumi warns about, and hides, an undefined stack output).
   */
  outputs(): Record<string, pulumi.Output<unknown>> {
    const { appName, appId, url, baseUrl, gitUrl, dnsRecords, bucketName, bucketEndpoint, databaseAddonId } =
      this;
    const { backupSchedule, databaseUsers } = this;
    const optional = { bucketName, bucketEndpoint, databaseAddonId, backupSchedule, databaseUsers };
    return {
      appName,
      appId,
      url,
      baseUrl,
      gitUrl,
      dnsRecords,
      ...Object.fromEntries(Object.entries(optional).filter(([, output]) => output !== undefined)),
      ...this.companionOutputs,
    };
  }
}

function createApp(name: string, config: StackConfig, protection: Protection, parent: pulumi.Resource): App {
  const { app } = config;
  return new App(
    childName(name, "app"),
    {
      name: app.name,
      region: app.region,
      ...(app.stack === undefined ? {} : { stack: app.stack }),
      forceHttps: app.forceHttps,
      routerLogs: app.routerLogs,
      stickySession: app.stickySession,
      ...catalogChecks(config),
      // The app's `diff` refuses a replacement (region) while it holds these, unless permitted.
      addons: declaredAddons(config.addons),
    },
    { parent, protect: protection.app },
  );
}

function createFormation(name: string, config: StackConfig, app: App, parent: pulumi.Resource): Formation {
  const autoscaled = autoscaledBounds(config.autoscaler);
  const processes = withAutoscaledAmounts(formationProcesses(config.processes), autoscaled);
  return new Formation(
    childName(name, "formation"),
    {
      appId: app.appId,
      region: config.app.region,
      processes,
      ...(Object.keys(autoscaled).length === 0 ? {} : { autoscaled }),
    },
    { parent, deletedWith: app },
  );
}

function createAddons(
  name: string,
  config: StackConfig,
  app: App,
  protection: Protection,
  parent: pulumi.Resource,
): Partial<Record<AddonProvider, Addon>> {
  const addons: Partial<Record<AddonProvider, Addon>> = {};
  for (const provider of ADDON_PROVIDERS) {
    const addon = config.addons[provider];
    if (!addon) continue;
    const version = "version" in addon ? addon.version : undefined;
    // The provider's `diff` refuses a replacement, and its `delete` a deletion, unless permitted.
    addons[provider] = new Addon(
      childName(name, provider),
      {
        appId: app.appId,
        region: config.app.region,
        provider,
        plan: addon.plan,
        ...(version === undefined ? {} : { version }),
        configKeys: { plan: planConfigKey(config.environment, provider) },
      },
      { parent, protect: protection.data, deletedWith: app },
    );
  }
  return addons;
}

/**
 * The bucket, declared after the app: the app's `check` validates the stack and the add-on plans against
 * Scalingo's catalog, and a refusal there must stop everything, the bucket included.
 */
function createStorage(
  name: string,
  config: StackConfig,
  deployerKey: string | undefined,
  app: App,
  parent: pulumi.Resource,
): ObjectStorage | undefined {
  // `checkEnvironment` refused storage without a deployer key before anything was declared.
  if (!config.storage.enabled || deployerKey === undefined) return undefined;
  const args = storageArgsFor(config, deployerKey);
  return new ObjectStorage(childName(name, "storage"), args, { parent, dependsOn: [app] });
}

function createVariables(
  name: string,
  config: StackConfig,
  app: App,
  url: pulumi.Input<string>,
  storage: ObjectStorage | undefined,
  parent: pulumi.Resource,
): Variables {
  const wiring = storage && {
    bucketName: storage.bucketName,
    endpoint: storage.apiEndpoint,
    region: storage.region,
    accessKey: storage.accessKey,
    secretKey: storage.secretKey,
  };
  // The error pages' variables live here too (one resource owns each key); Scalingo reads them at start.
  const pages = errorPageVariables(config.errorPages);
  return new Variables(
    childName(name, "variables"),
    {
      appId: app.appId,
      region: config.app.region,
      variables: appVariables(configVariables(config), { ...wiredVariables(url, wiring), ...pages }),
      ...(Object.keys(pages).length === 0 ? {} : { restartKeys: Object.values(ERROR_PAGE_VARIABLES) }),
    },
    { parent, deletedWith: app },
  );
}

function createDomains(name: string, config: StackConfig, app: App, parent: pulumi.Resource): CustomDomain[] {
  const dns = hasDomains(config) ? dnsFor(config.dns) : undefined;
  if (!dns) return [];
  const canonical = canonicalDomain(config.domains);
  return config.domains.map(
    (domain) =>
      new CustomDomain(
        childName(name, domain.name),
        {
          appId: app.appId,
          region: config.app.region,
          domain: domain.name,
          canonical: domain.name === canonical,
          target: app.cnameTarget,
          dns,
        },
        { parent, deletedWith: app },
      ),
  );
}

/** Say plainly, in every preview and up, what `paasenv:permitDataLoss` lets this run lose. */
function warnOfPermits(config: StackConfig, resource: pulumi.Resource): void {
  const warning = permitWarning(config.permitDataLoss);
  if (warning !== undefined) void pulumi.log.warn(warning, resource);
}

/** `manual` DNS: print the records to create by hand once the app's target is known. */
function printManualRecords(records: pulumi.Output<DnsRecord[]>, resource: pulumi.Resource): void {
  // Logging only: nothing is declared inside this apply.
  records.apply((list) => pulumi.log.info(manualInstructions(list), resource));
}
