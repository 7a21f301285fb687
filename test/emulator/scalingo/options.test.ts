import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_OPTIONS,
  optionsFromArgs,
  optionsFromEnv,
  resolveOptions,
  toEnvName,
} from "../../../emulator/scalingo/options";
import { request } from "./helpers";

describe("options", () => {
  it("reads every option from a --kebab-case flag, with a space or an equals sign", () => {
    expect(
      optionsFromArgs([
        "--port",
        "4000",
        "--latency-ms=5",
        "--addon-provision-ms",
        "10",
        "--operation-ms",
        "20",
        "--rate-limit",
        "0",
        "--fault-rate",
        "0.2",
        "--fault-seed",
        "7",
        "--token-ttl-s",
        "60",
        "--state-file",
        "/tmp/s.json",
      ]),
    ).toEqual({
      port: 4000,
      latencyMs: 5,
      addonProvisionMs: 10,
      operationMs: 20,
      rateLimit: 0,
      faultRate: 0.2,
      faultSeed: 7,
      tokenTtlS: 60,
      stateFile: "/tmp/s.json",
    });
  });

  it("reads SCALINGO_EMULATOR_* variables, below explicit options", () => {
    expect(toEnvName("latencyMs")).toBe("SCALINGO_EMULATOR_LATENCY_MS");
    const env = {
      SCALINGO_EMULATOR_LATENCY_MS: "9",
      SCALINGO_EMULATOR_RATE_LIMIT: "5",
      SCALINGO_EMULATOR_STATE_FILE: "/x",
    };
    expect(optionsFromEnv(env)).toEqual({ latencyMs: 9, rateLimit: 5, stateFile: "/x" });
    expect(resolveOptions({ rateLimit: 0 }, env)).toEqual({
      ...DEFAULT_OPTIONS,
      latencyMs: 9,
      rateLimit: 0,
      stateFile: "/x",
    });
    expect(resolveOptions({}, {})).toEqual(DEFAULT_OPTIONS);
  });

  it.each([
    [["--nope", "1"], 'Unknown emulator option "--nope"'],
    [["--port"], "Emulator option --port needs a value."],
    [["--latency-ms", "-1"], 'Emulator option --latency-ms must be a non-negative number (got "-1").'],
    [["--fault-rate", "2"], 'Emulator option --fault-rate must be between 0 and 1 (got "2").'],
  ])("refuses %j", (argv, message) => {
    expect(() => optionsFromArgs(argv)).toThrow(message);
  });
});

describe("CLI", () => {
  it("prints the ready line, serves, and exits cleanly on SIGTERM", async () => {
    const cli = join(__dirname, "..", "..", "..", "emulator", "cli.ts");
    const child = spawn(process.execPath, ["--import", "tsx", cli, "--port", "0", "--rate-limit", "0"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          // The ready line may arrive in one chunk with the lines after it: take the first.
          if (out.includes("\n")) resolve(out.slice(0, out.indexOf("\n")).trim());
        });
        child.once("exit", (code) => reject(new Error(`CLI exited with ${code} before printing`)));
      });
      expect(line).toMatch(/^scalingo emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
      const url = line.replace("scalingo emulator listening on ", "");
      expect((await request(`${url}/v1/regions`, "GET")).status).toBe(200);
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      const [code] = await exited;
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
