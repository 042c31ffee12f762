// A sweep requested through the API while no bundle of the model was known is only recorded: a
// PENDING Sweep row whose settingsKey starts with this prefix. No runner picks it up; the next
// whole-vocabulary sweep of its model, prompt and mode removes it (runner/sweep/sweepRecord.ts).
export const SWEEP_REQUEST_PREFIX = "request:";

export const isSweepRequest = (settingsKey: string): boolean => settingsKey.startsWith(SWEEP_REQUEST_PREFIX);
