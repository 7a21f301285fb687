/**
 * `paasenv release …`: versions and release notes from conventional commits, and the chat notice of a
 * production release.
 */
import type { Command } from "commander";
import type { CommandContext } from "../program";
import { registerReleaseNext } from "./next";
import { registerReleaseNotes } from "./notes";

/** Registers `release next|notes`. */
export function registerRelease(program: Command, context: CommandContext): void {
  const release = program
    .command("release")
    .description("releases: the next version and the release notes from conventional commits");
  registerReleaseNext(release, context);
  registerReleaseNotes(release, context);
}
