// Developer tool: renders decks through LibreOffice to PNG pages, to look at
// them (and to refresh the README previews). Needs soffice and pdftoppm.
//   node scripts/preview.mjs output/2023/institutional-environment.pptx /tmp/preview [dpi]
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

const [deck, outDir = '/tmp/itogi-preview', dpi = '60'] = process.argv.slice(2);
if (!deck) {
  console.error('usage: node scripts/preview.mjs DECK.pptx [OUT_DIR] [DPI]');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
execFileSync(
  'soffice',
  [
    '-env:UserInstallation=file:///tmp/itogi-preview-profile',
    '--headless',
    '--convert-to',
    'pdf',
    '--outdir',
    outDir,
    deck,
  ],
  { stdio: 'ignore' },
);
const pdf = join(outDir, basename(deck).replace(/\.pptx$/, '.pdf'));
execFileSync('pdftoppm', ['-png', '-r', dpi, pdf, join(outDir, 'slide')]);
for (const f of readdirSync(outDir)
  .filter((f) => f.endsWith('.png'))
  .sort())
  console.log(join(outDir, f));
