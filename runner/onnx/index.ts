export * from "./graph";
export * from "./rng";
export * from "./vocab";
export * from "./lexicon";
export * from "./demo";
export * from "./transformer";
export * from "./bad";
