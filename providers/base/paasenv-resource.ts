/**
 * The program side of every paasenv dynamic resource: a `pulumi.dynamic.Resource` declared with the one
 * provider shim (`by-reference.ts`) and the `resourceType` input that tells the shim which implementation
 * serves it. The implementations themselves (`*-provider.ts`) are never loaded by the program.
 */
import * as pulumi from "@pulumi/pulumi";
import { providerShim } from "./by-reference";

/** A dynamic resource whose implementation is found by reference, by its `<module>:<type>`. */
export abstract class PaasenvResource extends pulumi.dynamic.Resource {
  /**
   * @param module the type token's module (`scalingo` in `pulumi-nodejs:dynamic/scalingo:App`)
   * @param type the type token's type (`App`); `<module>:<type>` is the key of `providers/index.ts`'s registry
   */
  constructor(
    module: string,
    type: string,
    name: string,
    props: pulumi.Inputs,
    opts?: pulumi.CustomResourceOptions,
  ) {
    super(providerShim, name, { ...props, resourceType: `${module}:${type}` }, opts, module, type);
  }
}
