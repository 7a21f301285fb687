/**
 * The options of a resource that lives inside the Scalingo app: its formation, add-ons, variables, Scalingo
 * domains and the production resources (notifiers, alerts, log drains, autoscalers, collaborators, database
 * settings and users). Deleting an app on Scalingo deletes everything it holds, so when the app itself is
 * deleted, `deletedWith` lets the engine skip their own deletes: a destroy is one write for all of them
 * (docs/benchmarks.md). Deleting one of them alone (a domain removed from the config) still deletes it.
 *
 * What `deletedWith` skips runs none of its own checks, so nothing data-bearing relies on them at destroy:
 * the environment's guard (`data-guard.ts`), which is never declared with `deletedWith`, is deleted first
 * and refuses a destroy that `paasenv:permitDataLoss` does not permit, and the app's own `delete` refuses,
 * while it holds add-ons, unless the permission names the app or every add-on it holds. DNS records outside
 * Scalingo are not inside the app and are declared without it (`custom-domain.ts`: a component declared
 * `deletedWith` makes the engine skip its children's deletes too).
 */
import type * as pulumi from "../providers/base/sdk";

/** `parent` and `deletedWith` for a resource inside `app`, declared under `parent`. */
export interface InsideApp {
  parent: pulumi.Resource;
  deletedWith: pulumi.Resource;
}

/** The options of a component's children inside the app: the component as parent, the app it was given. */
export function childrenInsideApp(
  parent: pulumi.Resource,
  opts: { deletedWith?: pulumi.Resource } | undefined,
): {
  parent: pulumi.Resource;
  deletedWith?: pulumi.Resource;
} {
  return opts?.deletedWith === undefined ? { parent } : { parent, deletedWith: opts.deletedWith };
}
