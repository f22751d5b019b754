#!/usr/bin/env node
import { runCli } from './cli.js';

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // Only a bug gets here; users see one line, developers set ITOGI_DEBUG=1.
    if (process.env['ITOGI_DEBUG']) console.error(e);
    process.stderr.write(`itogi: внутренняя ошибка: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
