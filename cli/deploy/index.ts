/**
 * `paasenv deploy <stack>`: deploy the application's code to the app a stack manages.
 *
 * In order, each a check that stops the deploy: the ref policy (production only takes a commit tagged
 * `vX.Y.Z`), the release guard (production never goes back to an older release), the deployment reaching
 * `success` (a failure prints the end of the build output) and, with `--verify`, the app answering 2xx or 3xx on
 * its public URL. `--force` lifts the first two; `--dry-run` stops after them. Nothing is ever rolled back.
 */
import { type ScalingoClient, scalingoClient } from "../../providers/scalingo/client";
import type { PulumiSession } from "../lib/pulumi";
import { type Io, progress } from "../lib/pulumi";
import { createDeployment, type Deployment, deploySession } from "./api";
import { deploymentFailure, followDeployment } from "./follow";
import { type Running, releaseGuard, runningOf } from "./guard";
import { deployPolicy } from "./policy";
import { checkFailure, type DeployFacts, withReport } from "./report";
import { type PlannedSource, planSource, type SourceOptions, sourceUrlOf } from "./source";
import { noAppYet, readStackAppIfUp, readStackSettings, type StackApp, type StackSettings } from "./stack";
import { classifyStatus } from "./status";
import { verifyAnswers } from "./verify";
import { displayUrl, type VerifyOptions, verifyTarget } from "./verify-target";

/** Options of {@link deploy}. */
export interface DeployOptions extends SourceOptions {
  stack: string;
  /** Lift the ref policy and the release guard of production. */
  force: boolean;
  /** Give up following after this long (the deployment goes on). */
  timeoutMs: number;
  /** The HTTP check after the deployment (`--verify`), or `undefined` for none. */
  verify: VerifyOptions | undefined;
  /** Run every check that comes before the deployment, then stop. */
  dryRun: boolean;
}

/** What a successful deploy (or dry run) did. */
export interface DeployResult {
  ok: true;
  stack: string;
  /** `undefined` on a dry run before the stack's first `up`. */
  app: string | undefined;
  region: string;
  dryRun: boolean;
  /** `undefined` on a dry run. */
  deploymentId: string | undefined;
  status: string | undefined;
  gitRef: string | undefined;
  /** The release tag deployed, when the commit carries one. */
  release: string | undefined;
  /** What production ran before (production stacks only). */
  running: Running | undefined;
  url: string | undefined;
  /** The URL of the HTTP check, and its answer once it passed. */
  verifyUrl: string | undefined;
  verifiedStatus: number | undefined;
}

/** Everything the checks before the deployment found. */
interface Prepared {
  settings: StackSettings;
  planned: PlannedSource;
  release: string | undefined;
  app: StackApp;
  client: ScalingoClient;
  running: Running | undefined;
  verifyUrl: string | undefined;
}

/** The ref policy (no API call): reads the stack's configuration and where the code comes from. */
async function checkSource(session: PulumiSession, io: Io, options: DeployOptions, facts: DeployFacts) {
  const { stack: name } = options;
  const settings = await readStackSettings(session, name);
  const planned = await planSource(options, io);
  const production = settings.environment === "production";
  const decision = deployPolicy({
    stack: name,
    environment: settings.environment,
    force: options.force,
    source: planned.source,
  });
  if (!decision.allowed) throw checkFailure("policy", `deploy ${name} refused: ${decision.reason}`);
  facts.release = decision.release;
  if (options.force && production && decision.release === undefined) {
    progress(io, `${name}: --force: deploying to production without a release tag`);
  }
  return { settings, planned, release: decision.release };
}

/** What the ref policy found. */
type Checked = Awaited<ReturnType<typeof checkSource>>;

/** The checks before the deployment that need the app: the check's URL, then the release guard. */
async function prepare(io: Io, options: DeployOptions, facts: DeployFacts, checked: Checked, app: StackApp) {
  const { stack: name } = options;
  const { settings, planned, release } = checked;
  const verifyUrl =
    options.verify === undefined
      ? undefined
      : verifyTarget({ stack: name, options: options.verify, config: settings, baseUrl: app.baseUrl });
  // What is printed or reported shows no credentials or query string (displayUrl).
  facts.verifyUrl = verifyUrl === undefined ? undefined : displayUrl(verifyUrl);
  const client = await scalingoClient(deploySession(process.env, settings.scalingoConfig), settings.region);
  const prepared: Prepared = { ...checked, app, client, running: undefined, verifyUrl };
  if (settings.environment !== "production") return prepared;
  const running = await runningOf(client, app.appName, planned.repo);
  facts.running = running;
  if (running !== undefined) {
    progress(
      io,
      `${name} runs ${running.release ?? running.gitRef ?? "?"} (deployment ${running.deploymentId})`,
    );
  }
  const guard = releaseGuard({ stack: name, release, running, force: options.force });
  if (!guard.allowed) throw checkFailure("guard", `deploy ${name} refused: ${guard.reason}`);
  if (guard.note !== undefined) progress(io, guard.note);
  return { ...prepared, running };
}

/** Uploads the code, starts the deployment and follows it to `success` (or throws the `deployment` check). */
async function deployCode(
  prepared: Prepared,
  options: DeployOptions,
  io: Io,
  facts: DeployFacts,
): Promise<Deployment> {
  const { client, planned, release, settings } = prepared;
  const { appName } = prepared.app;
  const name = options.stack;
  const sourceUrl = await sourceUrlOf(client, planned, options, io);
  const created = await createDeployment(client, appName, sourceUrl, planned.gitRef);
  facts.deploymentId = created.id;
  progress(
    io,
    `${name}: deployment ${created.id} of ${appName} (${settings.region})${release ? `, release ${release}` : ""}`,
  );
  const final = await followDeployment({
    client,
    app: appName,
    deployment: created,
    timeoutMs: options.timeoutMs,
    onStatus: (status) => progress(io, `${name}: ${status}`),
  });
  if (classifyStatus(final.status) !== "failure") return final;
  throw await deploymentFailure({
    client,
    stack: name,
    app: appName,
    deployment: final,
    verify: options.verify !== undefined,
    io,
  });
}

/**
 * A dry run on a stack never brought up (the first `up` comes next, as in the production workflow, which runs
 * the checks before `up`): the ref policy passed, and no app means nothing runs there to compare with.
 */
function dryRunBeforeFirstUp(io: Io, options: DeployOptions, checked: Checked): DeployResult {
  progress(io, `${options.stack}: no app yet (no \`appName\` output): nothing runs there to compare with`);
  return {
    ok: true,
    stack: options.stack,
    app: undefined,
    region: checked.settings.region,
    dryRun: true,
    deploymentId: undefined,
    status: undefined,
    gitRef: checked.planned.gitRef,
    release: checked.release,
    running: undefined,
    url: undefined,
    verifyUrl: undefined,
    verifiedStatus: undefined,
  };
}

/** What {@link deploySteps} returns for every run that reached the app. */
function resultOf(prepared: Prepared, options: DeployOptions) {
  const { settings, app, planned, release, running, verifyUrl } = prepared;
  return {
    ok: true as const,
    stack: options.stack,
    app: app.appName,
    region: settings.region,
    gitRef: planned.gitRef,
    release,
    running,
    url: app.url,
    verifyUrl: verifyUrl === undefined ? undefined : displayUrl(verifyUrl),
  };
}

/** The checks, the deployment and the HTTP check; `facts` collects what the failure report needs. */
async function deploySteps(
  session: PulumiSession,
  io: Io,
  options: DeployOptions,
  facts: DeployFacts,
): Promise<DeployResult> {
  const checked = await checkSource(session, io, options, facts);
  const app = await readStackAppIfUp(checked.settings.stack);
  if (app === undefined) {
    if (options.dryRun) return dryRunBeforeFirstUp(io, options, checked);
    throw noAppYet(options.stack);
  }
  const prepared = await prepare(io, options, facts, checked, app);
  const result = resultOf(prepared, options);
  const none = { deploymentId: undefined, status: undefined, verifiedStatus: undefined };
  if (options.dryRun) return { ...result, ...none, dryRun: true };
  const final = await deployCode(prepared, options, io, facts);
  const verified =
    prepared.verifyUrl === undefined || options.verify === undefined
      ? undefined
      : await verifyAnswers({
          stack: options.stack,
          deploymentId: final.id,
          url: prepared.verifyUrl,
          timeoutMs: options.verify.timeoutMs,
          io,
        });
  const verifiedStatus = verified?.last.kind === "status" ? verified.last.status : undefined;
  return { ...result, dryRun: false, deploymentId: final.id, status: final.status, verifiedStatus };
}

/**
 * Deploys the code to the app of `options.stack`, follows the deployment to its end and, with `--verify`,
 * checks that the app answers. A failure carries the report of what was known (`reportOf`).
 */
export async function deploy(session: PulumiSession, io: Io, options: DeployOptions): Promise<DeployResult> {
  const facts: DeployFacts = { stack: options.stack };
  try {
    return await deploySteps(session, io, options, facts);
  } catch (error) {
    throw withReport(error, facts);
  }
}
