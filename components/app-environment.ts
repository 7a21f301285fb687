import * as pulumi from "../providers/base/sdk";
import { Addon, App, Formation, Variables } from "../providers/scalingo";
import { addonPlans, planConfigKey } from "./config/addons";
import type { ProcessConfig } from "./config/app";
import { permitWarning } from "./config/data-loss";
import { ERROR_PAGE_VARIABLES, errorPageVariables } from "./config/error-pages";
import { ConfigError } from "./config/errors";
import { childName } from "./config/naming";
import { environmentHosts, resolveVariables } from "./config/placeholders";
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

/** The add-on providers paasenv manages, in the order they are declared. */
export const ADDON_PROVIDERS = ["postgresql", "redis"] as const;
type AddonProvider = (typeof ADDON_PROVIDERS)[number];

/**
 * Which resources carry `protect: true`: in production the app, every data-bearing resource and the
 * environment's guard (so a destroy is refused before anything is deleted).
 */
export interface Protection {
  /** The Scalingo app. */
  app: boolean;
  /** PostgreSQL, Redis and the bucket. */
  data: boolean;
  /** The environment's data-loss guard, which a destroy must delete first (`components/data-guard.ts`). */
  guard: boolean;
}

/** The {@link Protection} of an environment: everything in production, nothing elsewhere. */
export function protectionFor(environment: StackConfig["environment"]): Protection {
  const production = environment === "production";
  return { app: production, data: production, guard: production };
}

/** The add-on providers the config declares, in declaration order. */
export function declaredAddons(addons: StackConfig["addons"]): AddonProvider[] {
  return ADDON_PROVIDERS.filter((provider) => addons[provider] !== undefined);
}

/** The formation, keyed by process type: `web`, plus `worker` when configured. */
export function formationProcesses(processes: StackConfig["processes"]): Record<string, ProcessConfig> {
  const { web, worker } = processes;
  return worker ? { web, worker } : { web };
}

/** Whether custom domains are handled at all: some are configured and `paasenv:dns.provider` is not `none`. */
export function hasDomains(config: Pick<StackConfig, "domains" | "dns">): boolean {
  return config.domains.length > 0 && config.dns.provider !== "none";
}

/** `https://<canonical domain>` when domains are handled, else `undefined` (the app's Scalingo URL is used). */
export function canonicalUrl(config: Pick<StackConfig, "domains" | "dns">): string | undefined {
  const canonical = hasDomains(config) ? canonicalDomain(config.domains) : undefined;
  return canonical === undefined ? undefined : `https://${canonical}`;
}

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
 * autoscalers, collaborators: `production.ts`).
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
  /** The database users' connection URLs (secret), by user name, when the config has users. */
  readonly databaseUsers?: ProductionOutputs["databaseUsers"];

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
    const others = [formation, variables, ...domains, ...production.resources];
    createEnvironmentGuard(name, { app, addons, storage, others }, protection.guard, this);
    this.appName = app.name;
    this.appId = app.appId;
    this.url = pulumi.output(url);
    this.baseUrl = app.baseUrl;
    this.gitUrl = app.gitUrl;
    this.dnsRecords = pulumi.all(domains.map((domain) => domain.record));
    this.bucketName = storage?.bucketName;
    this.bucketEndpoint = storage?.endpoint;
    this.databaseAddonId = addons.postgresql?.addonId;
    this.backupSchedule = production.backupSchedule;
    this.databaseUsers = production.databaseUsers;
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

/**
 * What the App's `check` looks up in Scalingo's catalog, with the config keys to name: the stack and every
 * add-on plan. The app is the first resource of the environment (the bucket waits for it too), so an unknown
 * plan stops `up --skip-preview` before anything exists.
 */
export function catalogChecks(config: StackConfig): {
  addonPlans: Record<string, string>;
  configKeys: Record<string, string>;
} {
  const plans = addonPlans(config.addons);
  const configKeys: Record<string, string> = { stack: "paasenv:app.stack" };
  for (const provider of ADDON_PROVIDERS) {
    if (plans[provider] !== undefined)
      configKeys[`addonPlans.${provider}`] = planConfigKey(config.environment, provider);
  }
  return { addonPlans: plans, configKeys };
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

/** `paasenv:env` with its placeholders (`{{hosts}}`, …) resolved for this environment; `secretEnv` as it is. */
export function configVariables(config: StackConfig): Pick<StackConfig, "env" | "secretEnv"> {
  return { env: resolveVariables(config.env, environmentHosts(config)), secretEnv: config.secretEnv };
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
