/**
 * `paasenv release …`: versions and release notes from conventional commits, and the chat notice of a
 * production release.
 */
import type { Command } from "commander";
import type { CommandContext } from "../program";
import { registerReleaseNext } from "./next";
import { registerReleaseNotes } from "./notes";
import { registerReleaseNotice } from "./notice";

/** Registers `release next|notes|notice`. */
export function registerRelease(program: Command, context: CommandContext): void {
  const release = program
    .command("release")
    .description(
      "releases: the next version and the release notes from conventional commits, and the chat notice",
    );
  registerReleaseNext(release, context);
  registerReleaseNotes(release, context);
  registerReleaseNotice(release, context);
}
