/**
 * Versions of the consent texts in locales/. Bump one whenever its wording changes in any
 * language: every stored decision keeps the version and the sha256 of the exact text shown.
 * - personal_data: `link-personal-data` (locales/<lang>/link.ftl), asked once at linking;
 * - participation: `consent-request` (locales/<lang>/consent.ftl), per trial; a health note is
 *   kept on a participation record too, with the text of `consent-health-ask`;
 * - photo: `consent-photo` (locales/<lang>/consent.ftl), the standing photo/video answer.
 */
export const CONSENT_TEXT_VERSIONS = {
  personal_data: "personal-data@1",
  participation: "participation@1",
  photo: "photo@1",
} as const;
