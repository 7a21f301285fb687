/**
 * A real S3-compatible server for tests: Versity S3 Gateway (`versitygw posix`) serving a temporary
 * directory, built once by scripts/install-s3-server.sh. Each top-level directory is a bucket.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";

const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** A running server and what a client needs to reach it. */
export interface S3Server {
  /** `127.0.0.1:<port>` (no scheme, as Pulumi's `endpoint=` takes it with `disableSSL=true`). */
  endpoint: string;
  accessKey: string;
  secretKey: string;
  region: string;
  /** Creates a bucket (a directory under the server's root). */
  createBucket(name: string): void;
  /** The `s3://` backend URL of `bucket` for Pulumi's DIY backend. */
  backendUrl(bucket: string): string;
  /** The environment variables the AWS SDK inside `pulumi` reads. */
  env(): Record<string, string>;
  stop(): Promise<void>;
}

/** The path of the versitygw binary (built and cached in .tools/ on first use). */
export function ensureS3Server(): string {
  const output = execFileSync("bash", [path.join(REPO_ROOT, "scripts", "install-s3-server.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const bin = output.trim().split("\n").at(-1) ?? "";
  if (bin === "" || !fs.existsSync(bin))
    throw new Error(`install-s3-server.sh printed no binary (got "${bin}")`);
  return bin;
}

/** A port the OS says is free now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Waits until the server answers HTTP (any status), or fails after `timeoutMs`. */
async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`versitygw exited with code ${child.exitCode} before listening`);
    try {
      await fetch(url);
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`versitygw did not answer on ${url} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Starts versitygw on a free port over `rootDir` (created if needed). */
export async function startS3Server(rootDir: string): Promise<S3Server> {
  const bin = ensureS3Server();
  fs.mkdirSync(rootDir, { recursive: true });
  const port = await freePort();
  const endpoint = `127.0.0.1:${port}`;
  const accessKey = "paasenv-test-access";
  const secretKey = "paasenv-test-secret-0123456789";
  const region = "fr-par";
  const child = spawn(
    bin,
    [
      "--port",
      endpoint,
      "--access",
      accessKey,
      "--secret",
      secretKey,
      "--region",
      region,
      "--quiet",
      "posix",
      rootDir,
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  try {
    await waitForHttp(`http://${endpoint}/`, child, 15_000);
  } catch (error) {
    child.kill("SIGTERM");
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${stderr}`);
  }
  return {
    endpoint,
    accessKey,
    secretKey,
    region,
    createBucket: (name) => fs.mkdirSync(path.join(rootDir, name), { recursive: true }),
    backendUrl: (bucket) =>
      `s3://${bucket}?endpoint=${endpoint}&disableSSL=true&s3ForcePathStyle=true&region=${region}`,
    env: () => ({ AWS_ACCESS_KEY_ID: accessKey, AWS_SECRET_ACCESS_KEY: secretKey, AWS_REGION: region }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
