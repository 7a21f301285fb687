/** The site answers on a custom domain over HTTPS: Let's Encrypt or a certificate of its own. */
import { domainTls, TYPES } from "../resources";
import type { StackRule } from "./rule";

export const customDomain: StackRule = {
  name: "custom-domain",
  description: "The app has a custom domain with a TLS certificate (Let's Encrypt or its own).",
  types: [TYPES.domain],
  always: true,
  check: (resources) => {
    const domains = resources
      .filter((resource) => resource.type === TYPES.domain)
      .map((r) => domainTls(r.props));
    if (domains.length === 0) {
      return [
        "the app has no custom domain, so it answers only on <app>.<region>.scalingo.io: add one under " +
          "`paasenv:domains` (`- name: www.example.com`), with `paasenv:dns.provider` set to `scaleway`, " +
          "`alwaysdata` or `manual` (not `none`)",
      ];
    }
    return domains
      .filter((domain) => !domain.letsEncrypt && !domain.certificate)
      .map(
        (domain) =>
          `the domain \`${domain.name ?? "?"}\` has neither Let's Encrypt nor a certificate of its own: ` +
          "set its `letsEncrypt` input to `true` (paasenv's default)",
      );
  },
};
