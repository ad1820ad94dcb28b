/** Conversation ids, apart from the scenes themselves so that features can enter a scene without importing it. */
export const ONBOARDING_SCENE = "onboarding";
export const LINK_GUARDIAN_SCENE = "link-guardian";
export const QUESTIONNAIRE_SCENE = "questionnaire";
export const BROADCAST_SCENE = "broadcast";
export const TRIAL_CREATE_SCENE = "trial-create";
export const TRIAL_EDIT_SCENE = "trial-edit";
export const TRIAL_SIGNUP_SCENE = "trial-signup";
export const CONSENT_HEALTH_SCENE = "consent-health";
export const REFLECTION_AFTER_SCENE = "reflection-after";
export const REFLECTION_TRACE_SCENE = "reflection-trace";
