// tests/server.mjs, the static file server of the browser tests and the benchmarks,
// without a browser: which file a request target leads to, and that none leads out
// of its folder.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locate } from '../server.mjs';

test('a request target leads to a file inside its mount, or to nothing', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'clippings-server-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const site = join(root, 'site');
  const examples = join(root, 'examples');
  mkdirSync(join(site, 'sub'), { recursive: true });
  mkdirSync(examples);
  for (const file of ['site/index.html', 'site/app.wasm', 'site/sub/a b.js', 'examples/cms.html', 'secret'])
    writeFileSync(join(root, file), 'x');
  const mounts = [
    ['/a/b/', site],
    ['/a/b/examples/', examples],
  ];

  const rows = [
    ['/a/b/', 'site/index.html'],
    ['/a/b/?q=1', 'site/index.html'],
    ['/a/b/app.wasm', 'site/app.wasm'],
    ['/a/b/sub/a%20b.js', 'site/sub/a b.js'],
    ['/a/b/examples/cms.html', 'examples/cms.html'],
    ['/a/b/missing.js', null],
    ['/app.wasm', null],
    ['/a/b/../secret', null],
    ['/a/b/%2e%2e/secret', null],
    ['/a/b/%2e%2e%2fsecret', null],
    ['/a/b/examples/%2e%2e%2f%2e%2e%2fsecret', null],
    ['//a/b/app.wasm', null],
    ['/a/b/sub%5c..%5capp.wasm', null],
    ['/a/b/%zz', null],
  ];
  for (const [target, expected] of rows) {
    const { file } = locate(mounts, target);
    assert.equal(file ?? null, expected && join(root, expected), target);
  }
  assert.deepEqual(locate(mounts, '/a/b'), { redirect: '/a/b/' });
});
