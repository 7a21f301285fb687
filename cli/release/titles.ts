/**
 * The words of the release notes: section titles and labels, in English or French, each overridable from a
 * JSON file (`paasenv release notes --titles <file>`).
 */
import * as fs from "node:fs";
import { z } from "zod";
import { usageError } from "../lib/errors";

/** Every word the notes print. */
export const titlesSchema = z.strictObject({
  features: z.string().min(1),
  fixes: z.string().min(1),
  dependencies: z.string().min(1),
  technical: z.string().min(1),
  other: z.string().min(1),
  /** The title of the full list of commits. */
  changelog: z.string().min(1),
  /** The mark of a breaking change. */
  breaking: z.string().min(1),
  /** The line of notes with no commit. */
  empty: z.string().min(1),
});

/** The words of one language. */
export type Titles = z.infer<typeof titlesSchema>;

/** The built-in languages. */
export const LANGUAGES = ["en", "fr"] as const;

/** One built-in language. */
export type Language = (typeof LANGUAGES)[number];

/** The built-in sets. */
export const BUILT_IN_TITLES: Readonly<Record<Language, Titles>> = {
  en: {
    features: "Features",
    fixes: "Fixes",
    dependencies: "Dependency updates",
    technical: "Technical improvements",
    other: "Other changes",
    changelog: "Full changelog",
    breaking: "breaking change",
    empty: "No changes.",
  },
  fr: {
    features: "Nouveautés",
    fixes: "Corrections",
    dependencies: "Mises à jour des dépendances",
    technical: "Améliorations techniques",
    other: "Autres changements",
    changelog: "Historique complet des changements",
    breaking: "changement incompatible",
    empty: "Aucun changement.",
  },
};

/** A `--lang` value, checked. */
export function parseLanguage(text: string): Language {
  const found = LANGUAGES.find((language) => language === text);
  if (found === undefined) throw usageError(`--lang must be one of ${LANGUAGES.join(", ")}, got "${text}"`);
  return found;
}

/** The overrides of a `--titles` file: any of the keys of {@link titlesSchema}. */
export function parseTitleOverrides(text: string, file: string): Partial<Titles> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw usageError(`--titles ${file} is not JSON (${error instanceof Error ? error.message : error})`);
  }
  const parsed = titlesSchema.partial().safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const key = issue.path.join(".");
    return `${key === "" ? "the file" : `"${key}"`}: ${issue.message}`;
  });
  throw usageError(
    `--titles ${file}: ${problems.join("; ")} (allowed keys: ${Object.keys(titlesSchema.shape).join(", ")}, ` +
      "each a non-empty string)",
  );
}

/** The titles of `language` with the overrides of `file` (when given) on top. */
export function loadTitles(language: Language, file: string | undefined): Titles {
  const base = BUILT_IN_TITLES[language];
  if (file === undefined) return base;
  if (!fs.existsSync(file)) throw usageError(`--titles ${file} does not exist`);
  return { ...base, ...parseTitleOverrides(fs.readFileSync(file, "utf8"), file) };
}
