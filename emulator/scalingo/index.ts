import { listen } from "../listen";
import type { EmulatorOptions } from "./options";
import { resolveOptions } from "./options";
import type { EmulatorRuntime } from "./server";
import { createEmulatorServer } from "./server";

export type { EmulatorOptions } from "./options";

/** A started emulator. */
export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:40123` (auth API, osc-fr1 API and DB API; osc-secnum-fr1 under `/osc-secnum-fr1`). */
  url: string;
  /** The options in effect (defaults, `SCALINGO_EMULATOR_*` variables, then the argument). */
  options: EmulatorOptions;
  /** Internals, for the emulator's own tests. */
  runtime: EmulatorRuntime;
  /** Closes the server and every open connection. */
  stop(): Promise<void>;
}

/**
 * Starts the Scalingo API emulator on 127.0.0.1.
 * @example
 * const emulator = await startEmulator({ rateLimit: 0, addonProvisionMs: 50, operationMs: 50 });
 * process.env.SCALINGO_AUTH_URL = emulator.url;
 * await emulator.stop();
 */
export async function startEmulator(options: Partial<EmulatorOptions> = {}): Promise<RunningEmulator> {
  const resolved = resolveOptions(options);
  const runtime = createEmulatorServer(resolved);
  const { server } = runtime;
  const port = await listen(server, resolved.port);
  return {
    url: `http://127.0.0.1:${port}`,
    options: resolved,
    runtime,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}
