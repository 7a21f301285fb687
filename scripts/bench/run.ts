/**
 * Running the real `pulumi` CLI the way a user runs it, timed from outside: a plain `pulumi <command>` in the
 * project directory with the committed `Pulumi.yaml`, a file backend, and a fresh temporary directory per run so
 * that no compile cache survives from one run to the next (as on a CI runner's fresh checkout).
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** Environment of every run: offline, a file backend, no transpile-only override (what users run). */
export function userEnv(
  base: Record<string, string>,
  backendDir: string,
  binDir: string,
): Record<string, string> {
  const env = { ...base };
  delete env.PULUMI_NODEJS_TRANSPILE_ONLY;
  return {
    ...env,
    PATH: [binDir, path.dirname(process.execPath), env.PATH ?? ""].join(path.delimiter),
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: "",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_HOME: path.join(backendDir, "pulumi-home"),
  };
}

/** One timed run. */
export interface Timed {
  ms: number;
  stdout: string;
}

/** Runs `pulumi …args` in `dir` with a fresh TMPDIR under `scratch`; rejects with its output on failure. */
export function pulumi(
  dir: string,
  env: Record<string, string>,
  args: string[],
  scratch: string,
): Promise<Timed> {
  const tmp = fs.mkdtempSync(path.join(scratch, "tmp-"));
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const runEnv = { ...env, TMPDIR: tmp };
    execFile(
      "pulumi",
      args,
      { cwd: dir, env: runEnv, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const ms = performance.now() - started;
        fs.rmSync(tmp, { recursive: true, force: true });
        if (error)
          reject(new Error(`pulumi ${args.join(" ")} failed (${error.message}):\n${stdout}\n${stderr}`));
        else resolve({ ms, stdout });
      },
    );
  });
}

/** Median, min and max of some figures. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return { median, min: sorted[0] ?? 0, max: sorted.at(-1) ?? 0, runs: [...values] };
}

/** Runs `once` `runs` times in a row and reports its figures (milliseconds, or whatever `once` returns). */
export async function repeat(label: string, runs: number, once: () => Promise<number>): Promise<Spread> {
  const values: number[] = [];
  for (let run = 0; run < runs; run++) values.push(await once());
  process.stderr.write(`  ${label}: ${values.map((v) => (v / 1000).toFixed(2)).join(", ")}\n`);
  return spread(values);
}
