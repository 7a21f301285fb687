/**
 * `paasenv`: the command line of this repository (`npm run paasenv -- <command>`, or the `paasenv` bin).
 * See cli/program.ts for the commands and docs/cli.md for the workflows around them.
 */
import { processIo } from "./lib/pulumi";
import { main } from "./program";

main(process.argv.slice(2), processIo).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `paasenv: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
