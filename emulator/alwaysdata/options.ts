/** Emulator options. */
export interface AlwaysdataEmulatorOptions {
  /** The only API key accepted. */
  apiKey: string;
  /** When set, requests must name this account (`APIKEY account=NAME`). */
  account?: string;
  /** The account's domains (zones), e.g. `["example.com"]`. */
  domains: string[];
  /** Requests allowed per window and key; `0` or absent: no limit. */
  rateLimitPerMinute?: number;
  /** The rate-limit window, to keep tests short. @default `60000` */
  rateWindowMs?: number;
  /** Body of a successful create: `"empty"` like the real API, or the record as JSON. @default `"empty"` */
  createResponse?: "empty" | "json";
  /** TCP port on 127.0.0.1; `0` picks a free one. @default `0` */
  port?: number;
  /** JSON file the records are read from at start and written to (atomically) after each change. */
  stateFile?: string;
}
