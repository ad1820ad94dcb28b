/** Conversation ids, apart from the scenes themselves so that features can enter a scene without importing it. */
export const ONBOARDING_SCENE = "onboarding";
export const LINK_GUARDIAN_SCENE = "link-guardian";
export const QUESTIONNAIRE_SCENE = "questionnaire";
export const BROADCAST_SCENE = "broadcast";
