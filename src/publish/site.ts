/**
 * `itogi publish`: the year's results as a static site for the city's
 * website (issue 20, item 3), readable without scripts:
 *
 *   index.html                 the years
 *   style.css                  one stylesheet (screen and print)
 *   <год>/index.html           the summary and the list of directions, downloads
 *   <год>/<направление>.html   a direction's slides as semantic HTML
 *   <год>/*.pptx, *.pdf        the decks (the PDF tagged, when LibreOffice is there)
 *   <год>/indicators-<год>.csv / .xlsx   open data: every indicator (UTF-8 with BOM)
 *
 * Built from the same layouts as the decks; the same content gives the same
 * bytes (no dates but the content's, sorted orders).
 */
import { join, resolve } from 'node:path';
import {
  buildDeck,
  buildSummary,
  type CheckedFile,
  checkFiles,
  type DeckFile,
  type FilesOptions,
  summarizeYear,
} from '../api.js';
import { formatNumber } from '../compute/format.js';
import { SaidOnce } from '../core/saidOnce.js';
import { type Diagnostic, hasErrors } from '../errors.js';
import { convertToPdf, findSoffice } from '../output/pdf.js';
import { writeIfChanged } from '../output/write.js';
import { tableOf } from '../sheet/export.js';
import { contrastRatio, MIN_CONTRAST } from '../template/contrast.js';
import { escapeHtml } from '../render/html.js';
import { bodyHtml, type ChartColors, headerHtml } from './page.js';
import { stylesheet } from './style.js';

export interface PublishOptions extends FilesOptions {
  /** Make the PDFs (default: when LibreOffice is found). */
  pdf?: boolean;
}

export interface PublishResult {
  /** Every file of the site, relative to the site's folder, and whether it was written or already so. */
  files: { path: string; status: 'written' | 'unchanged' }[];
  /** The problems of files left out, and warnings. */
  diagnostics: Diagnostic[];
  /** Directions published. */
  directions: number;
  /** Whether PDFs were made. */
  pdf: boolean;
}

interface Link {
  href: string;
  text: string;
}

/** «PowerPoint, 41 КБ» */
const size = (bytes: Uint8Array) => `${formatNumber(Math.max(1, Math.round(bytes.length / 1024)))} КБ`;

function pageHtml(opts: { title: string; css: string; nav: Link[]; main: string }): string {
  const nav =
    opts.nav.length === 0
      ? ''
      : `<nav aria-label="Разделы"><ul>\n${opts.nav.map((l) => `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.text)}</a></li>`).join('\n')}\n</ul></nav>`;
  return `<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(opts.title)}</title>
<link rel="stylesheet" href="${escapeHtml(opts.css)}">
</head>
<body>
<a class="skip" href="#content">Перейти к содержанию</a>
<header>
<p><a href="${escapeHtml(opts.css.replace(/style\.css$/, 'index.html'))}">Итоги года: стратегия города</a></p>
${nav}
</header>
<main id="content">
${opts.main}
</main>
<footer>
<p>Страница сделана из тех же данных, что и презентации; таблицы показателей — в открытых данных (CSV и XLSX).</p>
</footer>
</body>
</html>
`;
}

function downloadsHtml(links: Link[]): string {
  return [
    '<section>',
    '<h2>Скачать</h2>',
    '<ul class="downloads">',
    ...links.map((l) => `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.text)}</a></li>`),
    '</ul>',
    '</section>',
  ].join('\n');
}

/** A stamp on every slide (a sample, an incomplete summary), said once at the top of the page. */
function stampHtml(deck: DeckFile): string {
  const stamp = deck.layout.slides[0]?.boxes.find((b) => b.type === 'text' && b.name === 'Отметка');
  return stamp?.type === 'text'
    ? `<p class="note">${escapeHtml(stamp.paragraphs.map((p) => p.text).join(' '))}</p>`
    : '';
}

/** The template's primary colour for headings when it reads on white, else near-black. */
function headingColor(checked: CheckedFile): string {
  const primary = checked.template?.template.colors.primary ?? '1A1A1A';
  return contrastRatio(primary, 'FFFFFF') >= MIN_CONTRAST ? primary : '1A1A1A';
}

export async function publishSite(
  files: readonly string[],
  outDir: string,
  opts: PublishOptions = {},
): Promise<PublishResult> {
  const cwd = opts.cwd ?? process.cwd();
  const site = resolve(cwd, outDir);
  const checked = await checkFiles(files, opts);
  // A template's warning comes with each file that uses it: said once.
  const said = new SaidOnce();
  const diagnostics = checked.flatMap((f) => said.unsaid(f.file, f.diagnostics));
  const valid = checked.filter((f) => f.computed && f.template && !hasErrors(f.diagnostics));
  const pdf = opts.pdf ?? findSoffice() !== undefined;
  const out: PublishResult = { files: [], diagnostics, directions: 0, pdf };
  const write = async (path: string, bytes: Uint8Array | string) => {
    const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
    out.files.push({ path, status: await writeIfChanged(join(site, path), data) });
  };
  // buildDeck only names a path (nothing is written until save()): the site writes its own.
  const scratch = site;

  const years = [...new Set(valid.map((f) => f.computed!.content.report.year))].sort((a, b) => a - b);
  const yearLinks: Link[] = [];
  const summaries = summarizeYear(valid);
  for (const year of years) {
    const own = valid
      .filter((f) => f.computed!.content.report.year === year)
      .sort((a, b) => (a.computed!.content.direction.id < b.computed!.content.direction.id ? -1 : 1));
    const css = '../style.css';
    const deckLinks = async (id: string, deck: DeckFile): Promise<Link[]> => {
      const links: Link[] = [{ href: `${id}.pptx`, text: `Презентация PowerPoint (PPTX, ${size(deck.buffer)})` }];
      await write(`${year}/${id}.pptx`, deck.buffer);
      if (pdf) {
        const bytes = await convertToPdf(deck.buffer);
        await write(`${year}/${id}.pdf`, bytes);
        links.push({ href: `${id}.pdf`, text: `Презентация в PDF (${size(bytes)})` });
      }
      return links;
    };
    const directionLinks: Link[] = [];
    for (const file of own) {
      const c = file.computed!;
      const id = c.content.direction.id;
      const deck = await buildDeck(file, scratch);
      const colors: ChartColors = file.template!.template.colors;
      const head = headerHtml(
        deck.layout.slides.find((s) => s.kind === 'title'),
        c.content.direction.name,
      );
      const main = [
        stampHtml(deck),
        head.html,
        bodyHtml(deck.layout, colors, id),
        downloadsHtml(await deckLinks(id, deck)),
      ].join('\n');
      await write(
        `${year}/${id}.html`,
        pageHtml({
          title: `${c.content.direction.name} — итоги ${year} года`,
          css,
          nav: [{ href: 'index.html', text: `Все направления ${year} года` }],
          main,
        }),
      );
      directionLinks.push({ href: `${id}.html`, text: c.content.direction.name });
      out.directions++;
    }

    const downloads: Link[] = [];
    let summaryMain = '';
    const summary = summaries.find((s) => s.year === year);
    if (summary) {
      const deck = await buildSummary(summary, scratch);
      const head = headerHtml(
        deck.layout.slides.find((s) => s.kind === 'title'),
        `Итоги ${year} года`,
      );
      summaryMain = [
        stampHtml(deck),
        head.html,
        bodyHtml(deck.layout, summary.template.template.colors, 'summary'),
      ].join('\n');
      downloads.push(...(await deckLinks('summary', deck)));
    } else summaryMain = `<h1>Итоги ${year} года</h1>`;
    for (const format of ['csv', 'xlsx'] as const) {
      // The files this site checked for its pages: the open data is made from the same check.
      const table = await tableOf(own, format);
      if (table.bytes === undefined) continue;
      const name = `indicators-${year}.${format}`;
      await write(`${year}/${name}`, table.bytes);
      downloads.push({
        href: name,
        text: `Открытые данные: все показатели ${year} года (${format.toUpperCase()}, UTF-8, ${size(table.bytes)})`,
      });
    }
    const list = [
      '<section>',
      '<h2>Направления</h2>',
      '<ul>',
      ...directionLinks.map((l) => `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.text)}</a></li>`),
      '</ul>',
      '</section>',
    ].join('\n');
    await write(
      `${year}/index.html`,
      pageHtml({
        title: `Итоги ${year} года`,
        css,
        nav: [],
        main: [summaryMain, list, downloadsHtml(downloads)].join('\n'),
      }),
    );
    yearLinks.push({ href: `${year}/index.html`, text: `Итоги ${year} года` });
  }

  const heading = valid[0] ? headingColor(valid[0]) : '1A1A1A';
  await write('style.css', stylesheet(heading));
  await write(
    'index.html',
    pageHtml({
      title: 'Итоги года: стратегия города',
      css: 'style.css',
      nav: [],
      main: [
        '<h1>Итоги года: реализация стратегии города</h1>',
        '<ul>',
        ...yearLinks.map((l) => `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.text)}</a></li>`),
        '</ul>',
      ].join('\n'),
    }),
  );
  return out;
}
