/**
 * Plain-Node step of the serialization test: load the provider the way the `pulumi-nodejs` host does
 * (`require-from-string(text).handler()`, from the current directory, nothing else loaded), configure it from a
 * stack config, and run check/create/read/delete of every resource type against the emulators. Prints one JSON
 * report on stdout.
 * Usage: SCALINGO_TEST_TOKEN=… ALWAYSDATA_TEST_KEY=… node run-providers.js <provider.js> <scalingoUrl> <alwaysdataUrl>
 */
import { readFileSync } from "node:fs";
import type { dynamic } from "@pulumi/pulumi";

type Bag = Record<string, unknown>;
type Provider = Required<dynamic.ResourceProvider<Bag, Bag>>;

const requireFromString: (code: string) => { handler(): Provider } = require("require-from-string");

async function load(file: string, config: Record<string, string>): Promise<Provider> {
  const provider = requireFromString(readFileSync(file, "utf8")).handler();
  const get = (key: string) => config[key];
  await provider.configure({ config: { get, require: (key) => get(key) ?? "" } });
  return provider;
}

/** check → create → read, as the engine runs them; returns what each step gave. */
async function lifecycle(provider: Provider, resourceType: string, news: Bag) {
  const checked = await provider.check({}, { ...news, resourceType, __provider: "text" });
  const created = await provider.create({ ...checked.inputs, __provider: "text" });
  const read = await provider.read(created.id, created.outs);
  return { failures: checked.failures ?? [], id: created.id, outs: created.outs ?? {}, read };
}

async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
    return undefined;
  } catch (error) {
    if (!(error instanceof Error)) return { value: String(error) };
    const status = "status" in error ? error.status : undefined;
    return { name: error.name, message: error.message, status, isError: true };
  }
}

/** The production resources of an app with a PostgreSQL add-on, in the order a stack declares them. */
async function production(provider: Provider, appId: string, region: string) {
  const child = { appId, region };
  const pg = await lifecycle(provider, "scalingo:Addon", {
    ...child,
    provider: "postgresql",
    plan: "postgresql-starter-512",
  });
  const addonId = pg.id;
  const notifier = await lifecycle(provider, "scalingo:Notifier", {
    ...child,
    name: "ops",
    platform: "email",
    emails: ["ops@example.com"],
    events: ["crash"],
  });
  return {
    pg,
    notifier,
    alert: await lifecycle(provider, "scalingo:Alert", {
      ...child,
      containerType: "web",
      metric: "5XX",
      limit: 10,
      durationBeforeTrigger: "2m",
      notifiers: [notifier.id],
    }),
    logDrain: await lifecycle(provider, "scalingo:LogDrain", {
      ...child,
      addonId,
      type: "syslog",
      host: "logs.example.com",
      port: 6514,
    }),
    settings: await lifecycle(provider, "scalingo:DatabaseSettings", {
      ...child,
      addonId,
      backups: { enabled: true, hour: 3 },
      maintenanceWindow: { day: "sunday", hour: 2 },
      features: ["force-ssl"],
    }),
    dbUser: await lifecycle(provider, "scalingo:DatabaseUser", {
      ...child,
      addonId,
      name: "metabase",
      readOnly: true,
    }),
    autoscaler: await lifecycle(provider, "scalingo:Autoscaler", {
      ...child,
      containerType: "web",
      minContainers: 2,
      maxContainers: 4,
      metric: "rpm_per_container",
      target: 600,
    }),
    collaborator: await lifecycle(provider, "scalingo:Collaborator", { ...child, email: "dev@example.com" }),
  };
}

/**
 * Every Scalingo resource through its life. The deletes run in `laterRun`, a second provider as in a later
 * `pulumi destroy`, whose config permits losing the app with its add-on (read from the stack config by the
 * serialized code): the first provider remembers what it created and no stale record deletes that.
 */
async function scalingo(provider: Provider, laterRun: (config: Record<string, string>) => Promise<Provider>) {
  const region = "osc-fr1";
  const app = await lifecycle(provider, "scalingo:App", { name: "serialized-app", region });
  const appId = app.id;
  const steps = {
    app,
    addon: await lifecycle(provider, "scalingo:Addon", {
      appId,
      region,
      provider: "redis",
      plan: "redis-sandbox",
    }),
    variables: await lifecycle(provider, "scalingo:Variables", {
      appId,
      region,
      variables: { GREETING: "hello" },
    }),
    formation: await lifecycle(provider, "scalingo:Formation", {
      appId,
      region,
      processes: { web: { amount: 2, size: "S" } },
      autoscaled: { web: { min: 2, max: 4 } },
    }),
    domain: await lifecycle(provider, "scalingo:Domain", { appId, region, name: "www.serialized.example" }),
    ...(await production(provider, appId, region)),
  };
  const clash = await errorOf(
    provider.create({ name: "serialized-app", region, resourceType: "scalingo:App", __provider: "text" }),
  );
  const guard = await lifecycle(provider, "paasenv:Guard", {
    held: ["app", "addons.redis"],
    ids: { app: appId, "addons.redis": steps.addon.id },
  });
  const refused = await errorOf(provider.delete(guard.id, guard.outs));
  const destroyer = await laterRun({
    "paasenv:permitDataLoss": JSON.stringify([{ resource: "app", id: appId }]),
  });
  await destroyer.delete(guard.id, guard.outs);
  const order = [
    "collaborator",
    "autoscaler",
    "dbUser",
    "settings",
    "logDrain",
    "alert",
    "notifier",
    "pg",
    "domain",
    "formation",
    "variables",
    "addon",
    "app",
  ] as const;
  for (const name of order) {
    await destroyer.delete(steps[name].id, steps[name].outs);
  }
  const afterDelete = await destroyer.read(appId, app.outs);
  return { steps, clash, afterDelete, guard: { outs: guard.outs, refused } };
}

async function alwaysdata(provider: Provider, wrongKey: Provider) {
  const news = {
    zone: "example.com",
    name: "www.example.com.",
    type: "CNAME",
    value: "my-app.osc-fr1.scalingo.io.",
  };
  const record = await lifecycle(provider, "alwaysdata:Record", news);
  const error = await errorOf(
    wrongKey.create({ ...news, resourceType: "alwaysdata:Record", __provider: "text" }),
  );
  await provider.delete(record.id, record.outs);
  return { record, error };
}

async function main(file: string, scalingoUrl: string, alwaysdataUrl: string): Promise<void> {
  const config = (alwaysdataKey: string) => ({
    "scalingo:apiToken": process.env.SCALINGO_TEST_TOKEN ?? "",
    "scalingo:authUrl": scalingoUrl,
    "scalingo:retryBaseMs": "5",
    "scalingo:pollIntervalMs": "20",
    "alwaysdata:apiKey": alwaysdataKey,
    "alwaysdata:apiUrl": alwaysdataUrl,
  });
  const provider = await load(file, config(process.env.ALWAYSDATA_TEST_KEY ?? ""));
  // The host caches one provider per `__provider` text; a second host process stands in for another key.
  const wrongKey = await load(file, config("wrong-key"));
  const laterRun = (extra: Record<string, string>) =>
    load(file, { ...config(process.env.ALWAYSDATA_TEST_KEY ?? ""), ...extra });
  const report = {
    scalingo: await scalingo(provider, laterRun),
    alwaysdata: await alwaysdata(provider, wrongKey),
  };
  process.stdout.write(JSON.stringify(report));
}

main(process.argv[2] ?? "", process.argv[3] ?? "", process.argv[4] ?? "").catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
