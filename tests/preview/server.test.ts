/**
 * The preview server driven in-process (startPreview), answered over real
 * sockets: raw requests for what fetch would normalise away.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSoffice } from '../../src/output/pdf.js';
import { startPreview, type Preview } from '../../src/preview/server.js';
import { SECURITY_HEADERS } from '../../src/preview/security.js';
import { ROOT, runItogi } from '../helpers/cli.js';
import { writeDirections } from '../helpers/directions.js';
import { contrastLines, lowContrastSurgut } from '../helpers/template.js';
import { EDITOR_SAVES, edited, rawRequest, saveByRename, SEED_REL, seedCopy, type SeedCopy } from './fixture.js';

const DECK = '/d/2023/institutional-environment/';

describe('preview of a folder', () => {
  let seed: SeedCopy;
  let preview: Preview;
  const out: string[] = [];
  const err: string[] = [];
  let host = '';

  beforeAll(async () => {
    seed = await seedCopy('itogi-preview-server-');
    preview = await startPreview({
      path: 'content',
      cwd: seed.dir,
      port: 0,
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    host = `127.0.0.1:${preview.port}`;
  });
  afterAll(async () => {
    await preview?.close();
    await seed?.remove();
  });

  const get = (path: string, init: RequestInit = {}) => fetch(`http://${host}${path}`, init);

  it('prints the address it listens on, loopback only, with the Ctrl+C hint', () => {
    expect(preview.url).toBe(`http://127.0.0.1:${preview.port}/`);
    expect(out).toContain(`Просмотр: http://127.0.0.1:${preview.port}/ — Ctrl+C, чтобы остановить`);
    expect(err).toEqual([]);
  });

  it('the home page lists the directions, each at /d/<year>/<id>/', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<a href="${DECK}">2023 — Институциональная среда (гражданское общество и власть)</a>`);
    expect(html).toContain(SEED_REL.replaceAll('\\', '/'));
  });

  it('a deck page: its slides, the downloads, the live script; headers on every answer', async () => {
    const res = await get(DECK);
    expect(res.status).toBe(200);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers.get(name)).toBe(value);
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'self'; script-src 'self';/);
    const html = await res.text();
    expect(html).toContain('class="itogi-deck"');
    expect(html).toContain(`href="${DECK}deck.pptx"`);
    expect(html).toContain('<script src="/live.js" defer></script>');
    // No inline script: every <script> has a src.
    expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? []).toEqual([]);
  });

  it('the downloaded .pptx is byte for byte what `itogi build` writes', async () => {
    const res = await get(`${DECK}deck.pptx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="institutional-environment.pptx"');
    const downloaded = Buffer.from(await res.arrayBuffer());
    const built = await runItogi(['build', SEED_REL, '--out', 'built'], seed.dir);
    expect(built.code).toBe(0);
    const written = await readFile(join(seed.dir, 'built', '2023', 'institutional-environment.pptx'));
    expect(downloaded.length).toBeGreaterThan(10_000);
    expect(downloaded.equals(written)).toBe(true);
  });

  it.skipIf(!findSoffice())('the PDF comes from LibreOffice, once per deck bytes', async () => {
    const first = Buffer.from(await (await get(`${DECK}deck.pdf`)).arrayBuffer());
    expect(first.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const second = Buffer.from(await (await get(`${DECK}deck.pdf`)).arrayBuffer());
    expect(second.equals(first)).toBe(true);
  });

  it.each([
    'GET /../package.json HTTP/1.1',
    'GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1',
    'GET /assets/../../package.json HTTP/1.1',
    'GET /assets/%2e%2e/%2e%2e/package.json HTTP/1.1',
    'GET //etc/passwd HTTP/1.1',
    'GET /etc/passwd HTTP/1.1',
    'GET /d/2023/institutional-environment/../../../package.json HTTP/1.1',
    'GET /d/2023/no-such-direction/ HTTP/1.1',
    'GET /d/2023/institutional-environment%2f..%2f..%2fpackage.json/ HTTP/1.1',
    'GET /content/2023/institutional-environment.yaml HTTP/1.1',
  ])('%s → 404, no file content', async (line) => {
    const { status, text } = await rawRequest(preview.port, `${line}\r\nHost: ${host}\r\nConnection: close`);
    expect(status).toBe(404);
    expect(text).not.toContain('"name": "itogi"');
    expect(text).not.toContain('root:');
  });

  it('an absolute-form request target → 404', async () => {
    const { status } = await rawRequest(
      preview.port,
      `GET http://${host}/package.json HTTP/1.1\r\nHost: ${host}\r\nConnection: close`,
    );
    expect(status).toBe(404);
  });

  it.each([
    ['evil.example', 421],
    [`evil.example:${0}`, 421],
    ['127.0.0.1', 421],
    ['127.0.0.1:1', 421],
  ])('Host %s is refused (DNS rebinding)', async (h, status) => {
    const res = await rawRequest(preview.port, `GET / HTTP/1.1\r\nHost: ${h}\r\nConnection: close`);
    expect(res.status).toBe(status);
    expect(res.text).not.toContain('itogi-deck');
  });

  it('localhost:<port> is the same machine and is answered', async () => {
    const res = await rawRequest(
      preview.port,
      `GET / HTTP/1.1\r\nHost: localhost:${preview.port}\r\nConnection: close`,
    );
    expect(res.status).toBe(200);
  });

  it.each(['POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE'])('%s → 405', async (method) => {
    const res = await rawRequest(
      preview.port,
      `${method} / HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 0\r\nConnection: close`,
    );
    expect(res.status).toBe(405);
    expect(res.text).toMatch(/Allow: GET, HEAD/i);
  });

  it('HEAD: the headers, no body', async () => {
    const res = await rawRequest(preview.port, `HEAD ${DECK} HTTP/1.1\r\nHost: ${host}\r\nConnection: close`);
    expect(res.status).toBe(200);
    expect(res.text.split('\r\n\r\n')[1]).toBe('');
  });

  it('bounded: a long URL → 414, huge headers → 431', async () => {
    expect(
      (await rawRequest(preview.port, `GET /${'a'.repeat(5000)} HTTP/1.1\r\nHost: ${host}\r\nConnection: close`))
        .status,
    ).toBe(414);
    expect(
      (
        await rawRequest(
          preview.port,
          `GET / HTTP/1.1\r\nHost: ${host}\r\nX-Big: ${'b'.repeat(20_000)}\r\nConnection: close`,
        )
      ).status,
    ).toBe(431);
  });

  it('the port taken: Russian message naming it and a free one, exit 2', async () => {
    const second = await runItogi(['preview', 'content', '--port', String(preview.port)], seed.dir);
    expect(second.code).toBe(2);
    expect(second.err).toHaveLength(1);
    expect(second.err[0]).toMatch(
      new RegExp(
        `^itogi: порт ${preview.port} занят .*свободен порт (\\d+): itogi preview --port \\1, или --port 0 — любой свободный порт$`,
      ),
    );
  });
});

describe('preview of one file', () => {
  it('/ is its deck; a missing path is exit 1', async () => {
    await withSeedPreview('itogi-preview-file-', SEED_REL, async (_, preview) => {
      const html = await (await fetch(preview.url)).text();
      expect(html).toContain('data-deck="2023/institutional-environment"');
      expect(html).not.toContain('Все направления');
    });
    const missing = await runItogi(['preview', 'nope.yaml', '--port', '0']);
    expect(missing.code).toBe(1);
    expect(missing.err).toEqual(['nope.yaml: ошибка: нет такого файла или папки; укажите YAML-файл или папку с ними']);
  });
});

/** Polls a deck's fragment until it satisfies `ok` (the watcher reports a save, the loop rebuilds). */
async function fragmentUntil(preview: Preview, key: string, ok: (html: string) => boolean): Promise<string> {
  const end = Date.now() + 30_000;
  for (;;) {
    const html = await (await fetch(`${preview.url}d/${key}/slides`)).text();
    if (ok(html)) return html;
    if (Date.now() > end) throw new Error(`the fragment of ${key} never matched; last:\n${html.slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A preview of `path` in a fresh copy of the seed (port 0, output dropped, `err` as given) for
 * the length of `body`, then closed and the copy removed; `prepare` runs on the copy first.
 */
async function withSeedPreview(
  prefix: string,
  path: string,
  body: (seed: SeedCopy, preview: Preview) => Promise<void>,
  {
    err = () => undefined,
    prepare,
  }: { err?: (line: string) => void; prepare?: (seed: SeedCopy) => Promise<void> } = {},
): Promise<void> {
  const seed = await seedCopy(prefix);
  await prepare?.(seed);
  const preview = await startPreview({ path, cwd: seed.dir, port: 0, out: () => undefined, err });
  try {
    await body(seed, preview);
  } finally {
    await preview.close();
    await seed.remove();
  }
}

describe('live updates seen by the server', () => {
  it('saving the template used (templates/<name>/template.yaml) updates the slides; a broken template is located in it', async () => {
    const original = await readFile(join(ROOT, 'templates', 'surgut', 'template.yaml'), 'utf8');
    const localOf = (seed: SeedCopy) => join(seed.dir, 'templates', 'surgut', 'template.yaml');
    const prepare = async (seed: SeedCopy) => {
      await mkdir(dirname(localOf(seed)), { recursive: true });
      await writeFile(localOf(seed), original);
    };
    const err: string[] = [];
    await withSeedPreview(
      'itogi-preview-template-',
      'content',
      async (seed, preview) => {
        const local = localOf(seed);
        const key = '2023/institutional-environment';
        // The closing line is typeset: «ЗА» holds on to the next word with a no-break space.
        expect(await fragmentUntil(preview, key, (h) => h.includes('СПАСИБО ЗА\u00a0ВНИМАНИЕ!'))).not.toContain(
          'itogi-problems',
        );
        await writeFile(local, edited(original, '  closing: СПАСИБО ЗА ВНИМАНИЕ!', '  closing: ВОПРОСЫ?'));
        await fragmentUntil(preview, key, (h) => h.includes('ВОПРОСЫ?'));

        await writeFile(local, edited(original, '  closing: СПАСИБО ЗА ВНИМАНИЕ!', '  closing: СПАСИБО {nope}'));
        const broken = await fragmentUntil(preview, key, (h) => h.includes('itogi-has-errors'));
        // The line of `closing:` in the template as shipped (the template grows as labels are added).
        const line = original.split('\n').findIndex((l) => l.startsWith('  closing: ')) + 1;
        expect(broken).toMatch(
          new RegExp(
            `templates/surgut/template\\.yaml:${line}:\\d+: ошибка: labels\\.closing: неизвестная подстановка \\{nope\\}`,
          ),
        );
        expect(broken).toContain(`<span class="itogi-gutter">${line} | </span>  closing: СПАСИБО {nope}`);
        // The last good slides stay under the error.
        expect(broken).toContain('ВОПРОСЫ?');
        expect(err.some((l) => /^templates\/surgut\/template\.yaml:\d+:\d+: ошибка:/.test(l))).toBe(true);
      },
      { err: (l) => err.push(l), prepare },
    );
  });

  it('a template’s warning: on the page of each direction that uses it, said once on the terminal', async () => {
    const err: string[] = [];
    let line = 0;
    const prepare = async (seed: SeedCopy) => {
      await writeDirections(join(seed.dir, 'content', '2023'), 2);
      line = await lowContrastSurgut(seed.dir);
    };
    await withSeedPreview(
      'itogi-preview-contrast-',
      'content',
      async (_, preview) => {
        for (const key of ['2023/institutional-environment', '2023/direction-01', '2023/direction-02'])
          expect(await fragmentUntil(preview, key, (h) => h.includes('контраст'))).toContain(
            `templates/surgut/template.yaml:${line}:10: предупреждение: colors.muted`,
          );
        expect(contrastLines(err)).toEqual([
          expect.stringMatching(new RegExp(`^templates/surgut/template\\.yaml:${line}:10: предупреждение: `)),
        ]);
      },
      { err: (l) => err.push(l), prepare },
    );
  });

  it('one file, saved by rename: still followed', async () => {
    await withSeedPreview('itogi-preview-rename-', SEED_REL, async (seed, preview) => {
      await saveByRename(seed.file, edited(seed.text, '      fact: 80.4', '      fact: 63'));
      await fragmentUntil(preview, '2023/institutional-environment', (h) => h.includes('87,5'));
      await saveByRename(seed.file, edited(seed.text, '      fact: 80.4', '      fact: 70'));
      await fragmentUntil(preview, '2023/institutional-environment', (h) => h.includes('97,2'));
    });
  });
});

describe('a save, shown before its deck is built', () => {
  it('a download right after a save: the saved version, the same bytes as `itogi build` of it', async () => {
    await withSeedPreview('itogi-preview-fresh-deck-', 'content', async (seed, preview) => {
      await writeFile(seed.file, edited(seed.text, '      fact: 80.4', '      fact: 63'));
      await fragmentUntil(preview, '2023/institutional-environment', (h) => h.includes('87,5'));
      // At once: the .pptx of these slides is built for this request if it is not yet.
      const downloaded = Buffer.from(
        await (await fetch(`${preview.url}d/2023/institutional-environment/deck.pptx`)).arrayBuffer(),
      );
      const built = await runItogi(['build', SEED_REL, '--out', 'built'], seed.dir);
      expect(built.code).toBe(0);
      const written = await readFile(join(seed.dir, 'built', '2023', 'institutional-environment.pptx'));
      expect(downloaded.equals(written)).toBe(true);
    });
  });

  it.each(EDITOR_SAVES)('a save %s: one new version, of the saved text, no error shown', async (_, save) => {
    const err: string[] = [];
    await withSeedPreview(
      'itogi-preview-save-kinds-',
      'content',
      async (seed, preview) => {
        const version = async () =>
          Number((await fetch(`${preview.url}d/2023/institutional-environment/slides`)).headers.get('x-itogi-version'));
        const before = await version();
        await save(seed.file, edited(seed.text, '      fact: 80.4', '      fact: 70'));
        await fragmentUntil(preview, '2023/institutional-environment', (h) => h.includes('97,2'));
        // Past the watcher's second look (it finds the text already shown and adds nothing) and any late event.
        await new Promise((r) => setTimeout(r, 400));
        await preview.idle();
        expect(await version()).toBe(before + 1);
        expect(err).toEqual([]);
      },
      { err: (l) => err.push(l) },
    );
  });
});

describe('the folder and the PDF', () => {
  it('a direction file added to the folder appears in the list', async () => {
    await withSeedPreview('itogi-preview-list-', 'content', async (seed, preview) => {
      await writeFile(
        join(seed.dir, 'content', '2023', 'second.yaml'),
        edited(seed.text, 'id: institutional-environment', 'id: second-direction'),
      );
      const end = Date.now() + 30_000;
      let list = '';
      while (!list.includes('/d/2023/second-direction/') && Date.now() < end) {
        list = await (await fetch(`${preview.url}list`)).text();
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(list).toContain('<a href="/d/2023/second-direction/">');
      expect((await fetch(`${preview.url}d/2023/second-direction/`)).status).toBe(200);
    });
  });

  it('LibreOffice failing: a Russian page, 502, the terminal says why', async () => {
    const saved = process.env['ITOGI_SOFFICE'];
    process.env['ITOGI_SOFFICE'] = '/bin/false';
    const err: string[] = [];
    try {
      await withSeedPreview(
        'itogi-preview-pdf-',
        SEED_REL,
        async (_, preview) => {
          const res = await fetch(`${preview.url}d/2023/institutional-environment/deck.pdf`);
          expect(res.status).toBe(502);
          const html = await res.text();
          expect(html).toContain('<h1>Не удалось сделать PDF</h1>');
          expect(html).toContain('LibreOffice не смог сделать PDF');
          expect(err).toEqual([
            expect.stringMatching(
              /^content\/2023\/institutional-environment\.yaml: PDF: LibreOffice не смог сделать PDF/,
            ),
          ]);
        },
        { err: (l) => err.push(l) },
      );
    } finally {
      if (saved === undefined) delete process.env['ITOGI_SOFFICE'];
      else process.env['ITOGI_SOFFICE'] = saved;
    }
  });
});

describe('the rules of build, in the preview', () => {
  it('a copy saved beside the direction: both pages say so; the download says it is the last version without errors', async () => {
    const err: string[] = [];
    await withSeedPreview(
      'itogi-preview-copy-',
      'content',
      async (seed, preview) => {
        const key = '2023/institutional-environment';
        await fragmentUntil(preview, key, (html) => html.includes('Скачать .pptx</a>'));
        const copy = join(dirname(seed.file), 'institutional-environment - копия.yaml');
        await writeFile(copy, seed.text);
        const html = await fragmentUntil(preview, key, (h) => h.includes('похоже на копию'));
        expect(html).toContain('Скачать .pptx (последняя версия без ошибок)</a>');
        expect(html).toContain('В файле сейчас ошибки');
        expect(
          err.filter((l) => l.includes('похоже на копию: «content/2023/institutional-environment - копия.yaml»')),
        ).toHaveLength(2);
        await rm(copy);
        const freed = await fragmentUntil(preview, key, (h) => !h.includes('похоже на копию'));
        expect(freed).toContain('Скачать .pptx</a>');
      },
      { err: (l) => err.push(l) },
    );
  });
});
