import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { emulatorArgs, listeningUrl, startEmulatorProcess } from "../../../cli/lib/emulator-process";

describe("emulatorArgs", () => {
  it("turns option names into the emulator's kebab-case flags", () => {
    expect(emulatorArgs({ port: 0, stateFile: "/s.json", rateLimit: 0, faultRate: 0.1 })).toEqual([
      "--port",
      "0",
      "--state-file",
      "/s.json",
      "--rate-limit",
      "0",
      "--fault-rate",
      "0.1",
    ]);
  });
});

describe("listeningUrl", () => {
  it.each([
    ["scalingo emulator listening on http://127.0.0.1:40123\n", "http://127.0.0.1:40123"],
    ["starting…\n", undefined],
  ])("reads %j", (line, url) => {
    expect(listeningUrl(line)).toBe(url);
  });
});

describe("startEmulatorProcess", () => {
  it("starts the emulator as a child process with a state file, and stops it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paasenv-emulator-process-"));
    try {
      const stateFile = path.join(dir, "state.json");
      const emulator = await startEmulatorProcess({ stateFile, rateLimit: 0 });
      let stopped = false;
      try {
        expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+$/);
        const response = await fetch(`${emulator.url}/__emulator/state`);
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ regions: { "osc-fr1": { apps: {} } } });
        await emulator.stop();
        stopped = true;
        await expect(fetch(`${emulator.url}/__emulator/state`)).rejects.toThrow();
      } finally {
        if (!stopped) await emulator.stop();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
