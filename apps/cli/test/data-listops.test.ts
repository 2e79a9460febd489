import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWithStdin } from './run-cli.js';

const SHARED = new URL(
  '../../../packages/listops-parser/test/fixtures/listops_spinn_master_test_small.tsv',
  import.meta.url,
);

describe('sst data listops', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sst-data-listops-'));

  it('writes a seeded file that --verify accepts', async () => {
    const out = join(dir, 'gen.tsv');
    const args = ['data', 'listops', '--count', '200', '--max-depth', '3', '--max-length', '30'];
    const r = await runWithStdin([...args, '--no-sm', '--seed', '5', '--out', out], '');
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.trim().split('\n')).toHaveLength(200);
    expect(text).not.toContain('[SM');
    const again = await runWithStdin([...args, '--no-sm', '--seed', '5'], '');
    expect(again.stdout).toBe(text);
    const v = await runWithStdin(['data', 'listops', '--verify', out], '');
    expect(v).toMatchObject({ code: 0, stdout: '200 lines, 0 label mismatches\n' });
  });

  it('verifies the shared ListOps file (with parentheses, FIRST and LAST)', async () => {
    const v = await runWithStdin(['data', 'listops', '--verify', SHARED.pathname], '');
    expect(v).toMatchObject({ code: 0, stdout: '500 lines, 0 label mismatches\n' });
  });

  it('exits 1 on a label mismatch and on a malformed line, naming file and line', async () => {
    const wrong = join(dir, 'wrong.tsv');
    writeFileSync(wrong, '2\t[MIN 2 3 ]\n9\t[MAX 2 3 ]\n');
    const v = await runWithStdin(['data', 'listops', '--verify', wrong], '');
    expect(v.code).toBe(1);
    expect(v.stdout).toBe('2 lines, 1 label mismatches\n');
    expect(v.stderr).toContain('mismatching lines: 2');
    const bad = join(dir, 'bad.tsv');
    writeFileSync(bad, '2\t[MIN 2 3 ]\n3\t[MAX 2 3\n');
    const m = await runWithStdin(['data', 'listops', '--verify', bad], '');
    expect(m.code).toBe(1);
    expect(m.stderr).toContain(`${bad}:2: operator [MAX at token 0 has no closing "]"`);
  });

  it('rejects bad flags', async () => {
    const r = await runWithStdin(['data', 'listops', '--count', '0'], '');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--count must be an integer in 1..');
  });
});
