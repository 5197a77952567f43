// Reading a page's Content-Security-Policy <meta> and checking it against the
// page itself, independently of the xtask code that wrote it.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';

/** The policy of the page as a Map from directive to its list of sources. */
export async function policyOf(page) {
  const metas = await page.locator('meta[http-equiv="Content-Security-Policy"]').evaluateAll((m) =>
    m.map((e) => e.content),
  );
  assert.equal(metas.length, 1, 'the page should carry exactly one policy <meta>');
  return new Map(
    metas[0]
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

/** 'sha256-…' of a text, as a browser hashes an inline script or style. */
export const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The bodies of the page's executable inline scripts and of its <style>s. */
export async function inlineCode(page) {
  return page.evaluate(() => ({
    scripts: [...document.querySelectorAll('script:not([src])')]
      .filter((s) => ['', 'module', 'text/javascript'].includes(s.type))
      .map((s) => s.textContent),
    styles: [...document.querySelectorAll('style')].map((s) => s.textContent),
  }));
}

/** What both builds promise: nothing by default, code only by hash or origin, no eval, no blob:. */
export function assertStrict(policy) {
  assert.deepEqual(policy.get('default-src'), ["'none'"]);
  assert.deepEqual(policy.get('base-uri'), ["'none'"]);
  assert.deepEqual(policy.get('form-action'), ["'none'"]);
  for (const [name, sources] of policy) {
    for (const loophole of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", 'blob:', '*', 'http:', 'https:']) {
      assert.ok(!sources.includes(loophole), `${name} allows ${loophole}`);
    }
  }
  assert.ok(policy.get('script-src').includes("'wasm-unsafe-eval'"), 'wasm needs wasm-unsafe-eval');
}
