/**
 * `paasenv review up <N>`: create or update stack `review-<N>` from a source stack's configuration (secrets
 * included) through cli/lib/review-stack.ts, run `pulumi up`, print the URL.
 */
import * as path from "node:path";
import type { Command } from "commander";
import { reviewStackName } from "../../components/config/naming";
import { cliError, messageOf } from "../lib/errors";
import { parseReviewNumber, parseSet, parseStackName } from "../lib/parse";
import {
  engineOutput,
  type GlobalOptions,
  type Io,
  isLockError,
  openPulumi,
  type PulumiSession,
  progress,
  pulumiFailure,
} from "../lib/pulumi";
import { createReviewStack } from "../lib/review-stack";
import { ensureStackFile } from "../lib/stacks";
import type { CommandContext } from "../program";

/** Options of {@link reviewUp}. */
export interface ReviewUpOptions {
  reviewNumber: number;
  /** The source stack. @default `"staging"` */
  from: string;
  /** `paasenv:key.path=value` overrides, applied after the copy. */
  overrides: string[];
  /** Policy packs the `up` runs (the production gate: `policy`, advisory in a review). @default `[]` */
  policyPacks?: readonly string[];
}

/** What `review up` did. */
export interface ReviewUpResult {
  stack: string;
  appName: string;
  url: string | undefined;
  /** Pulumi's resource changes, e.g. `{ same: 9 }` for a no-op. */
  changes: Record<string, number>;
}

/** `{ create: 2, same: 7 }` → `2 created, 7 unchanged`. */
export function describeChanges(changes: Record<string, number>): string {
  const words: Record<string, string> = {
    create: "created",
    update: "updated",
    replace: "replaced",
    delete: "deleted",
    same: "unchanged",
  };
  const parts = Object.entries(changes)
    .filter(([, count]) => count > 0)
    .map(([op, count]) => `${count} ${words[op] ?? op}`);
  return parts.length > 0 ? parts.join(", ") : "nothing";
}

/** Creates or updates the review stack and runs `up`. */
export async function reviewUp(
  session: PulumiSession,
  globals: GlobalOptions,
  io: Io,
  options: ReviewUpOptions,
): Promise<ReviewUpResult> {
  const name = reviewStackName(options.reviewNumber);
  const source = await session.selectStack(options.from);
  if (source === undefined) {
    throw cliError(
      `review up ${options.reviewNumber}: the source stack "${options.from}" does not exist in this backend; ` +
        `create it first (pulumi stack init ${options.from}) or pass --from <stack>`,
    );
  }
  const existing = await session.selectStack(name);
  if (existing !== undefined) await ensureStackFile(session, globals, io, existing);
  progress(io, `${name}: copying the configuration of ${options.from}${existing ? " (stack exists)" : ""}`);
  const review = await createReviewStack({
    source,
    reviewNumber: options.reviewNumber,
    overrides: options.overrides,
  }).catch((error: unknown) => {
    throw isLockError(error)
      ? pulumiFailure("configure", name, error)
      : cliError(`review up ${options.reviewNumber}: ${messageOf(error)}`);
  });
  progress(io, `${name}: pulumi up (app ${review.resolved.app.name})`);
  const policyPacks = (options.policyPacks ?? []).map((pack) => path.resolve(globals.cwd, pack));
  const result = await review.stack
    .up({ onOutput: engineOutput(globals, io), policyPacks })
    .catch((error: unknown) => Promise.reject(pulumiFailure("up", name, error)));
  const changes = result.summary.resourceChanges ?? {};
  progress(io, `${name}: ${describeChanges(changes)}`);
  const url = result.outputs.url?.value;
  return {
    stack: name,
    appName: review.resolved.app.name,
    url: typeof url === "string" ? url : undefined,
    changes,
  };
}

/** Registers `review up`. */
export function registerReviewUp(review: Command, context: CommandContext): void {
  review
    .command("up")
    .description(
      "create or update review-<N> from a source stack (secrets included), run pulumi up, print the URL",
    )
    .argument("<N>", "pull-request number", parseReviewNumber)
    .option("--from <stack>", "source stack whose configuration is copied", parseStackName, "staging")
    .option(
      "--set <key=value>",
      "override a config key after the copy (repeatable), e.g. --set storage.enabled=false",
      parseSet,
      [],
    )
    .option("--json", "print {stack, appName, url, changes} as JSON instead of the URL")
    .option("--policy-pack <dir>", "run this policy pack during the up (the production gate: policy)")
    .action(
      async (
        reviewNumber: number,
        opts: { from: string; set: string[]; json?: boolean; policyPack?: string },
        command: Command,
      ) => {
        const globals = context.globals(command);
        const session = await openPulumi(globals, context.io);
        const result = await reviewUp(session, globals, context.io, {
          reviewNumber,
          from: opts.from,
          overrides: opts.set,
          policyPacks: opts.policyPack === undefined ? [] : [opts.policyPack],
        });
        context.io.stdout(opts.json ? `${JSON.stringify(result)}\n` : `${result.url ?? "(no url output)"}\n`);
      },
    );
}
