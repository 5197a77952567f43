// Other scripts (tests/corpora/browser/multilingual): each query finds its article
// and the hit is marked in the result list and in the reader.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, results, useApp } from '../browser/harness.mjs';

const app = useApp();

// query, article id, text of a mark it must produce
const CASES = [
  ['книга', 'ru_erevan', 'книги'], // Russian stemming
  ['елка', 'ru_erevan', 'Ёлка'], // ё = е
  ['երևան', 'hy_erevan', 'ԵՐԵՎԱՆ'], // Armenian case folding
  ['თბილისის', 'ka_tbilisi', 'თბილისის'], // Georgian
  ['东京', 'zh_tokyo', '东京'], // Chinese bigrams
  ['平和条約', 'ja_tokyo', '平和条約'], // Japanese bigrams, marked whole
];

for (const [query, id, marked] of CASES) {
  test(`${query} finds ${id} and marks ${marked}`, async (t) => {
    const page = await app.open(t, `#q=${encodeURIComponent(query)}`);
    const link = results(page).locator(`a[href*="a=${id}"]`);
    await eventually(async () => assert.equal(await link.count(), 1));
    await eventually(async () => {
      const marks = await results(page).locator('mark').allTextContents();
      assert.ok(marks.some((m) => m.includes(marked) || marked.includes(m)), `marks ${JSON.stringify(marks)}`);
    });
    await link.click();
    await eventually(async () => {
      const marks = await page.locator('article mark').allTextContents();
      assert.ok(marks.includes(marked) || marks.some((m) => m.includes(marked)), `reader marks ${JSON.stringify(marks)}`);
    });
  });
}

test('dates over several months draw a month timeline whose bars filter', async (t) => {
  const page = await app.open(t);
  const chart = page.getByRole('img', { name: /Articles per month/ });
  const label = await chart.getAttribute('aria-label');
  for (const month of ['May 2023: 1 of 1', 'Jan 2024: 1 of 1', 'Jun 2024: 1 of 1']) assert.ok(label.includes(month), label);
  await page.locator('.timeline .bar').first().click();
  await eventually(async () => assert.match(page.url(), /f=month%3A2023-05/));
  await eventually(async () => assert.equal(await results(page).getByRole('link').count(), 1));
  assert.match(await results(page).getByRole('link').textContent(), /თბილისში/);
});
