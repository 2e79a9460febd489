#!/usr/bin/env node
// Entry point of the `sst` command: wires the process's streams to runCli.
import { runCli } from './commands.js';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY)
    process.stderr.write('sst: reading a JSON request from stdin (end it with Ctrl-D)\n');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const code = await runCli(process.argv.slice(2), {
  readStdin,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
process.exitCode = code;
