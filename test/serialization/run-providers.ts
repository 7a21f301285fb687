/**
 * Plain-Node step of the serialization test: load each serialized provider the way the `pulumi-nodejs` dynamic
 * provider host does (`require-from-string(text).handler()`, nothing else loaded), configure it from a stack
 * config, and run check/create/read/delete against the emulator. Prints one JSON report on stdout.
 * Usage: SCALINGO_TEST_TOKEN=… node run-providers.js <textsDir> <emulatorUrl>
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ScalingoProvider } from "../../providers/scalingo/settings";

type Bag = Record<string, unknown>;

const requireFromString: (code: string) => { handler(): ScalingoProvider } = require("require-from-string");

function load(dir: string, name: string, config: Record<string, string>): Promise<ScalingoProvider> {
  const provider = requireFromString(readFileSync(join(dir, `${name}.js`), "utf8")).handler();
  const get = (key: string) => config[key];
  return provider.configure({ config: { get, require: (key) => get(key) ?? "" } }).then(() => provider);
}

/** check → create → read, as the engine runs them; returns what each step gave. */
async function lifecycle(provider: ScalingoProvider, news: Bag) {
  const checked = await provider.check({}, { ...news, __provider: "text" });
  const created = await provider.create({ ...checked.inputs, __provider: "text" });
  const read = await provider.read(created.id, created.outs);
  return { failures: checked.failures ?? [], id: created.id, outs: created.outs ?? {}, read };
}

async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error instanceof Error
      ? { name: error.name, message: error.message, isError: true }
      : { value: String(error) };
  }
}

async function main(dir: string, url: string): Promise<void> {
  const config = {
    "scalingo:apiToken": process.env.SCALINGO_TEST_TOKEN ?? "",
    "scalingo:authUrl": url,
    "scalingo:retryBaseMs": "5",
    "scalingo:pollIntervalMs": "20",
  };
  const [app, addon, variables, formation, domain] = await Promise.all(
    ["app", "addon", "variables", "formation", "domain"].map((name) => load(dir, name, config)),
  );
  if (!app || !addon || !variables || !formation || !domain) throw new Error("a provider did not load");
  const region = "osc-fr1";
  const a = await lifecycle(app, { name: "serialized-app", region });
  const appId = a.id;
  const steps = {
    app: a,
    addon: await lifecycle(addon, { appId, region, provider: "redis", plan: "redis-sandbox" }),
    variables: await lifecycle(variables, { appId, region, variables: { GREETING: "hello" } }),
    formation: await lifecycle(formation, { appId, region, processes: { web: { amount: 1, size: "S" } } }),
    domain: await lifecycle(domain, { appId, region, name: "www.serialized.example" }),
  };
  const clash = await errorOf(app.create({ name: "serialized-app", region, __provider: "text" }));
  for (const [name, provider] of [
    ["domain", domain],
    ["formation", formation],
    ["variables", variables],
    ["addon", addon],
    ["app", app],
  ] as const) {
    const step = steps[name];
    await provider.delete(step.id, step.outs);
  }
  const afterDelete = await app.read(appId, a.outs);
  process.stdout.write(JSON.stringify({ steps, clash, afterDelete }));
}

main(process.argv[2] ?? ".", process.argv[3] ?? "").catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
