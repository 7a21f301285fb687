/**
 * Progress lines while a resource waits: the message, when the provider host's engine address is known, and
 * delivery to a real gRPC Engine service (the one `pulumi` runs), as an ephemeral info message.
 */
import * as grpc from "@grpc/grpc-js";
import { EngineService } from "@pulumi/pulumi/proto/engine_grpc_pb";
import { type LogRequest, LogSeverity } from "@pulumi/pulumi/proto/engine_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { pollUntil } from "../../../providers/base/polling";
import {
  engineAddressOf,
  engineLogger,
  hostProgress,
  waitingMessage,
} from "../../../providers/base/progress";

const HOST = "/p/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js";

/** A real gRPC server implementing the engine's `Log`, recording what it receives. */
interface FakeEngine {
  address: string;
  received: { severity: number; message: string; urn: string; ephemeral: boolean }[];
  stop(): Promise<void>;
}

async function startEngine(): Promise<FakeEngine> {
  const server = new grpc.Server();
  const received: FakeEngine["received"] = [];
  server.addService(EngineService, {
    log: (call: grpc.ServerUnaryCall<LogRequest, Empty>, callback: grpc.sendUnaryData<Empty>) => {
      const r = call.request;
      received.push({
        severity: r.getSeverity(),
        message: r.getMessage(),
        urn: r.getUrn(),
        ephemeral: r.getEphemeral(),
      });
      callback(null, new Empty());
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    received,
    stop: () => new Promise((resolve) => server.tryShutdown(() => resolve())),
  };
}

let engine: FakeEngine;
beforeAll(async () => {
  engine = await startEngine();
});
afterAll(async () => {
  await engine?.stop();
});

describe("waitingMessage", () => {
  it.each([
    [
      "create redis add-on of app a1: waiting",
      0,
      "provisioning",
      "create redis add-on of app a1: waiting (provisioning, 0 s so far)",
    ],
    [
      "scale formation of app a1: operation o1",
      12_400,
      "running",
      "scale formation of app a1: operation o1 (running, 12 s so far)",
    ],
    ["op", 1_600, undefined, "op (waiting, 2 s so far)"],
  ])("%s after %i ms (%s)", (what, elapsed, state, expected) => {
    expect(waitingMessage(what, elapsed, state)).toBe(expected);
  });
});

describe("engineAddressOf", () => {
  it.each([
    [["node", HOST, "127.0.0.1:40123"], "127.0.0.1:40123"],
    [["node", "/p/node_modules/@pulumi/pulumi/cmd/dynamic-provider", "localhost:9"], "localhost:9"],
    [["node", HOST], undefined],
    [["node", HOST, "--flag"], undefined],
    [["node", "/p/node_modules/vitest/vitest.mjs", "127.0.0.1:40123"], undefined],
    [["node", "/p/cli/main.ts", "review"], undefined],
  ])("%j → %s", (argv, expected) => {
    expect(engineAddressOf(argv)).toBe(expected);
  });
});

describe("delivery to the engine", () => {
  it("sends each line as an ephemeral info message with no URN", async () => {
    engine.received.length = 0;
    const logger = engineLogger(engine.address);
    logger.send("first");
    logger.send("second");
    await logger.close();
    expect(engine.received).toEqual([
      { severity: LogSeverity.INFO, message: "first", urn: "", ephemeral: true },
      { severity: LogSeverity.INFO, message: "second", urn: "", ephemeral: true },
    ]);
  });

  it("drops a line the engine cannot take instead of failing the resource", async () => {
    const logger = engineLogger("127.0.0.1:1");
    logger.send("nobody listens");
    await expect(logger.close()).resolves.toBeUndefined();
  });

  it("goes to the engine only in the provider host, through one connection per engine", async () => {
    expect(hostProgress(["node", "/p/cli/main.ts"])).toBe(hostProgress(["node", "/p/other.ts"]));
    const argv = ["node", HOST, engine.address];
    expect(hostProgress(argv)).toBe(hostProgress(argv));
    engine.received.length = 0;
    let probes = 0;
    await pollUntil({
      provider: "Acme",
      what: "create thing",
      timeoutMs: 10_000,
      intervalMs: 1,
      hint: "",
      probe: async () => ++probes,
      done: (n) => n === 3,
      progress: hostProgress(argv),
    });
    await vi.waitFor(() => expect(engine.received).toHaveLength(2));
    expect(engine.received.map((r) => r.message)).toEqual([
      expect.stringMatching(/^create thing \(waiting, \d+ s so far\)$/),
      expect.stringMatching(/^create thing \(waiting, \d+ s so far\)$/),
    ]);
  });
});
