/**
 * `npm test`: every check, in order: typecheck, lint, vitest (unit + integration against real
 * PostgreSQL and Meilisearch), production build, Playwright end-to-end in Chromium. Ends with
 * one line `tests: N passed, M failed` and exits non-zero if anything failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const tmp = path.resolve('.tmp');
mkdirSync(tmp, { recursive: true });
let passed = 0;
let failed = 0;
const lines: string[] = [];

function run(label: string, command: string, args: string[], env: Record<string, string> = {}) {
  console.info(`\n=== ${label}: ${[command, ...args].join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: result.status === 0, seconds };
}

function check(label: string, command: string, args: string[]) {
  const { ok, seconds } = run(label, command, args);
  if (ok) passed++;
  else failed++;
  lines.push(`${label}: ${ok ? 'passed' : 'FAILED'} (${seconds} s)`);
  return ok;
}

const bin = (name: string) => path.resolve('node_modules/.bin', name);

check('typecheck', bin('tsc'), ['--noEmit']);
check('lint', bin('eslint'), ['--max-warnings', '0', '.']);

const built = check('build', 'npm', ['run', '--silent', 'build']);

const vitestJson = path.join(tmp, 'vitest.json');
rmSync(vitestJson, { force: true });
const vitest = run('vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8')) as { numPassedTests: number; numFailedTests: number };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  if (!vitest.ok && report.numFailedTests === 0) failed++; // e.g. a suite that failed to load
  lines.push(`vitest: ${report.numPassedTests} passed, ${report.numFailedTests} failed (${vitest.seconds} s)`);
} else {
  failed++;
  lines.push(`vitest: FAILED to run (${vitest.seconds} s)`);
}

if (built) {
  const playwrightJson = path.join(tmp, 'playwright.json');
  rmSync(playwrightJson, { force: true });
  const e2e = run('playwright', bin('playwright'), ['test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson });
  if (existsSync(playwrightJson)) {
    const report = JSON.parse(readFileSync(playwrightJson, 'utf8')) as {
      stats: { expected: number; unexpected: number; flaky: number };
      errors?: unknown[];
    };
    passed += report.stats.expected;
    failed += report.stats.unexpected + report.stats.flaky;
    if (!e2e.ok && report.stats.unexpected === 0) failed++;
    lines.push(`playwright: ${report.stats.expected} passed, ${report.stats.unexpected + report.stats.flaky} failed (${e2e.seconds} s)`);
  } else {
    failed++;
    lines.push(`playwright: FAILED to run (${e2e.seconds} s)`);
  }
}

console.info(`\n=== summary\n${lines.join('\n')}`);
console.info(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
