// A progress bar on a terminal (tokens/s, ETA); plain, rate-limited log lines elsewhere.
import cliProgress from "cli-progress";
import type { PipelineProgress } from "./pipeline";

export interface ProgressReporter {
  update(progress: PipelineProgress): void;
  /** Scoring is over: the bar goes (the sweep's summary line is logged once it is complete). */
  stop(): void;
}

export function createProgressReporter(label: string, total: number, log: (line: string) => void, interactive = Boolean(process.stdout.isTTY)): ProgressReporter {
  if (interactive) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% | {value}/{total} tokens | {rate} tok/s | ETA {eta_formatted}`, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { rate: "0" });
    return {
      update: (p) => bar.update(p.rows, { rate: Math.round(p.rows / Math.max(p.wallSeconds, 1e-3)).toLocaleString("en") }),
      stop: () => bar.stop(),
    };
  }
  let lastLog = 0;
  return {
    update: (p) => {
      // Logs are for long sweeps: one line every 5 s; the summary line says the rest.
      if (p.wallSeconds - lastLog < 5 || p.rows >= total) return;
      lastLog = p.wallSeconds;
      const rate = p.rows / Math.max(p.wallSeconds, 1e-3);
      const eta = (total - p.rows) / Math.max(rate, 1e-3);
      log(`${label}: ${p.rows}/${total} tokens (${Math.round((100 * p.rows) / Math.max(total, 1))}%), ${Math.round(rate)} tok/s, ETA ${eta.toFixed(0)} s`);
    },
    stop: () => {},
  };
}
