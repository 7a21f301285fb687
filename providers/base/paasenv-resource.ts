/**
 * The program side of every paasenv dynamic resource: a custom resource of the `pulumi-nodejs` provider (the
 * dynamic-provider host), typed `pulumi-nodejs:dynamic/<module>:<type>` as `pulumi.dynamic.Resource` types it,
 * whose `__provider` is the fixed loader text of `by-reference.ts` and whose `resourceType` input tells the shim
 * which implementation serves it. Nothing is serialized, and the implementations (`*-provider.ts`) are never
 * loaded by the program.
 *
 * It imports `@pulumi/pulumi/resource` rather than the package's index: the index loads the Automation API and
 * npm's arborist (about 700 modules), which `pulumi.dynamic.Resource`'s closure serializer would load too.
 */
import type { Inputs } from "@pulumi/pulumi/output";
import { CustomResource, type CustomResourceOptions } from "@pulumi/pulumi/resource";
import { PROVIDER_LOADER } from "./by-reference";

/** A dynamic resource whose implementation is found by reference, by its `<module>:<type>`. */
export abstract class PaasenvResource extends CustomResource {
  /**
   * @param module the type token's module (`scalingo` in `pulumi-nodejs:dynamic/scalingo:App`)
   * @param type the type token's type (`App`); `<module>:<type>` is the key of `providers/index.ts`'s registry
   */
  constructor(module: string, type: string, name: string, props: Inputs, opts?: CustomResourceOptions) {
    const inputs = { ...props, resourceType: `${module}:${type}`, __provider: PROVIDER_LOADER };
    super(`pulumi-nodejs:dynamic/${module}:${type}`, name, inputs, opts);
  }
}
