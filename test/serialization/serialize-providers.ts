/**
 * Plain-Node step of the serialization test (compiled by tsc, never run under vitest): serialize each provider
 * exactly as `new pulumi.dynamic.Resource(provider, …)` does and write the texts to `<outDir>/<name>.js`.
 * Usage: node serialize-providers.js <outDir>
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as runtime from "@pulumi/pulumi/runtime";
import { addonProvider } from "../../providers/scalingo/addon";
import { appProvider } from "../../providers/scalingo/app";
import { domainProvider } from "../../providers/scalingo/domain";
import { formationProvider } from "../../providers/scalingo/formation";
import { variablesProvider } from "../../providers/scalingo/variables";

/** `dynamic/index.js` `serializeFunctionMaybeSecret`: the provider is a closure variable, captured by value. */
const serialize = async (provider: object) =>
  (await runtime.serializeFunction(() => provider, { allowSecrets: true })).text;

async function main(outDir: string): Promise<void> {
  const providers = {
    app: appProvider,
    addon: addonProvider,
    variables: variablesProvider,
    formation: formationProvider,
    domain: domainProvider,
  };
  for (const [name, provider] of Object.entries(providers)) {
    writeFileSync(join(outDir, `${name}.js`), await serialize(provider));
  }
}

main(process.argv[2] ?? ".").catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
