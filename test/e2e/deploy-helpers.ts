/**
 * What the `paasenv deploy` end-to-end tests share: the real CLI in a child process (started in a chosen folder,
 * as a user inside the app's repository would), the emulator's deployments, and a local HTTP server standing in
 * for the app's public URL.
 */
import { spawn } from "node:child_process";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { z } from "zod";
import type { E2E } from "./harness";

const ROOT = path.resolve(__dirname, "..", "..");
const TSX = require.resolve("tsx/cli", { paths: [ROOT] });

/** One CLI run: exit code and both streams. */
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `paasenv --cwd <project> -q <args>` in `cwd` with the end-to-end environment. */
export function paasenvIn(e2e: E2E, args: string[], cwd = ROOT): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [TSX, path.join(ROOT, "cli", "main.ts"), "--cwd", e2e.project.dir, "-q", ...args],
      { cwd, env: { ...e2e.env, SCALINGO_POLL_INTERVAL_MS: "50" }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const stateSchema = z.object({
  regions: z.record(
    z.string(),
    z.object({
      apps: z.record(
        z.string(),
        z.object({
          app: z.object({ last_deployment_id: z.string().nullish() }),
          containers: z.array(z.object({ name: z.string(), amount: z.number() })),
          deployments: z.array(
            z.object({ id: z.string(), status: z.string(), git_ref: z.string().nullish() }),
          ),
        }),
      ),
    }),
  ),
});

/** The app `name` of osc-fr1 with its deployments, newest first. */
export async function deployedApp(e2e: E2E, name: string) {
  const response = await fetch(`${e2e.emulator.url}/__emulator/state`);
  return stateSchema.parse(await response.json()).regions["osc-fr1"]?.apps[name];
}

/** The logged requests as `"<METHOD> <path>"`. */
export async function loggedCalls(e2e: E2E): Promise<string[]> {
  const response = await fetch(`${e2e.emulator.url}/__emulator/requests`);
  const { requests } = z
    .object({ requests: z.array(z.object({ method: z.string(), path: z.string() })) })
    .parse(await response.json());
  return requests.map((request) => `${request.method} ${request.path}`);
}

/** A local server answering `/ok…` with 200 and `/bad…` with 502, counting requests by path. */
export interface AppServer {
  url: string;
  /** A URL of a port nothing listens on. */
  deadUrl: string;
  hits: Map<string, number>;
  close(): Promise<void>;
}

/** Starts an {@link AppServer}. */
export async function appServer(): Promise<AppServer> {
  const hits = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const url = req.url ?? "/";
    hits.set(url, (hits.get(url) ?? 0) + 1);
    res.writeHead(url.startsWith("/bad") ? 502 : url.startsWith("/ok") ? 200 : 404).end();
  });
  const listen = (s: http.Server) =>
    new Promise<number>((resolve) =>
      s.listen(0, "127.0.0.1", () => resolve((s.address() as AddressInfo).port)),
    );
  const port = await listen(server);
  const dead = http.createServer();
  const deadPort = await listen(dead);
  await new Promise((resolve) => dead.close(resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    deadUrl: `http://127.0.0.1:${deadPort}`,
    hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
