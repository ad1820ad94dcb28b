/**
 * Versions of the consent texts in locales/. Bump one whenever its wording changes in any
 * language: every stored decision keeps the version and the sha256 of the exact text shown.
 */
export const CONSENT_TEXT_VERSIONS = {
  personal_data: "personal-data@1",
} as const;
