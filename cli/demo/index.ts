/**
 * `npm run demo`: the whole thing on the embedded default. Builds (or finds) the Pulumi CLI, starts the
 * Scalingo emulator, makes a review stack from Pulumi.staging.yaml (object storage off, DNS `none`), runs a
 * real `pulumi up`, then prints the outputs and what now exists in the emulator.
 * `npm run demo -- --destroy` restarts the emulator from its state file, destroys and removes the stack (with
 * the data-loss permission for that stack's own objects, said on the terminal);
 * `npm run demo -- --preview` runs a real `pulumi preview` of it instead of `up`.
 *
 * Everything it writes lives in the git-ignored `.paasenv-demo/`: the project copy the CLI runs in, the
 * file backend, the emulator's state. `SCALINGO_AUTH_URL` (+ `SCALINGO_API_TOKEN`, optionally
 * `SCALINGO_API_URL`, `SCALINGO_DB_API_URL`) points it at another Scalingo; `PULUMI_BACKEND_URL` and
 * `PULUMI_CONFIG_PASSPHRASE` are honoured.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { LocalWorkspace, type OutputMap, Stack, type Workspace } from "@pulumi/pulumi/automation";
import { withDestroyPermission } from "../lib/data-loss";
import { type EmulatorProcess, startEmulatorProcess } from "../lib/emulator-process";
import { copyProject, REPO_ROOT } from "../lib/project";
import { ensurePulumiCli, pulumiCommand, pulumiEnv } from "../lib/pulumi-cli";
import { createReviewStack, OFFLINE_OVERRIDES } from "../lib/review-stack";
import {
  type ConfigJson,
  configFromStackFile,
  readStackConfig,
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
import { fetchEmulatorState, findApp, summarizeApp } from "./summary";

/** Where the demo keeps everything; PAASENV_DEMO_DIR moves it (the tests use a temporary folder). */
const DEMO_DIR = process.env.PAASENV_DEMO_DIR ?? path.join(REPO_ROOT, ".paasenv-demo");
const PROJECT_DIR = path.join(DEMO_DIR, "project");
const EMULATOR_STATE = path.join(DEMO_DIR, "emulator-state.json");
const SOURCE_STACK = "staging";

const say = (text: string) => console.log(`\n▶ ${text}`);
/** A path relative to the repository when inside it, else absolute. */
const shown = (file: string) =>
  file.startsWith(`${REPO_ROOT}${path.sep}`) ? path.relative(REPO_ROOT, file) : file;
const note = (text: string) => console.log(`  ${text}`);

interface DemoOptions {
  destroy: boolean;
  /** Only preview: show what `up` would create, change nothing. */
  preview: boolean;
  reviewNumber: number;
}

function parseDemoArgs(argv: string[]): DemoOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      destroy: { type: "boolean", default: false },
      preview: { type: "boolean", default: false },
      number: { type: "string", default: "1" },
    },
  });
  const reviewNumber = Number(values.number);
  if (!Number.isSafeInteger(reviewNumber) || reviewNumber < 1) {
    throw new Error(`--number must be a positive integer (got "${values.number}")`);
  }
  if (values.destroy && values.preview) throw new Error("--destroy and --preview cannot be combined");
  return { destroy: values.destroy, preview: values.preview, reviewNumber };
}

/** The demo stack: a review stack named apart from real `review-<N>` ones. */
const demoStackName = (reviewNumber: number) => `demo-review-${reviewNumber}`;

async function connectScalingo(): Promise<{ target: ScalingoTarget; emulator?: EmulatorProcess }> {
  const external = externalScalingo(process.env);
  if (external) {
    say(`Scalingo: ${external.authUrl} (from SCALINGO_AUTH_URL; token from SCALINGO_API_TOKEN)`);
    return { target: external };
  }
  say("Scalingo: starting the emulator (emulator/scalingo) on a free port");
  const restarted = fs.existsSync(EMULATOR_STATE);
  const emulator = await startEmulatorProcess({ stateFile: EMULATOR_STATE });
  note(`listening on ${emulator.url} (pid ${emulator.pid})`);
  note(`state ${restarted ? "reloaded from" : "saved in"} ${shown(EMULATOR_STATE)}`);
  return { target: { authUrl: emulator.url, token: EMULATOR_TOKEN, ownEmulator: true }, emulator };
}

function describePulumi(target: PulumiTarget): void {
  say(`Pulumi backend: ${target.backendUrl}${target.ownBackend ? "" : " (from PULUMI_BACKEND_URL)"}`);
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
  const file = path.join(REPO_ROOT, `Pulumi.${SOURCE_STACK}.yaml`);
  const text = fs.readFileSync(file, "utf8");
  if (!stackFileHasSecrets(text, path.basename(file))) return configFromStackFile(text, path.basename(file));
  note(`${path.basename(file)} holds secrets: reading them through the "${SOURCE_STACK}" stack`);
  copyProject(PROJECT_DIR, { stackFiles: [SOURCE_STACK] });
  const stack = target.ownBackend
    ? await Stack.createOrSelect(SOURCE_STACK, workspace)
    : await Stack.select(SOURCE_STACK, workspace);
  return readStackConfig(workspace, stack.name);
}

function printOutputs(outputs: OutputMap): void {
  say("Stack outputs");
  for (const [key, output] of Object.entries(outputs)) {
    note(`${key.padEnd(16)} ${output.secret ? "[secret]" : JSON.stringify(output.value)}`);
  }
}

async function printEmulatorSummary(
  scalingo: ScalingoTarget,
  region: string,
  appName: string,
): Promise<void> {
  say(`What now exists in ${scalingo.ownEmulator ? "the emulator" : scalingo.authUrl}`);
  try {
    const app = findApp(await fetchEmulatorState(scalingo.authUrl), region, appName);
    for (const line of app ? summarizeApp(region, app) : [`no app "${appName}" in ${region}`]) note(line);
  } catch (error) {
    note(`no summary: ${error instanceof Error ? error.message : String(error)} (only the emulator has one)`);
  }
}

async function up(
  workspace: Workspace,
  target: PulumiTarget,
  scalingo: ScalingoTarget,
  options: DemoOptions,
) {
  say(`Review stack "${demoStackName(options.reviewNumber)}" from Pulumi.${SOURCE_STACK}.yaml`);
  note(`overrides: ${OFFLINE_OVERRIDES.join(", ")}`);
  note(
    "object storage is off and DNS is `none`: they use the Scaleway provider plugin (pulumi-resource-scaleway),",
  );
  note("which is downloaded from GitHub at run time and so not available offline.");
  const review = await createReviewStack({
    source: { name: SOURCE_STACK, config: await stagingConfig(workspace, target) },
    reviewNumber: options.reviewNumber,
    overrides: OFFLINE_OVERRIDES,
    stackName: demoStackName(options.reviewNumber),
    workspace,
  });
  const { app } = review.resolved;
  note(`app ${app.name} in ${app.region}; configuration written to the stack (secrets encrypted)`);

  if (options.preview) {
    say("pulumi preview (nothing is changed)");
    await review.stack.preview({ onOutput: (text) => process.stdout.write(text) });
    say("Preview only. Create it with: npm run demo");
    return;
  }
  say("pulumi up");
  const result = await review.stack.up({ onOutput: (text) => process.stdout.write(text) });
  printOutputs(result.outputs);
  await printEmulatorSummary(scalingo, app.region, app.name);
  say(
    `Done. Tear it down with: npm run demo -- --destroy${options.reviewNumber === 1 ? "" : ` --number ${options.reviewNumber}`}`,
  );
}

async function destroy(workspace: Workspace, options: DemoOptions): Promise<void> {
  const name = demoStackName(options.reviewNumber);
  const stacks = await workspace.listStacks();
  if (!stacks.some((stack) => stack.name === name)) {
    say(`No stack "${name}" in this backend: nothing to destroy`);
    return;
  }
  say(`pulumi destroy (stack "${name}")`);
  const stack = await Stack.select(name, workspace);
  await withDestroyPermission(stack, note, () =>
    stack.destroy({ onOutput: (text) => process.stdout.write(text) }),
  );
  await workspace.removeStack(name);
  say(`Stack "${name}" destroyed and removed`);
}

async function main(): Promise<void> {
  const options = parseDemoArgs(process.argv.slice(2));
  const started = Date.now();
  say("Pulumi CLI: using the cached build, or building it from Go modules (first run: several minutes)");
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
    const envVars = demoEnvironment(
      pulumiEnv(path.join(DEMO_DIR, "state")),
      process.env,
      DEMO_DIR,
      pulumi,
      target,
    );
    const workspace = await LocalWorkspace.create({ workDir: PROJECT_DIR, pulumiCommand: command, envVars });
    if (options.destroy) await destroy(workspace, options);
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
