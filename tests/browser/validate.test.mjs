// The Nu Html Checker over every page of the built site, in one JVM run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { siteDir } from './lib.mjs';

const require = createRequire(import.meta.url);

test('every page is valid HTML (Nu Html Checker)', () => {
  const jar = require('vnu-jar');
  let report;
  try {
    execFileSync('java', ['-jar', jar, '--errors-only', '--skip-non-html', '--format', 'json', '--stdout', siteDir],
      { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    report = { messages: [] };
  } catch (e) {
    // vnu exits 1 when it finds errors; its JSON report is on stdout.
    report = JSON.parse(e.stdout || '{"messages":[{"message":"vnu did not run"}]}');
  }
  const errors = report.messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
  const shown = errors.slice(0, 20).map((m) => `${m.url?.replace(/^file:.*?public\//, '')}:${m.lastLine}: ${m.message}`);
  assert.equal(errors.length, 0, `${errors.length} HTML errors:\n${shown.join('\n')}`);
});
