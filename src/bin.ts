#!/usr/bin/env node
// The command as tsc compiles it (dist/bin.js); `npm run build` replaces that file with
// the launcher of the bundled CLI (src/launch/bin.ts), which starts at the same main().
import { main } from './cli.js';

void main(process.argv.slice(2));
