import { describe, expect, it } from "vitest";
import { type HostFacts, judgeHolder, type LockHolder, parseLockHolders } from "../../../cli/recover/lock";

// The text Pulumi's DIY backend prints when `pulumi stack import` (or up, refresh…) meets another run's lock.
const LOCKED =
  "error: could not import deployment: the stack is currently locked by 2 lock(s). Either wait for the other " +
  "process(es) to end or delete the lock file with `pulumi cancel`.\n" +
  "  file:///tmp/b/.pulumi/locks/organization/paasenv/staging/7a1e.json: created by root@vm (pid 31894) at " +
  "2026-11-30T20:25:17Z\n" +
  "  s3://state/.pulumi/locks/organization/paasenv/staging/9c2f.json: created by ci@corp.example@runner-7 (pid 12) " +
  "at 2026-11-30T19:00:00.123456789Z\n";

const NOW = new Date("2026-11-30T21:00:00Z");
const HOUR = 3_600_000;

const holder = (changes: Partial<LockHolder> = {}): LockHolder => ({
  url: "file:///tmp/b/.pulumi/locks/x.json",
  username: "root",
  hostname: "vm",
  pid: 4242,
  takenAt: new Date("2026-11-30T20:50:00Z"),
  ...changes,
});

/** This machine, `vm`: which pids run, since when, and which plugin pids started since a time. */
const host = (running: Record<number, string>, plugins: number[] = []): HostFacts => ({
  hostname: "vm",
  pidExists: (pid) => pid in running,
  pidStartedAt: (pid) => (running[pid] === undefined ? undefined : new Date(running[pid])),
  pluginPidsSince: () => plugins,
});

describe("parseLockHolders", () => {
  it("reads every holder Pulumi lists: url, user, host, pid, time", () => {
    expect(parseLockHolders(LOCKED)).toEqual([
      {
        url: "file:///tmp/b/.pulumi/locks/organization/paasenv/staging/7a1e.json",
        username: "root",
        hostname: "vm",
        pid: 31894,
        takenAt: new Date("2026-11-30T20:25:17Z"),
      },
      {
        url: "s3://state/.pulumi/locks/organization/paasenv/staging/9c2f.json",
        username: "ci@corp.example",
        hostname: "runner-7",
        pid: 12,
        takenAt: new Date("2026-11-30T19:00:00.123Z"),
      },
    ]);
  });

  it.each([
    ["another error", "error: could not import deployment: state file contains errors"],
    ["fewer holder lines than locks", LOCKED.split("\n").slice(0, 2).join("\n")],
    ["an unreadable time", LOCKED.replace("2026-11-30T20:25:17Z", "yesterday")],
  ])("gives nothing for %s (nothing can be proven)", (_what, text) => {
    expect(parseLockHolders(text)).toBeUndefined();
  });
});

describe("judgeHolder", () => {
  it.each([
    [
      "its pid runs here",
      host({ 4242: "2026-11-30T20:49:59Z" }),
      false,
      "pid 4242 is still running on this machine",
    ],
    [
      "its pid is gone and no plugin runs",
      host({}),
      true,
      "pid 4242 and its plugins are no longer running on vm",
    ],
    [
      "its pid is gone but plugins started since the lock run",
      host({}, [5001, 5002]),
      false,
      "plugin processes of this project started since the lock still run (pid 5001, 5002)",
    ],
    [
      "its pid now belongs to a process started after the lock",
      host({ 4242: "2026-11-30T20:55:00Z" }),
      true,
      "pid 4242 and its plugins are no longer running on vm",
    ],
  ])("on this machine, when %s", (_what, facts, dead, why) => {
    const verdict = judgeHolder(holder(), facts, NOW, HOUR);
    expect(verdict.dead).toBe(dead);
    expect(verdict.why).toContain(why);
  });

  it("from another machine, only an age beyond --assume-dead-after proves it dead", () => {
    const young = judgeHolder(holder({ hostname: "runner-7" }), host({}), NOW, HOUR);
    expect(young).toMatchObject({ dead: false });
    expect(young.why).toBe(
      "taken on another machine (runner-7) less than 1h ago, and paasenv cannot check a process there: it may " +
        "still be running",
    );
    const old = holder({ hostname: "runner-7", takenAt: new Date(NOW.getTime() - HOUR) });
    expect(judgeHolder(old, host({ 4242: "2026-11-30T19:00:00Z" }), NOW, HOUR)).toMatchObject({
      dead: true,
      why: "taken on another machine longer ago than --assume-dead-after 1h",
    });
  });
});
