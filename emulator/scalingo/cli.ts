import { startEmulator } from "./index";
import { optionsFromArgs } from "./options";

/** `npm run emulator -- --port P [--latency-ms N …]`: runs until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const emulator = await startEmulator(optionsFromArgs(process.argv.slice(2)));
  console.log(`scalingo emulator listening on ${emulator.url}`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    emulator.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("scalingo emulator: error while stopping", error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`scalingo emulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
