/**
 * `paasenv release notice <version>`: prints the chat notice of a production release (the JSON payload of a
 * Slack or Mattermost incoming webhook) from the results of the workflow's jobs and the deploy's report. It
 * posts nothing: the workflow sends the payload to the webhook whose URL it holds as a secret.
 */
import { type Command, Option } from "commander";
import { FAILED_CHECKS, type FailedCheck } from "../deploy/report";
import { usageError } from "../lib/errors";
import { parseStackName } from "../lib/parse";
import { RELEASE_TAG } from "../lib/versions";
import type { CommandContext } from "../program";
import { JOB_RESULTS, type JobResult, type NoticeFacts, noticeOf, noticePayload } from "./notice-text";

/** The options as commander parses them. */
interface NoticeFlags {
  stack: string;
  up: JobResult;
  release: JobResult;
  check?: FailedCheck | "";
  good?: string;
  actor?: string;
  releaseUrl?: string;
  runUrl?: string;
}

/** A `<version>` argument: a release tag `vX.Y.Z`. */
export function parseReleaseTag(text: string): string {
  if (!RELEASE_TAG.test(text)) throw usageError(`the version must be a release tag vX.Y.Z, got "${text}"`);
  return text;
}

/** An empty value (an unset workflow output) counts as not given. */
const given = (text: string | undefined) => (text === undefined || text.trim() === "" ? undefined : text);

/** The facts of a notice from the command line. */
export function noticeFactsOf(version: string, flags: NoticeFlags): NoticeFacts {
  return {
    version,
    stack: flags.stack,
    up: flags.up,
    release: flags.release,
    check: flags.check === "" ? undefined : flags.check,
    good: given(flags.good),
    actor: given(flags.actor),
    releaseUrl: given(flags.releaseUrl),
    runUrl: given(flags.runUrl),
  };
}

const jobOption = (flag: string, what: string) =>
  new Option(flag, `the result of the job that ${what}`).choices(JOB_RESULTS).makeOptionMandatory();

/** Registers `release notice`. */
export function registerReleaseNotice(release: Command, context: CommandContext): void {
  release
    .command("notice")
    .description("print the chat notice of a production release as a Slack/Mattermost webhook payload")
    .argument("<version>", "the release tag, e.g. v1.3.0", parseReleaseTag)
    .addOption(jobOption("--up <result>", "brought production up, deployed and verified it"))
    .addOption(jobOption("--release <result>", "created the GitHub release"))
    .addOption(
      new Option(
        "--check <check>",
        "the check the deploy failed (`check` of `paasenv deploy --json`)",
      ).choices([...FAILED_CHECKS, ""]),
    )
    .option("--good <version>", "what production ran before (`running` of `paasenv deploy --json`)")
    .option("--stack <stack>", "the stack the release went to", parseStackName, "production")
    .option("--actor <login>", "who pushed the tag")
    .option("--release-url <url>", "the GitHub release's page")
    .option("--run-url <url>", "the workflow run's page")
    .option("--text", "print the notice's text instead of the JSON payload")
    .action((version: string, flags: NoticeFlags & { text?: boolean }) => {
      const notice = noticeOf(noticeFactsOf(version, flags));
      const out = flags.text ? notice.text : JSON.stringify(noticePayload(notice));
      context.io.stdout(`${out}\n`);
    });
}
