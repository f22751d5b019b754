// `npm run build`, after tsc: bundles the preview page's script (src/render/html/client.ts
// with chartConfig.ts) into dist/assets/preview.js, where dist/render/html.js serves it from.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// ITOGI_DIST: another compiled folder than dist/ (the tests build into a temporary one).
const dist = process.env.ITOGI_DIST ? resolve(process.env.ITOGI_DIST) : join(root, 'dist');
const { bundlePreviewScript } = await import(pathToFileURL(join(dist, 'render', 'html', 'bundle.js')).href);
const out = join(dist, 'assets', 'preview.js');
await mkdir(dirname(out), { recursive: true });
await writeFile(out, await bundlePreviewScript(join(root, 'src', 'render', 'html')));
