/**
 * The parts of `@pulumi/pulumi` the program and the resource classes use, loaded from the SDK's submodules.
 *
 * `import * as pulumi from "@pulumi/pulumi"` loads the SDK's index, and the index loads the Automation API
 * and npm's arborist with it: about 580 more modules, a second of CPU on every `pulumi preview` of a
 * program that never uses them (docs/benchmarks.md). Product code writes `import * as pulumi from
 * "<path>/providers/base/sdk"` instead and keeps the familiar `pulumi.output`, `pulumi.Input`, `pulumi.log`.
 * `test/layout/sdk-index.test.ts` loads the program's modules and checks that the index stays unloaded.
 * (`import type` from the index costs nothing: it is erased.)
 */
import * as runtimeConfig from "@pulumi/pulumi/runtime/config";
import { getRootDirectory } from "@pulumi/pulumi/runtime/settings";

export * as log from "@pulumi/pulumi/log";
export { getStack } from "@pulumi/pulumi/metadata";
export type { Input, Inputs } from "@pulumi/pulumi/output";
export { all, interpolate, Output, output, secret } from "@pulumi/pulumi/output";
export type { ComponentResourceOptions, CustomResourceOptions } from "@pulumi/pulumi/resource";
export { ComponentResource, CustomResource, Resource } from "@pulumi/pulumi/resource";

/**
 * What the program reads of Pulumi's runtime: every config value (as strings), whether a key is secret, the
 * project's root directory. `isConfigSecret` is marked internal in the SDK's typings, so it is looked up.
 */
export const runtime = {
  allConfig: runtimeConfig.allConfig,
  getRootDirectory,
  isConfigSecret: (runtimeConfig as Record<string, unknown>).isConfigSecret,
};
