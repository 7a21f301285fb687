/**
 * Where the real Pulumi CLI is and how to run it: shared by the demo, the `paasenv` CLI, the benchmarks and
 * the end-to-end tests.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { PulumiCommand } from "@pulumi/pulumi/automation";
import { PACKAGE_ROOT } from "./package-root";

/** The checkout's installer; an installed paasenv has none and uses the `pulumi` on PATH. */
const INSTALL_SCRIPT = path.join(PACKAGE_ROOT, "scripts", "install-pulumi.sh");

let cachedBinDir: string | undefined;

/**
 * Makes sure the real Pulumi CLI is available and returns the directory holding `pulumi`,
 * `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs`.
 *
 * In a checkout, runs `scripts/install-pulumi.sh` once per process: it uses an official CLI found on PATH, or
 * builds one from the pinned Go modules (several minutes on a cold Go cache, about a second once cached). Its
 * progress goes to this process's stderr. Installed as a package, paasenv uses the `pulumi` on PATH.
 */
export function ensurePulumiCli(): string {
  cachedBinDir ??= fs.existsSync(INSTALL_SCRIPT) ? installWithScript() : pulumiOnPath(process.env.PATH);
  return cachedBinDir;
}

function installWithScript(): string {
  const output = execFileSync("bash", [INSTALL_SCRIPT], {
    cwd: PACKAGE_ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lastLine = output.trim().split("\n").at(-1);
  if (lastLine === undefined || lastLine === "") {
    throw new Error("scripts/install-pulumi.sh printed no bin directory");
  }
  return lastLine;
}

/** The first directory of `pathVariable` (a `PATH`) holding an executable `pulumi`. */
export function pulumiOnPath(pathVariable: string | undefined): string {
  for (const dir of (pathVariable ?? "").split(path.delimiter)) {
    if (dir !== "" && isExecutable(path.join(dir, "pulumi"))) return dir;
  }
  throw new Error(
    "the Pulumi CLI is not on PATH: install it (https://www.pulumi.com/docs/iac/download-install/), or in CI " +
      "add the `pulumi/actions` step, then run this again",
  );
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
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
 * and a private PULUMI_HOME (`<backendDir>/pulumi-home`). How the program's TypeScript is loaded is Pulumi.yaml's
 * business (`providers/base/typescript-hook.cjs`), as under a plain `pulumi`, not this environment's.
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
