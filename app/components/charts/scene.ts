// A chart as a flat list of shapes in CSS pixels, painted on a canvas (the page, PNG downloads) or
// written as SVG (SVG downloads). Text is only ever drawn as text: on the canvas by fillText, in
// SVG escaped, so token text can never become markup.

export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export type Shape =
  | { t: "rect"; x: number; y: number; w: number; h: number; fill: string; stroke?: string; opacity?: number }
  | { t: "circle"; x: number; y: number; r: number; fill: string; stroke?: string; lineWidth?: number; opacity?: number }
  | { t: "line"; points: [number, number][]; stroke: string; width: number; dash?: number[]; opacity?: number }
  | {
      t: "text";
      x: number;
      y: number;
      text: string;
      color: string;
      size: number;
      align?: "left" | "center" | "right";
      baseline?: "top" | "middle" | "bottom";
      /** Degrees, counter-clockwise, about (x, y). */
      rotate?: number;
    }
  /** A rectangle filled with a left-to-right gradient through `colors`. */
  | { t: "gradient"; x: number; y: number; w: number; h: number; colors: string[] };

export const font = (size: number) => `${size}px ${FONT}`;

// Baselines as offsets from the alphabetic baseline (SVG's default), the same on both outputs.
const BASELINE = { top: 0.8, middle: 0.35, bottom: -0.2 };

export function paint(ctx: CanvasRenderingContext2D, shapes: readonly Shape[]): void {
  for (const s of shapes) {
    ctx.globalAlpha = s.t !== "text" && s.t !== "gradient" ? (s.opacity ?? 1) : 1;
    switch (s.t) {
      case "rect":
        ctx.fillStyle = s.fill;
        ctx.fillRect(s.x, s.y, s.w, s.h);
        if (s.stroke) {
          ctx.strokeStyle = s.stroke;
          ctx.lineWidth = 1;
          ctx.strokeRect(s.x + 0.5, s.y + 0.5, s.w - 1, s.h - 1);
        }
        break;
      case "circle":
        ctx.beginPath();
        ctx.arc(s.x, s.y, s.r, 0, Math.PI * 2);
        ctx.fillStyle = s.fill;
        ctx.fill();
        if (s.stroke) {
          ctx.strokeStyle = s.stroke;
          ctx.lineWidth = s.lineWidth ?? 1;
          ctx.stroke();
        }
        break;
      case "line":
        ctx.beginPath();
        s.points.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
        ctx.strokeStyle = s.stroke;
        ctx.lineWidth = s.width;
        ctx.setLineDash(s.dash ?? []);
        ctx.stroke();
        ctx.setLineDash([]);
        break;
      case "text":
        ctx.save();
        ctx.translate(s.x, s.y);
        if (s.rotate) ctx.rotate((-s.rotate * Math.PI) / 180);
        ctx.font = font(s.size);
        ctx.fillStyle = s.color;
        ctx.textAlign = s.align ?? "left";
        ctx.textBaseline = "alphabetic";
        ctx.fillText(s.text, 0, BASELINE[s.baseline ?? "middle"] * s.size);
        ctx.restore();
        break;
      case "gradient": {
        const g = ctx.createLinearGradient(s.x, 0, s.x + s.w, 0);
        s.colors.forEach((c, i) => g.addColorStop(i / Math.max(1, s.colors.length - 1), c));
        ctx.fillStyle = g;
        ctx.fillRect(s.x, s.y, s.w, s.h);
        break;
      }
    }
  }
  ctx.globalAlpha = 1;
}

// Characters XML does not allow (control characters, lone surrogates) become U+FFFD; token text
// arrives here already made visible by tokenLabel, this only keeps the document well-formed.
const escapeXml = (text: string) =>
  text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
    .replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const n = (v: number) => String(Math.round(v * 100) / 100);

/** A standalone SVG document (no XML declaration) of the shapes on a white background. */
export function toSvg(shapes: readonly Shape[], width: number, height: number): string {
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}" font-family="${escapeXml(FONT)}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
  ];
  let gradients = 0;
  for (const s of shapes) {
    const opacity = s.t !== "text" && s.t !== "gradient" && s.opacity !== undefined && s.opacity < 1 ? ` opacity="${n(s.opacity)}"` : "";
    switch (s.t) {
      case "rect":
        out.push(`<rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}" fill="${escapeXml(s.fill)}"${s.stroke ? ` stroke="${escapeXml(s.stroke)}"` : ""}${opacity}/>`);
        break;
      case "circle":
        out.push(
          `<circle cx="${n(s.x)}" cy="${n(s.y)}" r="${n(s.r)}" fill="${escapeXml(s.fill)}"${s.stroke ? ` stroke="${escapeXml(s.stroke)}" stroke-width="${n(s.lineWidth ?? 1)}"` : ""}${opacity}/>`,
        );
        break;
      case "line":
        out.push(
          `<polyline points="${s.points.map(([x, y]) => `${n(x)},${n(y)}`).join(" ")}" fill="none" stroke="${escapeXml(s.stroke)}" stroke-width="${n(s.width)}"${s.dash ? ` stroke-dasharray="${s.dash.join(" ")}"` : ""}${opacity}/>`,
        );
        break;
      case "text": {
        const anchor = { left: "start", center: "middle", right: "end" }[s.align ?? "left"];
        const rotate = s.rotate ? ` transform="rotate(${n(-s.rotate)} ${n(s.x)} ${n(s.y)})"` : "";
        const y = s.y + BASELINE[s.baseline ?? "middle"] * s.size;
        out.push(`<text x="${n(s.x)}" y="${n(y)}" font-size="${s.size}" fill="${escapeXml(s.color)}" text-anchor="${anchor}" xml:space="preserve"${rotate}>${escapeXml(s.text)}</text>`);
        break;
      }
      case "gradient": {
        const id = `g${gradients++}`;
        const stops = s.colors.map((c, i) => `<stop offset="${n(i / Math.max(1, s.colors.length - 1))}" stop-color="${escapeXml(c)}"/>`).join("");
        out.push(`<defs><linearGradient id="${id}">${stops}</linearGradient></defs><rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}" fill="url(#${id})"/>`);
        break;
      }
    }
  }
  out.push("</svg>");
  return out.join("\n");
}
