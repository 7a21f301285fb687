/** `paasenv:collaborators`: people invited to the app, by e-mail (once each; an invitation already sent is kept). */
import { z } from "zod";
import type { AddIssue } from "./errors";

const email = z.email({ message: "must be an e-mail address" });

/** `paasenv:collaborators`: an address, or `{ email, limited }` for Scalingo's limited role. */
export const collaboratorsSchema = z.array(
  z
    .union([email, z.strictObject({ email, limited: z.boolean().default(false) })])
    .describe("An e-mail address."),
);

export type CollaboratorsConfig = z.infer<typeof collaboratorsSchema>;

/** Each collaborator as `{ email, limited }`. */
export const collaboratorList = (list: CollaboratorsConfig | undefined) =>
  (list ?? []).map((c) => (typeof c === "string" ? { email: c, limited: false } : c));

/** The same address twice (case aside) is one collaborator. */
export function checkCollaborators(list: CollaboratorsConfig | undefined, issue: AddIssue): void {
  const emails = collaboratorList(list).map((c) => c.email.toLowerCase());
  emails.forEach((address, i) => {
    if (emails.indexOf(address) !== i) issue(["collaborators", i], "is listed twice", address);
  });
}
