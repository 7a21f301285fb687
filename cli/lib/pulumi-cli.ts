/**
 * Where the real Pulumi CLI is and how to run it: shared by the demo, the `paasenv` CLI, the benchmarks and
 * the end-to-end tests.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { PulumiCommand } from "@pulumi/pulumi/automation";

/** The repository root (this file is cli/lib/pulumi-cli.ts). */
const repoRoot = path.resolve(__dirname, "..", "..");

let cachedBinDir: string | undefined;

/**
 * Makes sure the real Pulumi CLI is available and returns the directory holding `pulumi`,
 * `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs`.
 *
 * Runs `scripts/install-pulumi.sh` once per process: it uses an official CLI found on PATH, or builds
 * one from the pinned Go modules (several minutes on a cold Go cache, about a second once cached).
 * Its progress goes to this process's stderr.
 */
export function ensurePulumiCli(): string {
  if (cachedBinDir === undefined) {
    const output = execFileSync("bash", [path.join(repoRoot, "scripts", "install-pulumi.sh")], {
      cwd: repoRoot,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    const lastLine = output.trim().split("\n").at(-1);
    if (lastLine === undefined || lastLine === "") {
      throw new Error("scripts/install-pulumi.sh printed no bin directory");
    }
    cachedBinDir = lastLine;
  }
  return cachedBinDir;
}

/** `process.env` without its undefined entries. */
export function currentEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined) env[key] = value;
  }
  return env;
}

/**
 * The environment for running the real engine offline against a `file://` backend in `backendDir`:
 * the current environment plus PATH with the Pulumi bin directory and this Node's bin directory first,
 * an empty passphrase for the passphrase secrets provider, no update check, no plugin download,
 * and a private PULUMI_HOME (`<backendDir>/pulumi-home`). TypeScript is transpile-only through Pulumi.yaml
 * (`tsconfig: tsconfig.pulumi.json`), as under a plain `pulumi`, not through this environment.
 * Pass it to `LocalWorkspace` (`envVars`) or to `execFile` (`env`).
 */
export function pulumiEnv(backendDir: string): Record<string, string> {
  return {
    ...withPulumiOnPath(currentEnv(), ensurePulumiCli()),
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: "",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_HOME: path.join(backendDir, "pulumi-home"),
  };
}

/**
 * The CLI for the Automation API (`LocalWorkspace.create({ pulumiCommand: await pulumiCommand() })`),
 * so that it never looks for, or downloads, another `pulumi`.
 */
export async function pulumiCommand(): Promise<PulumiCommand> {
  return pulumiCommandAt(ensurePulumiCli());
}

/**
 * The Automation API's handle on the CLI in `binDir`: it wants `<root>/bin/pulumi`, so another layout (an
 * official CLI elsewhere on PATH) is used through PATH.
 */
export function pulumiCommandAt(binDir: string): Promise<PulumiCommand> {
  return PulumiCommand.get({ root: path.basename(binDir) === "bin" ? path.dirname(binDir) : undefined });
}

/** `env` with the Pulumi CLI's directory and this Node's directory first on PATH. */
export function withPulumiOnPath(env: Record<string, string>, binDir: string): Record<string, string> {
  return { ...env, PATH: [binDir, path.dirname(process.execPath), env.PATH ?? ""].join(path.delimiter) };
}
