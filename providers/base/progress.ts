/**
 * Progress while a resource waits (add-on provisioning, operations): one line saying what is awaited and for
 * how long, sent to the Pulumi engine as an ephemeral info message, as Pulumi's own `log.info(message, resource,
 * streamId, ephemeral)` sends one from a program. The CLI shows it on the update's progress (beside the stack's
 * row: the host does not tell a provider which resource it serves, so the line names the object itself) and
 * leaves it out of the final diagnostics.
 *
 * The provider host (`@pulumi/pulumi/cmd/dynamic-provider`) is started with the engine's address as its first
 * argument but connects no logger, so this module connects one, once per host process, through the engine's gRPC
 * `Log` (`@pulumi/pulumi/proto/engine_grpc_pb`). Anywhere else (tests, the CLI) progress goes nowhere unless a
 * sink is given.
 */
import type * as Grpc from "@grpc/grpc-js";
import type * as EngineRpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import type * as EngineProto from "@pulumi/pulumi/proto/engine_pb";
import { processRegistry } from "./process-registry";

/** Where progress lines go. */
export type ProgressSink = (message: string) => void;

/** A sink that delivers to the engine, and a way to wait for what it sent and let go of the connection. */
export interface EngineLogger {
  send: ProgressSink;
  /** Resolves once every message sent so far was answered (or failed), then closes the connection. */
  close(): Promise<void>;
}

/** The sink outside the provider host: progress lines go nowhere. */
const DROP: ProgressSink = () => {};

/** `<what> (<state>, <N> s so far)`: the line shown while waiting. */
export function waitingMessage(what: string, elapsedMs: number, state = "waiting"): string {
  return `${what} (${state}, ${Math.round(elapsedMs / 1000)} s so far)`;
}

/** The engine's address when `argv` is the provider host's: `node …/@pulumi/pulumi/cmd/dynamic-provider <engine>`. */
export function engineAddressOf(argv: readonly string[]): string | undefined {
  const [, script, address] = argv;
  if (script === undefined || address === undefined) return undefined;
  const host = /[\\/]@pulumi[\\/]pulumi[\\/]cmd[\\/]dynamic-provider(?:[\\/]index\.js)?$/.test(script);
  return host && /^\S+:\d+$/.test(address) ? address : undefined;
}

/** Modules resolved from `@pulumi/pulumi`'s own folder, so the SDK's copy of grpc-js is the one used. */
function engineModules() {
  const path: typeof import("node:path") = require("node:path");
  const sdk = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  const grpc: typeof Grpc = require(require.resolve("@grpc/grpc-js", { paths: [sdk] }));
  const rpc: typeof EngineRpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
  const proto: typeof EngineProto = require("@pulumi/pulumi/proto/engine_pb");
  return { grpc, rpc, proto };
}

/** Sends each message to the engine at `address` as an ephemeral info message; failures are dropped. */
export function engineLogger(address: string): EngineLogger {
  const { grpc, rpc, proto } = engineModules();
  const client = new rpc.EngineClient(address, grpc.credentials.createInsecure());
  let sent: Promise<void> = Promise.resolve();
  return {
    send: (message) => {
      const request = new proto.LogRequest();
      request.setSeverity(proto.LogSeverity.INFO);
      request.setMessage(message);
      request.setEphemeral(true);
      const delivery = new Promise<void>((resolve) => client.log(request, () => resolve()));
      sent = sent.then(() => delivery);
    },
    close: async () => {
      await sent;
      client.close();
    },
  };
}

/**
 * This process's progress sink: the engine's when this is the provider host (one connection per engine address
 * and process, kept on `process` like the Scalingo sessions), else one that drops every line.
 */
export function hostProgress(argv: readonly string[] = process.argv): ProgressSink {
  const address = engineAddressOf(argv);
  if (address === undefined) return DROP;
  const registry = processRegistry<ProgressSink>("paasenv.engine-loggers");
  const sink = registry.get(address) ?? engineLogger(address).send;
  registry.set(address, sink);
  return sink;
}
