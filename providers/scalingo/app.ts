/**
 * `App`: a Scalingo application. Rename in place; a region change replaces it (and with it everything stored
 * in it: refused while it holds add-ons, unless `paasenv:permitDataLoss` names it). Settings (`forceHttps`,
 * `routerLogs`, `stickySession`, `stack`) converge in place.
 * @see https://developers.scalingo.com/apps
 */
import type * as pulumi from "@pulumi/pulumi";
import { PaasenvResource } from "../base/paasenv-resource";
import type { appOutputs } from "./app-mappers";
import type { Region } from "./limits";

/** Bump when the CRUD logic changes, so `up` rewrites the code stored in state. */
export const APP_PROVIDER_VERSION = "2";

/** Arguments of an {@link App}. */
export interface AppArgs {
  /**
   * The app name: 6–48 lower-case letters, digits and single hyphens, unique in its region. Changing it renames
   * the app in place (its URL changes; children keep the app ID).
   * @example `"shop-staging"`
   */
  name: pulumi.Input<string>;
  /** The Scalingo region. Changing it replaces the app. @example `"osc-fr1"` */
  region: pulumi.Input<Region | (string & {})>;
  /**
   * The [stack](https://doc.scalingo.com/platform/internals/stacks/stacks) by name; applies at the next deploy.
   * @default the region's default stack (left unmanaged)
   * @example `"scalingo-24"`
   */
  stack?: pulumi.Input<string>;
  /** Redirect HTTP to HTTPS. @default `true` */
  forceHttps?: pulumi.Input<boolean>;
  /** Add router logs to the app's logs. @default `false` */
  routerLogs?: pulumi.Input<boolean>;
  /** Sticky sessions (session affinity). @default `false` */
  stickySession?: pulumi.Input<boolean>;
  /**
   * The add-on providers the environment declares on this app (its data). A change that replaces the app
   * (its region) would delete them with it, so it is refused while there are any, unless
   * `paasenv:permitDataLoss` names the app by its current ID.
   * @default `[]`
   * @example `["postgresql", "redis"]`
   */
  addons?: pulumi.Input<string[]>;
  /**
   * Take over an existing app with this name instead of failing (`pulumi import` does not work for dynamic
   * resources). Stack config `scalingo:adoptExisting` sets it for every resource.
   * @default `false`
   */
  adopt?: pulumi.Input<boolean>;
  /**
   * Add-on plans to look up in Scalingo's catalog with the app, by provider: `check` refuses an unknown one
   * (naming the plans that exist) before the app is created, so `up --skip-preview` stops before anything
   * exists. Looked up only when changed; never diffed (the `Addon` applies the plan).
   * @example `{ postgresql: "postgresql-starter-512", redis: "redis-starter-256" }`
   */
  addonPlans?: pulumi.Input<Partial<Record<"postgresql" | "redis", pulumi.Input<string>>>>;
  /**
   * The stack-config key each checked input came from, named in `check`'s messages. Never diffed.
   * @example `{ stack: "paasenv:app.stack", "addonPlans.postgresql": "paasenv:addons.postgresql.plan" }`
   */
  configKeys?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** Outputs of an {@link App} (besides its inputs). */
export type AppOutputs = ReturnType<typeof appOutputs>;

/**
 * A Scalingo app.
 *
 * @example
 * ```ts
 * const app = new App("shop", { name: "shop-staging", region: "osc-fr1", stack: "scalingo-24" });
 * export const url = app.url;
 * ```
 */
export class App extends PaasenvResource {
  /** The app ID (children take it, so a rename replaces nothing). */
  declare readonly appId: pulumi.Output<string>;
  /** The app name. */
  declare readonly name: pulumi.Output<string>;
  /** The region. */
  declare readonly region: pulumi.Output<string>;
  /** The URL used to reach the app (may become the canonical domain). */
  declare readonly url: pulumi.Output<string>;
  /** The generated `https://<app>.<region>.scalingo.io` URL. */
  declare readonly baseUrl: pulumi.Output<string>;
  /** The Git remote to push to for a deployment. */
  declare readonly gitUrl: pulumi.Output<string>;
  /** The DNS target for custom domains: `<app>.<region>.scalingo.io.` (trailing dot). */
  declare readonly cnameTarget: pulumi.Output<string>;
  /** The stack ID (`st-…`). */
  declare readonly stackId: pulumi.Output<string | undefined>;

  constructor(name: string, args: AppArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = {
      appId: undefined,
      url: undefined,
      baseUrl: undefined,
      gitUrl: undefined,
      cnameTarget: undefined,
    };
    const props = {
      ...outputs,
      stackId: undefined,
      ...args,
      providerVersion: APP_PROVIDER_VERSION,
      resourceName: name,
    };
    super("scalingo", "App", name, props, opts);
  }
}
