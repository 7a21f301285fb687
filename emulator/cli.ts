/**
 * `paasenv emulator` and `npm run emulator`: the Scalingo emulator, and the Alwaysdata one when
 * `--alwaysdata-zone` names a DNS zone, on 127.0.0.1 until SIGINT or SIGTERM. One line per emulator says where it
 * listens, then the variables that point paasenv at them.
 */
import { type AlwaysdataEmulatorOptions, startAlwaysdataEmulator } from "./alwaysdata";
import { type EmulatorOptions, startEmulator } from "./scalingo";
import { optionsFromArgs, toEnvName, toKebab } from "./scalingo/options";

/** What the command line asks for. */
export interface EmulatorsOptions {
  scalingo: Partial<EmulatorOptions>;
  /** Absent unless `--alwaysdata-zone` was given. */
  alwaysdata?: AlwaysdataEmulatorOptions;
}

/** The API key the Alwaysdata emulator accepts unless `--alwaysdata-key` says otherwise. Not a secret. */
export const DEFAULT_ALWAYSDATA_KEY = "paasenv-emulator-key";

const SCALINGO_HELP: Record<keyof EmulatorOptions, string> = {
  port: "TCP port on 127.0.0.1 (0: a free one; default 0)",
  latencyMs: "delay added to every response (default 0)",
  addonProvisionMs: "time an add-on stays provisioning (default 1000)",
  operationMs: "time a scale, restart, deployment step or certificate takes (default 500)",
  rateLimit: "requests per minute per API token, 0 for none (default 60)",
  faultRate: "fraction (0-1) of requests failing with 500/502/503 or a dropped connection (default 0)",
  faultSeed: "seed of the fault sequence (default 1)",
  tokenTtlS: "lifetime of exchanged bearers, in seconds (default 3600)",
  stateFile: "JSON file the state is loaded from and saved to after each change",
};

const ALWAYSDATA_HELP: Record<string, string> = {
  "--alwaysdata-zone <zone>": "also run the Alwaysdata DNS emulator, with this zone (repeatable)",
  "--alwaysdata-key <key>": `the API key it accepts (default ${DEFAULT_ALWAYSDATA_KEY})`,
  "--alwaysdata-port <port>": "its TCP port (default: a free one)",
  "--alwaysdata-state-file <file>": "JSON file its records are loaded from and saved to",
};

/** The flags, one per line, for `--help`. */
export function emulatorFlagsHelp(): string {
  const scalingo = Object.entries(SCALINGO_HELP).map(([key, text]): [string, string] => [
    `--${toKebab(key)} <${key === "stateFile" ? "file" : "n"}>`,
    `${text}; also ${toEnvName(key)}`,
  ]);
  const rows = [...scalingo, ...Object.entries(ALWAYSDATA_HELP)];
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`).join("\n");
}

/** Splits the `--alwaysdata-*` flags from the Scalingo emulator's; unknown flags throw, naming the known ones. */
export function parseEmulatorArgs(argv: readonly string[]): EmulatorsOptions {
  const rest: string[] = [];
  const zones: string[] = [];
  const alwaysdata: Omit<AlwaysdataEmulatorOptions, "domains"> = { apiKey: DEFAULT_ALWAYSDATA_KEY };
  for (let i = 0; i < argv.length; i++) {
    const [flag = "", inline] = (argv[i] ?? "").split(/=(.*)/s, 2);
    if (!flag.startsWith("--alwaysdata-")) {
      rest.push(argv[i] ?? "");
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value === "") throw new Error(`Emulator option ${flag} needs a value.`);
    if (flag === "--alwaysdata-zone") zones.push(value);
    else if (flag === "--alwaysdata-key") alwaysdata.apiKey = value;
    else if (flag === "--alwaysdata-state-file") alwaysdata.stateFile = value;
    else if (flag === "--alwaysdata-port") alwaysdata.port = portOf(value);
    else
      throw new Error(
        `Unknown emulator option "${flag}". Known: ${Object.keys(ALWAYSDATA_HELP).join(", ")}.`,
      );
  }
  const scalingo = optionsFromArgs(rest);
  return zones.length === 0 ? { scalingo } : { scalingo, alwaysdata: { ...alwaysdata, domains: zones } };
}

function portOf(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`Emulator option --alwaysdata-port must be a port number (got "${text}").`);
  }
  return port;
}

/** Running emulators: what to print, and how to stop them. */
export interface RunningEmulators {
  /** `scalingo emulator listening on …`, then the Alwaysdata line and the variables to set. */
  lines: string[];
  stop(): Promise<void>;
}

/** Starts the emulators `options` asks for. */
export async function startEmulators(options: EmulatorsOptions): Promise<RunningEmulators> {
  const scalingo = await startEmulator(options.scalingo);
  const lines = [`scalingo emulator listening on ${scalingo.url}`];
  const env = [
    `export SCALINGO_AUTH_URL=${scalingo.url} SCALINGO_API_TOKEN=tk-emulator  # any non-empty token`,
  ];
  if (options.alwaysdata === undefined) return { lines: [...lines, ...env], stop: scalingo.stop };
  const zones = options.alwaysdata.domains;
  const alwaysdata = await startAlwaysdataEmulator(options.alwaysdata).catch(async (error: unknown) => {
    await scalingo.stop();
    throw error;
  });
  lines.push(`alwaysdata emulator listening on ${alwaysdata.url} (zones ${zones.join(", ")})`);
  env.push(`export ALWAYSDATA_API_URL=${alwaysdata.url} ALWAYSDATA_API_KEY=${options.alwaysdata.apiKey}`);
  return {
    lines: [...lines, ...env],
    stop: async () => {
      await Promise.all([scalingo.stop(), alwaysdata.stop()]);
    },
  };
}

/** Runs the emulators until SIGINT or SIGTERM, printing their lines with `print`. */
export async function runEmulators(argv: readonly string[], print: (line: string) => void): Promise<void> {
  const running = await startEmulators(parseEmulatorArgs(argv));
  for (const line of running.lines) print(line);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await running.stop();
}

if (require.main === module) {
  runEmulators(process.argv.slice(2), (line) => console.log(line)).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`emulator: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
