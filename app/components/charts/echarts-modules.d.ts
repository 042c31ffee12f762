// Deep imports of ECharts' renderer installers (declared in echarts/types/src, not beside the
// files): importing them one by one keeps the SVG renderer, and the Buffer polyfill its base64
// helper pulls in, out of the chart bundle until someone downloads an SVG.
declare module "echarts/lib/renderer/installCanvasRenderer.js" {
  export function install(registers: unknown): void;
}
declare module "echarts/lib/renderer/installSVGRenderer.js" {
  export function install(registers: unknown): void;
}
