/**
 * What `recover` can check about processes on this machine: its host name, whether a pid exists, when that
 * process started (`ps -o etimes=`, the seconds since it started; unknown when `ps` cannot say), and which
 * Pulumi plugin processes work in the project (from `/proc`: Linux only; elsewhere none are seen).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import type { HostFacts } from "./lock";

/** Whether process `pid` exists (a process of another user answers EPERM: it exists). */
function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && "code" in error && error.code === "EPERM";
  }
}

/** When process `pid` started, from its elapsed time. */
function pidStartedAt(pid: number): Date | undefined {
  try {
    const out = execFileSync("ps", ["-o", "etimes=", "-p", String(pid)], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    const seconds = Number(out.trim());
    return out.trim() === "" || !Number.isFinite(seconds) ? undefined : new Date(Date.now() - seconds * 1000);
  } catch {
    return undefined;
  }
}

/** A language or provider host of Pulumi (the shell wrapper or the Node process behind it). */
const PLUGIN = /pulumi-(language|resource)-|@pulumi\/pulumi\/cmd\/(dynamic-provider|run)\b/;

/** Pids of Pulumi plugin processes whose working directory is `dir` and that started at or after `since`. */
function pluginPidsIn(dir: string, since: Date): number[] {
  if (!fs.existsSync("/proc")) return [];
  const real = fs.realpathSync(dir);
  return fs
    .readdirSync("/proc")
    .filter((entry) => /^[0-9]+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      try {
        const args = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
        if (!PLUGIN.test(args) || fs.readlinkSync(`/proc/${pid}/cwd`) !== real) return false;
        const started = pidStartedAt(pid);
        return started === undefined || started.getTime() >= since.getTime();
      } catch {
        return false;
      }
    });
}

/** This machine, for a project in `projectDir`. */
export function localHostFacts(projectDir: string): HostFacts {
  return {
    hostname: os.hostname(),
    pidExists,
    pidStartedAt,
    pluginPidsSince: (since) => pluginPidsIn(projectDir, since),
  };
}
