/**
 * `npm run bench`: how much paasenv adds on top of Pulumi itself, measured in one run on this machine.
 *
 * Every figure comes from the real `pulumi` CLI, run as a user runs it (a plain `pulumi <command>` with the
 * committed `Pulumi.yaml`, a fresh temporary directory per run so no compile cache survives, as on a CI runner),
 * against the local Scalingo emulator with realistic latencies. Each is a median of several runs with its min
 * and max, and compared with a floor measured in the same run: an empty TypeScript program's preview (one run of
 * it before each measured run), or the API's own critical path. Nothing here asserts a time; tests pin API call
 * counts instead. The review scenario runs at Scalingo's own limit, 60 requests a minute per token (about 6 to 7
 * minutes of the bench); another `--rate-limit` is said in the output as a scaled one.
 *
 *   npm run bench [-- --runs 5 --latency-ms 50 --addon-provision-ms 3000 --operation-ms 1000
 *                     --review-stacks 20 --review-concurrency 4 --rate-limit 60 --out .bench/results.json]
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../../cli/lib/project";
import { currentEnv, ensurePulumiCli } from "../../cli/lib/pulumi-cli";
import { startEmulator } from "../../emulator/scalingo";
import { benchOptions } from "./options";
import { BENCH_CONFIG, emptyProject, paasenvProject, writeStackConfig } from "./projects";
import { markdownReport, type Report } from "./report";
import { reviewStacks } from "./review";
import { pulumi, userEnv } from "./run";
import * as scenario from "./scenarios";

const TOKEN = "tk-us-bench";

async function main(): Promise<void> {
  const options = benchOptions(process.argv.slice(2), process.env);
  const binDir = ensurePulumiCli();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "paasenv-bench-"));
  const emulator = await startEmulator({
    rateLimit: 0,
    latencyMs: options.latencyMs,
    addonProvisionMs: options.addonProvisionMs,
    operationMs: options.operationMs,
  });
  try {
    fs.mkdirSync(path.join(work, "backend"));
    const base = { ...currentEnv(), SCALINGO_API_TOKEN: TOKEN };
    const env = { ...userEnv(base, path.join(work, "backend"), binDir), SCALINGO_AUTH_URL: emulator.url };
    const bench: scenario.Bench = {
      empty: emptyProject(path.join(work, "empty")),
      paasenv: paasenvProject(path.join(work, "paasenv")),
      env,
      emulatorUrl: emulator.url,
      scratch: work,
      runs: options.runs,
      floorRuns: [],
    };
    for (const dir of [bench.empty, bench.paasenv]) await pulumi(dir, env, ["stack", "init", "bench"], work);
    writeStackConfig(bench.paasenv, "bench", BENCH_CONFIG);

    process.stderr.write(`paasenv bench: ${options.runs} runs each\n`);
    const { create, overhead, destroy } = await scenario.createAndDestroy(bench);
    await pulumi(bench.paasenv, env, ["up", "--yes", "--skip-preview"], work);
    const noopPreview = await scenario.noopPreview(bench);
    const noopUp = await scenario.noopUp(bench);
    const refresh = await scenario.refresh(bench);
    const floor = scenario.floor(bench);
    const memoryMb = await scenario.programMemory(bench, path.join(__dirname, "rss-hook.cjs"));
    await scenario.destroyWithPermission(bench);
    const review =
      options.reviewStacks > 0
        ? await reviewStacks(
            paasenvProject(path.join(work, "review")),
            userEnv(base, path.join(work, "backend"), binDir),
            work,
            {
              stacks: options.reviewStacks,
              concurrency: options.reviewConcurrency,
              rateLimit: options.rateLimit,
              latencyMs: options.latencyMs,
              addonProvisionMs: options.addonProvisionMs,
              operationMs: options.operationMs,
            },
          )
        : undefined;

    const report: Report = {
      machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}`,
      options,
      floor,
      noopPreview,
      noopUp,
      refresh,
      create,
      overhead,
      destroy,
      memoryMb,
      ...(review && { review }),
    };
    console.log(markdownReport(report));
    const out = path.resolve(REPO_ROOT, options.out);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), ...report }, null, 2)}\n`);
    process.stderr.write(`paasenv bench: results in ${path.relative(REPO_ROOT, out)}\n`);
  } finally {
    await emulator.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
