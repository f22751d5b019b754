/**
 * The preview page's script as one browser file: client.ts with
 * chartConfig.ts and the parts of compute/format.ts it uses (and big.js)
 * bundled by esbuild. chart.js is not in it: the page loads chart.js' own
 * UMD build beside it.
 *
 * `npm run build` writes it once to dist/assets/preview.js (the published
 * package has no esbuild at run time); from the sources (tests) it is
 * bundled on first use. Both go through `bundlePreviewScript`, so they are
 * the same script.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Bundles client.ts (or client.js next to this file in dist/) into a deterministic IIFE. */
export async function bundlePreviewScript(clientDir = here): Promise<string> {
  const entry = ['client.ts', 'client.js'].map((f) => join(clientDir, f)).find((f) => existsSync(f));
  if (entry === undefined) throw new Error(`no client.ts or client.js in ${clientDir}`);
  // Dynamic: esbuild is a dev dependency, only needed where the bundle is made.
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    stdin: {
      contents: `import { install } from ${JSON.stringify(`./${entry.slice(clientDir.length + 1)}`)};\ninstall(window);\n`,
      resolveDir: clientDir,
      sourcefile: 'preview-entry.js',
      loader: 'js',
    },
    // Paths in the bundle's comments relative to the package, whatever the cwd.
    absWorkingDir: resolve(clientDir, '..', '..', '..'),
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    charset: 'utf8',
    legalComments: 'inline',
    // Our modules have no import-time effects (content/schema.ts builds zod
    // schemas at import): let esbuild drop what chartConfig does not use, so
    // zod stays out of the page.
    plugins: [
      {
        name: 'itogi-pure-src',
        setup(build) {
          const src = resolve(clientDir, '..', '..');
          build.onResolve({ filter: /^\.\.?\// }, async (args) => {
            if (args.pluginData === 'itogi') return undefined;
            const r = await build.resolve(args.path, {
              kind: args.kind,
              resolveDir: args.resolveDir,
              pluginData: 'itogi',
            });
            if (r.errors.length > 0) return { errors: r.errors };
            return { ...r, sideEffects: !r.path.startsWith(src) };
          });
        },
      },
    ],
  });
  const out = result.outputFiles[0];
  if (out === undefined) throw new Error('esbuild wrote no preview script');
  return out.text;
}
