/**
 * `Collaborator`: a person invited to work on an app, by e-mail. Idempotent: an invitation or a collaborator
 * already there for that address is taken over, never invited twice. A new address replaces the collaborator;
 * `limited` (Scalingo's limited role) changes in place. Whether the invitation was accepted changes on its own,
 * so it is not an output.
 * @see https://developers.scalingo.com/collaborators
 */
import type * as pulumi from "@pulumi/pulumi";
import { PaasenvResource } from "../base/paasenv-resource";

/** Bump when the CRUD logic changes, so `up` rewrites the code stored in state. */
export const COLLABORATOR_PROVIDER_VERSION = "1";

/** Arguments of a {@link Collaborator}. */
export interface CollaboratorArgs {
  /** The app's ID (`App.appId`). */
  appId: pulumi.Input<string>;
  /** The app's region. @example `"osc-fr1"` */
  region: pulumi.Input<string>;
  /** The address invited; changing it replaces the collaborator. @example `"dev@example.com"` */
  email: pulumi.Input<string>;
  /** Scalingo's limited collaborator role (what the CLI's `collaborators-add` does not set). @default `false` */
  limited?: pulumi.Input<boolean>;
}

/**
 * A collaborator of a Scalingo app.
 *
 * @example
 * ```ts
 * new Collaborator("shop-collaborator-dev", { appId: app.appId, region: "osc-fr1", email: "dev@example.com" });
 * ```
 */
export class Collaborator extends PaasenvResource {
  /** The collaborator's ID. */
  declare readonly collaboratorId: pulumi.Output<string>;

  constructor(name: string, args: CollaboratorArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      collaboratorId: undefined,
      ...args,
      providerVersion: COLLABORATOR_PROVIDER_VERSION,
      resourceName: name,
    };
    super("scalingo", "Collaborator", name, props, opts);
  }
}
