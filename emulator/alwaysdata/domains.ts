import type { Reply } from "./http";
import type { EmulatedDomain, State } from "./store";

/** `GET /v1/domain/`: the account's domains. */
export const listDomains = (state: State): Reply => ({
  status: 200,
  body: state.domains.map((d) => ({ ...d, href: `/v1/domain/${d.id}/` })),
});

/** The domain named `zone`; throws when the account has none (a test's mistake, not an API answer). */
export function domainByName(state: State, zone: string): EmulatedDomain {
  const domain = state.domains.find((d) => d.name === zone);
  if (domain === undefined) {
    throw new Error(`emulator: unknown zone ${zone}`);
  }
  return domain;
}
