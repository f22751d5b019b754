import { defineConfig } from 'vitest/config';

/**
 * Test files that start another program (LibreOffice, chromium, the OOXML and
 * openpyxl checkers, npm, the built tool itself, its worker threads or child
 * processes) or build decks by the dozen (the fuzz and limits properties).
 * They form the integration project, which builds the tool once per run
 * (tests/setup/build.ts); every other test file is a unit test.
 */
const INTEGRATION = [
  'tests/batch/kill.test.ts',
  'tests/batch/pdf.test.ts',
  'tests/batch/workers.test.ts',
  'tests/cli/summary.test.ts',
  'tests/cli/terminal.test.ts',
  'tests/cli/watch.test.ts',
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
  'tests/preview/edit-browser.test.ts',
  'tests/preview/server.test.ts',
  'tests/publish/site.test.ts',
  'tests/render/html.browser.test.ts',
  'tests/render/html.linebreaks.test.ts',
  'tests/render/package.test.ts',
  'tests/render/screenshots.browser.test.ts',
  'tests/sheet/import.test.ts',
  'tests/sheet/xlsx.test.ts',
];

export default defineConfig({
  test: {
    // LibreOffice conversions and deck builds take seconds, not milliseconds.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: INTEGRATION },
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
