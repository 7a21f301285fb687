/** `paasenv emulator` / `npm run emulator`: its flags, and what it starts and prints. */
import { describe, expect, it } from "vitest";
import {
  DEFAULT_ALWAYSDATA_KEY,
  emulatorFlagsHelp,
  parseEmulatorArgs,
  startEmulators,
} from "../../emulator/cli";

describe("parseEmulatorArgs", () => {
  it("gives the Scalingo emulator its own flags and starts no Alwaysdata emulator without a zone", () => {
    expect(parseEmulatorArgs(["--port", "4000", "--rate-limit=0"])).toEqual({
      scalingo: { port: 4000, rateLimit: 0 },
    });
  });

  it("collects the Alwaysdata flags, zones repeated", () => {
    const argv = [
      "--alwaysdata-zone",
      "example.com",
      "--operation-ms",
      "50",
      "--alwaysdata-zone=example.org",
    ];
    expect(
      parseEmulatorArgs([...argv, "--alwaysdata-port", "4001", "--alwaysdata-state-file", "/s"]),
    ).toEqual({
      scalingo: { operationMs: 50 },
      alwaysdata: {
        apiKey: DEFAULT_ALWAYSDATA_KEY,
        domains: ["example.com", "example.org"],
        port: 4001,
        stateFile: "/s",
      },
    });
  });

  it.each([
    [["--alwaysdata-zone"], "Emulator option --alwaysdata-zone needs a value."],
    [["--alwaysdata-port", "http"], 'Emulator option --alwaysdata-port must be a port number (got "http").'],
    [
      ["--alwaysdata-zones", "x"],
      'Unknown emulator option "--alwaysdata-zones". Known: --alwaysdata-zone <zone>',
    ],
    [["--ports", "1"], 'Unknown emulator option "--ports". Known options: --port, --latency-ms'],
  ])("refuses %j", (argv, message) => {
    expect(() => parseEmulatorArgs(argv)).toThrow(message);
  });

  it("lists every flag in its help", () => {
    const help = emulatorFlagsHelp();
    for (const flag of [
      "--port <n>",
      "--state-file <file>",
      "--fault-rate <n>",
      "--alwaysdata-zone <zone>",
    ]) {
      expect(help).toContain(flag);
    }
    expect(help).toContain("also SCALINGO_EMULATOR_ADDON_PROVISION_MS");
  });
});

describe("startEmulators", () => {
  it("starts both emulators and prints where they listen and what to export", async () => {
    const running = await startEmulators(
      parseEmulatorArgs(["--rate-limit", "0", "--alwaysdata-zone", "example.com"]),
    );
    try {
      const [scalingo, alwaysdata, scalingoEnv, alwaysdataEnv] = running.lines;
      const scalingoUrl = /listening on (\S+)/.exec(scalingo ?? "")?.[1] ?? "";
      const alwaysdataUrl = /listening on (\S+)/.exec(alwaysdata ?? "")?.[1] ?? "";
      expect(running.lines).toEqual([
        expect.stringMatching(/^scalingo emulator listening on http:\/\/127\.0\.0\.1:\d+$/),
        expect.stringMatching(
          /^alwaysdata emulator listening on http:\/\/127\.0\.0\.1:\d+\/v1 \(zones example\.com\)$/,
        ),
        `export SCALINGO_AUTH_URL=${scalingoUrl} SCALINGO_API_TOKEN=tk-emulator  # any non-empty token`,
        `export ALWAYSDATA_API_URL=${alwaysdataUrl} ALWAYSDATA_API_KEY=${DEFAULT_ALWAYSDATA_KEY}`,
      ]);
      expect(scalingoEnv).toContain(scalingoUrl);
      expect(alwaysdataEnv).toContain(alwaysdataUrl);
      expect((await fetch(`${scalingoUrl}/__emulator/state`)).status).toBe(200);
      const auth = `Basic ${Buffer.from(`${DEFAULT_ALWAYSDATA_KEY}:`).toString("base64")}`;
      const domains = await fetch(`${alwaysdataUrl}/domain/`, { headers: { Authorization: auth } });
      expect(await domains.json()).toEqual([expect.objectContaining({ name: "example.com" })]);
    } finally {
      await running.stop();
    }
  });
});
