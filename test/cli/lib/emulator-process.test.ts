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
  const both =
    "scalingo emulator listening on http://127.0.0.1:40123\n" +
    "alwaysdata emulator listening on http://127.0.0.1:40124/v1 (zones example.com)\n";
  it.each([
    ["scalingo emulator listening on http://127.0.0.1:40123\n", "scalingo", "http://127.0.0.1:40123"],
    ["starting…\n", "scalingo", undefined],
    [both, "scalingo", "http://127.0.0.1:40123"],
    [both, "alwaysdata", "http://127.0.0.1:40124/v1"],
    ["scalingo emulator listening on http://127.0.0.1:40123\n", "alwaysdata", undefined],
  ] as const)("reads %j for %s", (output, emulator, url) => {
    expect(listeningUrl(output, emulator)).toBe(url);
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

  it("starts the Alwaysdata emulator beside it for a zone, whose records outlive a restart", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paasenv-emulator-process-"));
    const flags = { alwaysdataZone: "example.com", alwaysdataStateFile: path.join(dir, "dns.json") };
    const auth = { Authorization: `Basic ${Buffer.from("paasenv-emulator-key:").toString("base64")}` };
    const records = async (url: string) => (await fetch(`${url}/record/`, { headers: auth })).json();
    try {
      const first = await startEmulatorProcess(flags);
      try {
        const body = JSON.stringify({
          domain: 100,
          type: "CNAME",
          name: "www",
          value: "app.osc-fr1.scalingo.io.",
        });
        const created = await fetch(`${first.alwaysdataUrl}/record/`, {
          method: "POST",
          headers: auth,
          body,
        });
        expect(created.status).toBe(201);
      } finally {
        await first.stop();
      }
      const second = await startEmulatorProcess(flags);
      try {
        expect(second.alwaysdataUrl).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+\/v1$/);
        expect(await records(second.alwaysdataUrl ?? "")).toEqual([
          expect.objectContaining({
            id: 1000,
            type: "CNAME",
            name: "www",
            value: "app.osc-fr1.scalingo.io.",
          }),
        ]);
      } finally {
        await second.stop();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
