/**
 * `paasenv emulator [flags]`: the local Scalingo API (and the Alwaysdata DNS API with `--alwaysdata-zone`) for a
 * team's own tests and trials, until Ctrl-C. The flags are the emulator's own (emulator/cli.ts, docs/emulator.md).
 */
import type { Command } from "commander";
import { emulatorFlagsHelp, parseEmulatorArgs, runEmulators } from "../emulator/cli";
import { messageOf, usageError } from "./lib/errors";
import type { CommandContext } from "./program";

/** Registers `emulator`. */
export function registerEmulator(program: Command, context: CommandContext): void {
  program
    .command("emulator")
    .description("run the local Scalingo API emulator (and the Alwaysdata DNS one) until Ctrl-C")
    .argument("[flags...]", "the emulator's flags, listed below")
    .allowUnknownOption()
    .addHelpText("after", `\nFlags:\n${emulatorFlagsHelp()}`)
    .action(async (flags: string[]) => {
      try {
        parseEmulatorArgs(flags);
      } catch (error) {
        throw usageError(messageOf(error));
      }
      await runEmulators(flags, (line) => context.io.stdout(`${line}\n`));
    });
}
