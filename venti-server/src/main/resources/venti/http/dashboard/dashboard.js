// The venti dashboard: polls /stats.json every second and draws the history with uPlot.
// window.venti holds the state, so a person (or a browser test) can look inside.
(() => {
  'use strict';

  const state = { since: 0, window: 600, times: [], rows: [], col: {}, last: null, charts: {}, polls: 0, failures: 0 };
  window.venti = state;

  const COLORS = ['#5ec4ff', '#ff9f5e', '#5fd38d', '#c792ea', '#f2c14e', '#ff6b6b', '#7fdbca'];
  const $ = (id) => document.getElementById(id);

  // ---- numbers ----
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  function bytes(n) {
    if (n == null || !isFinite(n)) return '–';
    let u = 0;
    while (Math.abs(n) >= 1024 && u < units.length - 1) { n /= 1024; u++; }
    return (u === 0 ? n.toFixed(0) : n.toFixed(Math.abs(n) < 10 ? 2 : Math.abs(n) < 100 ? 1 : 0)) + ' ' + units[u];
  }
  function count(n) {
    if (n == null || !isFinite(n)) return '–';
    if (Math.abs(n) >= 1e9) return (n / 1e9).toFixed(2) + 'G';
    if (Math.abs(n) >= 1e6) return (n / 1e6).toFixed(2) + 'M';
    if (Math.abs(n) >= 1e4) return (n / 1e3).toFixed(1) + 'k';
    return Math.abs(n) < 10 && n % 1 !== 0 ? n.toFixed(1) : Math.round(n).toLocaleString('en');
  }
  function micros(n) {
    if (n == null || !isFinite(n)) return '–';
    if (n >= 1e6) return (n / 1e6).toFixed(2) + ' s';
    if (n >= 1e3) return (n / 1e3).toFixed(n >= 1e4 ? 0 : 1) + ' ms';
    return Math.round(n) + ' µs';
  }
  function duration(s) {
    if (s == null || !isFinite(s)) return '–';
    s = Math.max(0, Math.floor(s));
    const d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
    if (d > 365) return 'over a year';
    if (d > 0) return d + 'd ' + h + 'h';
    if (h > 0) return h + 'h ' + m + 'm';
    return m + 'm ' + (s % 60) + 's';
  }
  // two times, the unit written once when they share it: "29 / 132 µs"
  function pair(a, b) {
    const x = micros(a), y = micros(b), ux = x.split(' ')[1], uy = y.split(' ')[1];
    return ux && ux === uy ? x.split(' ')[0] + ' / ' + y : x + ' / ' + y;
  }
  const pct = (n) => (n == null || !isFinite(n)) ? '–' : n.toFixed(n >= 99.95 || n < 10 ? 1 : 0) + '%';

  // ---- series over the samples held ----
  function raw(name) { const c = state.col[name]; return state.rows.map(r => r[c]); }
  function rate(name) {
    const c = state.col[name], t = state.times, r = state.rows;
    return r.map((row, i) => i === 0 ? null : (row[c] - r[i - 1][c]) / Math.max(1, t[i] - t[i - 1]));
  }
  function sum(...names) {
    const all = names.map(rate);
    return all[0].map((_, i) => all[0][i] == null ? null : all.reduce((s, a) => s + a[i], 0));
  }
  function ratio(part, whole) {
    const a = rate(part), b = rate(whole);
    return a.map((v, i) => v == null || !b[i] ? null : 100 * v / b[i]);
  }
  function nonzero(name) { return raw(name).map(v => v > 0 ? v : null); }
  // the change per second over the last n seconds, for steadier tiles
  function recent(name, n = 5) {
    const t = state.times, r = state.rows, c = state.col[name];
    if (r.length < 2) return null;
    const j = Math.max(0, r.length - 1 - n), k = r.length - 1;
    return (r[k][c] - r[j][c]) / Math.max(1, t[k] - t[j]);
  }
  function latest(name) { return state.rows.length ? state.rows[state.rows.length - 1][state.col[name]] : null; }
  function latestNonzero(name) {
    const c = state.col[name];
    for (let i = state.rows.length - 1; i >= Math.max(0, state.rows.length - 5); i--) {
      if (state.rows[i][c] > 0) return state.rows[i][c];
    }
    return null;
  }

  // ---- charts ----
  const CHARTS = [
    { id: 'c-bytes', fmt: bytes, series: [
      ['written', () => rate('rpcwritebyte')], ['read', () => rate('rpcreadbyte')],
      ['stored', () => rate('writestorebyte')]] },
    { id: 'c-ops', fmt: count, series: [
      ['writes', () => rate('rpcwrite')], ['reads', () => rate('rpcread')], ['syncs', () => rate('rpcsync')],
      ['failed', () => sum('rpcreadfail', 'rpcwritefail')]] },
    { id: 'c-latency', fmt: micros, log: true, series: [
      ['write p50', () => nonzero('rpcwritep50')], ['write p99', () => nonzero('rpcwritep99')],
      ['read p50', () => nonzero('rpcreadp50')], ['read p99', () => nonzero('rpcreadp99')]] },
    { id: 'c-newdup', fmt: count, series: [
      ['new', () => rate('rpcwritenew')], ['duplicate', () => rate('rpcwriteold')]] },
    { id: 'c-hits', fmt: pct, range: [0, 100], fill: false, series: [
      ['lump cache', () => ratio('lcachehit', 'lcachelookup')], ['index cache', () => ratio('icachehit', 'icachelookup')],
      ['bloom filter', () => ratio('bloomhit', 'bloomlookup')]] },
    { id: 'c-backlog', fmt: count, series: [
      ['dirty entries', () => raw('icachedirty')], ['written/s', () => rate('icacheflushentry')],
      ['writers waiting', () => raw('icachestall')]] },
    { id: 'c-disk', fmt: bytes, series: [
      ['arena write', () => rate('apartwritebyte')], ['arena read', () => rate('apartreadbyte')],
      ['index write', () => rate('isectwritebyte')], ['index read', () => rate('isectreadbyte')],
      ['scoring', () => rate('sumreadbyte')]] },
    { id: 'c-arenas', fmt: bytes, series: [['used', () => raw('arenaused')]] },
  ];

  // a log axis labelled at powers of ten only
  function decades(u, axis, min, max) {
    const out = [];
    for (let v = Math.pow(10, Math.floor(Math.log10(Math.max(min, 1)))); v <= max * 1.0001; v *= 10) out.push(v);
    return out;
  }

  function makeChart(spec) {
    const el = $(spec.id);
    const axis = { stroke: '#8592a6', grid: { stroke: '#222b38', width: 1 }, ticks: { stroke: '#222b38' } };
    const yaxis = Object.assign({}, axis, { size: 78, values: (u, v) => v.map(x => x == null ? '' : spec.fmt(x)) });
    if (spec.log) yaxis.splits = decades;
    const opts = {
      width: Math.max(300, el.clientWidth), height: 190,
      cursor: { points: { size: 6 } },
      legend: { live: true },
      hooks: { setCursor: [u => { if (u.cursor.left < 0) showLatest(u); }] },
      scales: { x: { time: true }, y: spec.log ? { distr: 3 } : spec.range ? { range: spec.range }
        : { range: (u, lo, hi) => [0, hi > 0 ? hi * 1.1 : 1] } },
      axes: [Object.assign({}, axis), yaxis],
      series: [{}].concat(spec.series.map(([label], i) => ({
        label, stroke: COLORS[i % COLORS.length], width: 1.6, spanGaps: false, points: { show: false },
        fill: i === 0 && spec.fill !== false ? COLORS[0] + '22' : undefined, value: (u, v) => spec.fmt(v),
      }))),
    };
    return new uPlot(opts, [[]].concat(spec.series.map(() => [])), el);
  }

  // with the pointer off a chart, its legend shows the latest values
  function showLatest(u) {
    const n = u.data[0].length;
    if (n > 0) u.setLegend({ idx: n - 1 });
  }

  function drawCharts() {
    const xs = state.times.slice();
    for (const spec of CHARTS) {
      const u = state.charts[spec.id];
      u.setData([xs].concat(spec.series.map(([, f]) => f())));
      if (u.cursor.left == null || u.cursor.left < 0) showLatest(u);
    }
  }

  // ---- tiles, storage, log ----
  function setText(id, text) { const e = $(id); if (e.textContent !== text) e.textContent = text; }

  function drawTiles(j) {
    setText('t-writebw', bytes(recent('rpcwritebyte')) + '/s');
    setText('t-writeops', count(recent('rpcwrite')) + ' blocks/s');
    setText('t-readbw', bytes(recent('rpcreadbyte')) + '/s');
    setText('t-readops', count(recent('rpcread')) + ' blocks/s');
    setText('t-wlat', pair(latestNonzero('rpcwritep50'), latestNonzero('rpcwritep99')));
    setText('t-rlat', 'reads ' + pair(latestNonzero('rpcreadp50'), latestNonzero('rpcreadp99')));
    const nw = latest('rpcwritenew'), old = latest('rpcwriteold');
    setText('t-newdup', count(recent('rpcwritenew')) + ' / ' + count(recent('rpcwriteold')));
    setText('t-dedup', nw + old > 0 ? pct(100 * old / (nw + old)) + ' of writes were duplicates' : 'no writes yet');
    const data = latest('writedatabyte'), stored = latest('writestorebyte');
    setText('t-compress', stored > 0 ? (data / stored).toFixed(2) + '×' : '–');
    setText('t-compressed', nw > 0 ? pct(100 * latest('writecompressed') / nw) + ' of new blocks compressed' : 'of new blocks');
    setText('t-backlog', count(latest('icachedirty')));
    setText('t-backlogmax', 'writers wait at ' + count(latest('icachedirtymax')));
    setText('t-conn', count(latest('conn')));
    setText('t-accepted', count(latest('connaccept')) + ' accepted');
    const s = j.storage;
    setText('t-left', bytes(s.space - s.used));
    setText('t-ttf', s.secondsToFull != null ? 'full in ' + duration(s.secondsToFull) + ' at ' + bytes(s.fillRate) + '/s'
      : 'not filling');
    $('t-usedbar').style.width = (s.space > 0 ? 100 * s.used / s.space : 0) + '%';
  }

  function drawStorage(j) {
    const s = j.storage;
    const rows = [
      ['arenas', count(s.arenas)], ['active', count(s.active)], ['sealed', count(s.sealed)],
      ['space', bytes(s.space)], ['used', bytes(s.used) + ' (' + pct(s.space ? 100 * s.used / s.space : 0) + ')'],
      ['blocks stored, uncompressed', bytes(s.data)],
      ['fill rate, last hour', s.fillRate != null ? bytes(s.fillRate) + '/s' : '–'],
      ['time to full', s.secondsToFull != null ? duration(s.secondsToFull) : 'not filling'],
      ['history in memory', bytes(j.historyBytes)],
    ];
    $('storage').innerHTML = rows.map(([k, v]) => '<tr><td>' + k + '</td><td>' + v + '</td></tr>').join('');
    if (s.current) {
      setText('current', s.current + ': ' + bytes(s.currentUsed) + ' of ' + bytes(s.currentSize));
      $('currentbar').style.width = (100 * s.currentUsed / s.currentSize) + '%';
    } else {
      setText('current', 'none: every arena is full, or the store is read-only');
    }
  }

  // one row per mirror: its replica and mode, state, and how far behind the log it is
  function drawMirrors(j) {
    $('mirrors').hidden = !j.mirrors.length;
    const key = JSON.stringify(j.mirrors);
    const t = $('mirrortable');
    if (t.dataset.key === key) return;
    t.dataset.key = key;
    t.replaceChildren(...j.mirrors.map(m => {
      const tr = document.createElement('tr');
      const name = document.createElement('td');
      name.textContent = m.replica + ' (' + m.mode + ')';
      const lag = document.createElement('td');
      lag.className = 'mirror ' + m.state;
      lag.textContent = m.state + ', ' + (m.clumpsBehind > 0
        ? count(m.clumpsBehind) + ' clumps, ' + bytes(m.bytesBehind) + ', ' + duration(m.secondsBehind) + ' behind'
        : 'holds the whole log') + '; sent ' + count(m.sentClumps) + ' clumps, ' + bytes(m.sentBytes);
      tr.append(name, lag);
      return tr;
    }));
  }

  function drawLog(j) {
    const el = $('log');
    const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - 4;
    const key = j.log.length ? j.log[j.log.length - 1].text + j.log.length : '';
    if (el.dataset.key === key) return;
    el.dataset.key = key;
    el.replaceChildren(...j.log.map(l => {
      const d = document.createElement('div');
      d.className = 'line ' + l.level;
      d.textContent = l.text;
      return d;
    }));
    if (atBottom) el.scrollTop = el.scrollHeight;
  }

  function drawVariables(j) {
    const sel = $('setname');
    if (sel.options.length) return;
    for (const v of j.variables) {
      const o = document.createElement('option');
      o.value = v.name;
      o.textContent = v.name + ' = ' + v.value + (v.noEffect ? ' (no effect)' : '');
      sel.appendChild(o);
    }
  }

  // ---- polling ----
  async function poll() {
    try {
      const since = state.since || Math.floor(Date.now() / 1000) - state.window;
      const r = await fetch('/stats.json?since=' + since, { cache: 'no-store' });
      if (!r.ok) throw new Error('/stats.json answered ' + r.status);
      const j = await r.json();
      if (!Object.keys(state.col).length) j.stats.forEach((s, i) => { state.col[s.name] = i; });
      state.times.push(...j.times);
      state.rows.push(...j.values);
      if (state.times.length) state.since = state.times[state.times.length - 1];
      const cut = state.times.findIndex(t => t > state.since - state.window);
      if (cut > 0) { state.times.splice(0, cut); state.rows.splice(0, cut); }
      state.last = j;
      state.polls++;
      setText('version', j.version);
      setText('address', j.address ? 'venti on ' + j.address : '');
      setText('uptime', duration((j.now - j.started) / 1000));
      setText('updated', 'updated ' + new Date(j.now).toLocaleTimeString());
      $('live').className = 'dot live';
      drawVariables(j);
      drawTiles(j);
      drawStorage(j);
      drawMirrors(j);
      drawLog(j);
      drawCharts();
    } catch (e) {
      state.failures++;
      $('live').className = 'dot stale';
      setText('updated', 'no answer: ' + e.message);
    }
    setTimeout(poll, 1000);
  }

  // ---- controls: POST, so that a page view never changes anything ----
  async function post(path, form) {
    const out = $('result');
    try {
      const r = await fetch(path, { method: 'POST', body: form || new URLSearchParams() });
      const text = await r.text();
      out.className = r.ok ? 'result' : 'result error';
      out.textContent = new Date().toLocaleTimeString() + '  ' + path + ': ' + text.trim();
    } catch (e) {
      out.className = 'result error';
      out.textContent = path + ': ' + e.message;
    }
  }

  for (const b of document.querySelectorAll('button[data-post]')) {
    b.addEventListener('click', async () => { b.disabled = true; await post(b.dataset.post); b.disabled = false; });
  }
  $('setform').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    await post('/set', new URLSearchParams({ name: $('setname').value, value: $('setvalue').value }));
    $('setname').replaceChildren();
  });
  $('window').addEventListener('change', (ev) => {
    state.window = Number(ev.target.value);
    state.since = 0;
    state.times = [];
    state.rows = [];
  });

  for (const spec of CHARTS) state.charts[spec.id] = makeChart(spec);
  window.addEventListener('resize', () => {
    for (const spec of CHARTS) state.charts[spec.id].setSize({ width: Math.max(300, $(spec.id).clientWidth), height: 190 });
  });
  poll();
})();
