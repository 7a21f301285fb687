/**
 * `@pulumiverse/scaleway`, loaded the first time a Scaleway resource is declared. Its index loads
 * `@pulumi/pulumi`'s (the Automation API and npm's arborist with it, see `providers/base/sdk.ts`), which a
 * stack with storage off and DNS elsewhere than Scaleway never needs: loading it eagerly cost every such
 * `pulumi preview` about a second. Types come from a type-only import, which is erased.
 */
import type * as Scaleway from "@pulumiverse/scaleway";

export type { Scaleway };

/** The Scaleway SDK, loaded on first call (Node caches it after). */
export function scalewaySdk(): typeof Scaleway {
  return require("@pulumiverse/scaleway");
}
