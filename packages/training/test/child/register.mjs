// `node --conditions=source --import ./register.mjs script.ts`: run TypeScript sources (tests only).
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
