// End-to-end: the staff console (index.html) and the waiting-room display (display.html) in
// Debian's Chromium, against a real mikhak-server with a demo database of its own.
//
//   cd tests/e2e && npm ci && node --test console.test.mjs
//
// Environment: MIKHAK_SERVER (the server binary), E2E_OUT (where screenshots go),
// CHROMIUM (the browser, default /usr/bin/chromium). Needs the sqlite3 command-line tool.
//
// The test does not depend on the time of day: it moves a few of the demo's appointments to
// "now" in the database (the server reads appointments on each check-in) and checks them in
// through the kiosk API before the browser calls them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const SERVER = process.env.MIKHAK_SERVER || '/work/main/build/server/mikhak-server';
const OUT = process.env.E2E_OUT || path.resolve(here, '../../build/e2e');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const faTicket = new Intl.NumberFormat('fa-IR', { minimumIntegerDigits: 3, useGrouping: false });

// Shared by the steps below, which run in order.
const s = {
  work: '', db: '', port: 0, base: '', server: null, serverErrors: '', token: '', passwords: {},
  tickets: [], // {label, letter_fa, number, service}
  context: null, console: null, display: null, called: [],
  kiosk: null, // {id, name, token}: the one enrolled below
};

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// The consulate's time zone: one where it is not near midnight now, so that the tickets checked
// in below belong to the same queue day as the calls made a few seconds later.
function zoneAwayFromMidnight() {
  for (const zone of ['Europe/London', 'Asia/Tokyo', 'America/New_York']) {
    const hour = Number(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: zone }).format(new Date()));
    if (hour >= 1 && hour <= 22) return zone;
  }
  return 'UTC';
}
const ZONE = zoneAwayFromMidnight();

function startServer({ demo }) {
  return new Promise((resolve, reject) => {
    const args = ['--db', s.db, '--listen', `127.0.0.1:${s.port}`, '--time-zone', ZONE];
    if (demo) args.push('--demo');
    const child = spawn(SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`mikhak-server did not start in 60 s\n${out}\n${err}`));
    }, 60000);
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('serving on')) {
        clearTimeout(timer);
        resolve({ child, out });
      }
    });
    child.stderr.on('data', (d) => {
      err += d;
      s.serverErrors += d;
    });
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!out.includes('serving on')) reject(new Error(`mikhak-server exited (${code})\n${out}\n${err}`));
    });
  });
}

async function stopServer() {
  const child = s.server;
  s.server = null;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(killer);
}

// Last resort if the runner dies with the server still running.
process.on('exit', () => { if (s.server && s.server.exitCode === null) s.server.kill('SIGKILL'); });

function sql(statement) {
  return execFileSync('sqlite3', ['-cmd', '.timeout 10000', s.db, statement], { encoding: 'utf8' }).trim();
}

async function checkIn(code) {
  const response = await fetch(`${s.base}/api/v1/check-ins`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ request_id: `e2e-${code}`, code }),
  });
  const body = await response.json();
  assert.equal(response.status, 201, `check-in of ${code}: ${JSON.stringify(body)}`);
  return body;
}

// A kiosk's own calls, with its bearer token.
function kioskPost(pathname, token, body) {
  return fetch(`${s.base}${pathname}`, {
    method: 'POST',
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function heartbeat(token, printer, outbox) {
  const response = await kioskPost('/api/v1/heartbeat', token,
    { version: '1.0.0', printer, scanner: 'ok', manifest_age_seconds: 300, outbox_depth: outbox });
  assert.equal(response.status, 204, await response.text());
}

// Both pages share one browser window; a page in a background tab gets no animation frames, and
// Playwright's clicks wait for them. Bring the page in use to the front.
async function front(page) {
  await page.bringToFront();
  return page;
}

async function shot(page, name, scrollTo) {
  await page.bringToFront();
  if (scrollTo) await page.locator(scrollTo).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: path.join(OUT, name), fullPage: false });
}

const text = (page, selector) => page.locator(selector).innerText();

// The page drew with Vazirmatn from /fonts, not a fallback.
async function assertVazirmatn(page) {
  const faces = await page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].map((f) => `${f.family.replace(/"/g, '')} ${f.weight} ${f.status}`);
  });
  assert.ok(faces.includes('Vazirmatn 400 loaded'), `fonts: ${faces}`);
}

async function logIn(page, login, password) {
  await page.fill('#login', login);
  await page.fill('#password', password);
  await page.click('#login-submit');
}

async function logOut(page) {
  await page.click('#logout');
  await page.locator('#login-view').waitFor({ state: 'visible' });
}

// A step starts logged out even when the step before it failed half-way.
async function freshLogIn(page, login) {
  if (await page.locator('#logout').isVisible()) await logOut(page);
  await logIn(page, login, s.passwords[login]);
}

before(async () => {
  mkdirSync(OUT, { recursive: true });
  s.work = mkdtempSync(path.join(tmpdir(), 'mikhak-e2e-'));
  s.db = path.join(s.work, 'server.db');
  s.port = await freePort();
  s.base = `http://127.0.0.1:${s.port}`;
  const { child, out } = await startServer({ demo: true });
  s.server = child;
  s.token = /kiosk token: (\S+)/.exec(out)?.[1];
  for (const m of out.matchAll(/^\s+(\w+) \/ (\S+)$/gm)) s.passwords[m[1]] = m[2];
  assert.ok(s.token, `no kiosk token in:\n${out}`);
  for (const who of ['counter1', 'counter2', 'supervisor', 'technician']) {
    assert.ok(s.passwords[who], `no password for ${who} in:\n${out}`);
  }

  // Today's passport appointments (counters 1 and 2), one with the elderly priority, and a power
  // of attorney: moved to now, so their check-in window is open whatever the time of day.
  const now = Math.floor(Date.now() / 1000);
  const pick = (where, n) => sql(`SELECT code FROM appointment WHERE status = 'booked' AND ${where} ORDER BY id LIMIT ${n}`)
    .split('\n').filter(Boolean);
  const codes = [
    ...pick(`service_id = 'passport' AND priority = 0`, 3),
    ...pick(`service_id = 'passport' AND priority = 1`, 1),
    ...pick(`service_id = 'power_of_attorney' AND priority = 0`, 1),
  ];
  assert.ok(codes.length >= 4, `too few demo appointments: ${codes}`);
  sql(`UPDATE appointment SET starts_at = ${now} WHERE code IN (${codes.map((c) => `'${c}'`).join(',')})`);
  for (const code of codes) {
    const body = await checkIn(code);
    s.tickets.push({ label: body.ticket.label, letter_fa: body.ticket.letter_fa, number: body.ticket.number, service: body.service.id });
    // The kiosk reports the slip printed, except for the last ticket (its printer ran out of paper).
    const printed = code !== codes[codes.length - 1];
    const reported = await kioskPost(`/api/v1/tickets/${body.ticket.id}/print-result`, s.token, { printed });
    assert.equal(reported.status, 204);
  }

  s.context = await chromium.launchPersistentContext(path.join(s.work, 'chromium'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1366, height: 900 },
  });
  s.context.setDefaultTimeout(15000); // CTest may run this beside the sanitizer build's tests
  s.display = await s.context.newPage();
  await s.display.setViewportSize({ width: 1920, height: 1080 });
  s.console = s.context.pages()[0] === s.display ? await s.context.newPage() : s.context.pages()[0];
  for (const page of [s.display, s.console]) {
    page.on('pageerror', (e) => { s.pageErrors = [...(s.pageErrors || []), `${page.url()}: ${e.message}`]; });
  }
});

after(async () => {
  try { if (s.context) await s.context.close(); } finally {
    await stopServer();
    if (s.work) rmSync(s.work, { recursive: true, force: true });
  }
});

test('the display connects and waits in both languages', async () => {
  await (await front(s.display)).goto(`${s.base}/display.html`);
  await s.display.waitForFunction(() => document.body.dataset.stream === 'open');
  assert.equal(await s.display.locator('#stream-mark').isVisible(), false);
  assert.match(await text(s.display, '#latest-empty'), /منتظر فراخوان/);
  assert.match(await text(s.display, '#latest-empty'), /Please wait/);
  await assertVazirmatn(s.display);
});

test('the console is Persian by default and shows the Persian error for a wrong password', async () => {
  const page = await front(s.console);
  await page.goto(`${s.base}/index.html`);
  await page.locator('#login-view').waitFor({ state: 'visible' });
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.getAttribute('html', 'lang'), 'fa');
  await assertVazirmatn(page);
  await logIn(page, 'counter1', 'not-the-password');
  await page.locator('#login-error').waitFor({ state: 'visible' });
  assert.equal(await text(page, '#login-error'), 'نام کاربری یا گذرواژه نادرست است.');
  assert.equal(await page.locator('#counter-view').isVisible(), false);
});

test('counter staff call the next ticket and the display shows it through the event stream', async () => {
  const page = await front(s.console);
  await logIn(page, 'counter1', s.passwords.counter1);
  await page.locator('#counter-view').waitFor({ state: 'visible' });
  await page.selectOption('#counter-select', '1');
  await page.waitForFunction((n) => document.querySelectorAll('#waiting-list li').length === n, s.tickets.length);
  assert.match(await text(page, '#waiting-list'), /سالمند/, 'the elderly flag is shown');
  assert.equal(await page.locator('#waiting-list .badge-unprinted').count(), 1, 'one slip did not print');
  assert.match(await text(page, '#waiting-list .badge-unprinted'), /برگه چاپ نشد/);

  await page.click('#call-next');
  await page.locator('#current-ticket').waitFor({ state: 'visible' });
  const label = (await text(page, '#current-label')).trim();
  const ticket = s.tickets.find((t) => t.label === label);
  assert.ok(ticket, `called ${label}, not one of ${s.tickets.map((t) => t.label)}`);
  s.called.push(label);
  assert.equal(await page.locator('#waiting-list li').count(), s.tickets.length - 1);
  assert.match(await text(page, '#current-recalls'), /هنوز/);
  assert.equal(await page.locator('#no-show').isDisabled(), true);
  assert.match(await text(page, '#no-show-why'), /۲ بار فراخوانی مجدد/);
  // Touch targets: every visible control is at least 44 px high.
  const small = await page.evaluate(() => [...document.querySelectorAll('button, select, input, a.btn')]
    .filter((el) => el.offsetParent !== null && el.getBoundingClientRect().height < 44)
    .map((el) => `${el.id || el.tagName} ${el.getBoundingClientRect().height}`));
  assert.deepEqual(small, []);

  const started = Date.now();
  await s.display.waitForFunction((l) => document.body.dataset.latest === l, label, { timeout: 5000 });
  const latency = Date.now() - started;
  assert.equal(await text(s.display, '#latest-label-en'), label);
  assert.equal(await text(s.display, '#latest-label-fa'), `${ticket.letter_fa}-${faTicket.format(ticket.number)}`);
  assert.equal(await text(s.display, '#latest-counter-fa'), 'به باجه ۱');
  assert.equal(await text(s.display, '#latest-counter-en'), 'to counter 1');
  console.log(`# display showed ${label} ${latency} ms after the console did`);

  // The console learns the Persian label from the feed as well.
  await page.waitForFunction(() => !document.getElementById('current-label-fa').hidden);
  await shot(page, 'console-fa.png');
  await s.display.waitForTimeout(400); // mid-flash is a fair picture of a new call
  await shot(s.display, 'display.png');
  await front(page);
});

test('recall twice, then no-show', async () => {
  const page = await front(s.console);
  const label = s.called[0];
  await page.click('#recall');
  await page.waitForFunction(() => /۱ بار/.test(document.getElementById('current-recalls').textContent));
  assert.equal(await page.locator('#no-show').isDisabled(), true);
  await s.display.locator('#latest-recall').waitFor({ state: 'visible' });
  assert.equal(await s.display.getAttribute('body', 'data-latest'), label);

  await page.click('#recall');
  await page.waitForFunction(() => /۲ بار/.test(document.getElementById('current-recalls').textContent));
  await page.waitForFunction(() => !document.getElementById('no-show').disabled);
  assert.equal(await page.locator('#no-show-why').isVisible(), false);

  await page.click('#no-show');
  await page.locator('#current-empty').waitFor({ state: 'visible' });
  assert.match(await text(page, '#notice'), /عدم حضور/);
});

test('call the next one and complete it', async () => {
  const page = await front(s.console);
  const waitingBefore = await page.locator('#waiting-list li').count();
  // From the keyboard this time.
  await page.focus('#call-next');
  await page.keyboard.press('Enter');
  await page.waitForFunction((prev) => {
    const el = document.getElementById('current-label');
    return !document.getElementById('current-ticket').hidden && el.textContent && el.textContent !== prev;
  }, s.called[0]);
  const label = (await text(page, '#current-label')).trim();
  assert.ok(s.tickets.some((t) => t.label === label));
  s.called.push(label);
  assert.equal(await page.locator('#waiting-list li').count(), waitingBefore - 1);
  // The keyboard focus comes back to the button once it is enabled again.
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'call-next');
  await s.display.waitForFunction((l) => document.body.dataset.latest === l, label, { timeout: 5000 });
  // The ticket called before moves to the list of previous calls.
  assert.match(await text(s.display, '#previous-list'), new RegExp(s.called[0]));

  await page.click('#complete');
  await page.locator('#current-empty').waitFor({ state: 'visible' });
  assert.match(await text(page, '#notice'), /پایان/);
});

test('English: the switch turns the page left-to-right, is remembered, and transfer works', async () => {
  const page = await front(s.console);
  await page.click('#lang-toggle');
  assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal((await text(page, '#call-next')).trim(), 'Call next');

  await page.reload();
  await page.locator('#counter-view').waitFor({ state: 'visible' });
  assert.equal(await page.getAttribute('html', 'dir'), 'ltr', 'the language is remembered');
  await page.waitForFunction(() => document.getElementById('counter-select').options.length > 0);
  assert.equal(await page.inputValue('#counter-select'), '1', 'the counter is remembered');

  await page.click('#call-next');
  await page.waitForFunction((called) => {
    const el = document.getElementById('current-label');
    return !document.getElementById('current-ticket').hidden && el.textContent && !called.includes(el.textContent);
  }, s.called);
  const label = (await text(page, '#current-label')).trim();
  s.called.push(label);
  assert.match(await text(page, '#current-recalls'), /Not recalled yet/);
  await shot(page, 'console-en.png');

  await page.selectOption('#transfer-target', 'counter:2');
  await page.click('#transfer');
  await page.locator('#current-empty').waitFor({ state: 'visible' });
  assert.match(await text(page, '#notice'), /transferred to counter 2/);
  const queue2 = await page.evaluate(() => fetch('/api/v1/counters/2/queue').then((r) => r.json()));
  const moved = queue2.waiting.find((w) => w.label === label);
  assert.ok(moved && moved.transferred_here, `after transfer, counter 2 has: ${JSON.stringify(queue2)}`);

  await page.click('#lang-toggle');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  await logOut(page);
});

test('the supervisor sees the day per service', async () => {
  const page = await front(s.console);
  await freshLogIn(page, 'supervisor');
  await page.locator('#dashboard-view').waitFor({ state: 'visible' });
  await page.waitForFunction(() => document.querySelectorAll('#dashboard-table tbody tr').length > 0);
  const row = page.locator('#dashboard-table tbody tr', { hasText: 'گذرنامه' }).first();
  const cells = await row.locator('td').allInnerTexts();
  // waiting, serving, done, no-show: one passport done (complete), one no-show at least.
  assert.ok(Number(cells[2].replace(/[۰-۹]/g, (d) => d.charCodeAt(0) - 0x06f0)) >= 1, `done: ${cells}`);
  assert.ok(Number(cells[3].replace(/[۰-۹]/g, (d) => d.charCodeAt(0) - 0x06f0)) >= 0, `no-show: ${cells}`);
  await shot(page, 'supervisor-fa.png');
  await logOut(page);
});

test('the technician sees the feed and the recent calls', async () => {
  const page = await front(s.console);
  await freshLogIn(page, 'technician');
  await page.locator('#feed-view').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#counter-view').isVisible(), false);
  await page.waitForFunction(() => document.querySelectorAll('#feed-table tbody tr').length >= 4);
  assert.match(await text(page, '#feed-status'), /متصل/);
  await shot(page, 'technician-fa.png', '#feed-view');
});

test('the technician makes an enrolment code and a kiosk enrols with it', async () => {
  const page = await front(s.console);
  await page.locator('#kiosks-view').waitFor({ state: 'visible' });
  // The demo kiosk reports in: a healthy one beside the one enrolled below.
  await heartbeat(s.token, 'ok', 0);
  await page.click('#kiosks-refresh');
  await page.locator('#kiosks-table tr[data-kiosk="kiosk-1"] .badge-ok').waitFor();

  await page.click('#enrol-submit');
  assert.equal(await text(page, '#enrol-error'), 'نام دستگاه را وارد کنید.');
  const name = 'سالن انتظار، ورودی ۲';
  await page.fill('#enrol-name', name);
  await page.click('#enrol-submit');
  await page.locator('#enrol-result').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#enrol-error').isVisible(), false);
  const code = (await text(page, '#enrol-code')).trim();
  assert.match(code, /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
  assert.equal(await page.getAttribute('#enrol-code', 'dir'), 'ltr');
  // The name sits in bidi isolates (FSI … PDI) in case it is Latin.
  assert.equal((await text(page, '#enrol-for')).replace(/[\u2066-\u2069]/g, ''), `کد ثبت دستگاه «${name}»`);
  assert.match(await text(page, '#enrol-expiry'), /^تا ساعت [۰-۹]{2}:[۰-۹]{2} معتبر است\.$/);
  assert.equal((await text(page, '#enrol-command')).trim(), `mikhakctl enrol --server ${s.base} --code ${code}`);
  await shot(page, 'technician-enrol-fa.png', '.enrol');

  // What `mikhakctl enrol` does on the new kiosk.
  const enrolled = await kioskPost('/api/v1/kiosks/enrol', null, { code });
  const body = await enrolled.json();
  assert.equal(enrolled.status, 201, JSON.stringify(body));
  assert.equal(body.name, name);
  s.kiosk = { id: body.kiosk_id, name, token: body.token };
  const again = await kioskPost('/api/v1/kiosks/enrol', null, { code });
  assert.equal(again.status, 401, 'a code enrols one kiosk');

  // While its code is out, the console looks for the new kiosk by itself.
  const row = page.locator(`#kiosks-table tr[data-kiosk="${s.kiosk.id}"]`);
  await row.waitFor();
  assert.match(await text(page, '#notice'), /ثبت شد/);
  assert.match(await text(page, '#enrol-expiry'), new RegExp(s.kiosk.id));
  assert.equal(await page.locator('#enrol-command').isVisible(), false, 'a used code is put away');
  assert.match(await row.innerText(), /هرگز/);
});

test('a kiosk out of paper raises the alert, in both languages', async () => {
  const page = await front(s.console);
  await heartbeat(s.kiosk.token, 'paper_out', 2);
  await page.click('#kiosks-refresh');
  // Never heard from, the new kiosk is already in alert: wait for the heartbeat's own news.
  await page.locator(`#kiosks-table tr.alert[data-kiosk="${s.kiosk.id}"]`, { hasText: 'کاغذ تمام شده' }).waitFor();
  const row = page.locator(`#kiosks-table tr[data-kiosk="${s.kiosk.id}"]`);
  const cells = await row.locator('th, td').allInnerTexts();
  assert.deepEqual(cells.map((c) => c.trim()),
    [`${s.kiosk.name}\nv1.0.0`, s.kiosk.id, 'لحظاتی پیش', 'کاغذ تمام شده', 'آماده', '۲', '۵ دقیقه', 'نیاز به رسیدگی', 'لغو دسترسی']);
  assert.equal(await row.locator('.k-id bdi').getAttribute('dir'), 'ltr');
  assert.match(await page.locator('#kiosks-table tr[data-kiosk="kiosk-1"]').innerText(), /سالم/);
  await shot(page, 'technician-kiosks-fa.png', '#kiosks-view');

  await page.click('#lang-toggle');
  await page.waitForFunction(() => document.documentElement.dir === 'ltr');
  const en = await row.locator('th, td').allInnerTexts();
  assert.deepEqual(en.map((c) => c.trim()).slice(2),
    ['just now', 'Out of paper', 'Ready', '2', '5 min', 'Needs attention', 'Revoke access']);
  assert.match(await text(page, '#enrol-expiry'), /enrolled as/);
  await shot(page, 'technician-kiosks-en.png', '#kiosks-view');
  await page.click('#lang-toggle');
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
});

test('the supervisor sees the kiosk alert on the dashboard, without technician actions', async () => {
  const page = await front(s.console);
  await freshLogIn(page, 'supervisor');
  const row = page.locator(`#dashboard-kiosks tr.alert[data-kiosk="${s.kiosk.id}"]`);
  await row.waitFor();
  assert.match(await row.innerText(), /کاغذ تمام شده/);
  assert.match(await row.innerText(), /نیاز به رسیدگی/);
  assert.equal(await page.locator('#dashboard-kiosks button').count(), 0);
  assert.equal(await page.locator('#kiosks-view').isVisible(), false);
  await shot(page, 'supervisor-kiosks-fa.png', '#dashboard-kiosks-title');
  await logOut(page);
  await logIn(page, 'technician', s.passwords.technician);
  await page.locator(`#kiosks-table tr[data-kiosk="${s.kiosk.id}"]`).waitFor();
});

test('the technician revokes the kiosk after confirming, and its token stops working', async () => {
  const page = await front(s.console);
  const row = page.locator(`#kiosks-table tr[data-kiosk="${s.kiosk.id}"]`);
  const question = new Promise((resolve) => page.once('dialog', (d) => { resolve(d.message()); d.dismiss(); }));
  await row.locator('button[data-revoke]').click();
  const asked = await question;
  assert.match(asked, /لغو شود؟/);
  assert.ok(asked.includes(s.kiosk.name) && asked.includes(s.kiosk.id), asked);
  const services = () => fetch(`${s.base}/api/v1/services`, { headers: { Authorization: `Bearer ${s.kiosk.token}` } });
  assert.equal((await services()).status, 200, 'saying no to the question revokes nothing');

  page.once('dialog', (d) => d.accept());
  await row.locator('button[data-revoke]').click();
  await page.locator(`#kiosks-table tr.revoked[data-kiosk="${s.kiosk.id}"]`).waitFor();
  assert.match(await row.innerText(), /دسترسی لغو شده/);
  assert.match(await row.locator('.k-revoked-by').innerText(), /^لغو به دست \u2068technician\u2069، /);
  assert.equal(await row.locator('button').count(), 0);
  assert.match(await text(page, '#notice'), /لغو شد/);
  await shot(page, 'technician-kiosks-revoked-fa.png', '#kiosks-view');
  assert.equal((await services()).status, 401, 'the revoked token is refused');
  assert.equal((await kioskPost('/api/v1/heartbeat', s.kiosk.token,
    { version: '1.0.0', printer: 'ok', scanner: 'ok', manifest_age_seconds: 0, outbox_depth: 0 })).status, 401);
  const demo = await fetch(`${s.base}/api/v1/services`, { headers: { Authorization: `Bearer ${s.token}` } });
  assert.equal(demo.status, 200, 'the other kiosk is untouched');
});

test('the display reconnects by itself when the server restarts', async () => {
  await stopServer();
  await s.display.waitForFunction(() => document.body.dataset.stream !== 'open', null, { timeout: 10000 });
  await s.display.locator('#stream-mark').waitFor({ state: 'visible' });
  await shot(s.display, 'display-reconnecting.png');
  await s.console.waitForFunction(() => /قطع/.test(document.getElementById('feed-status').textContent));

  const { child } = await startServer({ demo: false });
  s.server = child;
  await s.display.waitForFunction(() => document.body.dataset.stream === 'open', null, { timeout: 15000 });
  assert.equal(await s.display.locator('#stream-mark').isVisible(), false);

  // A call after the restart reaches the display.
  const login = await fetch(`${s.base}/api/v1/staff/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: 'counter2', password: s.passwords.counter2 }),
  });
  assert.equal(login.status, 200);
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const call = await fetch(`${s.base}/api/v1/counters/2/call-next`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie },
    body: '{}',
  });
  assert.equal(call.status, 200);
  const { label } = await call.json();
  await s.display.waitForFunction((l) => document.body.dataset.latest === l, label, { timeout: 5000 });
  assert.equal(await text(s.display, '#latest-counter-fa'), 'به باجه ۲');
  await s.console.waitForFunction((l) => document.getElementById('feed-table').textContent.includes(l), label);
});

test('no script errors in either page', () => {
  assert.deepEqual(s.pageErrors || [], []);
});

test('the server stops cleanly, without sanitizer reports', async () => {
  await stopServer();
  assert.doesNotMatch(s.serverErrors, /Sanitizer|runtime error:/, s.serverErrors);
});
