/**
 * `paasenv deploy <stack>`: deploy the application's code to the app a stack manages.
 *
 * The code is a `git archive` of a ref of the application repository (default), a ready-made archive
 * (`--archive`) or a URL Scalingo downloads (`--source-url`). Archives are uploaded through `POST /v1/sources`
 * and a `PUT`, so private repositories need no SCM link. The deployment is then followed to its end; a failure
 * prints the end of the build output and exits 1 naming the status. Production stacks only take a commit tagged
 * `vX.Y.Z` unless `--force`.
 */
import * as fs from "node:fs";
import { type Command, Option } from "commander";
import { sleep } from "../../providers/base/polling";
import { type ScalingoClient, scalingoClient } from "../../providers/scalingo/client";
import { cliError, messageOf } from "../lib/errors";
import { parseDuration, parseStackName } from "../lib/parse";
import { type Io, openPulumi, type PulumiSession, progress } from "../lib/pulumi";
import type { CommandContext } from "../program";
import {
  createDeployment,
  createSource,
  type Deployment,
  deploySession,
  getDeployment,
  getDeploymentOutput,
  uploadArchive,
} from "./api";
import { formatSize, isGzip, redactUrl } from "./archive";
import { gitArchive, hasUncommittedChanges, repositoryRoot, resolveRef } from "./git";
import { type DeploySource, deployPolicy } from "./policy";
import { readStackApp, readStackSettings } from "./stack";
import { classifyStatus, failureHint, tailLines } from "./status";

/** How many lines of build output a failed deploy prints. */
export const OUTPUT_TAIL_LINES = 40;

/** Options of {@link deploy}. */
export interface DeployOptions {
  stack: string;
  /** The application repository (any folder inside it). @default the current directory */
  repo: string | undefined;
  /** The git ref to deploy; with `archive`/`sourceUrl`, only a label sent as `git_ref`. @default `"HEAD"` */
  ref: string | undefined;
  /** A gzipped tar with one top-level folder, uploaded as is. */
  archive: string | undefined;
  /** A URL of an archive Scalingo downloads itself. */
  sourceUrl: string | undefined;
  /** Deploy to production without a release tag. */
  force: boolean;
  /** Give up following after this long (the deployment goes on). */
  timeoutMs: number;
}

/** What a successful deploy did. */
export interface DeployResult {
  stack: string;
  app: string;
  region: string;
  deploymentId: string;
  status: string;
  gitRef: string | undefined;
  /** The release tag deployed, when the commit carries one. */
  release: string | undefined;
  url: string | undefined;
}

/** The source to deploy, before any archive is built. */
interface PlannedSource {
  source: DeploySource;
  gitRef: string | undefined;
  repo?: string;
}

/** Resolves where the code comes from (local work only: git, the file system). */
async function planSource(options: DeployOptions, io: Io): Promise<PlannedSource> {
  if (options.sourceUrl !== undefined) {
    return { source: { kind: "source-url", ref: options.ref }, gitRef: options.ref };
  }
  if (options.archive !== undefined) {
    if (!fs.existsSync(options.archive)) throw cliError(`--archive ${options.archive} does not exist`);
    return { source: { kind: "archive", ref: options.ref }, gitRef: options.ref };
  }
  const repo = await repositoryRoot(options.repo ?? process.cwd());
  const resolved = await resolveRef(repo, options.ref ?? "HEAD");
  if (options.ref === undefined && (await hasUncommittedChanges(repo))) {
    progress(
      io,
      `${repo} has uncommitted changes: they are not deployed (git archive takes committed files)`,
    );
  }
  return { source: { kind: "git", ...resolved }, gitRef: resolved.commit, repo };
}

/** The archive's bytes: `git archive` of the commit, or the `--archive` file (checked to be gzip). */
async function archiveBytes(planned: PlannedSource, options: DeployOptions, io: Io): Promise<Buffer> {
  const { source, repo } = planned;
  if (source.kind === "git" && repo !== undefined) {
    const built = await gitArchive(repo, source.commit);
    try {
      const bytes = fs.readFileSync(built.file);
      progress(
        io,
        `git archive ${source.ref} (${source.commit.slice(0, 12)}) → ${built.folder}/, ${formatSize(bytes.length)}`,
      );
      return bytes;
    } finally {
      built.remove();
    }
  }
  const file = options.archive ?? "";
  const bytes = fs.readFileSync(file);
  if (!isGzip(bytes)) {
    throw cliError(`--archive ${file} is not gzipped; Scalingo wants a .tar.gz with one top-level folder`);
  }
  return bytes;
}

/** The URL Scalingo downloads the code from: `--source-url`, or an upload through `POST /v1/sources`. */
async function sourceUrlOf(
  client: ScalingoClient,
  planned: PlannedSource,
  options: DeployOptions,
  io: Io,
): Promise<string> {
  if (options.sourceUrl !== undefined) return options.sourceUrl;
  const bytes = await archiveBytes(planned, options, io);
  const source = await createSource(client);
  progress(io, `uploading ${formatSize(bytes.length)} to ${redactUrl(source.upload_url)}`);
  await uploadArchive(client, source.upload_url, bytes);
  return source.download_url;
}

/** Polls a deployment until it ends, reporting each status seen; throws after `timeoutMs`. */
export async function followDeployment(args: {
  client: ScalingoClient;
  app: string;
  deployment: Deployment;
  timeoutMs: number;
  onStatus: (status: string) => void;
}): Promise<Deployment> {
  const { client, app } = args;
  const deadline = Date.now() + args.timeoutMs;
  let current = args.deployment;
  let reported: string | undefined;
  for (;;) {
    if (current.status !== reported) args.onStatus(current.status);
    reported = current.status;
    if (classifyStatus(current.status) !== "in-progress") return current;
    if (Date.now() >= deadline) {
      throw cliError(
        `deployment ${current.id} of ${app} is still ${current.status} after ${Math.round(args.timeoutMs / 1000)} s; ` +
          "it goes on on Scalingo: follow it in the dashboard, or raise --timeout",
      );
    }
    await sleep(client.settings.pollIntervalMs);
    current = await getDeployment(client, app, current.id);
  }
}

/** The error of a failed deployment, with the end of its build output printed first. */
async function failure(client: ScalingoClient, stack: string, app: string, deployment: Deployment, io: Io) {
  try {
    const output = await getDeploymentOutput(client, app, deployment.id);
    io.stderr(`paasenv: last lines of the build output of deployment ${deployment.id}:\n`);
    io.stderr(`${tailLines(output, OUTPUT_TAIL_LINES, "  | ").join("\n")}\n`);
  } catch (error) {
    progress(io, `could not read the build output (${messageOf(error)})`);
  }
  return cliError(
    `deploy ${stack}: deployment ${deployment.id} of ${app} failed with status ${deployment.status}: ` +
      `${failureHint(deployment.status)}`,
  );
}

/** Deploys the code to the app of `options.stack` and follows the deployment to its end. */
export async function deploy(session: PulumiSession, io: Io, options: DeployOptions): Promise<DeployResult> {
  const { stack: name } = options;
  const settings = await readStackSettings(session, name);
  const planned = await planSource(options, io);
  const decision = deployPolicy({
    stack: name,
    environment: settings.environment,
    force: options.force,
    source: planned.source,
  });
  if (!decision.allowed) throw cliError(`deploy ${name} refused: ${decision.reason}`);
  if (options.force && settings.environment === "production" && decision.release === undefined) {
    progress(io, `${name}: --force: deploying to production without a release tag`);
  }
  const { appName, url } = await readStackApp(settings.stack);
  const client = await scalingoClient(deploySession(process.env, settings.scalingoConfig), settings.region);
  const sourceUrl = await sourceUrlOf(client, planned, options, io);
  const created = await createDeployment(client, appName, sourceUrl, planned.gitRef);
  progress(
    io,
    `${name}: deployment ${created.id} of ${appName} (${settings.region})${decision.release ? `, release ${decision.release}` : ""}`,
  );
  const final = await followDeployment({
    client,
    app: appName,
    deployment: created,
    timeoutMs: options.timeoutMs,
    onStatus: (status) => progress(io, `${name}: ${status}`),
  });
  if (classifyStatus(final.status) === "failure") throw await failure(client, name, appName, final, io);
  return {
    stack: name,
    app: appName,
    region: settings.region,
    deploymentId: final.id,
    status: final.status,
    gitRef: planned.gitRef,
    release: decision.release,
    url,
  };
}

/** Registers `deploy`. */
export function registerDeploy(program: Command, context: CommandContext): void {
  program
    .command("deploy")
    .description(
      "deploy the application's code (a git ref by default) to the app of a stack and follow the deployment",
    )
    .addHelpText(
      "after",
      "\nProduction stacks (paasenv:environment = production) only take a commit tagged vX.Y.Z, unless --force.\n" +
        "The app name and region come from the stack; the token from SCALINGO_API_TOKEN or scalingo:apiToken.",
    )
    .argument(
      "<stack>",
      "the stack whose app receives the code (staging, production, review-<N>…)",
      parseStackName,
    )
    .option(
      "--repo <path>",
      "the application's git repository (any folder inside it); default: the current directory",
    )
    .option(
      "--ref <ref>",
      "branch, tag or commit to deploy (default HEAD); with --archive/--source-url, a label",
    )
    .addOption(
      new Option("--archive <file.tar.gz>", "upload this archive instead of a git archive").conflicts([
        "sourceUrl",
        "repo",
      ]),
    )
    .addOption(
      new Option("--source-url <url>", "let Scalingo download the archive from this URL").conflicts("repo"),
    )
    .option("--force", "deploy to a production stack without a release tag")
    .addOption(
      new Option("--timeout <duration>", "stop following the deployment after this long (it goes on)")
        .argParser((text: string) => parseDuration(text, "--timeout"))
        .default(30 * 60_000, "30m"),
    )
    .option("--json", "print the result as JSON instead of the app's URL")
    .action(
      async (
        stack: string,
        opts: {
          repo?: string;
          ref?: string;
          archive?: string;
          sourceUrl?: string;
          force?: boolean;
          timeout: number;
          json?: boolean;
        },
        command: Command,
      ) => {
        const session = await openPulumi(context.globals(command), context.io);
        const result = await deploy(session, context.io, {
          stack,
          repo: opts.repo,
          ref: opts.ref,
          archive: opts.archive,
          sourceUrl: opts.sourceUrl,
          force: opts.force ?? false,
          timeoutMs: opts.timeout,
        });
        context.io.stdout(opts.json ? `${JSON.stringify(result)}\n` : `${result.url ?? result.app}\n`);
      },
    );
}
