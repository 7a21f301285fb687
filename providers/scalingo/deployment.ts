/**
 * `Deployment`: the code an app runs, deployed from an archive URL (`POST /v1/apps/:app/deployments`), and
 * followed until it succeeds. It is keyed on `gitRef`, the version the archive holds: an unchanged `gitRef` and
 * `sourceUrl` make no call at all, a new one deploys again (an update, waiting for success). Deleting the
 * resource deletes nothing: Scalingo keeps an app's deployments for as long as the app exists.
 * @see https://developers.scalingo.com/deployments#trigger-a-deployment-from-an-archive
 */
import type * as pulumi from "@pulumi/pulumi";
import { PaasenvResource } from "../base/paasenv-resource";

/** Bump when the CRUD logic changes, so `up` rewrites what state holds. */
export const DEPLOYMENT_PROVIDER_VERSION = "1";

/** Arguments of a {@link Deployment}. */
export interface DeploymentArgs {
  /** The app's ID (`App.appId`). */
  appId: pulumi.Input<string>;
  /** The app's region. @example `"osc-fr1"` */
  region: pulumi.Input<string>;
  /**
   * A `.tar.gz` archive Scalingo downloads: its single top folder holds the app.
   * @example `"https://github.com/Scalingo/metabase-scalingo/archive/796a167.tar.gz"`
   */
  sourceUrl: pulumi.Input<string>;
  /**
   * The version the archive holds, sent as `git_ref` (which the archive API requires); a new one deploys again.
   * @example `"796a1674f6da1e38a1411a5083482ad1518a1bf3"`
   */
  gitRef: pulumi.Input<string>;
}

/**
 * A deployment from an archive, waited for until `success`.
 *
 * @example
 * ```ts
 * new Deployment("shop-metabase-deployment", {
 *   appId: app.appId, region: "osc-fr1", sourceUrl: archiveUrl("796a167"), gitRef: "796a167",
 * }, { dependsOn: [variables, database] });
 * ```
 */
export class Deployment extends PaasenvResource {
  /** The ID of the deployment that succeeded. */
  declare readonly deploymentId: pulumi.Output<string>;
  /** Its status as last read (`success` once created). */
  declare readonly status: pulumi.Output<string>;

  constructor(name: string, args: DeploymentArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = { deploymentId: undefined, status: undefined };
    const props = { ...outputs, ...args, providerVersion: DEPLOYMENT_PROVIDER_VERSION, resourceName: name };
    super("scalingo", "Deployment", name, props, opts);
  }
}
