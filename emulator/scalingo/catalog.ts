import { CONTAINER_SIZES, SIZE_MEMORY_MB } from "../../providers/scalingo/limits";
import { EVENT_TYPE_IDS } from "./events";
import { stableHexId, stableUuid } from "./ids";
import type { JsonObject, Plan } from "./types";

/** A stack from `GET /v1/features/stacks`. */
export interface Stack {
  id: string;
  name: string;
  base_image: string;
  default: boolean;
  created_at: string;
  description: string;
  deprecated_at: string | null;
}

const stack = (name: string, isDefault: boolean, deprecatedAt: string | null): Stack => ({
  id: `st-${stableUuid(`stack:${name}`)}`,
  name,
  base_image: `scalingo/${name}:latest`,
  default: isDefault,
  created_at: "2024-01-01T00:00:00.000Z",
  description: `Scalingo stack ${name}`,
  deprecated_at: deprecatedAt,
});

/** Stacks (USERDOCS 2026: scalingo-26 default, scalingo-24 supported, scalingo-22 deprecated). */
export const STACKS: readonly Stack[] = [
  stack("scalingo-22", false, "2027-05-31"),
  stack("scalingo-24", false, null),
  stack("scalingo-26", true, null),
];

/** The default stack. */
export const defaultStack = (): Stack => STACKS.find((s) => s.default) ?? (STACKS[0] as Stack);

/** Container size objects of `GET /v1/features/container_sizes`. */
export const containerSizes = (region: string): JsonObject[] =>
  CONTAINER_SIZES.map((name, ordinal) => {
    const memory = SIZE_MEMORY_MB[name] * 1024 * 1024;
    return {
      id: stableUuid(`size:${name}`),
      name,
      human_name: `${name} (${memory / 1024 / 1024} MB)`,
      ordinal,
      memory,
      human_cpu: ordinal < 2 ? "shared" : `${2 ** (ordinal - 2)} CPU`,
      pids_limit: 1000 * (ordinal + 1),
      swap: memory,
      sku: `${region}-app-${name}`,
      hourly_price: 1 + ordinal,
      thirtydays_price: 720 * (1 + ordinal),
      pricings: { default: { price: String((1 + ordinal) / 6000), currency: "EUR", period: "minute" } },
    };
  });

interface PlanSpec {
  name: string;
  display: string;
  priceEur: number;
}

const plan = (provider: string, spec: PlanSpec, position: number): Plan => ({
  id: stableHexId(`plan:${spec.name}`),
  name: spec.name,
  display_name: spec.display,
  price: spec.priceEur,
  description: `${spec.display} plan of ${provider}`,
  position,
  on_demand: false,
  disabled: false,
  disabled_alternative_plan_id: null,
  sku: `fr1-${spec.name}`,
  pricings: {
    default: { price: (spec.priceEur / 43200).toFixed(10), currency: "EUR", period: "minute" },
  },
  hds_available: !spec.name.endsWith("sandbox"),
  to_be_discontinued: false,
  trial_available: spec.name.endsWith("sandbox"),
});

/** An add-on provider with its plans. */
export interface ProviderSpec {
  /** Short ID (current docs, CLI). */
  id: string;
  /** Legacy ID, also accepted as input. */
  legacyId: string;
  /**
   * The provider's name, which the official CLI matches (case-insensitively) when given an add-on type instead
   * of an `ad-` ID: `PostgreSQL` (DEVDOCS `addon_providers.md`, CLI `db/users/utils.go`) and `Redis® OSS`
   * (CLI `utils/addon_uuid.go` maps `redis` to it).
   */
  name: string;
  category: string;
  /** Variable holding the connection URL, and its alias. */
  urlVariable: string;
  aliasVariable: string;
  scheme: string;
  defaultVersion: string;
  plans: Plan[];
}

const specs = (provider: string, list: PlanSpec[]): Plan[] => list.map((s, i) => plan(provider, s, i));

/** PostgreSQL and Redis, with sandbox, starter and business plans. */
export const PROVIDERS: readonly ProviderSpec[] = [
  {
    id: "postgresql",
    legacyId: "scalingo-postgresql",
    name: "PostgreSQL",
    category: "Databases",
    urlVariable: "SCALINGO_POSTGRESQL_URL",
    aliasVariable: "DATABASE_URL",
    scheme: "postgresql",
    defaultVersion: "17.6.0-1",
    plans: specs("postgresql", [
      { name: "postgresql-sandbox", display: "Sandbox", priceEur: 0 },
      { name: "postgresql-starter-512", display: "Starter 512M", priceEur: 14.4 },
      { name: "postgresql-starter-1024", display: "Starter 1G", priceEur: 28.8 },
      { name: "postgresql-starter-2048", display: "Starter 2G", priceEur: 57.6 },
      { name: "postgresql-business-1024", display: "Business 1G", priceEur: 86.4 },
      { name: "postgresql-business-2048", display: "Business 2G", priceEur: 172.8 },
    ]),
  },
  {
    id: "redis",
    legacyId: "scalingo-redis",
    name: "Redis® OSS",
    category: "Databases",
    urlVariable: "SCALINGO_REDIS_URL",
    aliasVariable: "REDIS_URL",
    scheme: "redis",
    defaultVersion: "7.2.13-1",
    plans: specs("redis", [
      { name: "redis-sandbox", display: "Sandbox", priceEur: 0 },
      { name: "redis-starter-256", display: "Starter 256M", priceEur: 7.2 },
      { name: "redis-starter-512", display: "Starter 512M", priceEur: 14.4 },
      { name: "redis-starter-1024", display: "Starter 1G", priceEur: 28.8 },
      { name: "redis-business-256", display: "Business 256M", priceEur: 21.6 },
      { name: "redis-business-512", display: "Business 512M", priceEur: 43.2 },
      { name: "redis-business-1024", display: "Business 1G", priceEur: 86.4 },
    ]),
  },
];

/** The provider for a short or legacy ID. */
export const findProvider = (id: string): ProviderSpec | undefined =>
  PROVIDERS.find((p) => p.id === id || p.legacyId === id);

const CATEGORY = {
  id: stableHexId("category:databases"),
  name: "Databases",
  description: "Databases",
  position: 1,
};

/** Add-on categories of `GET /v1/addon_categories`. */
export const ADDON_CATEGORIES: readonly JsonObject[] = [CATEGORY];

/** Add-on provider object of `GET /v1/addon_providers`. */
export const providerJson = (p: ProviderSpec): JsonObject => ({
  id: p.id,
  name: p.name,
  logo_url: `https://cdn.scalingo.com/addons/${p.id}.svg`,
  short_description: p.name,
  description: p.name,
  category: CATEGORY,
  provider_name: "Scalingo",
  provider_url: "https://scalingo.com",
  hds_available: true,
  plans: p.plans as unknown as JsonObject[],
});

/** A notification platform (24-hex ID as in DEVDOCS); every platform accepts every app event type here. */
const platform = (name: string, displayName: string): JsonObject => ({
  id: stableHexId(`platform:${name}`),
  name,
  display_name: displayName,
  logo_url: `https://cdn.scalingo.com/notifications/${name}.svg`,
  available_event_ids: [...EVENT_TYPE_IDS],
  description: `${displayName} notifications`,
});

/** Notification platforms of `GET /v1/notification_platforms`. */
export const NOTIFICATION_PLATFORMS: readonly JsonObject[] = [
  platform("email", "E-mail"),
  platform("slack", "Slack"),
  platform("webhook", "Webhook"),
  platform("rocket_chat", "Rocket.Chat"),
];
