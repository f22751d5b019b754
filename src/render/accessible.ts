/**
 * What pptxgenjs 4.0.1 cannot say about a deck's accessibility, written into
 * its parts after it (issue 20; ГОСТ Р 70176-2022 for the PDF made of them):
 *
 * - the title placeholder: pptxgenjs writes `<p:ph idx="100" type="title"
 *   hasCustomPrompt="1"/>` with the master's generated name («Text 0») on
 *   every slide and a zero-height frame in the layout. The placeholder is
 *   left a plain title one, the slide's title keeps its name, the layout's
 *   gets the content slides' heading frame (for a slide added in PowerPoint);
 * - decoration: every rectangle of the layout is a bar, a rule or a card
 *   behind text, so it is marked decorative (Office's a16 `decorative`
 *   extension; PowerPoint and screen readers skip it);
 * - tables: the first row is the header (`a:tblPr firstRow="1"`), which
 *   LibreOffice tags as TH cells in a PDF;
 * - language: ru-RU as the presentation's default text language and as the
 *   package's `dc:language`.
 *
 * It knows the deck's layout (which shapes are decoration, which is the
 * title); package.ts, which knows nothing of the content, then repairs and
 * zips the parts.
 */
import type { DeckLayout, TextBox } from '../layout/model.js';
import { LANG } from './lang.js';
import { escapeXml } from './package/opc.js';
import { type PackageParts, partText } from './package/zip.js';

/** The language of every deck. */

/** Office's «mark as decorative» (a16 decorative extension, MS-ODRAWXML 2.5.10). */
const DECORATIVE_EXT =
  '<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">' +
  '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/>' +
  '</a:ext></a:extLst>';

const EMU_PER_PT = 12700;
const emu = (pt: number) => Math.round(pt * EMU_PER_PT);

/** pptxgenjs's placeholder tag, written over several lines. */
const TITLE_PH = /<p:ph\s[^>]*\btype="title"[^>]*\/>/;

function updatePart(parts: PackageParts, name: string, change: (text: string) => string): void {
  const data = parts.get(name);
  if (data !== undefined) parts.set(name, change(partText(data)));
}

/** The `p:sp` holding the title placeholder, as text, with a change applied. */
function withTitleShape(text: string, change: (sp: string) => string): string {
  return text.replace(/<p:sp>(?:(?!<\/p:sp>)[\s\S])*?<\/p:sp>/g, (sp) =>
    TITLE_PH.test(sp) ? change(sp.replace(TITLE_PH, '<p:ph type="title"/>')) : sp,
  );
}

const renamed = (sp: string, name: string) => sp.replace(/(<p:cNvPr\b[^>]*?\bname=")[^"]*"/, `$1${escapeXml(name)}"`);

/** A shape's `p:cNvPr` marked decorative, where its name is one of `names`. */
function markDecorative(text: string, names: ReadonlySet<string>): string {
  return text.replace(
    /<p:cNvPr\b([^>]*?)\bname="([^"]*)"([^>]*?)(\/>|>)/g,
    (tag, before: string, name: string, after: string, end: string) => {
      if (!names.has(name)) return tag;
      const open = `<p:cNvPr${before}name="${name}"${after}>`;
      return end === '/>' ? `${open}${DECORATIVE_EXT}</p:cNvPr>` : `${open}${DECORATIVE_EXT}`;
    },
  );
}

/** The parts of `deck` as pptxgenjs wrote them, made accessible in place (see above). */
export function markAccessible(parts: PackageParts, deck: DeckLayout): void {
  deck.slides.forEach((slide, i) => {
    const title = slide.boxes.find((b) => b.type === 'text' && b.title === true);
    const decorative = new Set(slide.boxes.filter((b) => b.type === 'rect').map((b) => escapeXml(b.name)));
    updatePart(parts, `ppt/slides/slide${i + 1}.xml`, (text) => {
      let out = title ? withTitleShape(text, (sp) => renamed(sp, title.name)) : text;
      out = markDecorative(out, decorative);
      return out.replace(/<a:tblPr\/>/g, '<a:tblPr firstRow="1"/>');
    });
  });
  // The layout's title frame: a content slide's heading, across the slide between its margins.
  const heading = deck.slides
    .filter((s) => s.kind !== 'title' && s.kind !== 'closing')
    .flatMap((s) => s.boxes)
    .find((b): b is TextBox => b.type === 'text' && b.title === true);
  for (const name of parts.keys()) {
    if (!/^ppt\/slideLayouts\/slideLayout\d+\.xml$/.test(name)) continue;
    updatePart(parts, name, (text) =>
      withTitleShape(text, (sp) => {
        const named = renamed(sp, 'Заголовок');
        if (heading === undefined) return named;
        const frame =
          `<a:xfrm><a:off x="${emu(heading.x)}" y="${emu(heading.y)}"/>` +
          `<a:ext cx="${emu(deck.widthPt - 2 * heading.x)}" cy="${emu(heading.h)}"/></a:xfrm>`;
        return named.replace(/<a:xfrm>[\s\S]*?<\/a:xfrm>/, frame);
      }),
    );
  }
  updatePart(parts, 'ppt/presentation.xml', (text) =>
    text.replace(/<p:defaultTextStyle>[\s\S]*?<\/p:defaultTextStyle>/, (style) =>
      style.replace(/<a:defRPr\b(?![^>]*\blang=)/g, `<a:defRPr lang="${LANG}"`),
    ),
  );
  updatePart(parts, 'docProps/core.xml', (text) =>
    text.includes('<dc:language>')
      ? text
      : text.replace('</cp:coreProperties>', `<dc:language>${LANG}</dc:language></cp:coreProperties>`),
  );
}
