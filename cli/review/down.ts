/**
 * `paasenv review down <N>`: `destroy` stack `review-<N>`, then remove it. A missing stack is success, so
 * running it twice (or on a pull request that never had a review environment) is fine. The destroy carries
 * the data-loss permission for that stack's own objects, said on the terminal (`../lib/data-loss.ts`).
 */
import type { Command } from "commander";
import { reviewStackName } from "../../components/config/naming";
import { withDestroyPermission } from "../lib/data-loss";
import { parseReviewNumber } from "../lib/parse";
import {
  engineOutput,
  type GlobalOptions,
  type Io,
  openPulumi,
  type PulumiSession,
  progress,
  pulumiFailure,
} from "../lib/pulumi";
import { ensureStackFile } from "../lib/stacks";
import type { CommandContext } from "../program";

/** What `review down` did: `removed`, or `absent` when there was no such stack. */
export type ReviewDownOutcome = "removed" | "absent";

/** Destroys and removes `stackName`; `absent` when it does not exist. */
export async function destroyAndRemove(
  session: PulumiSession,
  globals: GlobalOptions,
  io: Io,
  stackName: string,
): Promise<ReviewDownOutcome> {
  const stack = await session.selectStack(stackName);
  if (stack === undefined) {
    progress(io, `${stackName} does not exist: nothing to tear down`);
    return "absent";
  }
  await ensureStackFile(session, globals, io, stack);
  progress(io, `${stackName}: pulumi destroy`);
  const result = await withDestroyPermission(
    stack,
    (line) => progress(io, line),
    () => stack.destroy({ onOutput: engineOutput(globals, io) }),
  ).catch((error: unknown) => Promise.reject(pulumiFailure("destroy", stackName, error)));
  progress(
    io,
    `${stackName}: ${result.summary.resourceChanges?.delete ?? 0} resources deleted; removing the stack`,
  );
  await session.workspace
    .removeStack(stackName)
    .catch((error: unknown) => Promise.reject(pulumiFailure("stack rm", stackName, error)));
  return "removed";
}

/** Registers `review down`. */
export function registerReviewDown(review: Command, context: CommandContext): void {
  review
    .command("down")
    .description("destroy review-<N> and remove the stack (a missing stack is success)")
    .argument("<N>", "pull-request number", parseReviewNumber)
    .action(async (reviewNumber: number, _opts: unknown, command: Command) => {
      const globals = context.globals(command);
      const session = await openPulumi(globals, context.io);
      const name = reviewStackName(reviewNumber);
      const outcome = await destroyAndRemove(session, globals, context.io, name);
      context.io.stdout(`${name} ${outcome}\n`);
    });
}
