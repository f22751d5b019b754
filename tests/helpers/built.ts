/** The tool as built for this test run by tests/setup/build.ts (integration tests only). */
import { join } from 'node:path';
import { inject } from 'vitest';

/** The package root: dist/, package.json, templates/, node_modules/. */
export const builtRoot = (): string => inject('itogiBuilt');
/** The command as the package's bin runs it: `node <bin> build …`. */
export const builtBin = (): string => join(builtRoot(), 'dist', 'bin.cjs');
/** The ES module launcher, dist/bin.js. */
export const builtBinModule = (): string => join(builtRoot(), 'dist', 'bin.js');
