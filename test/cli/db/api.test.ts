/**
 * The Database API calls of `paasenv status` and `paasenv db restore` against the emulator: a database's facts
 * (newest backup first, PITR window), a restore started once even when its answer is lost, and its operation
 * followed to `finished`.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { databaseFacts, getDbOperation, startRestore } from "../../../cli/db/api";
import { addonProvider } from "../../../providers/scalingo/addon-provider";
import { appProvider } from "../../../providers/scalingo/app-provider";
import { type ScalingoClient, scalingoClient } from "../../../providers/scalingo/client";
import type { DatabaseTarget } from "../../../providers/scalingo/database-api";
import { api, appWithAddon, type Harness, useHarness } from "../../providers/scalingo/harness";

const harness = useHarness([appProvider, addonProvider]);
let h: Harness;
let target: DatabaseTarget;
let client: ScalingoClient;

beforeEach(async () => {
  h = harness();
  target = await appWithAddon("shop-production", "postgresql", "postgresql-business-1024");
  client = await scalingoClient(appProvider, "osc-fr1");
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("database facts", () => {
  it("gives the newest backup first and the PITR window", async () => {
    await api(h, "POST", `/api/databases/${target.addonId}/backups`);
    await sleep(10);
    const second = (await api(h, "POST", `/api/databases/${target.addonId}/backups`)).database_backup as {
      id: string;
    };
    const facts = await databaseFacts(client, target);
    expect(facts.backups.map((b) => b.method)).toEqual(["manual", "manual"]);
    expect(facts.backups[0]?.id).toBe(second.id);
    expect(facts.recoveryWindow?.latest_recoverable_at).toMatch(/^\d{4}-/);
    expect(facts.database).toMatchObject({ type_name: "postgresql", current_operation_id: null });
  });
});

describe("a point-in-time restore", () => {
  it("starts once, then its operation is followed to finished", async () => {
    const to = (await databaseFacts(client, target)).recoveryWindow?.latest_recoverable_at ?? "";
    await h.clearRequests();
    const id = await startRestore(client, target, to);
    const statuses = new Set<string>();
    for (let i = 0; i < 100; i++) {
      const operation = await getDbOperation(client, target, id);
      statuses.add(operation.status);
      if (operation.status === "finished") break;
      await sleep(10);
    }
    expect([...statuses].at(-1)).toBe("finished");
    const posts = (await h.writes()).filter((r) => r.path.endsWith("/pitr/restore"));
    expect(posts.map((r) => r.status)).toEqual([201]);
  });

  it("after a lost answer, follows the operation that started instead of starting another", async () => {
    const to = (await databaseFacts(client, target)).recoveryWindow?.latest_recoverable_at ?? "";
    await h.fault({
      method: "POST",
      path: `/api/databases/${target.addonId}/pitr/restore`,
      drop: true,
      when: "after",
    });
    const id = await startRestore(client, target, to);
    const posts = (await h.requests()).filter((r) => r.path.endsWith("/pitr/restore"));
    expect(posts.map((r) => r.status)).toEqual([0]);
    expect((await getDbOperation(client, target, id)).id).toBe(id);
  });
});
