/**
 * The emulators as a child process, the way `npm run emulator` (emulator/cli.ts) runs them: the demo starts the
 * Scalingo one, and the Alwaysdata one for its DNS zone, on free ports with state files, so that a later
 * `--destroy` finds the same apps and records again. A checkout's tool: it runs the TypeScript source with tsx.
 */
import { type ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import { REPO_ROOT } from "./project";

/** A running emulator child process. */
export interface EmulatorProcess {
  /** Base URL, e.g. `http://127.0.0.1:40123`: give it to the provider as `SCALINGO_AUTH_URL`. */
  url: string;
  /** The Alwaysdata API root (`ALWAYSDATA_API_URL`), when `alwaysdataZone` was given. */
  alwaysdataUrl?: string;
  /** The child's process ID. */
  pid: number;
  /** Stops the child (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Emulator flags, as `paasenv emulator --help` lists them (`--state-file`, `--alwaysdata-zone`, …). */
export type EmulatorFlags = Record<string, string | number>;

/** `{ stateFile: "x", rateLimit: 0 }` → `["--state-file", "x", "--rate-limit", "0"]`. */
export function emulatorArgs(flags: EmulatorFlags): string[] {
  return Object.entries(flags).flatMap(([key, value]) => [
    `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
    String(value),
  ]);
}

/** The URL in an emulator's start-up line, e.g. `scalingo emulator listening on http://127.0.0.1:P`. */
export function listeningUrl(
  output: string,
  emulator: "scalingo" | "alwaysdata" = "scalingo",
): string | undefined {
  return new RegExp(`${emulator} emulator listening on (http://\\S+)`).exec(output)?.[1];
}

/** Starts `emulator/cli.ts` under tsx with `--port 0` and `flags`; resolves once every emulator listens. */
export function startEmulatorProcess(
  flags: EmulatorFlags = {},
  timeoutMs = 60_000,
): Promise<EmulatorProcess> {
  const cli = path.join(REPO_ROOT, "emulator", "cli.ts");
  const withAlwaysdata = flags.alwaysdataZone !== undefined;
  const args = [require.resolve("tsx/cli"), cli, ...emulatorArgs({ port: 0, ...flags })];
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
  const killOnExit = () => child.kill("SIGTERM");
  process.once("exit", killOnExit);
  return new Promise((resolve, reject) => {
    let output = "";
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.kill("SIGTERM");
      reject(new Error(`start the emulators: ${reason}${output ? `\n${output.trim()}` : ""}`));
    };
    const timer = setTimeout(() => fail(`no "listening on" line after ${timeoutMs} ms`), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = listeningUrl(output);
      const alwaysdataUrl = listeningUrl(output, "alwaysdata");
      if (url === undefined || (withAlwaysdata && alwaysdataUrl === undefined) || child.pid === undefined)
        return;
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.stdout?.resume();
      const stop = () => stopChild(child, killOnExit);
      resolve({ url, ...(alwaysdataUrl === undefined ? {} : { alwaysdataUrl }), pid: child.pid, stop });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("error", (error) => fail(error.message));
    child.once("exit", (code, signal) => fail(`it exited (${signal ?? `code ${code}`})`));
  });
}

function stopChild(child: ChildProcess, killOnExit: () => void): Promise<void> {
  process.off("exit", killOnExit);
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
