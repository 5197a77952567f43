// When the app fails at run time it says so: a panic shows a readable panel with a
// reload link instead of a frozen page, and the panic is logged to the console.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, expectStatus, useApp } from './harness.mjs';

const app = useApp();

test('a panic shows an error panel with a reload button', async (t) => {
  const page = await app.open(t, '#q=kopyrkin', {
    // The panic is logged (console error) and aborts the wasm call (page error).
    expectProblems: [/console error:[\s\S]*self-test: this panic was requested/, /page error:[\s\S]*unreachable/],
  });
  await expectStatus(page, 3);
  await page.evaluate(() => setTimeout(() => window.wasmBindings.clippings_self_test_panic(), 0));
  const panel = page.getByRole('alert');
  await eventually(async () => assert.match(await panel.textContent(), /Clippings stopped because of a bug/));
  assert.match(await panel.textContent(), /self-test: this panic was requested/);
  const reload = panel.getByRole('button', { name: 'Reload' });
  await reload.click();
  await expectStatus(page, 3);
  await eventually(async () => assert.equal(await page.getByRole('alert').count(), 0));
});
