import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { create as createTar } from "tar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { withDestroyPermission } from "../../cli/lib/data-loss";
import { configFromValues } from "../../cli/lib/stack-config";
import {
  clearRequests,
  type E2E,
  emulatorState,
  openStack,
  pulumiCli,
  scalingoApi,
  startE2E,
  writeCalls,
} from "./harness";
import { permitsIn, rejectionOf } from "./refusals";

// Metabase beside a staging app (storage off, DNS manual), under the real engine against the emulator, deployed
// from Scalingo's archive URL (registered in the emulator, which downloads nothing): up makes both apps, the
// Metabase app with its own PostgreSQL, its key and the read-only URL as variables, the user read-only in the
// Database API, no secret in clear in the state; a second up writes nothing; turning the companion off is
// refused until its database is permitted, then removes it whole; destroy (as `paasenv review down` runs it)
// leaves nothing.

const APP = "e2e-bi";
const METABASE = `${APP}-metabase`;
const VERSION = "v1.0.0";
const ARCHIVE_URL = `https://github.com/Scalingo/metabase-scalingo/archive/${VERSION}.tar.gz`;

const values = (companion: boolean, extra: Record<string, unknown> = {}) => ({
  "paasenv:environment": "staging",
  "paasenv:app": { name: APP },
  "paasenv:addons": { postgresql: { plan: "postgresql-starter-512" } },
  "paasenv:dns": { provider: "manual" },
  ...(companion ? { "paasenv:companions": { metabase: { version: VERSION } } } : {}),
  ...extra,
});

let e2e: E2E;
let stack: Stack;

const api = async (path: string) =>
  z.record(z.string(), z.unknown()).parse(await scalingoApi(e2e, "GET", path));
const list = async <T extends z.ZodType>(path: string, key: string, item: T) =>
  z.array(item).parse((await api(path))[key]);
const addonSchema = z.object({ id: z.string(), addon_provider: z.object({ id: z.string() }) });
const apps = async () => Object.keys((await emulatorState(e2e)).regions["osc-fr1"]?.apps ?? {}).sort();

/** The archive as GitHub serves it: one top folder holding Scalingo's Metabase files. */
async function metabaseArchive(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "paasenv-metabase-"));
  try {
    const top = join(dir, `metabase-scalingo-${VERSION.slice(1)}`);
    await mkdir(top);
    await writeFile(join(top, "Procfile"), "web: HEROKU=true ./bin/start\n");
    await writeFile(join(top, ".buildpacks"), "https://github.com/Scalingo/metabase-buildpack.git\n");
    await createTar({ gzip: true, file: join(dir, "a.tar.gz"), cwd: dir }, [
      `metabase-scalingo-${VERSION.slice(1)}`,
    ]);
    return (await readFile(join(dir, "a.tar.gz"))).toString("base64");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  e2e = await startE2E("companions");
  const registered = await fetch(`${e2e.emulator.url}/__emulator/archives`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ url: ARCHIVE_URL, archive: await metabaseArchive() }),
  });
  expect(registered.status).toBe(201);
  stack = await openStack(e2e, "staging", configFromValues(values(true)));
});

afterAll(async () => {
  await e2e?.stop();
});

/** The JSON paths of `value` whose text contains `secret`. */
function pathsHolding(value: unknown, secret: string, at = "$"): string[] {
  if (typeof value === "string") return value.includes(secret) ? [at] : [];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) => pathsHolding(v, secret, `${at}.${k}`));
}

describe("a staging environment with Metabase", () => {
  let readOnlyUrl = "";
  let key = "";

  it("1. up makes both apps; Metabase has its own database, its key and the read-only URL, and runs the archive", async () => {
    const up = await stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(await apps()).toEqual([APP, METABASE]);
    const [own] = await list(`/v1/apps/${METABASE}/addons`, "addons", addonSchema);
    const [main] = await list(`/v1/apps/${APP}/addons`, "addons", addonSchema);
    expect(own?.addon_provider.id).toMatch(/postgresql$/);
    expect(own?.id).not.toBe(main?.id);
    const variables = Object.fromEntries(
      (
        await list(
          `/v1/apps/${METABASE}/variables`,
          "variables",
          z.object({ name: z.string(), value: z.string() }),
        )
      ).map((v) => [v.name, v.value]),
    );
    expect(variables).toMatchObject({
      BUILDPACK_URL: "https://github.com/Scalingo/multi-buildpack.git",
      MAX_METASPACE_SIZE: "512m",
    });
    key = variables.MB_ENCRYPTION_SECRET_KEY ?? "";
    readOnlyUrl = variables.MAIN_DATABASE_READONLY_URL ?? "";
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readOnlyUrl).toMatch(/^postgresql:\/\/metabase:/);
    expect(variables.DATABASE_URL).toBeDefined();
    expect(up.outputs.databaseUsers).toEqual({ value: { metabase: readOnlyUrl }, secret: true });
    expect(up.outputs.metabaseUrl?.value).toBe(`https://${METABASE}.osc-fr1.scalingo.io`);
    const deployments = await list(
      `/v1/apps/${METABASE}/deployments`,
      "deployments",
      z.object({ status: z.string(), git_ref: z.string() }),
    );
    expect(deployments).toEqual([expect.objectContaining({ status: "success", git_ref: VERSION })]);
    const containers = await list(
      `/v1/apps/${METABASE}/containers`,
      "containers",
      z.object({ name: z.string(), size: z.string(), amount: z.number() }),
    );
    expect(containers).toEqual([expect.objectContaining({ name: "web", size: "L", amount: 1 })]);
    const users = await list(
      `/api/databases/${main?.id}/users`,
      "database-users",
      z.object({ name: z.string(), read_only: z.boolean() }),
    );
    expect(users).toContainEqual(expect.objectContaining({ name: "metabase", read_only: true }));
  });

  it("2. the key and the read-only password are never in clear in the state, after a refresh too", async () => {
    // A refresh stores what each provider's read returns as the resource's inputs as well as its outputs.
    await pulumiCli(e2e, ["refresh", "--yes", "--skip-preview", "--stack", "staging"]);
    const exported = await pulumiCli(e2e, ["stack", "export", "--stack", "staging"]);
    const password = decodeURIComponent(new URL(readOnlyUrl).password);
    const state: unknown = JSON.parse(exported);
    // Where a secret sits in clear, by JSON path (never the secret itself in the failure message).
    expect({
      key: pathsHolding(state, key),
      password: pathsHolding(state, password),
      url: pathsHolding(state, readOnlyUrl),
    }).toEqual({ key: [], password: [], url: [] });
    for (const secret of [key, password, readOnlyUrl]) expect(exported.includes(secret)).toBe(false);
  });

  it("3. a second up makes no write call (the same version deploys nothing)", async () => {
    await clearRequests(e2e);
    const up = await stack.up();
    expect(Object.keys(up.summary.resourceChanges ?? {})).toEqual(["same"]);
    expect(await writeCalls(e2e)).toEqual([]);
  });

  it("4. turning Metabase off is refused before any delete; with the printed entry it goes, database and all", async () => {
    const [own] = await list(`/v1/apps/${METABASE}/addons`, "addons", addonSchema);
    stack = await openStack(e2e, "staging", configFromValues(values(false)));
    await clearRequests(e2e);
    const refusal = await rejectionOf(stack.up());
    expect(refusal).toContain(
      "removing `paasenv:companions.metabase` from the configuration (or destroying the environment) deletes " +
        `the postgresql add-on ${own?.id} and the data in it`,
    );
    expect(await writeCalls(e2e)).toEqual([]);
    expect(await apps()).toEqual([APP, METABASE]);
    expect(permitsIn(refusal)).toEqual([{ resource: "addons.postgresql", id: own?.id }]);
    stack = await openStack(
      e2e,
      "staging",
      configFromValues(values(false, { "paasenv:permitDataLoss": permitsIn(refusal) })),
    );
    expect((await stack.up()).summary.result).toBe("succeeded");
    expect(await apps()).toEqual([APP]);
    const [main] = await list(`/v1/apps/${APP}/addons`, "addons", addonSchema);
    const users = await list(
      `/api/databases/${main?.id}/users`,
      "database-users",
      z.object({ name: z.string() }),
    );
    expect(users.map((u) => u.name)).not.toContain("metabase");
  });

  it("5. destroy, with the permission `paasenv review down` gives, leaves nothing", async () => {
    stack = await openStack(e2e, "staging", configFromValues(values(false)));
    const destroy = await withDestroyPermission(stack, console.info, () => stack.destroy());
    expect(destroy.summary.result).toBe("succeeded");
    expect(await apps()).toEqual([]);
  });
});
