// Mikhak staff console: log-in, the counter's queue (call, recall, no-show, complete, transfer),
// the supervisor's dashboard and the technician's view of the "now serving" feed.
// Plain JavaScript, no build step, nothing fetched from elsewhere. Persian first, English on demand.
'use strict';

(() => {
  // ---------------------------------------------------------------- words
  // Wording follows shared/notes/domain.md (باجه، نوبت، فراخوان، نوبت جاری، مراجعه‌کننده).
  const T = {
    fa: {
      title: 'میخک — میز کار باجه',
      skip: 'پرش به محتوا',
      app: 'میخک',
      console: 'میز کار باجه',
      logout: 'خروج',
      loginTitle: 'ورود کارکنان',
      loginName: 'نام کاربری',
      password: 'گذرواژه',
      loginButton: 'ورود',
      loginMissing: 'نام کاربری و گذرواژه را وارد کنید.',
      counterWork: 'کار باجه',
      counter: 'باجه',
      callNext: 'فراخوان نفر بعدی',
      callNote: 'نوبت جاری با فراخوان بعدی «پایان خدمت» ثبت می‌شود.',
      nowServing: 'نوبت جاری',
      noCurrent: 'نوبتی در این باجه فراخوانده نشده است.',
      recall: 'فراخوانی مجدد',
      complete: 'پایان خدمت',
      noShow: 'ثبت عدم حضور',
      transferTo: 'انتقال به',
      transfer: 'انتقال',
      chooseTarget: '— انتخاب کنید —',
      toService: 'خدمت دیگر',
      toCounter: 'باجه دیگر',
      waiting: 'در صف این باجه',
      nobodyWaiting: 'کسی در صف نیست.',
      dashboard: 'وضعیت امروز',
      service: 'خدمت',
      colWaiting: 'در صف',
      colServing: 'در حال خدمت',
      colDone: 'انجام‌شده',
      colNoShow: 'عدم حضور',
      colWait: 'میانگین انتظار (دقیقه)',
      colService: 'میانگین خدمت (دقیقه)',
      total: 'جمع',
      underMinute: 'کمتر از ۱',
      feedTitle: 'جریان زنده نمایشگر «نوبت جاری»',
      openDisplay: 'باز کردن صفحه نمایشگر سالن انتظار',
      recentCalls: 'فراخوان‌های اخیر',
      noCalls: 'هنوز فراخوانی نشده است.',
      time: 'ساعت',
      ticket: 'نوبت',
      kind: 'نوع',
      kindCall: 'فراخوان',
      kindRecall: 'فراخوانی مجدد',
      feedConnecting: 'در حال اتصال…',
      feedOpen: (since) => `متصل (از ساعت ${since})`,
      feedLast: (at) => `آخرین رویداد: ${at}`,
      feedReconnecting: 'اتصال قطع شد؛ در حال اتصال دوباره…',
      kiosksTitle: 'دستگاه‌های پذیرش',
      refresh: 'به‌روزرسانی',
      noKiosks: 'هیچ دستگاه پذیرشی ثبت نشده است.',
      kioskName: 'دستگاه',
      kioskId: 'شناسه',
      lastHeard: 'آخرین گزارش',
      printer: 'چاپگر',
      scanner: 'اسکنر',
      outbox: 'پذیرش‌های ارسال‌نشده',
      manifestAge: 'عمر فهرست نوبت‌ها',
      kioskState: 'وضعیت',
      kioskAction: 'اقدام',
      never: 'هرگز',
      justNow: 'لحظاتی پیش',
      agoMin: (n) => `${num(n)} دقیقه پیش`,
      agoHour: (n) => `${num(n)} ساعت پیش`,
      agoDay: (n) => `${num(n)} روز پیش`,
      durUnderMin: 'کمتر از ۱ دقیقه',
      durMin: (n) => `${num(n)} دقیقه`,
      durHour: (h, m) => (m ? `${num(h)} ساعت و ${num(m)} دقیقه` : `${num(h)} ساعت`),
      durDay: (n) => `${num(n)} روز`,
      printerStates: {
        ok: 'آماده', paper_near_end: 'کاغذ رو به اتمام', paper_out: 'کاغذ تمام شده',
        cover_open: 'درِ چاپگر باز است', offline: 'وصل نیست',
      },
      scannerStates: { ok: 'آماده', offline: 'وصل نیست', none: 'ندارد' },
      stateOk: 'سالم',
      stateAlert: 'نیاز به رسیدگی',
      stateRevoked: 'دسترسی لغو شده',
      revoke: 'لغو دسترسی',
      revokeConfirm: (name, id) => `دسترسی دستگاه «${name}» (${id}) لغو شود؟\n`
        + 'این دستگاه دیگر نمی‌تواند نوبت صادر کند؛ برای به کار انداختن دوباره‌اش باید آن را با کد تازه ثبت کرد.',
      revoked: (name) => `دسترسی دستگاه «${name}» لغو شد.`,
      revokedBy: (who, when) => `لغو به دست ${who}، ${when}`,
      enrolTitle: 'کد ثبت دستگاه جدید',
      enrolName: 'نام دستگاه جدید',
      enrolPlaceholder: 'مثلاً: سالن انتظار، ورودی ۲',
      enrolButton: 'ساخت کد',
      enrolHint: 'کد ۱۵ دقیقه اعتبار دارد و فقط برای یک دستگاه به کار می‌رود.',
      enrolNameMissing: 'نام دستگاه را وارد کنید.',
      enrolNameLong: 'نام دستگاه بلند است؛ کوتاه‌ترش کنید.',
      enrolFor: (name) => `کد ثبت دستگاه «${name}»`,
      enrolExpiry: (at) => `تا ساعت ${at} معتبر است.`,
      enrolExpired: 'این کد منقضی شده است؛ کد تازه‌ای بسازید.',
      enrolHow: 'این کد را روی دستگاه جدید وارد کنید، با این فرمان در خط فرمان همان دستگاه:',
      enrolUsed: (name, id) => `دستگاه «${name}» با شناسه ${id} ثبت شد.`,
      roles: { counter: 'کارمند باجه', supervisor: 'سرپرست', technician: 'کارشناس فنی' },
      flags: { elderly: 'سالمند', disabled: 'دارای معلولیت', late: 'با تأخیر', transferred: 'انتقالی', unprinted: 'برگه چاپ نشد' },
      recalls: (n) => (n === 0 ? 'هنوز فراخوانی مجدد نشده است.' : `${num(n)} بار فراخوانی مجدد شده است.`),
      noShowWhy: (n, need) =>
        `ثبت عدم حضور پس از ${num(need)} بار فراخوانی مجدد ممکن است (تاکنون ${num(n)} بار).`,
      called: (label, counter) => `نوبت ${label} به باجه ${num(counter)} فراخوانده شد.`,
      recalled: (label) => `نوبت ${label} دوباره فراخوانده شد.`,
      completed: (label) => `خدمت نوبت ${label} پایان یافت.`,
      noShowDone: (label) => `عدم حضور نوبت ${label} ثبت شد.`,
      transferred: (label, to) => `نوبت ${label} به ${to} منتقل شد و در صف آن قرار گرفت.`,
      nobodyToCall: 'کسی در صف این باجه نیست.',
      updated: (t) => `به‌روزرسانی: ${t}`,
      sessionOver: 'نشست شما پایان یافته است؛ دوباره وارد شوید.',
      network: 'ارتباط با سرور برقرار نیست. اتصال شبکه را بررسی کنید.',
      serverError: 'سرور پاسخ نادرستی داد.',
      noCounters: 'هیچ باجه‌ای تعریف نشده است.',
      langName: 'English',
      langCode: 'en',
    },
    en: {
      title: 'Mikhak — counter console',
      skip: 'Skip to content',
      app: 'Mikhak',
      console: 'counter console',
      logout: 'Log out',
      loginTitle: 'Staff log-in',
      loginName: 'Login',
      password: 'Password',
      loginButton: 'Log in',
      loginMissing: 'Enter your login and password.',
      counterWork: 'Counter work',
      counter: 'Counter',
      callNext: 'Call next',
      callNote: 'Calling next marks the current ticket as done.',
      nowServing: 'Now serving',
      noCurrent: 'No ticket has been called to this counter.',
      recall: 'Recall',
      complete: 'Done',
      noShow: 'No-show',
      transferTo: 'Transfer to',
      transfer: 'Transfer',
      chooseTarget: '— choose —',
      toService: 'Another service',
      toCounter: 'Another counter',
      waiting: 'Waiting for this counter',
      nobodyWaiting: 'Nobody is waiting.',
      dashboard: 'Today',
      service: 'Service',
      colWaiting: 'Waiting',
      colServing: 'Serving',
      colDone: 'Done',
      colNoShow: 'No-show',
      colWait: 'Average wait (min)',
      colService: 'Average service (min)',
      total: 'Total',
      underMinute: 'under 1',
      feedTitle: 'Live "now serving" feed of the displays',
      openDisplay: 'Open the waiting-room display page',
      recentCalls: 'Recent calls',
      noCalls: 'No calls yet.',
      time: 'Time',
      ticket: 'Ticket',
      kind: 'Kind',
      kindCall: 'Call',
      kindRecall: 'Recall',
      feedConnecting: 'Connecting…',
      feedOpen: (since) => `Connected (since ${since})`,
      feedLast: (at) => `Last event: ${at}`,
      feedReconnecting: 'Connection lost; reconnecting…',
      kiosksTitle: 'Kiosks',
      refresh: 'Refresh',
      noKiosks: 'No kiosks are enrolled.',
      kioskName: 'Kiosk',
      kioskId: 'ID',
      lastHeard: 'Last heard',
      printer: 'Printer',
      scanner: 'Scanner',
      outbox: 'Unsent check-ins',
      manifestAge: 'Appointment list age',
      kioskState: 'State',
      kioskAction: 'Action',
      never: 'never',
      justNow: 'just now',
      agoMin: (n) => `${n} min ago`,
      agoHour: (n) => `${n} h ago`,
      agoDay: (n) => (n === 1 ? '1 day ago' : `${n} days ago`),
      durUnderMin: 'under 1 min',
      durMin: (n) => `${n} min`,
      durHour: (h, m) => (m ? `${h} h ${m} min` : `${h} h`),
      durDay: (n) => (n === 1 ? '1 day' : `${n} days`),
      printerStates: {
        ok: 'Ready', paper_near_end: 'Paper low', paper_out: 'Out of paper',
        cover_open: 'Cover open', offline: 'Disconnected',
      },
      scannerStates: { ok: 'Ready', offline: 'Disconnected', none: 'None fitted' },
      stateOk: 'OK',
      stateAlert: 'Needs attention',
      stateRevoked: 'Access revoked',
      revoke: 'Revoke access',
      revokeConfirm: (name, id) => `Revoke access for kiosk "${name}" (${id})?\n`
        + 'It will no longer be able to issue tickets; to use it again, enrol it with a new code.',
      revoked: (name) => `Access for kiosk "${name}" revoked.`,
      revokedBy: (who, when) => `by ${who}, ${when}`,
      enrolTitle: 'New enrolment code',
      enrolName: 'Name of the new kiosk',
      enrolPlaceholder: 'e.g. Waiting hall, entrance 2',
      enrolButton: 'Create code',
      enrolHint: 'The code is valid for 15 minutes and enrols one kiosk.',
      enrolNameMissing: 'Enter a name for the kiosk.',
      enrolNameLong: 'The name is too long; shorten it.',
      enrolFor: (name) => `Enrolment code for "${name}"`,
      enrolExpiry: (at) => `Valid until ${at}.`,
      enrolExpired: 'This code has expired; create a new one.',
      enrolHow: 'Enter this code on the new kiosk, with this command in its terminal:',
      enrolUsed: (name, id) => `Kiosk "${name}" enrolled as ${id}.`,
      roles: { counter: 'Counter staff', supervisor: 'Supervisor', technician: 'Technician' },
      flags: { elderly: 'Elderly', disabled: 'Disability', late: 'Late', transferred: 'Transferred here', unprinted: 'Ticket not printed' },
      recalls: (n) => (n === 0 ? 'Not recalled yet.' : `Recalled ${n} ${n === 1 ? 'time' : 'times'}.`),
      noShowWhy: (n, need) => `No-show is possible after ${need} recalls (so far: ${n}).`,
      called: (label, counter) => `Ticket ${label} called to counter ${counter}.`,
      recalled: (label) => `Ticket ${label} called again.`,
      completed: (label) => `Ticket ${label} done.`,
      noShowDone: (label) => `Ticket ${label} marked as no-show.`,
      transferred: (label, to) => `Ticket ${label} transferred to ${to} and queued there.`,
      nobodyToCall: 'Nobody is waiting for this counter.',
      updated: (t) => `Updated ${t}`,
      sessionOver: 'Your session has ended; please log in again.',
      network: 'Cannot reach the server. Check the network connection.',
      serverError: 'The server sent an unexpected answer.',
      noCounters: 'No counters are set up.',
      langName: 'فارسی',
      langCode: 'fa',
    },
  };

  const RECALLS_BEFORE_NO_SHOW = 2; // the server's rule; it answers too_few_recalls otherwise
  const QUEUE_EVERY_MS = 4000;
  const DASHBOARD_EVERY_MS = 10000;
  const KIOSKS_EVERY_MS = 10000;
  // While an enrolment code waits for its kiosk, look for the kiosk more often.
  const ENROL_POLL_MS = 2000;
  const KIOSK_NAME_BYTES = 64; // the server's limit
  // A double tap on "call next" must not skip an applicant: after a call the button stays
  // disabled (visibly) this long.
  const CALL_COOLDOWN_MS = 800;

  const store = {
    get(key) { try { return localStorage.getItem(key); } catch { return null; } },
    set(key, value) { try { localStorage.setItem(key, value); } catch { /* private mode */ } },
  };

  const state = {
    lang: store.get('mikhak.lang') === 'en' ? 'en' : 'fa',
    me: null,
    counters: [],
    counter: null, // number
    queue: null, // {waiting, current}
    queueAt: null,
    dashboard: null,
    dashboardAt: null,
    services: new Map(), // id -> {fa, en}
    flags: new Map(), // ticket id -> its flags, as last seen in the waiting list
    lettersFa: new Map(), // Latin queue letter -> Persian letter, learnt from the feed
    feed: { calls: [], status: 'connecting', since: null, last: null },
    kiosks: null, // [{id, name, revoked, last_seen, status, alert}]
    kiosksAt: null,
    enrol: null, // {code, expiresAt, name, known: Set of kiosk ids, kiosk: the kiosk that used it}
    enrolTimer: 0,
    messages: {}, // area -> {fa, en} | null, re-rendered on a language switch
    busy: false,
    cooling: false,
    timers: [],
    source: null,
  };

  const $ = (id) => document.getElementById(id);
  const t = (key) => T[state.lang][key];

  // ---------------------------------------------------------------- numbers and text
  const faDigits = new Intl.NumberFormat('fa-IR', { useGrouping: false });
  function num(n) {
    return state.lang === 'fa' ? faDigits.format(n) : String(n);
  }
  function localDigits(text) {
    if (state.lang !== 'fa') return text;
    return String(text).replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
  }
  function clock(date) {
    const hh = String(date.getHours()).padStart(2, '0');
    const mm = String(date.getMinutes()).padStart(2, '0');
    const ss = String(date.getSeconds()).padStart(2, '0');
    return localDigits(`${hh}:${mm}:${ss}`);
  }
  function clockShort(date) {
    return localDigits(`${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`);
  }
  const pick = (msg) => (msg ? msg[state.lang] : '');
  const both = (key, ...args) => ({
    fa: typeof T.fa[key] === 'function' ? withLang('fa', () => T.fa[key](...args)) : T.fa[key],
    en: typeof T.en[key] === 'function' ? withLang('en', () => T.en[key](...args)) : T.en[key],
  });
  function withLang(lang, fn) {
    const saved = state.lang;
    state.lang = lang;
    try { return fn(); } finally { state.lang = saved; }
  }
  // A Latin ticket label inside Persian text keeps its order: isolate it (FSI … PDI).
  const iso = (text) => `\u2068${text}\u2069`;

  function serviceName(id, fallback) {
    const s = state.services.get(id);
    if (s) return s[state.lang];
    if (fallback) return fallback[state.lang];
    return id.replace(/_/g, ' ');
  }
  function learnService(id, fa, en) {
    if (id && fa && en && !state.services.has(id)) state.services.set(id, { fa, en });
  }
  // «گ-۰۱۷» from "P-017", when the feed has told us the Persian letter of P.
  function persianLabel(label) {
    const m = /^([A-Z])-(\d+)$/.exec(label || '');
    if (!m || !state.lettersFa.has(m[1])) return '';
    const n = new Intl.NumberFormat('fa-IR', { minimumIntegerDigits: 3, useGrouping: false });
    return `${state.lettersFa.get(m[1])}-${n.format(Number(m[2]))}`;
  }
  function learnLetters(calls) {
    for (const c of calls || []) if (c.letter && c.letter_fa) state.lettersFa.set(c.letter, c.letter_fa);
  }

  // ---------------------------------------------------------------- the API
  class ApiError extends Error {
    constructor(status, code, fa, en) {
      super(en);
      this.status = status;
      this.code = code;
      this.msg = { fa, en };
    }
  }

  async function api(method, path, body) {
    const init = { method, credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } };
    if (method === 'POST') {
      // The server refuses staff POSTs without this header (its CSRF rule), even with no body.
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body || {});
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch {
      throw new ApiError(0, 'network', T.fa.network, T.en.network);
    }
    if (response.status === 204) return { status: 204, data: null };
    let data = null;
    try { data = await response.json(); } catch { data = null; }
    if (!response.ok) {
      const e = data && data.error;
      if (e && e.message_fa && e.message_en) throw new ApiError(response.status, e.code, e.message_fa, e.message_en);
      throw new ApiError(response.status, `http_${response.status}`, T.fa.serverError, T.en.serverError);
    }
    if (data === null) throw new ApiError(response.status, 'bad_json', T.fa.serverError, T.en.serverError);
    return { status: response.status, data };
  }

  // A 401 anywhere but the log-in form means the session ended: back to the form.
  function handleError(err, area) {
    if (err instanceof ApiError && err.status === 401 && state.me) {
      endSession(both('sessionOver'));
      return;
    }
    showMessage(area, err instanceof ApiError ? err.msg : both('serverError'));
  }

  // ---------------------------------------------------------------- messages
  const messageElements = { login: 'login-error', action: 'action-error', kiosks: 'kiosks-error', enrol: 'enrol-error' };
  function showMessage(area, msg) {
    state.messages[area] = msg;
    renderMessage(area);
  }
  function renderMessage(area) {
    const el = $(messageElements[area]);
    const msg = state.messages[area];
    el.textContent = pick(msg);
    el.hidden = !msg;
  }
  let noticeTimer = 0;
  function notice(msg, warning = false) {
    state.messages.notice = msg;
    const el = $('notice');
    el.textContent = pick(msg);
    el.classList.toggle('is-warning', warning);
    el.hidden = !msg;
    clearTimeout(noticeTimer);
    if (msg) noticeTimer = setTimeout(() => notice(null), 8000);
  }

  // ---------------------------------------------------------------- language
  function applyLanguage() {
    const html = document.documentElement;
    html.lang = state.lang;
    html.dir = state.lang === 'fa' ? 'rtl' : 'ltr';
    document.title = t('title');
    for (const el of document.querySelectorAll('[data-t]')) {
      const value = t(el.dataset.t);
      if (typeof value === 'string') el.textContent = value;
    }
    for (const el of document.querySelectorAll('[data-t-placeholder]')) el.placeholder = t(el.dataset.tPlaceholder);
    const toggle = $('lang-toggle');
    toggle.textContent = t('langName');
    toggle.lang = t('langCode');
    toggle.dir = t('langCode') === 'fa' ? 'rtl' : 'ltr';
    toggle.setAttribute('aria-label', state.lang === 'fa' ? 'Switch to English' : 'تغییر زبان به فارسی');
    renderWho();
    renderMessage('login');
    renderMessage('action');
    renderMessage('kiosks');
    renderMessage('enrol');
    if (state.messages.notice) $('notice').textContent = pick(state.messages.notice);
    renderCounters();
    renderQueue();
    renderDashboard();
    renderFeed();
    renderKiosks();
    renderEnrol();
  }

  $('lang-toggle').addEventListener('click', () => {
    state.lang = state.lang === 'fa' ? 'en' : 'fa';
    store.set('mikhak.lang', state.lang);
    applyLanguage();
  });

  // ---------------------------------------------------------------- log-in and session
  function renderWho() {
    const who = $('who');
    if (!state.me) { who.hidden = true; return; }
    who.hidden = false;
    who.textContent = state.me.display_name;
    const role = document.createElement('span');
    role.className = 'role';
    role.textContent = t('roles')[state.me.role] || state.me.role;
    who.append(role);
  }

  $('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const login = $('login').value.trim();
    const password = $('password').value;
    if (!login || !password) {
      showMessage('login', both('loginMissing'));
      (login ? $('password') : $('login')).focus();
      return;
    }
    const button = $('login-submit');
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    try {
      const { data } = await api('POST', '/api/v1/staff/login', { login, password });
      $('password').value = '';
      showMessage('login', null);
      await startSession(data);
    } catch (err) {
      showMessage('login', err instanceof ApiError ? err.msg : both('serverError'));
      $('password').select();
    } finally {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  });

  $('logout').addEventListener('click', async () => {
    try { await api('POST', '/api/v1/staff/logout', {}); } catch { /* the session ends here anyway */ }
    endSession(null);
  });

  function stopTimers() {
    for (const id of state.timers) clearInterval(id);
    state.timers = [];
    if (state.source) { state.source.close(); state.source = null; }
    stopEnrolPoll();
  }

  function endSession(msg) {
    stopTimers();
    state.me = null;
    state.queue = null;
    state.dashboard = null;
    // The next person at this screen must not find an enrolment code left on it.
    state.kiosks = null;
    state.enrol = null;
    $('enrol-name').value = '';
    renderKiosks();
    renderEnrol();
    showMessage('kiosks', null);
    showMessage('enrol', null);
    for (const id of ['counter-view', 'dashboard-view', 'kiosks-view', 'feed-view', 'logout']) $(id).hidden = true;
    $('login-view').hidden = false;
    renderWho();
    showMessage('action', null);
    notice(null);
    showMessage('login', msg);
    $('login').focus();
  }

  async function startSession(me) {
    stopTimers();
    state.me = me;
    $('login-view').hidden = true;
    $('logout').hidden = false;
    renderWho();
    const worksCounters = me.role === 'counter' || me.role === 'supervisor';
    $('counter-view').hidden = !worksCounters;
    $('dashboard-view').hidden = me.role !== 'supervisor';
    $('feed-view').hidden = me.role !== 'technician';
    $('kiosks-view').hidden = me.role !== 'technician';
    // A supervisor watches the hall first and serves at a counter now and then.
    if (me.role === 'supervisor') $('counter-view').before($('dashboard-view'));
    else $('feed-view').before($('dashboard-view'));
    if (worksCounters) {
      await loadCounters();
      loadServiceNames();
      refreshQueue();
      state.timers.push(setInterval(refreshQueue, QUEUE_EVERY_MS));
      $('call-next').focus();
    }
    if (me.role === 'supervisor') {
      refreshDashboard();
      state.timers.push(setInterval(refreshDashboard, DASHBOARD_EVERY_MS));
    }
    if (me.role === 'technician') {
      refreshKiosks();
      state.timers.push(setInterval(refreshKiosks, KIOSKS_EVERY_MS));
      openFeed();
    }
  }

  // ---------------------------------------------------------------- counters
  async function loadCounters() {
    try {
      const { data } = await api('GET', '/api/v1/counters');
      state.counters = data.counters || [];
    } catch (err) {
      handleError(err, 'action');
      return;
    }
    const saved = Number(store.get('mikhak.counter'));
    const known = state.counters.some((c) => c.number === saved);
    state.counter = known ? saved : state.counters.length ? state.counters[0].number : null;
    if (state.counter === null) showMessage('action', both('noCounters'));
    renderCounters();
  }

  // Service names for the transfer list. The staff API has no list of services of its own, so
  // take them from wherever the server gives them: /api/v1/services (if it lets staff read it),
  // the supervisor's dashboard, and the tickets in the queue.
  async function loadServiceNames() {
    try {
      const { data } = await api('GET', '/api/v1/services');
      for (const s of data.services || []) {
        learnService(s.id, s.name_fa, s.name_en);
        if (s.letter && s.letter_fa) state.lettersFa.set(s.letter, s.letter_fa);
      }
      renderTransferTargets();
    } catch { /* kiosks only, for now */ }
    try {
      const { data } = await api('GET', '/api/v1/now-serving');
      learnLetters(data.calls);
      renderQueue();
    } catch { /* the Persian label is a nicety */ }
  }

  function renderCounters() {
    const select = $('counter-select');
    const keep = document.activeElement === select;
    select.replaceChildren(
      ...state.counters.map((c) => {
        const o = document.createElement('option');
        o.value = String(c.number);
        o.textContent = state.lang === 'fa' ? c.name_fa : c.name_en;
        return o;
      }),
    );
    if (state.counter !== null) select.value = String(state.counter);
    if (keep) select.focus();
    renderTransferTargets();
  }

  $('counter-select').addEventListener('change', (event) => {
    state.counter = Number(event.target.value);
    store.set('mikhak.counter', String(state.counter));
    state.queue = null;
    showMessage('action', null);
    renderQueue();
    renderTransferTargets();
    refreshQueue();
  });

  // ---------------------------------------------------------------- the queue
  // One request at a time; a refresh asked for meanwhile, or an answer that an action may have
  // made stale, runs the request again at once.
  let queueInFlight = false;
  let queueAgain = false;
  let queueEpoch = 0;
  async function refreshQueue() {
    if (state.counter === null || !state.me) return;
    if (queueInFlight) { queueAgain = true; return; }
    queueInFlight = true;
    const asked = state.counter;
    const epoch = queueEpoch;
    try {
      const { data } = await api('GET', `/api/v1/counters/${asked}/queue`);
      if (asked !== state.counter || epoch !== queueEpoch) { queueAgain = true; return; }
      state.queue = data;
      state.queueAt = new Date();
      for (const w of data.waiting || []) {
        learnService(w.service_id, w.service_fa, w.service_en);
        state.flags.set(w.id, w);
      }
      if (state.flags.size > 500) state.flags = new Map((data.waiting || []).map((w) => [w.id, w]));
      if (state.messages.action && state.messages.action.network) showMessage('action', null);
      renderQueue();
      renderTransferTargets();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'network') {
        showMessage('action', { ...err.msg, network: true });
      } else {
        handleError(err, 'action');
      }
    } finally {
      queueInFlight = false;
      if (queueAgain && state.me) {
        queueAgain = false;
        refreshQueue();
      }
    }
  }

  function renderQueue() {
    const q = state.queue;
    const current = q && q.current;
    $('current-empty').hidden = Boolean(current);
    $('current-ticket').hidden = !current;
    $('call-note').hidden = !current;
    if (current) {
      $('current-label').textContent = current.label;
      const fa = persianLabel(current.label);
      $('current-label-fa').textContent = fa;
      $('current-label-fa').hidden = !fa;
      $('current-service').textContent = state.lang === 'fa' ? current.service_fa : current.service_en;
      $('current-flags').replaceChildren(...flagBadges(state.flags.get(current.id)));
      $('current-recalls').textContent = t('recalls')(current.recalls);
      const canNoShow = current.recalls >= RECALLS_BEFORE_NO_SHOW;
      $('no-show').disabled = !canNoShow || state.busy;
      $('no-show-why').textContent = canNoShow ? '' : t('noShowWhy')(current.recalls, RECALLS_BEFORE_NO_SHOW);
      $('no-show-why').hidden = canNoShow;
    }
    for (const id of ['recall', 'complete', 'transfer']) $(id).disabled = state.busy;
    $('call-next').disabled = state.busy || state.cooling || state.counter === null;

    const list = $('waiting-list');
    const waiting = (q && q.waiting) || [];
    $('waiting-count').textContent = q ? num(waiting.length) : '';
    $('waiting-empty').hidden = !q || waiting.length > 0;
    list.replaceChildren(...waiting.map(waitingItem));
    $('queue-updated').textContent = state.queueAt ? t('updated')(clock(state.queueAt)) : '';
  }

  function waitingItem(w) {
    const li = document.createElement('li');
    const label = document.createElement('bdi');
    label.className = 'w-label';
    label.dir = 'ltr';
    label.textContent = w.label;
    const service = document.createElement('span');
    service.className = 'w-service';
    service.textContent = state.lang === 'fa' ? w.service_fa : w.service_en;
    const time = document.createElement('span');
    time.className = 'w-time';
    time.textContent = localDigits(w.queue_time || '');
    const flags = document.createElement('span');
    flags.className = 'w-flags';
    flags.append(...flagBadges(w));
    li.append(label, service, time, flags);
    return li;
  }

  function flagBadges(w) {
    if (!w) return [];
    const words = t('flags');
    return [['elderly', w.elderly], ['disabled', w.disabled], ['late', w.late], ['transferred', w.transferred_here],
      ['unprinted', w.printed === false]]
      .filter(([, on]) => on)
      .map(([key]) => {
        const b = document.createElement('span');
        b.className = `badge badge-${key}`;
        b.textContent = words[key];
        return b;
      });
  }

  // The transfer list: other services, then other counters. Rebuilt only when its choices change,
  // so the 4-second refresh never resets what the clerk is choosing.
  let transferKey = '';
  function renderTransferTargets() {
    const select = $('transfer-target');
    const ids = [];
    for (const c of state.counters) for (const s of c.services || []) if (!ids.includes(s)) ids.push(s);
    for (const id of state.services.keys()) if (!ids.includes(id)) ids.push(id);
    const counters = state.counters.filter((c) => c.number !== state.counter);
    const key = JSON.stringify([state.lang, state.counter, ids.map((id) => serviceName(id)), counters.map((c) => c.number)]);
    if (key === transferKey) return;
    transferKey = key;
    const previous = select.value;
    const placeholder = document.createElement('option');
    placeholder.value = '';
    placeholder.textContent = t('chooseTarget');
    const services = document.createElement('optgroup');
    services.label = t('toService');
    for (const id of ids) {
      const o = document.createElement('option');
      o.value = `service:${id}`;
      o.textContent = serviceName(id);
      services.append(o);
    }
    const others = document.createElement('optgroup');
    others.label = t('toCounter');
    for (const c of counters) {
      const o = document.createElement('option');
      o.value = `counter:${c.number}`;
      o.textContent = state.lang === 'fa' ? c.name_fa : c.name_en;
      others.append(o);
    }
    select.replaceChildren(placeholder, services, others);
    select.value = [...select.options].some((o) => o.value === previous) ? previous : '';
  }

  // ---------------------------------------------------------------- actions
  // A button that is disabled while its request runs loses the keyboard focus; give it back (or,
  // when the ticket's buttons went away with the ticket, put it on "call next").
  function restoreFocus(button) {
    const active = document.activeElement;
    if (active && active !== document.body) return;
    for (const el of [button, $('call-next')]) {
      if (el && el.offsetParent !== null && !el.disabled) {
        el.focus();
        return;
      }
    }
  }

  async function act(button, run) {
    if (state.busy) return;
    state.busy = true;
    queueEpoch += 1;
    button.setAttribute('aria-busy', 'true');
    renderQueue();
    try {
      await run();
      showMessage('action', null);
    } catch (err) {
      handleError(err, 'action');
    } finally {
      state.busy = false;
      queueEpoch += 1;
      button.removeAttribute('aria-busy');
      renderQueue();
      restoreFocus(button);
      await refreshQueue();
      restoreFocus(button);
    }
  }

  function currentTicket() {
    return state.queue && state.queue.current;
  }

  $('call-next').addEventListener('click', () => {
    if (state.cooling) return;
    const counter = state.counter;
    act($('call-next'), async () => {
      const { status, data } = await api('POST', `/api/v1/counters/${counter}/call-next`, {});
      state.cooling = true;
      setTimeout(() => {
        state.cooling = false;
        renderQueue();
        restoreFocus($('call-next'));
      }, CALL_COOLDOWN_MS);
      if (status === 204) {
        notice(both('nobodyToCall'), true);
        return;
      }
      notice(both('called', iso(data.label), counter));
      // Learn the Persian letter (for «گ-۰۱۷») from the feed if we do not know it yet.
      const letter = (data.label || '').split('-')[0];
      if (!state.lettersFa.has(letter)) {
        api('GET', '/api/v1/now-serving').then(({ data: feed }) => { learnLetters(feed.calls); renderQueue(); }).catch(() => {});
      }
    });
  });

  $('recall').addEventListener('click', () => {
    const c = currentTicket();
    if (!c) return;
    const counter = state.counter;
    act($('recall'), async () => {
      await api('POST', `/api/v1/counters/${counter}/tickets/${c.id}/recall`, {});
      notice(both('recalled', iso(c.label)));
    });
  });

  $('complete').addEventListener('click', () => {
    const c = currentTicket();
    if (!c) return;
    const counter = state.counter;
    act($('complete'), async () => {
      await api('POST', `/api/v1/counters/${counter}/tickets/${c.id}/complete`, {});
      notice(both('completed', iso(c.label)));
    });
  });

  $('no-show').addEventListener('click', () => {
    const c = currentTicket();
    if (!c) return;
    const counter = state.counter;
    act($('no-show'), async () => {
      await api('POST', `/api/v1/counters/${counter}/tickets/${c.id}/no-show`, {});
      notice(both('noShowDone', iso(c.label)));
    });
  });

  $('transfer-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const c = currentTicket();
    const target = $('transfer-target').value;
    if (!c || !target) {
      $('transfer-target').focus();
      return;
    }
    const [kind, value] = target.split(':');
    const counter = state.counter;
    act($('transfer'), async () => {
      const body = kind === 'service' ? { service: value } : { counter: value };
      await api('POST', `/api/v1/counters/${counter}/tickets/${c.id}/transfer`, body);
      const to = kind === 'service'
        ? { fa: withLang('fa', () => serviceName(value)), en: withLang('en', () => serviceName(value)) }
        : { fa: `باجه ${withLang('fa', () => num(Number(value)))}`, en: `counter ${value}` };
      notice({ fa: T.fa.transferred(iso(c.label), to.fa), en: T.en.transferred(iso(c.label), to.en) });
      $('transfer-target').value = '';
    });
  });

  // ---------------------------------------------------------------- supervisor's dashboard
  let dashboardInFlight = false;
  async function refreshDashboard() {
    if (dashboardInFlight || !state.me) return;
    dashboardInFlight = true;
    try {
      const { data } = await api('GET', '/api/v1/dashboard');
      state.dashboard = data;
      state.dashboardAt = new Date();
      for (const s of data.services || []) learnService(s.id, s.name_fa, s.name_en);
      renderDashboard();
      renderTransferTargets();
    } catch (err) {
      handleError(err, 'action');
    } finally {
      dashboardInFlight = false;
    }
  }

  function cell(text, className = 'num') {
    const td = document.createElement('td');
    td.className = className;
    td.textContent = text;
    return td;
  }

  // The server rounds down to whole minutes: 0 means "under a minute", not "none".
  const minutes = (m) => (m > 0 ? num(m) : t('underMinute'));

  function renderDashboard() {
    const d = state.dashboard;
    const body = $('dashboard-table').tBodies[0];
    const foot = $('dashboard-table').tFoot;
    if (!d) {
      body.replaceChildren();
      foot.replaceChildren();
      $('dashboard-kiosks').tBodies[0].replaceChildren();
      return;
    }
    const sum = { waiting: 0, serving: 0, done: 0, no_show: 0 };
    body.replaceChildren(...d.services.map((s) => {
      for (const k of Object.keys(sum)) sum[k] += s[k];
      const tr = document.createElement('tr');
      if (s.waiting >= 10) tr.className = 'busy';
      if (s.waiting + s.serving + s.done + s.no_show === 0) tr.className = 'idle';
      const name = document.createElement('th');
      name.scope = 'row';
      name.textContent = state.lang === 'fa' ? s.name_fa : s.name_en;
      const seen = s.serving + s.done + s.no_show > 0;
      tr.append(name, cell(num(s.waiting)), cell(num(s.serving)), cell(num(s.done)), cell(num(s.no_show)),
        cell(seen ? minutes(s.average_wait_minutes) : '—'),
        cell(s.done > 0 || s.average_service_minutes > 0 ? minutes(s.average_service_minutes) : '—'));
      return tr;
    }));
    const tr = document.createElement('tr');
    tr.append(cell(t('total'), ''), cell(num(sum.waiting)), cell(num(sum.serving)), cell(num(sum.done)),
      cell(num(sum.no_show)), cell(''), cell(''));
    foot.replaceChildren(tr);
    for (const th of $('dashboard-table').tHead.rows[0].cells) th.classList.toggle('num', th.cellIndex > 0);
    const kiosks = d.kiosks || [];
    $('dashboard-kiosks').tBodies[0].replaceChildren(...kiosks.map((k) => kioskRow(k, false)));
    $('dashboard-kiosks').hidden = kiosks.length === 0;
    $('dashboard-kiosks-empty').hidden = kiosks.length > 0;
    $('dashboard-updated').textContent = t('updated')(clock(state.dashboardAt));
  }

  // ---------------------------------------------------------------- technician: the feed
  function openFeed() {
    if (state.source) state.source.close();
    state.feed.status = 'connecting';
    renderFeed();
    const source = new EventSource('/api/v1/now-serving/events');
    state.source = source;
    source.addEventListener('open', () => {
      state.feed.status = 'open';
      state.feed.since = new Date();
      renderFeed();
    });
    source.addEventListener('state', (event) => {
      const data = JSON.parse(event.data);
      state.feed.calls = data.calls || [];
      state.feed.last = new Date();
      learnLetters(state.feed.calls);
      renderFeed();
    });
    source.addEventListener('call', (event) => {
      const call = JSON.parse(event.data);
      if (state.feed.calls.some((c) => c.sequence === call.sequence)) return;
      state.feed.calls = [call, ...state.feed.calls].slice(0, 20);
      state.feed.last = new Date();
      learnLetters([call]);
      renderFeed();
    });
    source.addEventListener('error', () => {
      if (state.source !== source) return;
      state.feed.status = 'reconnecting';
      renderFeed();
      // EventSource retries by itself; if it gave up (an HTTP error), start a new one.
      if (source.readyState === EventSource.CLOSED) {
        setTimeout(() => { if (state.source === source && state.me) openFeed(); }, 3000);
      }
    });
  }

  function renderFeed() {
    const f = state.feed;
    const dot = $('feed-dot');
    dot.className = `dot ${f.status === 'open' ? 'is-open' : f.status === 'connecting' ? 'is-connecting' : 'is-closed'}`;
    let text = f.status === 'open' ? t('feedOpen')(clock(f.since))
      : f.status === 'connecting' ? t('feedConnecting') : t('feedReconnecting');
    if (f.last) text += ` — ${t('feedLast')(clock(f.last))}`;
    $('feed-status').textContent = text;
    $('feed-empty').hidden = f.calls.length > 0;
    $('feed-table').hidden = f.calls.length === 0;
    const pad = new Intl.NumberFormat('fa-IR', { minimumIntegerDigits: 3, useGrouping: false });
    $('feed-table').tBodies[0].replaceChildren(...f.calls.map((c) => {
      const tr = document.createElement('tr');
      const label = document.createElement('td');
      const latin = document.createElement('bdi');
      latin.dir = 'ltr';
      latin.textContent = c.label;
      label.append(latin);
      if (state.lang === 'fa' && c.letter_fa) label.append(` (${c.letter_fa}-${pad.format(c.number)})`);
      tr.append(cell(clock(new Date(c.at * 1000)), ''), label, cell(num(c.counter), ''),
        cell(state.lang === 'fa' ? c.service_fa : c.service_en, ''),
        cell(c.recall ? t('kindRecall') : t('kindCall'), ''));
      return tr;
    }));
  }

  // ---------------------------------------------------------------- kiosks: health, revoke, enrol
  // The server's alert is the verdict (printer not ready, or not heard from for 2 minutes); the
  // cells only show which of the two it is.
  const SILENT_AFTER_S = 120;
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  function heardAgo(lastSeen) {
    if (!lastSeen) return t('never');
    const s = Math.max(0, nowSeconds() - lastSeen);
    if (s < 60) return t('justNow');
    if (s < 3600) return t('agoMin')(Math.floor(s / 60));
    if (s < 86400) return t('agoHour')(Math.floor(s / 3600));
    return t('agoDay')(Math.floor(s / 86400));
  }

  function duration(seconds) {
    if (seconds < 60) return t('durUnderMin');
    const m = Math.floor(seconds / 60);
    if (m < 60) return t('durMin')(m);
    if (m < 48 * 60) return t('durHour')(Math.floor(m / 60), m % 60);
    return t('durDay')(Math.floor(m / 1440));
  }

  function ltr(text, className) {
    const b = document.createElement('bdi');
    b.dir = 'ltr';
    if (className) b.className = className;
    b.textContent = text;
    return b;
  }

  function kioskRow(k, withActions) {
    const st = k.status || {};
    const tr = document.createElement('tr');
    tr.dataset.kiosk = k.id;
    tr.className = k.revoked ? 'revoked' : k.alert ? 'alert' : '';
    const silent = k.alert && (!k.last_seen || nowSeconds() - k.last_seen > SILENT_AFTER_S);

    const name = document.createElement('th');
    name.scope = 'row';
    const nameText = document.createElement('bdi');
    nameText.className = 'k-name';
    nameText.textContent = k.name;
    name.append(nameText);
    if (st.version) {
      const version = document.createElement('span');
      version.className = 'k-version';
      version.append(ltr(`v${st.version}`));
      name.append(version);
    }
    const id = cell('', 'k-id');
    id.append(ltr(k.id));
    const heard = cell(heardAgo(k.last_seen), silent ? 'bad' : '');
    if (k.last_seen) {
      heard.title = new Date(k.last_seen * 1000).toLocaleString(state.lang === 'fa' ? 'fa-IR' : 'en-GB');
    }
    const printer = cell(st.printer ? (t('printerStates')[st.printer] || st.printer) : '—',
      !k.revoked && st.printer && st.printer !== 'ok' ? 'bad' : '');
    const scanner = cell(st.scanner ? (t('scannerStates')[st.scanner] || st.scanner) : '—',
      !k.revoked && st.scanner === 'offline' ? 'warn' : '');
    const outbox = cell(Number.isInteger(st.outbox_depth) ? num(st.outbox_depth) : '—');
    const age = cell(Number.isInteger(st.manifest_age_seconds) ? duration(st.manifest_age_seconds) : '—');
    const badge = document.createElement('span');
    const kind = k.revoked ? 'revoked' : k.alert ? 'alert' : 'ok';
    badge.className = `badge badge-${kind}`;
    badge.textContent = t({ revoked: 'stateRevoked', alert: 'stateAlert', ok: 'stateOk' }[kind]);
    const stateCell = cell('', 'k-state');
    stateCell.append(badge);
    if (k.revoked && k.revoked_by) {
      // Who shut it out, for the next technician who wonders why a kiosk stopped.
      const who = document.createElement('small');
      who.className = 'k-revoked-by';
      const at = new Date(k.revoked_at * 1000);
      const locale = state.lang === 'fa' ? 'fa-IR' : 'en-GB';
      // Date and time joined by hand: Chromium's fa-IR puts a Latin comma between them.
      const when = `${at.toLocaleDateString(locale)}${state.lang === 'fa' ? '،' : ','} `
        + at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
      // The login isolated (FSI…PDI): Latin letters inside a Persian sentence.
      who.textContent = t('revokedBy')(`\u2068${k.revoked_by}\u2069`, when);
      stateCell.append(who);
    }
    tr.append(name, id, heard, printer, scanner, outbox, age, stateCell);
    if (withActions) {
      const action = cell('', 'k-action');
      if (!k.revoked) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'btn btn-danger btn-small';
        button.dataset.revoke = k.id;
        button.textContent = t('revoke');
        // "Revoke access" alone is ambiguous to a screen reader going through the buttons.
        button.setAttribute('aria-label', `${t('revoke')}: ${k.name}`);
        action.append(button);
      }
      tr.append(action);
    }
    return tr;
  }

  function renderKiosks() {
    const list = state.kiosks;
    const table = $('kiosks-table');
    const keep = document.activeElement && document.activeElement.dataset
      ? document.activeElement.dataset.revoke : undefined;
    table.tBodies[0].replaceChildren(...(list || []).map((k) => kioskRow(k, true)));
    table.hidden = !list || list.length === 0;
    $('kiosks-empty').hidden = !list || list.length > 0;
    $('kiosks-updated').textContent = state.kiosksAt ? t('updated')(clock(state.kiosksAt)) : '';
    if (keep) {
      const again = table.querySelector(`button[data-revoke="${CSS.escape(keep)}"]`);
      if (again) again.focus();
    }
  }

  // One request at a time; one asked for meanwhile runs when it ends (after a revoke, say).
  let kiosksInFlight = false;
  let kiosksAgain = false;
  async function refreshKiosks() {
    if (!state.me || state.me.role !== 'technician') return;
    if (kiosksInFlight) { kiosksAgain = true; return; }
    kiosksInFlight = true;
    try {
      const { data } = await api('GET', '/api/v1/kiosks');
      state.kiosks = data.kiosks || [];
      state.kiosksAt = new Date();
      if (state.messages.kiosks) showMessage('kiosks', null);
      noticeEnrolled();
      renderKiosks();
      renderEnrol();
    } catch (err) {
      handleError(err, 'kiosks');
    } finally {
      kiosksInFlight = false;
      if (kiosksAgain && state.me) {
        kiosksAgain = false;
        refreshKiosks();
      }
    }
  }

  $('kiosks-refresh').addEventListener('click', () => refreshKiosks());

  $('kiosks-table').addEventListener('click', async (event) => {
    const button = event.target.closest('button[data-revoke]');
    if (!button || button.disabled) return;
    const k = (state.kiosks || []).find((x) => x.id === button.dataset.revoke);
    if (!k) return;
    if (!window.confirm(t('revokeConfirm')(iso(k.name), iso(k.id)))) return;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    try {
      await api('POST', `/api/v1/kiosks/${encodeURIComponent(k.id)}/revoke`, {});
      notice(both('revoked', iso(k.name)));
      showMessage('kiosks', null);
    } catch (err) {
      handleError(err, 'kiosks');
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
    await refreshKiosks();
    if (document.activeElement === document.body) $('kiosks-refresh').focus();
  });

  // ---- enrolment codes
  function stopEnrolPoll() {
    clearInterval(state.enrolTimer);
    state.enrolTimer = 0;
  }

  // "ABCD-EFGH", read aloud and typed in two halves (the server sends it so; make sure).
  function groupCode(code) {
    const bare = String(code).replace(/[^0-9A-Za-z]/g, '').toUpperCase();
    return bare.length === 8 ? `${bare.slice(0, 4)}-${bare.slice(4)}` : String(code);
  }

  const enrolExpired = () => state.enrol && nowSeconds() >= state.enrol.expiresAt;

  // A kiosk that was not in the list when the code was made, under the code's name, used it.
  function noticeEnrolled() {
    const e = state.enrol;
    if (!e || e.kiosk || !state.kiosks) return;
    const k = state.kiosks.find((x) => !e.known.has(x.id) && x.name === e.name);
    if (k) {
      e.kiosk = { id: k.id, name: k.name };
      stopEnrolPoll();
      notice(both('enrolUsed', iso(k.name), iso(k.id)));
    } else if (enrolExpired()) {
      stopEnrolPoll();
    }
  }

  function renderEnrol() {
    const e = state.enrol;
    $('enrol-result').hidden = !e;
    if (!e) return;
    const used = Boolean(e.kiosk);
    const expired = !used && enrolExpired();
    $('enrol-result').classList.toggle('is-done', used || expired);
    $('enrol-for').textContent = t('enrolFor')(iso(e.name));
    $('enrol-code').textContent = e.code;
    $('enrol-expiry').textContent = used ? t('enrolUsed')(iso(e.kiosk.name), iso(e.kiosk.id))
      : expired ? t('enrolExpired') : t('enrolExpiry')(clockShort(new Date(e.expiresAt * 1000)));
    $('enrol-how').textContent = t('enrolHow');
    $('enrol-how').hidden = used || expired;
    $('enrol-command').textContent = `mikhakctl enrol --server ${window.location.origin} --code ${e.code}`;
    $('enrol-command').parentElement.hidden = used || expired;
  }

  $('enrol-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = $('enrol-name');
    const name = input.value.trim();
    if (!name || new TextEncoder().encode(name).length > KIOSK_NAME_BYTES) {
      showMessage('enrol', both(name ? 'enrolNameLong' : 'enrolNameMissing'));
      input.focus();
      return;
    }
    const button = $('enrol-submit');
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    try {
      const { data } = await api('POST', '/api/v1/kiosks/enrolment-codes', { name });
      showMessage('enrol', null);
      stopEnrolPoll();
      state.enrol = {
        code: groupCode(data.code), expiresAt: data.expires_at, name,
        known: new Set((state.kiosks || []).map((k) => k.id)), kiosk: null,
      };
      input.value = '';
      renderEnrol();
      state.enrolTimer = setInterval(refreshKiosks, ENROL_POLL_MS);
    } catch (err) {
      handleError(err, 'enrol');
    } finally {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  });

  // ---------------------------------------------------------------- start
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible' || !state.me) return;
    if (!$('counter-view').hidden) refreshQueue();
    if (!$('kiosks-view').hidden) refreshKiosks();
  });

  async function start() {
    applyLanguage();
    try {
      const { data } = await api('GET', '/api/v1/staff/me');
      await startSession(data);
    } catch (err) {
      $('login-view').hidden = false;
      if (err instanceof ApiError && err.code === 'network') showMessage('login', err.msg);
      $('login').focus();
    }
  }
  start();
})();
