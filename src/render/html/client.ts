/**
 * The preview page's script (bundled by esbuild into /assets/preview.js, see
 * bundle.ts): draws every execution chart of the deck markup with chart.js
 * from the very configuration the .pptx picture is drawn from
 * (chartConfig.ts), measured with the browser canvas' own measureText.
 *
 * Written against the few browser APIs it uses, declared here, so the
 * project's Node-only tsconfig checks it without the DOM library.
 * Importing this module does nothing: the bundle's entry calls `install`.
 */
import type { ExecutionBar } from '../../layout/model.js';
import { CHART_FONT_FAMILY, executionChartConfig, type ChartStyle } from '../chartConfig.js';

/** What renderSlidesHtml writes into a chart box's data-chart attribute. */
export interface ChartData {
  bars: ExecutionBar[];
  style: ChartStyle;
}

interface Ctx2D {
  font: string;
  measureText(text: string): { width: number };
}
interface CanvasEl {
  readonly isConnected: boolean;
  getContext(kind: '2d'): Ctx2D | null;
}
interface El {
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  querySelector(selector: string): unknown;
  querySelectorAll(selector: string): Iterable<El>;
}
interface ChartInstance {
  destroy(): void;
}
interface ChartClass {
  new (item: unknown, config: unknown): ChartInstance;
  BasicPlatform: unknown;
}
interface Doc extends El {
  readonly readyState: string;
  readonly body: El;
  readonly fonts: { load(font: string, text?: string): Promise<unknown> };
  createElement(tag: 'canvas'): CanvasEl & { width: number; height: number };
  addEventListener(type: 'DOMContentLoaded', listener: () => void): void;
}
export interface BrowserGlobals {
  document: Doc;
  Chart?: ChartClass;
  itogiPreview?: PreviewApi;
}

export interface PreviewApi {
  /**
   * (Re)draws every chart inside root. Idempotent: a chart already drawn on a
   * canvas is replaced, charts whose canvas left the page are released.
   * Resolves when every chart is drawn. Slides scale by CSS (container
   * units), so there is nothing else to do on a resize.
   */
  draw(root: El): Promise<void>;
}

export function install(win: BrowserGlobals): PreviewApi {
  const doc = win.document;
  const drawn = new Map<CanvasEl, ChartInstance>();
  let measureCtx: Ctx2D | null = null;
  const measureText = (text: string, font: string): number => {
    measureCtx ??= doc.createElement('canvas').getContext('2d');
    if (measureCtx === null) return 0;
    measureCtx.font = font;
    return measureCtx.measureText(text).width;
  };

  // The chart's texts are Arimo (served by the page): wait for both weights,
  // or chart.js would measure and draw with a fallback font.
  let fontsReady: Promise<unknown> | undefined;
  const fonts = () =>
    (fontsReady ??= Promise.all([
      doc.fonts.load(`16px ${CHART_FONT_FAMILY}`, '№0%'),
      doc.fonts.load(`bold 16px ${CHART_FONT_FAMILY}`, '№0%'),
    ]).catch(() => undefined));

  const api: PreviewApi = {
    async draw(root) {
      await fonts();
      const Chart = win.Chart;
      if (Chart === undefined) throw new Error('chart.js is not loaded (/assets/chart.umd.js)');
      for (const [canvas, chart] of drawn) {
        if (!canvas.isConnected) {
          chart.destroy();
          drawn.delete(canvas);
        }
      }
      // A native chart is drawn already (SVG from its geometry): marked as every drawn chart is.
      for (const box of root.querySelectorAll('.itogi-chart[data-native]')) box.setAttribute('data-drawn', 'true');
      for (const box of root.querySelectorAll('.itogi-chart[data-chart]')) {
        const canvas = box.querySelector('canvas') as CanvasEl | null;
        if (canvas === null) continue;
        drawn.get(canvas)?.destroy();
        drawn.delete(canvas);
        try {
          const data = JSON.parse(box.getAttribute('data-chart') ?? '') as ChartData;
          const config = executionChartConfig(data.bars, data.style, measureText);
          // BasicPlatform, as the .pptx picture is drawn (no DOM there): chart.js
          // then neither resizes the canvas nor restyles it; CSS scales it to the box.
          const ctx = canvas.getContext('2d');
          drawn.set(canvas, new Chart(ctx, { ...config, platform: Chart.BasicPlatform }));
          box.setAttribute('data-drawn', 'true');
        } catch (e) {
          box.setAttribute('data-drawn', 'error');
          box.setAttribute('title', `Диаграмма не нарисована: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    },
  };
  win.itogiPreview = api;
  const start = () => void api.draw(doc.body);
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', start);
  else start();
  return api;
}
