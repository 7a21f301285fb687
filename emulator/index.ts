/**
 * The emulators, for a team's own tests (`paasenv/emulator`): the Scalingo API (`startEmulator`, see
 * docs/emulator.md) and the Alwaysdata DNS API (`startAlwaysdataEmulator`), each on a port of 127.0.0.1.
 * `paasenv emulator` runs them from the command line (`./cli.ts`).
 *
 * @example
 * ```ts
 * import { startAlwaysdataEmulator, startEmulator } from "paasenv/emulator";
 * const scalingo = await startEmulator({ rateLimit: 0 });
 * const alwaysdata = await startAlwaysdataEmulator({ apiKey: "test-key", domains: ["example.com"] });
 * // SCALINGO_AUTH_URL=scalingo.url, ALWAYSDATA_API_URL=alwaysdata.url, ALWAYSDATA_API_KEY=test-key
 * await Promise.all([scalingo.stop(), alwaysdata.stop()]);
 * ```
 */
export {
  type AlwaysdataEmulator,
  type AlwaysdataEmulatorOptions,
  type EmulatedRecord,
  type Fault,
  type HandMadeRecord,
  type RecordedRequest,
  startAlwaysdataEmulator,
} from "./alwaysdata";
export { type EmulatorOptions, type RunningEmulator, startEmulator } from "./scalingo";
