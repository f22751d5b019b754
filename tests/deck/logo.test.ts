/**
 * A logo on every slide when the template asks (`logo_on_every_slide`):
 * read back from the built deck, each slide has it, in its own proportions
 * (a tall coat of arms stays tall), clear of every other text, table and
 * chart; without the option it stays on the title slide alone.
 */
import { createCanvas } from '@napi-rs/canvas';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeck, buildSummary, checkFile, summarizeYear, type DeckFile } from '../../src/api.js';
import { openPptx, type OpenedPptx } from '../helpers/pptx.js';
import { REPO, SIXTEEN } from './build.js';

const EMU_PER_PT = 12700;
const YEAR = ['economy', 'institutional-environment'];

/** A coat of arms twice as tall as wide. */
function tallLogo(): Buffer {
  const canvas = createCanvas(120, 240);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#1F3A68';
  ctx.fillRect(0, 0, 120, 240);
  ctx.fillStyle = '#F2C94C';
  ctx.fillRect(20, 40, 80, 160);
  return canvas.toBuffer('image/png');
}

interface Frame {
  name: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Name and frame (points) of every shape, picture and graphic frame on a slide. */
function frames(slideXml: string): Frame[] {
  return [...slideXml.matchAll(/<p:(sp|pic|graphicFrame)>[\s\S]*?<\/p:\1>/g)].flatMap((m) => {
    const name = /<p:cNvPr [^>]*name="([^"]*)"/.exec(m[0])?.[1] ?? '';
    const off = /<a:off x="(-?\d+)" y="(-?\d+)"\/>/.exec(m[0]);
    const ext = /<a:ext cx="(\d+)" cy="(\d+)"\/>/.exec(m[0]);
    if (!off || !ext) return [];
    const [x, y, w, h] = [off[1], off[2], ext[1], ext[2]].map((v) => Number(v) / EMU_PER_PT);
    return [{ name, x: x!, y: y!, w: w!, h: h! }];
  });
}

const overlaps = (a: Frame, b: Frame) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

let dir: string;
const built: { name: string; deck: DeckFile; pkg: OpenedPptx }[] = [];
let plain: OpenedPptx;

/** A local copy of the shipped template with a logo, asking for it on every slide or not. */
async function template(at: string, everySlide: boolean) {
  const folder = join(at, 'templates', 'surgut');
  await mkdir(folder, { recursive: true });
  const yaml = await readFile(resolve(REPO, 'templates/surgut/template.yaml'), 'utf8');
  const extra = `images:\n  logo: gerb.png\n${everySlide ? 'logo_on_every_slide: true\n' : ''}sequence:`;
  await writeFile(join(folder, 'template.yaml'), yaml.replace(/^sequence:/m, extra));
  await writeFile(join(folder, 'gerb.png'), tallLogo());
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'itogi-logo-'));
  await template(join(dir, 'every'), true);
  await template(join(dir, 'title'), false);
  const files = [...YEAR.map((id) => resolve(REPO, `content/2023/${id}.yaml`)), SIXTEEN];
  const checked = [];
  for (const file of files) {
    const c = await checkFile(file, { cwd: join(dir, 'every') });
    expect(c.template?.dir, file).toBe(join(dir, 'every', 'templates', 'surgut'));
    checked.push(c);
    const deck = await buildDeck(c, join(dir, 'out'));
    built.push({ name: file, deck, pkg: await openPptx(deck.buffer) });
  }
  const [year] = summarizeYear(checked.slice(0, 2));
  const summary = await buildSummary(year!, join(dir, 'out'));
  built.push({ name: 'сводная', deck: summary, pkg: await openPptx(summary.buffer) });
  const other = await checkFile(files[0]!, { cwd: join(dir, 'title') });
  plain = await openPptx((await buildDeck(other, join(dir, 'out-title'))).buffer);
}, 300_000);
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('logo_on_every_slide', () => {
  it('puts the logo on every slide of every deck, the summary too', () => {
    for (const { name, pkg } of built)
      for (const [i, xml] of pkg.slides.entries())
        expect(
          frames(xml).filter((f) => f.name === 'Логотип'),
          `${name}, slide ${i + 1}`,
        ).toHaveLength(1);
  });

  it('keeps the picture’s proportions (2 : 1 tall) on every slide', () => {
    for (const { name, pkg } of built)
      for (const [i, xml] of pkg.slides.entries()) {
        const logo = frames(xml).find((f) => f.name === 'Логотип')!;
        expect(logo.h / logo.w, `${name}, slide ${i + 1}`).toBeCloseTo(2, 2);
      }
  });

  it('keeps it clear of the heading, text, tables and charts, inside the slide', () => {
    for (const { name, pkg, deck } of built)
      for (const [i, xml] of pkg.slides.entries()) {
        const all = frames(xml);
        const logo = all.find((f) => f.name === 'Логотип')!;
        expect(logo.x + logo.w).toBeLessThanOrEqual(deck.layout.widthPt);
        const others = all.filter(
          // The full-slide band across the top and the slide's own background shapes are not content.
          (f) => f.name !== 'Логотип' && f.name !== 'Полоса сверху' && !(f.w >= deck.layout.widthPt - 1),
        );
        for (const f of others) expect(overlaps(logo, f), `${name}, slide ${i + 1}: «${f.name}»`).toBe(false);
      }
  });

  it('stays on the title slide alone without the option', () => {
    const counts = plain.slides.map((xml) => frames(xml).filter((f) => f.name === 'Логотип').length);
    expect(counts[0]).toBe(1);
    expect(counts.slice(1).every((n) => n === 0)).toBe(true);
  });

  it('writes the picture once into the package, however many slides show it', () => {
    for (const { name, pkg } of built) {
      const media = [...pkg.binaries.keys()].filter((k) => k.startsWith('ppt/media/'));
      expect(media, name).toHaveLength(1);
    }
  });
});
