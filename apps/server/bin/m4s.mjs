#!/usr/bin/env node
// The `m4s` command (`npx m4s …` after `npm install`): the TypeScript CLI run through tsx, as the server is.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
