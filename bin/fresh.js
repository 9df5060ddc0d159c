#!/usr/bin/env node
// The `fresh` command line, compiled into dist/ by `npm run build` (run by npm ci / npm install).
require('../dist/apps/cli/src/main.js');
