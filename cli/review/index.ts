/**
 * `paasenv review …`: the review environments of pull requests (one stack `review-<N>` each).
 */
import type { Command } from "commander";
import type { CommandContext } from "../program";
import { registerReviewDown } from "./down";
import { registerReviewGc } from "./gc";
import { registerReviewList } from "./list";
import { registerReviewUp } from "./up";

/** Registers `review up|down|list|gc`. */
export function registerReview(program: Command, context: CommandContext): void {
  const review = program
    .command("review")
    .description("review environments: one stack review-<N> per pull request, copied from a source stack");
  registerReviewUp(review, context);
  registerReviewDown(review, context);
  registerReviewList(review, context);
  registerReviewGc(review, context);
}
