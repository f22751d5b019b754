// `npm run build`, after tsc: bundles the CLI into one minified CommonJS file run through
// V8's code cache (src/launch/bundle.ts says why). tsc's dist/ stays as it is for the
// library (dist/index.js and its types); this replaces only:
//   dist/bin.cjs             the package's bin: the launcher src/launch/bin.ts, CommonJS
//   dist/bin.js              the same launcher as an ES module
//   dist/batch/worker.js     the worker-thread module piscina loads: src/launch/worker.ts
//   dist/bundle/itogi-H.cjs  src/launch/entry.ts and everything it imports, H a hash of the content,
//                            wrapped as `(function (exports, require, module, __filename, __dirname) {…})`
//   dist/bundle/itogi-H.cache V8's code for it, made here by running the bundle once on the sample
//                            directions in tests/fixtures/workspace (content/ may hold staff data with errors)
//   dist/bundle/itogi-H.check.cache the same after a `check` only, read by `itogi check`
// The bundle sits two folders below the package root, like the compiled modules it replaces,
// and each module's `import.meta.url` is rewritten to the URL its compiled file would have
// (dist/<path>.js), so files found beside it (templates/, package.json, dist/assets/preview.js,
// node_modules) are found from the bundle too.
// Left outside: packages with native code or their own worker files (@napi-rs/canvas,
// piscina), fontkit (required only for text outside the compiled metrics), esbuild.
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
// ITOGI_DIST: another compiled folder than dist/ (the tests build into a temporary one, whose
// parent holds package.json and links to templates/ and node_modules/).
const dist = process.env.ITOGI_DIST ? resolve(process.env.ITOGI_DIST) : join(root, 'dist');
/** A module of tsc's output in `dist`. */
const compiled = (path) => import(pathToFileURL(join(dist, path)).href);

/** import.meta.url of a source file → the URL of its compiled file, from the bundle two levels down. */
const compiledUrlOf = (file) => {
  const compiled = relative(src, file).replace(/\.ts$/, '.js').split('\\').join('/');
  return `new URL(${JSON.stringify(`../${compiled}`)}, __itogiBundleUrl).href`;
};

/**
 * esbuild's ASCII charset escapes strings and identifiers but leaves regular expressions as
 * written: «/[«"']/». Each other code unit becomes \uXXXX, which means the same character in a
 * regular expression (with or without the u flag), a string, a comment or a name; an identity
 * escape such as \Ё loses its backslash (\u0401, not \\u0401).
 */
function asciiOnly(code) {
  return code.replace(/(\\*)([^\x00-\x7f])/g, (_, slashes, c) => {
    const kept = slashes.length % 2 === 1 ? slashes.slice(1) : slashes;
    return `${kept}\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  legalComments: 'eof',
  metafile: true,
};

/** The shipped templates, validated with tsc's dist/ (the sources the bundle is made of). */
async function validatedTemplates() {
  const { validatedShippedTemplates } = await compiled('template/shipped.js');
  return validatedShippedTemplates(root);
}

// The hash in the name changes with the content: clear the last build's, or they pile up in the package.
await rm(join(dist, 'bundle'), { recursive: true, force: true });
const result = await esbuild.build({
  ...common,
  entryPoints: { itogi: 'src/launch/entry.ts' },
  outdir: join(dist, 'bundle'),
  entryNames: '[name]-[hash]',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // ASCII (Russian text as \u escapes): V8 keeps the source as one byte a character, half the memory
  // of a two-byte string, and reading it is a plain copy.
  charset: 'ascii',
  minify: true,
  keepNames: true,
  // import() of a package left outside becomes require(): a vm.Script has no module loader.
  supported: { 'dynamic-import': false },
  external: ['@napi-rs/canvas', 'piscina', 'fontkit', 'esbuild', 'exceljs'],
  // A function like Node's own module wrapper; the bundle's URL for the rewritten import.meta.url
  // (under a name no module shadows, as fonts.ts does with its own `require`).
  banner: {
    js: '(function (exports, require, module, __filename, __dirname) {var __itogiBundleUrl=require("node:url").pathToFileURL(__filename);',
  },
  footer: { js: '})' },
  define: { ITOGI_VALIDATED_TEMPLATES: JSON.stringify(await validatedTemplates()) },
  plugins: [
    {
      // `import('node:fs')` in the bundle is `Promise.resolve().then(() => __toESM(require('node:fs')))`,
      // which copies every export of the module into a new object on each call; pptxgenjs imports
      // node:fs and node:https so for every slide of every deck (2 % of a batch's time). Through a
      // module of our own, a builtin is wrapped once and each import() returns that namespace.
      name: 'itogi-dynamic-builtins',
      setup(build) {
        build.onResolve({ filter: /^node:/ }, (args) =>
          args.kind === 'dynamic-import' ? { path: args.path, namespace: 'itogi-builtin' } : undefined,
        );
        build.onLoad({ filter: /.*/, namespace: 'itogi-builtin' }, (args) => ({
          contents:
            // pptxgenjs wants node:https only to fetch a picture given by URL (never here), yet imports it
            // on every export: loading https (tls, net, http) was ~10 ms of a cold build. Its default
            // export here loads the module on first use.
            args.path === 'node:https'
              ? 'let https; export default new Proxy({}, { get: (_, key) => (https ??= require("node:https"))[key] });'
              : `export * from ${JSON.stringify(args.path)}; export { default } from ${JSON.stringify(args.path)};`,
          loader: 'js',
        }));
      },
    },
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
const [bundleFile, { bytes }] = Object.entries(result.metafile.outputs).find(([f]) => f.endsWith('.cjs'));
const bundle = join(root, bundleFile);
await writeFile(bundle, asciiOnly(await readFile(bundle, 'utf8')));

// The launchers: small modules with only Node's own modules, told the bundle's name. The
// command is CommonJS (dist/bin.cjs, the package's bin): an ES module entry makes Node set up
// its ES module loader and a facade for each builtin it imports, ~10 ms of a cold check.
// dist/bin.js stays, as an ES module, for whoever runs that path.
await esbuild.build({
  ...common,
  entryPoints: { bin: 'src/launch/bin.ts', 'batch/worker': 'src/launch/worker.ts' },
  outdir: dist,
  format: 'esm',
  define: { ITOGI_BUNDLE: JSON.stringify(basename(bundle)) },
});
await esbuild.build({
  ...common,
  entryPoints: { bin: 'src/launch/bin.ts' },
  outdir: dist,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  define: { ITOGI_BUNDLE: JSON.stringify(basename(bundle)), 'import.meta.url': '__itogiLauncherUrl' },
  banner: { js: 'var __itogiLauncherUrl = require("node:url").pathToFileURL(__filename).href;' },
});

// The code caches: what one `check` of the sample content compiles (read by `itogi check`), and
// what that check and one `build` compile (read by every other command).
const { cacheFileOf, loadBundle, setV8Flags } = await compiled('launch/bundle.js');
// The flags the launcher sets: a cache made under other flags would be refused.
setV8Flags();
const out = await mkdtemp(join(tmpdir(), 'itogi-bundle-'));
/** Whole or not at all: V8 refuses a cut-short cache, but it reads a payload with flipped bytes without checking it (a release build checks no checksum). */
const save = async (file, data) => {
  await writeFile(`${file}.tmp`, data);
  await rename(`${file}.tmp`, file);
};
try {
  const { exports, script } = loadBundle(bundle, join(out, 'no-cache'));
  const quiet = { out: () => {}, err: () => {}, cwd: join(root, 'tests', 'fixtures', 'workspace') };
  const sample = 'content/2023/institutional-environment.yaml';
  const run = async (argv) => {
    const code = await exports.runCli(argv, quiet);
    if (code !== 0) throw new Error(`itogi ${argv.join(' ')}: exit code ${code}`);
  };
  await run(['check', 'content/2023']);
  const checkCache = script.createCachedData();
  await save(cacheFileOf(bundle, 'check'), checkCache);
  await run(['build', sample, '--out', out, '--jobs', '1']);
  const cache = script.createCachedData();
  await save(cacheFileOf(bundle), cache);
  console.log(
    `bundle: ${(bytes / 1024).toFixed(0)} KiB, code cache ${(cache.length / 1024).toFixed(0)} KiB (check: ${(checkCache.length / 1024).toFixed(0)} KiB)`,
  );
} finally {
  await rm(out, { recursive: true, force: true });
}
