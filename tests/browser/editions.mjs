// A site of its own for a test that publishes into it: a copy of dist/ in a
// temporary folder, and a second edition published there as a newsroom would,
// with `cargo xtask data` (the corpus plus one article with a word of its own).

import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dist } from './harness.mjs';

const repo = resolve(fileURLToPath(import.meta.url), '../../..');
const corpus = resolve(process.env.CLIPPINGS_CORPUS ?? join(repo, 'seeds'));

/** The word only the second edition's new article has. */
export const NEW_WORD = 'quillfeather';

/** The data file (start file) a page names: which edition it is. */
export const edition = (html) => html.match(/data\/index-[0-9a-f]{16}\.bin/)[0];

/** A copy of dist/ as `{ site, publish(), remove() }`: `publish` writes the second edition into it. */
export function siteCopy() {
  const temp = mkdtempSync(join(tmpdir(), 'clippings-site-'));
  const site = join(temp, 'site');
  cpSync(dist, site, { recursive: true });
  return {
    site,
    publish() {
      const next = join(temp, 'corpus');
      mkdirSync(next);
      cpSync(corpus, next, { recursive: true });
      writeFileSync(
        join(next, 'zzz_second_edition.txt'),
        `A correction reaches the archive\nThe ${NEW_WORD} report was added in the second edition of the archive.\n`,
      );
      execFileSync('cargo', ['xtask', 'data'], {
        cwd: repo,
        env: { ...process.env, CLIPPINGS_CORPUS: next, CLIPPINGS_DIST: site },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    },
    remove: () => rmSync(temp, { recursive: true, force: true }),
  };
}
