/**
 * `npm run demo`: the whole thing on the embedded default. Builds (or finds) the Pulumi CLI, starts the
 * emulators (Scalingo, and Alwaysdata for the DNS zone), makes the stack `demo-staging` from Pulumi.staging.yaml
 * (web × 2 and the worker, PostgreSQL, Redis, variables, the custom domain with forced HTTPS and its certificate,
 * its CNAME at the Alwaysdata emulator; no bucket: it needs the Scaleway plugin, not available offline), runs a
 * real `pulumi up`, then prints the outputs and what now exists in the emulators.
 * `npm run demo -- --review [--number N]` does the same with a review environment (`demo-review-<N>`), as
 * `paasenv review up` makes one; `--preview` runs a real `pulumi preview` instead of `up`;
 * `--destroy` restarts the emulators from their state files, destroys and removes every demo stack (with the
 * data-loss permission for each stack's own objects, said on the terminal).
 *
 * Everything it writes lives in the git-ignored `.paasenv-demo/`: the project copy the CLI runs in, the
 * file backend, the emulators' state. `SCALINGO_AUTH_URL` (+ `SCALINGO_API_TOKEN`, optionally
 * `SCALINGO_API_URL`, `SCALINGO_DB_API_URL`) points it at another Scalingo (then without DNS records);
 * `PULUMI_BACKEND_URL` and `PULUMI_CONFIG_PASSPHRASE` are honoured.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { LocalWorkspace, Stack, type Workspace } from "@pulumi/pulumi/automation";
import { DEFAULT_ALWAYSDATA_KEY } from "../../emulator/cli";
import { withDestroyPermission } from "../lib/data-loss";
import { type EmulatorProcess, startEmulatorProcess } from "../lib/emulator-process";
import { copyProject, REPO_ROOT } from "../lib/project";
import { ensurePulumiCli, pulumiCommand, pulumiEnv } from "../lib/pulumi-cli";
import {
  type ConfigJson,
  configFromStackFile,
  readStackConfig,
  stackConfigBlock,
  stackFileHasSecrets,
} from "../lib/stack-config";
import {
  DEMO_PASSPHRASE,
  demoEnvironment,
  EMULATOR_TOKEN,
  externalScalingo,
  type PulumiTarget,
  pulumiTarget,
  type ScalingoTarget,
} from "./env";
import { printOutputs, printSummary, type Say } from "./report";
import { createReviewDemo, createStagingDemo, type DemoStack, demoStacks } from "./stacks";

/** Where the demo keeps everything; PAASENV_DEMO_DIR moves it (the tests use a temporary folder). */
const DEMO_DIR = process.env.PAASENV_DEMO_DIR ?? path.join(REPO_ROOT, ".paasenv-demo");
const PROJECT_DIR = path.join(DEMO_DIR, "project");
const EMULATOR_STATE = path.join(DEMO_DIR, "emulator-state.json");
const DNS_STATE = path.join(DEMO_DIR, "dns-state.json");
const SOURCE_STACK = "staging";
const SOURCE_FILE = path.join(REPO_ROOT, `Pulumi.${SOURCE_STACK}.yaml`);

const say: Say = {
  heading: (text) => console.log(`\n▶ ${text}`),
  line: (text) => console.log(`  ${text}`),
};
const note = say.line;
/** A path relative to the repository when inside it, else absolute. */
const shown = (file: string) =>
  file.startsWith(`${REPO_ROOT}${path.sep}`) ? path.relative(REPO_ROOT, file) : file;

interface DemoOptions {
  destroy: boolean;
  /** Only preview: show what `up` would create, change nothing. */
  preview: boolean;
  /** A review environment (`demo-review-<N>`) instead of the staging-like one. */
  review: boolean;
  reviewNumber: number;
}

function parseDemoArgs(argv: string[]): DemoOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      destroy: { type: "boolean", default: false },
      preview: { type: "boolean", default: false },
      review: { type: "boolean", default: false },
      number: { type: "string" },
    },
  });
  const reviewNumber = Number(values.number ?? "1");
  if (!Number.isSafeInteger(reviewNumber) || reviewNumber < 1) {
    throw new Error(`--number must be a positive integer (got "${values.number}")`);
  }
  if (values.number !== undefined && !values.review) throw new Error("--number goes with --review");
  if (values.destroy && values.preview) throw new Error("--destroy and --preview cannot be combined");
  return { destroy: values.destroy, preview: values.preview, review: values.review, reviewNumber };
}

/** The DNS zone of the staging stack file (`paasenv:dns.zone`), which the Alwaysdata emulator serves. */
function stagingZone(): string {
  const dns = stackConfigBlock(fs.readFileSync(SOURCE_FILE, "utf8"), path.basename(SOURCE_FILE))[
    "paasenv:dns"
  ];
  const zone = dns !== null && typeof dns === "object" && "zone" in dns ? dns.zone : undefined;
  return typeof zone === "string" && zone !== "" ? zone : "example.com";
}

async function connectScalingo(): Promise<{ target: ScalingoTarget; emulator?: EmulatorProcess }> {
  const external = externalScalingo(process.env);
  if (external) {
    say.heading(`Scalingo: ${external.authUrl} (from SCALINGO_AUTH_URL; token from SCALINGO_API_TOKEN)`);
    note("DNS records: none (the demo writes DNS records only to its own Alwaysdata emulator)");
    return { target: external };
  }
  const zone = stagingZone();
  say.heading(`Emulators: Scalingo, and Alwaysdata for the DNS zone ${zone}, on free ports`);
  const restarted = fs.existsSync(EMULATOR_STATE);
  const emulator = await startEmulatorProcess({
    stateFile: EMULATOR_STATE,
    alwaysdataZone: zone,
    alwaysdataStateFile: DNS_STATE,
  });
  note(`Scalingo on ${emulator.url}, Alwaysdata on ${emulator.alwaysdataUrl} (pid ${emulator.pid})`);
  note(`state ${restarted ? "reloaded from" : "saved in"} ${shown(EMULATOR_STATE)} and ${shown(DNS_STATE)}`);
  const alwaysdata =
    emulator.alwaysdataUrl === undefined
      ? {}
      : { alwaysdata: { url: emulator.alwaysdataUrl, apiKey: DEFAULT_ALWAYSDATA_KEY } };
  return {
    target: { authUrl: emulator.url, token: EMULATOR_TOKEN, ownEmulator: true, ...alwaysdata },
    emulator,
  };
}

function describePulumi(target: PulumiTarget): void {
  say.heading(`Pulumi backend: ${target.backendUrl}${target.ownBackend ? "" : " (from PULUMI_BACKEND_URL)"}`);
  if (target.demoPassphrase) {
    note(
      `secrets passphrase: the fixed demo passphrase "${DEMO_PASSPHRASE}" (set PULUMI_CONFIG_PASSPHRASE to choose one)`,
    );
  } else {
    note("secrets passphrase: from PULUMI_CONFIG_PASSPHRASE(_FILE)");
  }
}

/**
 * The staging configuration: read from the committed Pulumi.staging.yaml when it holds no secret, else
 * through the `staging` stack (created in the demo's own backend from that file, never in a user's backend).
 */
async function stagingConfig(workspace: Workspace, target: PulumiTarget): Promise<ConfigJson> {
  const text = fs.readFileSync(SOURCE_FILE, "utf8");
  const name = path.basename(SOURCE_FILE);
  if (!stackFileHasSecrets(text, name)) return configFromStackFile(text, name);
  note(`${name} holds secrets: reading them through the "${SOURCE_STACK}" stack`);
  copyProject(PROJECT_DIR, { stackFiles: [SOURCE_STACK] });
  const stack = target.ownBackend
    ? await Stack.createOrSelect(SOURCE_STACK, workspace)
    : await Stack.select(SOURCE_STACK, workspace);
  return readStackConfig(workspace, stack.name);
}

/** Makes the demo stack the options ask for, saying what it departs from. */
async function makeDemoStack(
  workspace: Workspace,
  target: PulumiTarget,
  scalingo: ScalingoTarget,
  options: DemoOptions,
): Promise<DemoStack> {
  const source = await stagingConfig(workspace, target);
  const demo = options.review
    ? await createReviewDemo(workspace, source, options.reviewNumber)
    : await createStagingDemo(workspace, source, scalingo.alwaysdata === undefined ? "none" : "alwaysdata");
  say.heading(`Stack "${demo.stack.name}" from Pulumi.${SOURCE_STACK}.yaml`);
  note(`overrides: ${demo.overrides.join(", ")}`);
  note(
    "no bucket: object storage needs the Scaleway provider plugin (pulumi-resource-scaleway), which Pulumi",
  );
  note("downloads from GitHub at run time, so it is not available offline.");
  const { app } = demo.resolved;
  note(`app ${app.name} in ${app.region}; configuration written to the stack (secrets encrypted)`);
  return demo;
}

async function up(
  workspace: Workspace,
  target: PulumiTarget,
  scalingo: ScalingoTarget,
  options: DemoOptions,
) {
  const demo = await makeDemoStack(workspace, target, scalingo, options);
  const onOutput = (text: string) => process.stdout.write(text);
  const again = `${options.review ? " --review" : ""}${options.reviewNumber === 1 ? "" : ` --number ${options.reviewNumber}`}`;
  if (options.preview) {
    say.heading("pulumi preview (nothing is changed)");
    await demo.stack.preview({ onOutput });
    say.heading(`Preview only. Create it with: npm run demo${again ? ` --${again}` : ""}`);
    return;
  }
  say.heading("pulumi up");
  const result = await demo.stack.up({ onOutput });
  printOutputs(say, result.outputs);
  await printSummary(say, scalingo, demo.resolved.app.region, demo.resolved.app.name);
  say.heading("Done. Tear it down with: npm run demo -- --destroy");
}

/** Destroys and removes every demo stack of the backend, each with the permission for its own data. */
async function destroy(workspace: Workspace): Promise<void> {
  const names = demoStacks((await workspace.listStacks()).map((stack) => stack.name));
  if (names.length === 0) say.heading("No demo stack in this backend: nothing to destroy");
  for (const name of names) {
    say.heading(`pulumi destroy (stack "${name}")`);
    const stack = await Stack.select(name, workspace);
    await withDestroyPermission(stack, note, () =>
      stack.destroy({ onOutput: (text) => process.stdout.write(text) }),
    );
    await workspace.removeStack(name);
    say.heading(`Stack "${name}" destroyed and removed`);
  }
}

async function main(): Promise<void> {
  const options = parseDemoArgs(process.argv.slice(2));
  const started = Date.now();
  say.heading(
    "Pulumi CLI: using the cached build, or building it from Go modules (first run: several minutes)",
  );
  const binDir = ensurePulumiCli();
  const command = await pulumiCommand();
  note(`pulumi ${command.version?.toString() ?? "(unknown version)"} in ${shown(binDir)}`);

  fs.mkdirSync(DEMO_DIR, { recursive: true });
  const pulumi = pulumiTarget(process.env, DEMO_DIR);
  if (pulumi.ownBackend) fs.mkdirSync(path.join(DEMO_DIR, "state"), { recursive: true });
  describePulumi(pulumi);
  const { target, emulator } = await connectScalingo();
  try {
    copyProject(PROJECT_DIR);
    const base = pulumiEnv(path.join(DEMO_DIR, "state"));
    const envVars = demoEnvironment(base, process.env, DEMO_DIR, pulumi, target);
    const workspace = await LocalWorkspace.create({ workDir: PROJECT_DIR, pulumiCommand: command, envVars });
    if (options.destroy) await destroy(workspace);
    else await up(workspace, pulumi, target, options);
  } finally {
    await emulator?.stop();
  }
  note(`(${Math.round((Date.now() - started) / 1000)} s)`);
}

main().catch((error: unknown) => {
  console.error(`\npaasenv demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
