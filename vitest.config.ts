import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { validatedShippedTemplates } from './src/template/shipped.js';

/**
 * Test files that start another program (LibreOffice, chromium, the OOXML and
 * openpyxl checkers, npm, the built tool itself, its worker threads or child
 * processes), build decks by the dozen (the fuzz and limits properties, the
 * CLI build), wait on real file watchers and servers (watch, preview edits),
 * or sweep a range exhaustively (every count to 10 000 against a dictionary).
 * They form the integration project, which builds the tool once per run
 * (tests/setup/build.ts); every other test file is a unit test.
 */
const INTEGRATION = [
  'tests/batch/kill.test.ts',
  'tests/batch/pdf.test.ts',
  'tests/batch/workers.test.ts',
  'tests/cli/build.test.ts',
  'tests/cli/summary.test.ts',
  'tests/cli/terminal.test.ts',
  'tests/cli/watch.test.ts',
  'tests/compute/resultLine.morphology.test.ts',
  'tests/deck/audience.test.ts',
  'tests/deck/bullets.test.ts',
  'tests/deck/client.test.ts',
  'tests/deck/ooxml.test.ts',
  'tests/deck/summary.test.ts',
  'tests/deck/table-decimals.test.ts',
  'tests/deck/table-story.test.ts',
  'tests/fuzz/cli.test.ts',
  'tests/fuzz/fuzz.test.ts',
  'tests/fuzz/limits.test.ts',
  'tests/install/pack.test.ts',
  'tests/launch/bundle.test.ts',
  'tests/output/pdf.test.ts',
  'tests/output/pdfua.test.ts',
  'tests/output/write.test.ts',
  'tests/preview/browser.test.ts',
  'tests/preview/deck-failure.test.ts',
  'tests/preview/edit-browser.test.ts',
  'tests/preview/edit.test.ts',
  'tests/preview/server.test.ts',
  'tests/preview/watch-rules.test.ts',
  'tests/preview/watch.test.ts',
  'tests/publish/site.test.ts',
  'tests/render/html.browser.test.ts',
  'tests/render/html.linebreaks.test.ts',
  'tests/render/package.test.ts',
  'tests/render/screenshots.browser.test.ts',
  'tests/sheet/import.test.ts',
  'tests/sheet/xlsx.test.ts',
];

/** Unit test files that replace modules (vi.mock) or spy on them: each runs in modules of its own. */
const MOCKING = [
  'tests/cli/internal-error.test.ts',
  'tests/preview/internal-error.test.ts',
  'tests/render/chart.test.ts',
];

export default defineConfig({
  // The shipped templates as the bundle has them (src/template/shipped.ts): tests take the tool's path.
  define: {
    ITOGI_VALIDATED_TEMPLATES: JSON.stringify(validatedShippedTemplates(fileURLToPath(new URL('.', import.meta.url)))),
  },
  test: {
    // LibreOffice conversions and deck builds take seconds, not milliseconds.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        // Pure tests share their threads' modules: loading them once per file was most of a unit run.
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: [...INTEGRATION, ...MOCKING],
          pool: 'threads',
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'unit-mocks', include: MOCKING, pool: 'threads' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: INTEGRATION,
          globalSetup: ['tests/setup/build.ts'],
          setupFiles: ['tests/setup/worker-env.ts'],
        },
      },
    ],
  },
});
