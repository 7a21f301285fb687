/** The measurements of `npm run bench`, each a median of several runs of the real CLI against the emulator. */
import * as fs from "node:fs";
import * as path from "node:path";
import { destroyPermits, grantLine } from "../../cli/lib/data-loss";
import { PERMIT_ENV } from "../../providers/base/data-loss";
import { type Calls, countCalls, takeRequests } from "./api";
import { pulumi, repeat, type Spread, spread } from "./run";

/** Where a scenario runs: the projects, the environment, the emulator, a scratch folder. */
export interface Bench {
  empty: string;
  paasenv: string;
  env: Record<string, string>;
  emulatorUrl: string;
  scratch: string;
  runs: number;
  /** The floor's runs so far: one before each measured run, so the floor spans the same minutes as they do. */
  floorRuns: number[];
}

/** A measured figure with the API calls of one of its runs. */
export interface Measured {
  time: Spread;
  calls?: Calls;
}

const run = (bench: Bench, dir: string, args: string[]) => pulumi(dir, bench.env, args, bench.scratch);

/**
 * One run of the floor, an empty TypeScript program's preview, taken before each measured run: a shared machine
 * drifts over minutes, and a floor measured only at the start would pair figures from different minutes.
 */
async function floorRun(bench: Bench): Promise<void> {
  bench.floorRuns.push((await run(bench, bench.empty, ["preview"])).ms);
}

/** The floor: every run of it taken alongside the measured ones. */
export function floor(bench: Bench): Measured {
  const runs = bench.floorRuns.map((ms) => (ms / 1000).toFixed(2)).join(", ");
  process.stderr.write(`  empty program: preview (${bench.floorRuns.length} runs, interleaved): ${runs}\n`);
  return { time: spread(bench.floorRuns) };
}

/** A timed command on the paasenv project, with the API calls it made (per run). */
async function measuredCommand(bench: Bench, label: string, args: string[]): Promise<Measured> {
  await takeRequests(bench.emulatorUrl);
  const time = await repeat(label, bench.runs, async () => {
    await floorRun(bench);
    return (await run(bench, bench.paasenv, args)).ms;
  });
  const all = countCalls(await takeRequests(bench.emulatorUrl));
  const per = (n: number) => Math.round(n / bench.runs);
  return {
    time,
    calls: {
      reads: per(all.reads),
      writes: per(all.writes),
      exchanges: per(all.exchanges),
      criticalPathMs: 0,
    },
  };
}

export const noopPreview = (bench: Bench) => measuredCommand(bench, "paasenv: no-op preview", ["preview"]);
export const noopUp = (bench: Bench) =>
  measuredCommand(bench, "paasenv: no-op up", ["up", "--yes", "--skip-preview"]);
export const refresh = (bench: Bench) =>
  measuredCommand(bench, "paasenv: refresh", ["refresh", "--yes", "--skip-preview"]);

/** First `up` (create) and `destroy`, alternately; the API's own critical path of each create. */
export async function createAndDestroy(
  bench: Bench,
): Promise<{ create: Measured; overhead: Spread; destroy: Measured }> {
  const creates: number[] = [];
  const overheads: number[] = [];
  const destroys: number[] = [];
  let createCalls: Calls | undefined;
  let destroyCalls: Calls | undefined;
  for (let i = 0; i < bench.runs; i++) {
    await floorRun(bench);
    await takeRequests(bench.emulatorUrl);
    const up = await run(bench, bench.paasenv, ["up", "--yes", "--skip-preview"]);
    createCalls = countCalls(await takeRequests(bench.emulatorUrl));
    creates.push(up.ms);
    overheads.push(up.ms - createCalls.criticalPathMs);
    const down = await destroyWithPermission(bench);
    destroyCalls = countCalls(await takeRequests(bench.emulatorUrl));
    destroys.push(down.ms);
  }
  const show = (label: string, values: number[]) =>
    process.stderr.write(`  ${label}: ${values.map((v) => (v / 1000).toFixed(2)).join(", ")}\n`);
  show("paasenv: create (first up)", creates);
  show("paasenv: create minus the API's critical path", overheads);
  show("paasenv: destroy", destroys);
  return {
    create: { time: spread(creates), ...(createCalls && { calls: createCalls }) },
    overhead: spread(overheads),
    destroy: { time: spread(destroys), ...(destroyCalls && { calls: destroyCalls }) },
  };
}

/**
 * `pulumi destroy`, with the data-loss permission for what the stack holds (as `paasenv review down` grants
 * it): read from `pulumi stack export` beforehand, which is not timed.
 */
export async function destroyWithPermission(bench: Bench): Promise<{ ms: number }> {
  const exported = await run(bench, bench.paasenv, ["stack", "export"]);
  const permits = destroyPermits(JSON.parse(exported.stdout));
  process.stderr.write(`  ${grantLine("bench", permits) ?? "bench: nothing holds data"}\n`);
  const env = { ...bench.env, [PERMIT_ENV]: JSON.stringify(permits) };
  return pulumi(bench.paasenv, env, ["destroy", "--yes", "--skip-preview"], bench.scratch);
}

/** Peak resident memory of the program process during a no-op preview, in MiB. */
export async function programMemory(bench: Bench, hook: string): Promise<number> {
  const file = path.join(bench.scratch, "rss.jsonl");
  fs.rmSync(file, { force: true });
  const env = { ...bench.env, NODE_OPTIONS: `--require ${hook}`, PAASENV_BENCH_RSS_FILE: file };
  await pulumi(bench.paasenv, env, ["preview"], bench.scratch);
  const lines = fs
    .readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { script: string; maxRssKb: number });
  const program = lines.find((l) => l.script.includes(path.join("cmd", "run")));
  if (program === undefined) throw new Error(`bench: no program process in ${file}`);
  return program.maxRssKb / 1024;
}
