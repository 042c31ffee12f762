// The analysis worker thread's entry (piscina calls its default export with a LaneTask). Plain
// JavaScript so that any host can start it, the Next.js server included, which has no TypeScript
// loader: it loads the TypeScript lane runner through tsx's API.
import { tsImport } from "tsx/esm/api";

const { runLane } = await tsImport("./runLane.ts", import.meta.url);

export default runLane;
