// Drives the API page (/openapi-ui/, Swagger UI) in the system Chromium as a user would: loads it,
// lists the operations it shows, pastes a token into the Authorize dialog, and runs "Try it out" on
// the download. Usage: node api-page.mjs <base-url> <token> <doc_id> <screenshot.png>
// Prints one JSON line: {"operations": [...], "consoleErrors": [...], "tryIt": {"status", "sha256", "authorization"}}.
import { chromium } from 'playwright-core';

const [base, token, docId, screenshot] = process.argv.slice(2);
if (!base || !token || !docId || !screenshot) {
  console.error('usage: node api-page.mjs <base-url> <token> <doc_id> <screenshot.png>');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  timeout: 60_000,
});
const consoleErrors = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.setDefaultTimeout(30_000);
  page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  page.on('requestfailed', (request) => consoleErrors.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));

  await page.goto(new URL('openapi-ui/', base).toString(), { waitUntil: 'networkidle' });
  await page.waitForSelector('.opblock');
  const operations = await page.$$eval('.opblock .opblock-summary-operation-id', (nodes) => nodes.map((n) => n.textContent.trim()));

  await page.click('.auth-wrapper .authorize');
  await page.fill('.auth-container input', token);
  await page.click('.auth-btn-wrapper .authorize');
  await page.click('.auth-btn-wrapper .btn-done');

  const operation = page.locator('#operations-attachments-downloadAttachment');
  await operation.locator('.opblock-summary').first().click();
  await operation.locator('.try-out__btn').click();
  await operation.locator('tr[data-param-name="ticket_type"] select').selectOption('incident');
  await operation.locator('tr[data-param-name="doc_id"] input').fill(docId);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().includes(`/attachments/${docId}`) && r.request().method() === 'GET'),
    operation.locator('.execute').click(),
  ]);
  // Swagger UI offers the received bytes as a blob: link ("Download file"); hash what the page holds.
  const link = operation.locator('.live-responses-table a[href^="blob:"]');
  await link.waitFor();
  const sha256 = await link.evaluate(async (a) => {
    const bytes = await (await fetch(a.href)).arrayBuffer();
    const digest = await crypto.subtle.digest('SHA-256', bytes);
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  });
  // The screenshot: the operation list down to the answer of "Try it out".
  await page.evaluate(() => window.scrollTo(0, 0));
  const top = await page.locator('.opblock-tag-section').first().boundingBox();
  const answer = await operation.locator('.live-responses-table').boundingBox();
  await page.screenshot({ path: screenshot, fullPage: true,
    clip: { x: top.x, y: top.y, width: top.width, height: answer.y + answer.height - top.y } });
  const tryIt = {
    status: response.status(),
    sha256,
    authorization: (await response.request().allHeaders()).authorization ?? null,
  };
  console.log(JSON.stringify({ operations, consoleErrors, tryIt }));
} finally {
  await browser.close();
}
