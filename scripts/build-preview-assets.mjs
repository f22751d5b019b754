// `npm run build`, after tsc: bundles the preview page's script (src/render/html/client.ts
// with chartConfig.ts) into dist/assets/preview.js, where dist/render/html.js serves it from.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundlePreviewScript } from '../dist/render/html/bundle.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'assets', 'preview.js');
await mkdir(dirname(out), { recursive: true });
await writeFile(out, await bundlePreviewScript(join(root, 'src', 'render', 'html')));
