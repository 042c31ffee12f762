// The one slug rule: models, prompts and candidate sets appear in URLs by slug. Imported rows take
// their slugs from Hugging Face ids and file names (the paper's longest prompt file name gives 66
// characters), so the rule allows 200; lookups accept whatever the rule can produce.
export const MAX_SLUG_LENGTH = 200;
export const SLUG_PATTERN = new RegExp(`^[a-z0-9][a-z0-9._-]{0,${MAX_SLUG_LENGTH - 1}}$`);
export const SLUG_RULE = `lower-case letters, digits, '.', '_', '-' (1-${MAX_SLUG_LENGTH} characters, not starting with a symbol)`;
