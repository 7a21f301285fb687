/**
 * `npm run bench`: how much paasenv adds on top of Pulumi itself, measured in one run on this machine.
 *
 * Every figure is a median of several runs of the real `pulumi` CLI against the local Scalingo emulator, and
 * is reported as a ratio to a baseline measured in the same run (an empty Pulumi program's preview), so the
 * numbers compare across machines. Nothing here asserts a time: tests count API calls instead.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { copyProject } from "../cli/lib/project";
import { ensurePulumiCli, pulumiEnv } from "../cli/lib/pulumi-cli";
import { startEmulator } from "../emulator/scalingo";

const RUNS = Number(process.env.PAASENV_BENCH_RUNS ?? 3);
const TOKEN = "tk-us-bench";

/** The demo's stack: staging with object storage off and DNS none (no Scaleway plugin offline). */
const BENCH_CONFIG = {
  "paasenv:environment": "staging",
  "paasenv:app": { name: "paasenv-bench", region: "osc-fr1" },
  "paasenv:processes": { web: { amount: 2, size: "M" }, worker: { amount: 1, size: "M" } },
  "paasenv:addons": { postgresql: { plan: "postgresql-starter-512" }, redis: { plan: "redis-starter-256" } },
  "paasenv:env": { DJANGO_SETTINGS_MODULE: "myapp.settings.staging", WEB_CONCURRENCY: "2" },
  "paasenv:domains": [{ name: "bench.example.com" }],
  "paasenv:dns": { provider: "manual" },
  "paasenv:storage": { enabled: false },
};

interface Sample {
  label: string;
  medianMs: number;
  runs: number[];
}

/** Runs the real CLI (asynchronously: the emulator answers from this very process) and returns its wall time. */
function pulumi(dir: string, env: NodeJS.ProcessEnv, args: string[]): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile("pulumi", args, { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error)
        reject(new Error(`pulumi ${args.join(" ")} failed (${error.message}):\n${stdout}\n${stderr}`));
      else resolve(performance.now() - started);
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function measure(label: string, once: () => Promise<number>): Promise<Sample> {
  const runs: number[] = [];
  for (let run = 0; run < RUNS; run++) runs.push(await once());
  const sample = { label, medianMs: median(runs), runs };
  process.stderr.write(`  ${label}: ${runs.map((ms) => `${(ms / 1000).toFixed(1)}s`).join(", ")}\n`);
  return sample;
}

async function emulatorCalls(url: string): Promise<{ reads: number; writes: number }> {
  const body = (await (await fetch(`${url}/__emulator/requests`)).json()) as {
    requests: { method: string; path: string }[];
  };
  const calls = body.requests.filter((request) => !request.path.endsWith("/tokens/exchange"));
  const writes = calls.filter((request) => request.method !== "GET").length;
  return { reads: calls.length - writes, writes };
}

async function main(): Promise<void> {
  ensurePulumiCli();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "paasenv-bench-"));
  const emulator = await startEmulator({ rateLimit: 0, addonProvisionMs: 50, operationMs: 50 });
  try {
    const env = {
      ...pulumiEnv(path.join(work, "backend")),
      SCALINGO_AUTH_URL: emulator.url,
      SCALINGO_API_TOKEN: TOKEN,
    };
    fs.mkdirSync(path.join(work, "backend"));

    const empty = path.join(work, "empty");
    fs.mkdirSync(empty);
    fs.writeFileSync(path.join(empty, "Pulumi.yaml"), "name: empty\nruntime: nodejs\n");
    fs.writeFileSync(path.join(empty, "index.ts"), "export {};\n");
    fs.symlinkSync(path.resolve(__dirname, "..", "node_modules"), path.join(empty, "node_modules"));
    await pulumi(empty, env, ["stack", "init", "bench"]);

    const project = copyProject(path.join(work, "paasenv"));
    await pulumi(project, env, ["stack", "init", "bench"]);
    const stackFile = path.join(project, "Pulumi.bench.yaml");
    const stack = (parse(fs.readFileSync(stackFile, "utf8")) ?? {}) as Record<string, unknown>;
    fs.writeFileSync(stackFile, stringify({ ...stack, config: BENCH_CONFIG }));

    process.stderr.write(`paasenv bench: ${RUNS} runs each, medians\n`);
    const baseline = await measure("empty program: preview", () => pulumi(empty, env, ["preview"]));
    const firstUp = await measure("paasenv: first up (created, then destroyed)", async () => {
      const up = await pulumi(project, env, ["up", "--yes", "--skip-preview"]);
      await pulumi(project, env, ["destroy", "--yes", "--skip-preview"]);
      return up;
    });
    await pulumi(project, env, ["up", "--yes", "--skip-preview"]);
    await fetch(`${emulator.url}/__emulator/requests`, { method: "DELETE" });
    const noopPreview = await measure("paasenv: no-op preview", () => pulumi(project, env, ["preview"]));
    const previewCalls = await emulatorCalls(emulator.url);
    await fetch(`${emulator.url}/__emulator/requests`, { method: "DELETE" });
    const noopUp = await measure("paasenv: no-op up", () =>
      pulumi(project, env, ["up", "--yes", "--skip-preview"]),
    );
    const upCalls = await emulatorCalls(emulator.url);
    await fetch(`${emulator.url}/__emulator/requests`, { method: "DELETE" });
    const refresh = await measure("paasenv: refresh", () =>
      pulumi(project, env, ["refresh", "--yes", "--skip-preview"]),
    );
    const refreshCalls = await emulatorCalls(emulator.url);
    await pulumi(project, env, ["destroy", "--yes", "--skip-preview"]);

    const ratio = (sample: Sample) => (sample.medianMs / baseline.medianMs).toFixed(2);
    const rows = [
      ["empty program: preview (baseline)", baseline, "1.00", "—"],
      ["paasenv: first up", firstUp, ratio(firstUp), "—"],
      ["paasenv: no-op preview", noopPreview, ratio(noopPreview), perRun(previewCalls)],
      ["paasenv: no-op up", noopUp, ratio(noopUp), perRun(upCalls)],
      ["paasenv: refresh", refresh, ratio(refresh), perRun(refreshCalls)],
    ] as const;
    console.log("\n| measurement | median | × empty preview | API calls per run (reads / writes) |");
    console.log("| --- | --- | --- | --- |");
    for (const [label, sample, times, calls] of rows) {
      console.log(`| ${label} | ${(sample.medianMs / 1000).toFixed(2)} s | ${times} | ${calls} |`);
    }
    console.log(`\n${RUNS} runs each on ${os.cpus().length} cores, Node ${process.version}.`);
  } finally {
    await emulator.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function perRun(calls: { reads: number; writes: number }): string {
  return `${(calls.reads / RUNS).toFixed(0)} / ${(calls.writes / RUNS).toFixed(0)}`;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
