import { createCanvas } from '@napi-rs/canvas';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import { ItogiError } from '../../src/errors.js';
import type { DeckLayout, ImageBox } from '../../src/layout/model.js';
import { finalizePptx } from '../../src/render/package.js';
import { renderDeck } from '../../src/render/pptx.js';
import { writeZip } from '../../src/render/package/zip.js';
import { loadTemplate, type LoadedTemplate } from '../../src/template/load.js';
import { checkPackageIntegrity, imageParts, openPptx, type OpenedPptx } from '../helpers/pptx.js';

const REPO = resolve(import.meta.dirname, '..', '..');
const META = { author: 'Отдел мониторинга', subject: 'Итоги года' };

function logoBytes(type: 'image/png' | 'image/jpeg'): Buffer {
  const canvas = createCanvas(64, 32);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#1F3A68';
  ctx.fillRect(0, 0, 64, 32);
  ctx.fillStyle = '#FFFFFF';
  ctx.fillRect(8, 8, 48, 16);
  return type === 'image/png' ? canvas.toBuffer('image/png') : canvas.toBuffer('image/jpeg');
}

/** One slide with the template's logo on it. */
const LOGO_DECK: DeckLayout = {
  widthPt: 960,
  heightPt: 540,
  fontFace: 'Arial',
  title: 'Логотип',
  slides: [
    {
      kind: 'title',
      page: 1,
      pages: 1,
      background: 'FFFFFF',
      boxes: [
        {
          type: 'image',
          name: 'Логотип',
          x: 36,
          y: 36,
          w: 128,
          h: 64,
          alt: 'Герб города',
          imageKey: 'logo',
        } satisfies ImageBox,
      ],
    },
  ],
};

/** Content type of a part: its Override, else the Default for its extension. */
function contentTypeOf(pkg: OpenedPptx, part: string): string | undefined {
  const ct = pkg.parts.get('[Content_Types].xml')!;
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  for (const m of ct.matchAll(/<Override\s[^>]*>/g)) {
    if (attr(m[0], 'PartName') === `/${part}`) return attr(m[0], 'ContentType');
  }
  const ext = part.slice(part.lastIndexOf('.') + 1).toLowerCase();
  for (const m of ct.matchAll(/<Default\s[^>]*>/g)) {
    if (attr(m[0], 'Extension')?.toLowerCase() === ext) return attr(m[0], 'ContentType');
  }
  return undefined;
}

describe('renderDeck: template pictures', () => {
  let surgut: LoadedTemplate;
  beforeAll(async () => {
    surgut = await loadTemplate('surgut', REPO);
  });
  const withLogo = (logo: Buffer): LoadedTemplate => ({ ...surgut, images: { ...surgut.images, logo } });

  it('keeps the logo’s proportions: a tall coat of arms in a square box is centred, not squeezed', async () => {
    const canvas = createCanvas(40, 80);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#1F3A68';
    ctx.fillRect(0, 0, 40, 80);
    const square: DeckLayout = {
      ...LOGO_DECK,
      slides: [{ ...LOGO_DECK.slides[0]!, boxes: [{ ...(LOGO_DECK.slides[0]!.boxes[0] as ImageBox), w: 72, h: 72 }] }],
    };
    const raw = await renderDeck(square, withLogo(canvas.toBuffer('image/png')), META);
    const pkg = await openPptx(await finalizePptx(raw, { modified: new Date('2024-01-01T00:00:00Z') }));
    const pic = /<p:pic>[\s\S]*?<\/p:pic>/.exec(pkg.slides[0]!)![0];
    const num = (re: RegExp) => Number(re.exec(pic)![1]);
    const [x, y, cx, cy] = [
      /<a:off x="(\d+)"/,
      /<a:off x="\d+" y="(\d+)"/,
      /<a:ext cx="(\d+)"/,
      /<a:ext cx="\d+" cy="(\d+)"/,
    ].map(num);
    const EMU = 12700;
    expect(cy! / cx!).toBeCloseTo(2, 2);
    expect(cy! / EMU).toBeCloseTo(72, 0);
    expect(cx! / EMU).toBeCloseTo(36, 0);
    // Centred in the 72 pt square at (36, 36).
    expect(x! / EMU).toBeCloseTo(36 + 18, 0);
    expect(y! / EMU).toBeCloseTo(36, 0);
  });

  for (const [type, kind, exts] of [
    ['image/jpeg', 'jpeg', ['jpeg', 'jpg']],
    ['image/png', 'png', ['png']],
  ] as const) {
    it(`embeds a ${kind.toUpperCase()} logo as ${type}: part name, content type and bytes agree`, async () => {
      const bytes = logoBytes(type);
      const raw = await renderDeck(LOGO_DECK, withLogo(bytes), META);
      for (const pkg of [
        // renderDeck's parts as they are (zipped here only to be read by the same helper), then the deck.
        await openPptx(writeZip(raw, new Date('2024-01-01T00:00:00Z'))),
        await openPptx(await finalizePptx(raw, { modified: new Date('2024-01-01T00:00:00Z') })),
      ]) {
        const images = imageParts(pkg);
        expect(images).toHaveLength(1);
        const [img] = images;
        expect(img!.kind).toBe(kind);
        expect(pkg.binaries.get(img!.part)!.equals(bytes)).toBe(true);
        expect(exts).toContain(img!.part.slice(img!.part.lastIndexOf('.') + 1).toLowerCase());
        expect(contentTypeOf(pkg, img!.part)).toBe(type);
      }
      expect(
        checkPackageIntegrity(await openPptx(await finalizePptx(raw, { modified: new Date('2024-01-01T00:00:00Z') }))),
      ).toEqual([]);
    });
  }

  it('refuses a picture that is neither PNG nor JPEG, naming it', async () => {
    const gif = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
    await expect(renderDeck(LOGO_DECK, withLogo(gif), META)).rejects.toThrow(/images\.logo[\s\S]*PNG[\s\S]*JPEG/);
    await expect(renderDeck(LOGO_DECK, withLogo(Buffer.alloc(0)), META)).rejects.toThrow(/images\.logo/);
    // A template mistake, reported like the template's other problems (not as an itogi bug).
    const error = await renderDeck(LOGO_DECK, withLogo(gif), META).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ItogiError);
    expect((error as ItogiError).diagnostics).toMatchObject([
      { code: 'TemplateInvalid', path: 'images.logo', file: resolve(REPO, 'templates/surgut/template.yaml') },
    ]);
  });
});
