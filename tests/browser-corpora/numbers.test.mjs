// Numbers and contacts (tests/corpora/browser/numbers): tricky text gives the
// facet groups the right values — dates, years, ISBNs, IP addresses and
// thousands are no phone numbers — and the query fields phone:, email:, url:,
// amount: find the right articles; both live in the address.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, eventually, hashParams, results, useApp } from '../browser/harness.mjs';

const app = useApp();

/** The values a facet group lists, as "label (count)". */
async function values(page, group) {
  const box = page.getByRole('group', { name: group });
  return eventually(async () => {
    const labels = (await box.locator('li:not([hidden]) label').allTextContents()).map((l) => l.trim()).sort();
    assert.ok(labels.length > 0, `${group} lists nothing`);
    return labels;
  });
}

/** The ids of the articles listed, sorted. */
async function listed(page, want) {
  await eventually(async () => {
    const hrefs = await results(page).getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const ids = hrefs.map((h) => new URLSearchParams(h.replace(/^.*#/, '')).get('a')).sort();
    assert.deepEqual(ids, [...want].sort());
  });
}

test('the facet groups list the numbers and contacts of the text, and nothing that only looks like them', async (t) => {
  const page = await app.open(t, `#q=${encodeURIComponent('phone:* OR email:* OR amount:* OR url:*')}`);
  await listed(page, ['press_contacts', 'bypass_loan', 'hearing_calendar']);
  assert.deepEqual(await values(page, 'Phone numbers'), [
    '+12025550143 (1)',
    '+37410123456 (1)',
    '2025550143 (1)',
    '84951234567 (1)',
  ]);
  assert.deepEqual(await values(page, 'E-mail addresses'), [
    'info@mfa.am (1)',
    'loans@bank.example.org (1)',
    'press@mfa.am (1)',
  ]);
  assert.deepEqual(await values(page, 'Amounts'), [
    '$1.2 billion (1)',
    '$1.5 million (1)',
    '$5,000 (1)',
    'AMD 500,000 (1)',
    '€30 million (1)',
    '₽30 million (1)',
  ]);
  assert.deepEqual(await values(page, 'Linked sites'), ['mfa.am (1)']);
  assert.deepEqual(await axeViolations(page), []);
});

test('a phone number is a filter in the address, and a chip', async (t) => {
  const page = await app.open(t);
  const phones = page.getByRole('group', { name: 'Phone numbers' });
  await phones.getByRole('checkbox', { name: '84951234567 (1)', exact: true }).check();
  await listed(page, ['bypass_loan']);
  assert.equal(hashParams(page).get('f'), 'phone:84951234567');
  await page.getByRole('button', { name: 'Remove filter Phone numbers: 84951234567' }).waitFor();
});

const FIELDS = [
  ['phone:+374', ['press_contacts']],
  ['phone:555-0143', ['press_contacts', 'hearing_calendar']],
  ['phone:+1', ['hearing_calendar']],
  ['email:mfa.am', ['press_contacts']],
  ['url:https://www.mfa.am/en/', ['press_contacts']],
  ['amount:€', ['bypass_loan']],
  ['amount:$', ['bypass_loan', 'hearing_calendar']],
  ['amount:"$1.5 million"', ['hearing_calendar']],
  ['amount:rub', ['bypass_loan']],
  ['million -amount:€', ['hearing_calendar']],
  ['court amount:million', ['hearing_calendar']],
];

for (const [query, ids] of FIELDS) {
  test(`${query} finds ${ids.join(', ')}`, async (t) => {
    const page = await app.open(t, `#q=${encodeURIComponent(query)}`);
    await listed(page, ids);
  });
}
