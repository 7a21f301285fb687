/**
 * The command line of `paasenv deploy`: its options, their checks, and what it prints (the app's URL, or with
 * `--json` the result, or the failure report of a failed deploy).
 */
import { type Command, Option } from "commander";
import { usageError } from "../lib/errors";
import { parseDuration, parseStackName } from "../lib/parse";
import { openPulumi } from "../lib/pulumi";
import type { CommandContext } from "../program";
import { type DeployOptions, type DeployResult, deploy } from "./index";
import { reportOf } from "./report";
import { parseVerifyPath, parseVerifyUrl, type VerifyOptions } from "./verify-target";

/** How long the app has to answer after the deployment, unless `--verify-timeout`. */
export const DEFAULT_VERIFY_TIMEOUT_MS = 5 * 60_000;

/** The options as commander parses them. */
export interface DeployFlags {
  repo?: string;
  ref?: string;
  archive?: string;
  sourceUrl?: string;
  force?: boolean;
  timeout: number;
  verify?: boolean;
  verifyUrl?: string;
  verifyPath?: string;
  verifyTimeout?: number;
  dryRun?: boolean;
  json?: boolean;
}

/** The HTTP check's options; a `--verify-*` option without `--verify` is a usage error. */
export function verifyOptionsOf(flags: DeployFlags): VerifyOptions | undefined {
  if (flags.verify !== true) {
    const stray = [
      ["--verify-url", flags.verifyUrl],
      ["--verify-path", flags.verifyPath],
      ["--verify-timeout", flags.verifyTimeout],
    ].find(([, value]) => value !== undefined);
    if (stray !== undefined) throw usageError(`${stray[0]} only applies with --verify`);
    return undefined;
  }
  if (flags.verifyTimeout === 0) throw usageError("--verify-timeout must be longer than 0s");
  return {
    url: flags.verifyUrl,
    path: flags.verifyPath ?? "/",
    timeoutMs: flags.verifyTimeout ?? DEFAULT_VERIFY_TIMEOUT_MS,
  };
}

/** The deploy's options from the parsed command line. */
export function deployOptionsOf(stack: string, flags: DeployFlags): DeployOptions {
  return {
    stack,
    repo: flags.repo,
    ref: flags.ref,
    archive: flags.archive,
    sourceUrl: flags.sourceUrl,
    force: flags.force ?? false,
    timeoutMs: flags.timeout,
    verify: verifyOptionsOf(flags),
    dryRun: flags.dryRun ?? false,
  };
}

/** The line a person reads on stdout: the app's URL, or what a dry run would deploy. */
export function resultLine(result: DeployResult): string {
  if (!result.dryRun) return result.url ?? result.app ?? result.stack;
  const what = result.release ?? result.gitRef ?? "the archive";
  const running =
    result.running === undefined ? "" : `, which runs ${result.running.release ?? result.running.gitRef}`;
  const app = result.app ?? "the app its first `up` creates";
  return `${result.stack}: dry run passed: ${what} may be deployed to ${app}${running}`;
}

const durationOption = (option: string) => (text: string) => parseDuration(text, option);

/** Registers `deploy`. */
export function registerDeploy(program: Command, context: CommandContext): void {
  program
    .command("deploy")
    .description(
      "deploy the application's code (a git ref by default) to the app of a stack and follow the deployment",
    )
    .addHelpText(
      "after",
      "\nProduction stacks (paasenv:environment = production) only take a commit tagged vX.Y.Z, never older than\n" +
        "the release they run, unless --force. --verify then checks that the app answers 2xx or 3xx on its URL:\n" +
        "the canonical custom domain when paasenv manages its DNS, else <app>.<region>.scalingo.io.\n" +
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
    .option("--force", "production: deploy without a release tag, or a release older than the one running")
    .addOption(
      new Option("--timeout <duration>", "stop following the deployment after this long (it goes on)")
        .argParser(durationOption("--timeout"))
        .default(30 * 60_000, "30m"),
    )
    .option("--verify", "after the deployment, check that the app answers 2xx or 3xx on its public URL")
    .option("--verify-url <url>", "check this base URL instead of the stack's", parseVerifyUrl)
    .option("--verify-path <path>", "the path the check requests (default /), e.g. /health", parseVerifyPath)
    .option(
      "--verify-timeout <duration>",
      "how long the app has to answer (default 5m)",
      durationOption("--verify-timeout"),
    )
    .option("--dry-run", "run the checks before the deployment (ref, release guard, URL) and stop")
    .option("--json", "print the result as JSON instead of the app's URL; a failure's report too")
    .action(async (stack: string, flags: DeployFlags, command: Command) => {
      const options = deployOptionsOf(stack, flags);
      const session = await openPulumi(context.globals(command), context.io);
      try {
        const result = await deploy(session, context.io, options);
        context.io.stdout(flags.json ? `${JSON.stringify(result)}\n` : `${resultLine(result)}\n`);
      } catch (error) {
        const report = reportOf(error);
        if (flags.json && report !== undefined) context.io.stdout(`${JSON.stringify(report)}\n`);
        throw error;
      }
    });
}
