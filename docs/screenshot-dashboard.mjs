// Makes docs/dashboard.png: the dashboard of a running demo, signed in, in Chinese, on xz-2019.
//   npm run demo                       # prints the URL and an analyst token
//   node docs/screenshot-dashboard.mjs http://localhost:3000 <analyst token>
// Needs Debian's chromium (/usr/bin/chromium) and a CJK font (e.g. fonts-wqy-microhei).
import { chromium } from 'playwright-core';

const [url = 'http://localhost:3000', jwt] = process.argv.slice(2);
if (!jwt) {
  console.error('usage: node docs/screenshot-dashboard.mjs <url> <analyst token>');
  process.exit(2);
}
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await page.goto(`${url}/`);
  await page.fill('#token', jwt);
  await page.click('#signin-button');
  await page.waitForFunction(() => location.hash !== '' || document.querySelectorAll('#campaign option').length > 1);
  await page.goto(`${url}/#/xz-2019`);
  await page.waitForFunction(() => ['trend-chart', 'agencies-chart', 'bad-review-chart'].every((id) => window.Chart?.getChart(document.getElementById(id))));
  await page.screenshot({ path: new URL('./dashboard.png', import.meta.url).pathname, fullPage: true });
} finally {
  await browser.close();
}
