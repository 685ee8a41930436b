// Downloads one attachment with the system Chromium, as a user clicking a link would, and saves it
// under the file name Chromium suggests. Usage: node download.mjs <url> <token> <outdir>
// Prints one JSON line: {"suggestedFilename": ..., "savedAs": ..., "failure": ...}.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [url, token, outdir] = process.argv.slice(2);
if (!url || !token || !outdir) {
  console.error('usage: node download.mjs <url> <token> <outdir>');
  process.exit(2);
}

const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  acceptDownloads: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  timeout: 60_000,
});
try {
  await context.setExtraHTTPHeaders({ Authorization: `Bearer ${token}` });
  const page = await context.newPage();
  await page.setContent(`<a id="attachment" href="${url}">download</a>`);
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.click('#attachment'),
  ]);
  const suggestedFilename = download.suggestedFilename();
  const savedAs = join(outdir, suggestedFilename);
  await download.saveAs(savedAs);
  const failure = await download.failure();
  console.log(JSON.stringify({ suggestedFilename, savedAs, failure }));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
