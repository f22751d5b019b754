// `npm run build`, after tsc: bundles the CLI into a few minified files, so a run resolves
// and compiles a handful of files instead of hundreds. tsc's dist/ stays as it is for the
// library (dist/index.js and its types); this replaces only:
//   dist/bin.js          a stub that imports dist/bundle/bin.js (the package's bin)
//   dist/bundle/*.js     the CLI and the chunks its commands load on demand (dynamic imports)
//   dist/batch/worker.js the worker-thread entry piscina loads, sharing those chunks
// Every output sits two folders below the package root, like the compiled modules it
// replaces, and each module's `import.meta.url` is rewritten to the URL its compiled
// file would have (dist/<path>.js), so files found beside it (templates/, package.json,
// dist/assets/preview.js, node_modules) are found from the bundle too.
// Left outside: packages with native code or their own worker files (@napi-rs/canvas,
// piscina), fontkit (required only for text outside the compiled metrics), esbuild.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');

/** import.meta.url of a source file → the URL of its compiled file, from any output two levels down. */
const compiledUrlOf = (file) => {
  const compiled = relative(src, file).replace(/\.ts$/, '.js').split('\\').join('/');
  return `new URL(${JSON.stringify(`../${compiled}`)}, import.meta.url).href`;
};

// Chunk names carry a hash: clear the last build's, or they pile up in the package.
await rm(join(dist, 'bundle'), { recursive: true, force: true });
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: { 'bundle/bin': 'src/bin.ts', 'batch/worker': 'src/batch/worker.ts' },
  outdir: dist,
  entryNames: '[dir]/[name]',
  chunkNames: 'bundle/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  keepNames: true,
  charset: 'utf8',
  legalComments: 'eof',
  metafile: true,
  external: ['@napi-rs/canvas', 'piscina', 'fontkit', 'esbuild'],
  // CommonJS packages inside the ESM bundle call require() for Node's own modules.
  banner: {
    js: "import{createRequire as __itogiRequire}from'node:module';const require=__itogiRequire(import.meta.url);",
  },
  plugins: [
    {
      name: 'itogi-import-meta-url',
      setup(build) {
        build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
          const text = await readFile(args.path, 'utf8');
          if (!text.includes('import.meta.url')) return undefined;
          return { contents: text.replaceAll('import.meta.url', compiledUrlOf(args.path)), loader: 'ts' };
        });
      },
    },
  ],
});
await writeFile(join(dist, 'bin.js'), "#!/usr/bin/env node\nimport './bundle/bin.js';\n");
const outputs = Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith('.js'));
const bytes = outputs.reduce((n, [, o]) => n + o.bytes, 0);
console.log(`bundle: ${outputs.length} files, ${(bytes / 1024).toFixed(0)} KiB`);
