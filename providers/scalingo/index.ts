/**
 * The Scalingo dynamic provider: one resource per file, all on the same HTTP client (`http.ts`).
 * @see ./README.md
 */
export { App, type AppArgs, appProvider } from "./app";
