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
      roles: { counter: 'کارمند باجه', supervisor: 'سرپرست', technician: 'کارشناس فنی' },
      flags: { elderly: 'سالمند', disabled: 'دارای معلولیت', late: 'با تأخیر', transferred: 'انتقالی' },
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
      roles: { counter: 'Counter staff', supervisor: 'Supervisor', technician: 'Technician' },
      flags: { elderly: 'Elderly', disabled: 'Disability', late: 'Late', transferred: 'Transferred here' },
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
  const messageElements = { login: 'login-error', action: 'action-error' };
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
    const toggle = $('lang-toggle');
    toggle.textContent = t('langName');
    toggle.lang = t('langCode');
    toggle.dir = t('langCode') === 'fa' ? 'rtl' : 'ltr';
    toggle.setAttribute('aria-label', state.lang === 'fa' ? 'Switch to English' : 'تغییر زبان به فارسی');
    renderWho();
    renderMessage('login');
    renderMessage('action');
    if (state.messages.notice) $('notice').textContent = pick(state.messages.notice);
    renderCounters();
    renderQueue();
    renderDashboard();
    renderFeed();
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
  }

  function endSession(msg) {
    stopTimers();
    state.me = null;
    state.queue = null;
    state.dashboard = null;
    for (const id of ['counter-view', 'dashboard-view', 'feed-view', 'logout']) $(id).hidden = true;
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
    if (me.role === 'technician') openFeed();
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
    return [['elderly', w.elderly], ['disabled', w.disabled], ['late', w.late], ['transferred', w.transferred_here]]
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
    if (!d) { body.replaceChildren(); foot.replaceChildren(); return; }
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

  // ---------------------------------------------------------------- start
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && state.me && !$('counter-view').hidden) refreshQueue();
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
