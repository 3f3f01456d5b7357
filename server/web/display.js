// Waiting-room "now serving" screen. Listens to /api/v1/now-serving/events (Server-Sent Events):
// a `state` event with the recent calls on every (re)connection, then one `call` event per call.
// The stream must survive network and server hiccups on its own: EventSource reconnects by
// itself; when it gives up (an HTTP error) we open a new one, and a slow watchdog compares our
// newest call with /api/v1/now-serving to catch a stream that silently stopped.
// No sound here: announcing is the SDL display application's job.
'use strict';

(() => {
  const EVENTS_URL = '/api/v1/now-serving/events';
  const STATE_URL = '/api/v1/now-serving';
  const PREVIOUS = 5;
  const KEEP = 20;
  const WATCHDOG_MS = 30000;
  const HIGHLIGHT_MS = 12000;

  const $ = (id) => document.getElementById(id);
  const faNumber = new Intl.NumberFormat('fa-IR', { useGrouping: false });
  const faTicket = new Intl.NumberFormat('fa-IR', { minimumIntegerDigits: 3, useGrouping: false });
  const faTime = new Intl.DateTimeFormat('fa-IR', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const enTime = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const faDate = new Intl.DateTimeFormat('fa-IR-u-ca-persian', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  // «یکشنبه، ۸ آذر ۱۴۰۵»: composed from parts, since some ICU data gives «۱۴۰۵ آذر ۸, یکشنبه».
  function persianDate(date) {
    const part = {};
    for (const p of faDate.formatToParts(date)) part[p.type] = p.value;
    return `${part.weekday}، ${part.day} ${part.month} ${part.year}`;
  }
  const enDate = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

  let calls = []; // newest first, as the server sends them
  let source = null;
  let retryMs = 2000;
  let highlightTimer = 0;

  // «گ-۰۱۷»: the Persian queue letter and the number in Persian digits.
  const labelFa = (c) => `${c.letter_fa || c.letter}-${faTicket.format(c.number)}`;
  const counterFa = (c) => `به باجه ${faNumber.format(c.counter)}`;
  const counterEn = (c) => `to counter ${c.counter}`;

  // ------------------------------------------------------------ painting
  function paint(flash) {
    const latest = calls[0];
    $('latest-empty').hidden = Boolean(latest);
    $('latest-call').hidden = !latest;
    if (latest) {
      $('latest-label-fa').textContent = labelFa(latest);
      $('latest-label-en').textContent = latest.label;
      $('latest-counter-fa').textContent = counterFa(latest);
      $('latest-counter-en').textContent = counterEn(latest);
      $('latest-service-fa').textContent = latest.service_fa;
      $('latest-service-en').textContent = latest.service_en;
      $('latest-recall').hidden = !latest.recall;
      document.body.dataset.latest = latest.label;
      document.body.dataset.sequence = String(latest.sequence);
    } else {
      delete document.body.dataset.latest;
      delete document.body.dataset.sequence;
    }

    // The tickets called before the latest one, each once (a recall repeats a ticket).
    const seen = new Set(latest ? [latest.label] : []);
    const previous = [];
    for (const c of calls.slice(1)) {
      if (seen.has(c.label)) continue;
      seen.add(c.label);
      previous.push(c);
      if (previous.length === PREVIOUS) break;
    }
    const before = new Set([...$('previous-list').children].map((li) => li.dataset.label));
    $('previous-list').replaceChildren(...previous.map((c) => previousItem(c, flash && !before.has(c.label))));

    if (flash && latest) highlight();
  }

  function previousItem(c, fresh) {
    const li = document.createElement('li');
    li.dataset.label = c.label;
    if (fresh) li.className = 'is-fresh';
    const labels = document.createElement('div');
    labels.className = 'prev-labels';
    const fa = document.createElement('span');
    fa.className = 'prev-label-fa';
    fa.dir = 'rtl';
    fa.textContent = labelFa(c);
    const en = document.createElement('span');
    en.className = 'prev-label-en';
    en.dir = 'ltr';
    en.lang = 'en';
    en.textContent = c.label;
    labels.append(fa, en);
    const counter = document.createElement('div');
    counter.className = 'prev-counter';
    const cf = document.createElement('span');
    cf.className = 'fa';
    cf.textContent = `باجه ${faNumber.format(c.counter)}`;
    const ce = document.createElement('span');
    ce.className = 'en';
    ce.dir = 'ltr';
    ce.lang = 'en';
    ce.textContent = `Counter ${c.counter}`;
    counter.append(cf, ce);
    li.append(labels, counter);
    return li;
  }

  function highlight() {
    const panel = $('latest');
    panel.classList.remove('is-new');
    void panel.offsetWidth; // restart the animation
    panel.classList.add('is-new');
    clearTimeout(highlightTimer);
    highlightTimer = setTimeout(() => panel.classList.remove('is-new'), HIGHLIGHT_MS);
  }

  // ------------------------------------------------------------ the stream
  function setStream(status) {
    document.body.dataset.stream = status;
    $('stream-mark').hidden = status === 'open';
  }

  function connect() {
    if (source) source.close();
    const es = new EventSource(EVENTS_URL);
    source = es;
    setStream('connecting');
    es.addEventListener('open', () => {
      if (source !== es) return;
      retryMs = 2000;
      setStream('open');
    });
    // The whole state, on every connection: repaint everything. Sequence numbers start again
    // when the server restarts, so the state replaces what we had rather than merging with it.
    es.addEventListener('state', (event) => {
      if (source !== es) return;
      let data;
      try { data = JSON.parse(event.data); } catch { return; }
      const before = calls[0] ? `${calls[0].sequence}/${calls[0].label}` : '';
      calls = (data.calls || []).slice(0, KEEP);
      const after = calls[0] ? `${calls[0].sequence}/${calls[0].label}` : '';
      // A call made while we were away still flashes; the first paint after loading does not.
      paint(document.body.dataset.painted === 'yes' && after !== '' && after !== before);
      document.body.dataset.painted = 'yes';
      setStream('open');
    });
    es.addEventListener('call', (event) => {
      if (source !== es) return;
      let call;
      try { call = JSON.parse(event.data); } catch { return; }
      if (calls.some((c) => c.sequence === call.sequence)) return;
      calls = [call, ...calls].slice(0, KEEP);
      paint(true);
    });
    es.addEventListener('error', () => {
      if (source !== es) return;
      setStream('reconnecting');
      // CONNECTING: the browser retries by itself. CLOSED: it gave up (an HTTP error such as a
      // proxy's 502); open a new stream after a pause that grows to half a minute.
      if (es.readyState === EventSource.CLOSED) {
        setTimeout(() => { if (source === es) connect(); }, retryMs);
        retryMs = Math.min(retryMs * 2, 30000);
      }
    });
  }

  // A stream can stall without an error (a half-open connection): if the server's newest call is
  // not ours, reconnect, and the state event repaints.
  async function watchdog() {
    if (!source || source.readyState !== EventSource.OPEN) return;
    try {
      const response = await fetch(STATE_URL, { cache: 'no-store' });
      if (!response.ok) return;
      const data = await response.json();
      const theirs = data.calls && data.calls[0] ? data.calls[0].sequence : 0;
      const ours = calls[0] ? calls[0].sequence : 0;
      if (theirs !== ours) connect();
    } catch { /* the stream's own error handling covers a dead server */ }
  }

  // ------------------------------------------------------------ the clock
  function tick() {
    const now = new Date();
    $('time-fa').textContent = faTime.format(now);
    $('time-en').textContent = enTime.format(now);
    $('date-fa').textContent = persianDate(now);
    $('date-en').textContent = enDate.format(now);
  }

  tick();
  setInterval(tick, 1000);
  paint(false);
  connect();
  setInterval(watchdog, WATCHDOG_MS);
})();
