// Kept apart from the model so the CLI can print it before the framework loads.
export const OFFLINE_MODEL_LABEL = 'offline stand-in (scripted, not an AI)';
