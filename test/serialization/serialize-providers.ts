/**
 * Plain-Node step of the serialization test (compiled by tsc, never run under vitest): serialize the one
 * provider object every paasenv resource is declared with, exactly as `new pulumi.dynamic.Resource(provider, …)`
 * does, and write its text to `<outDir>/provider.js`.
 * Usage: node serialize-providers.js <outDir>
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as runtime from "@pulumi/pulumi/runtime";
import { providerShim } from "../../providers/base/by-reference";

/** `dynamic/index.js` `serializeFunctionMaybeSecret`: the provider is a closure variable, captured by value. */
async function main(outDir: string): Promise<void> {
  const { text } = await runtime.serializeFunction(() => providerShim, { allowSecrets: true });
  writeFileSync(join(outDir, "provider.js"), text);
}

main(process.argv[2] ?? ".").catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
