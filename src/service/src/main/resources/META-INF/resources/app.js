// The live page: polls /api/v1/live once a second and redraws. No dependencies: the service ships
// this file as is, and the page must work offline and headless.
'use strict';

const POLL_MS = 1000;
const COLORS = {
  blue: '#2f6fec', teal: '#0f9f8f', orange: '#e58a00', red: '#d43c3c', violet: '#7c4ddb',
  same: 'rgba(22,163,74,0.50)', sameLine: '#16a34a', different: 'rgba(212,60,60,0.45)', differentLine: '#c03030',
  grid: '#edf0f5', axis: '#9aa3b2', ink: '#1c2434', muted: '#6b7486',
};

const $ = (id) => document.getElementById(id);

function text(id, value) {
  const el = $(id);
  if (el && el.textContent !== String(value)) el.textContent = value;
}

function fmtMs(ms) {
  if (ms == null) return '–';
  return ms >= 1000 ? (ms / 1000).toFixed(ms >= 10000 ? 0 : 1) + ' s' : Math.round(ms) + ' ms';
}

function fmtNum(v, digits) {
  if (v == null || !isFinite(v)) return '–';
  if (Math.abs(v) >= 1e6) return (v / 1e6).toFixed(1) + 'M';
  if (Math.abs(v) >= 1e4) return (v / 1e3).toFixed(1) + 'k';
  return Number(v).toFixed(digits);
}

function fmtTime(ms) {
  return ms == null ? '–' : new Date(ms).toLocaleTimeString([], { hour12: false });
}

function fmtWhen(iso) {
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toLocaleTimeString([], { hour12: false });
}

function label(value) {
  return value === 0 ? 'same' : value === 1 ? 'different' : null;
}

// ---- canvas helpers ----

/** Sizes the canvas to its CSS box at the device pixel ratio and returns a cleared context. */
function surface(canvas) {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth || 300;
  const h = canvas.clientHeight || 150;
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  ctx.font = '11px system-ui, sans-serif';
  return { ctx, w, h };
}

/** An axis maximum at or above v whose four grid steps are round numbers (1, 2, 2.5 or 5 times a power of ten). */
function niceMax(v) {
  if (!(v > 0)) return 1;
  const step = v / 4;
  const p = Math.pow(10, Math.floor(Math.log10(step)));
  for (const m of [1, 2, 2.5, 5, 10]) if (step <= m * p) return 4 * m * p;
  return 40 * p;
}

/** Formats a tick of an axis with maximum yMax: decimals only where the steps need them. */
function tickFmt(yMax) {
  const step = yMax / 4;
  const digits = [0, 1, 2].find((d) => Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-9) ?? 3;
  return (v) => fmtNum(v, digits);
}

/** Plot area, horizontal grid lines and y labels; returns the mapping from data to pixels. */
function frame(s, yMax, yFmt, xMin, xMax) {
  const box = { l: 46, r: s.w - 10, t: 8, b: s.h - 22 };
  const { ctx } = s;
  ctx.strokeStyle = COLORS.grid;
  ctx.fillStyle = COLORS.muted;
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (let i = 0; i <= 4; i++) {
    const y = box.b - (box.b - box.t) * i / 4;
    ctx.beginPath(); ctx.moveTo(box.l, y + 0.5); ctx.lineTo(box.r, y + 0.5); ctx.stroke();
    ctx.fillText(yFmt(yMax * i / 4), box.l - 6, y);
  }
  return {
    box,
    x: (v) => box.l + (box.r - box.l) * (v - xMin) / ((xMax - xMin) || 1),
    y: (v) => box.b - (box.b - box.t) * Math.min(v, yMax) / yMax,
  };
}

function waiting(s, message) {
  s.ctx.fillStyle = COLORS.muted;
  s.ctx.textAlign = 'center';
  s.ctx.textBaseline = 'middle';
  s.ctx.font = '13px system-ui, sans-serif';
  s.ctx.fillText(message, s.w / 2, s.h / 2);
}

function xLabels(s, f, labels) {
  s.ctx.fillStyle = COLORS.muted;
  s.ctx.textBaseline = 'top';
  s.ctx.textAlign = 'center';
  for (const [x, t] of labels) {
    // Kept inside the canvas: an end label centred on the last point would be cut off.
    const half = s.ctx.measureText(t).width / 2;
    s.ctx.fillText(t, Math.min(Math.max(f.x(x), half + 2), s.w - half - 2), f.box.b + 6);
  }
}

function path(ctx, f, points, color, width, dash) {
  ctx.strokeStyle = color;
  ctx.lineWidth = width;
  ctx.setLineDash(dash || []);
  ctx.beginPath();
  let open = false;
  for (const [x, y] of points) {
    if (y == null) { open = false; continue; }
    if (open) ctx.lineTo(f.x(x), f.y(y)); else ctx.moveTo(f.x(x), f.y(y));
    open = true;
  }
  ctx.stroke();
  ctx.setLineDash([]);
}

/** Seconds-ago axis labels for a per-second series ending now. */
function agoLabels(t0, t1) {
  const out = [];
  for (let ago = 120; ago >= 0; ago -= 30) {
    const x = t1 - ago * 1000;
    if (x >= t0) out.push([x, ago === 0 ? 'now' : '-' + ago + 's']);
  }
  return out;
}

// ---- charts ----

function drawThroughput(series) {
  const s = surface($('chart-throughput'));
  const t0 = series[0].t, t1 = series[series.length - 1].t;
  const yMax = niceMax(Math.max(...series.map((p) => p.pairs)) * 1.1);
  const f = frame(s, yMax, tickFmt(yMax), t0, t1);
  const pts = series.map((p) => [p.t, p.pairs]);
  const { ctx } = s;
  ctx.beginPath();
  ctx.moveTo(f.x(t0), f.y(0));
  for (const [x, y] of pts) ctx.lineTo(f.x(x), f.y(y));
  ctx.lineTo(f.x(t1), f.y(0));
  ctx.fillStyle = 'rgba(47,111,236,0.12)';
  ctx.fill();
  path(ctx, f, pts, COLORS.blue, 1.8);
  xLabels(s, f, agoLabels(t0, t1));
}

function drawLatency(series, latency) {
  const s = surface($('chart-latency'));
  const t0 = series[0].t, t1 = series[series.length - 1].t;
  const seen = series.filter((p) => p.latencyMaxMs != null);
  if (seen.length === 0) { frame(s, 1, () => '', t0, t1); waiting(s, 'no results in the last 2 minutes'); return; }
  const yMax = niceMax(Math.max(latency.p99, ...seen.map((p) => p.latencyMaxMs)) * 1.1);
  const f = frame(s, yMax, fmtMs, t0, t1);
  path(s.ctx, f, series.map((p) => [p.t, p.latencyMaxMs]), COLORS.orange, 1.4);
  path(s.ctx, f, series.map((p) => [p.t, p.latencyMeanMs]), COLORS.teal, 1.8);
  // Isolated seconds have no neighbour to draw a line to: mark them.
  s.ctx.fillStyle = COLORS.teal;
  for (const p of seen) { s.ctx.beginPath(); s.ctx.arc(f.x(p.t), f.y(p.latencyMeanMs), 2, 0, 7); s.ctx.fill(); }
  path(s.ctx, f, [[t0, latency.p99], [t1, latency.p99]], COLORS.red, 1.2, [5, 4]);
  s.ctx.fillStyle = COLORS.red; s.ctx.textAlign = 'left'; s.ctx.textBaseline = 'bottom';
  s.ctx.fillText('p99 ' + fmtMs(latency.p99), f.box.l + 4, f.y(latency.p99) - 2);
  xLabels(s, f, agoLabels(t0, t1));
}

function drawBatches(batches) {
  const s = surface($('chart-batches'));
  const bars = batches.sizes;
  if (bars.length === 0) { frame(s, 1, () => '', 0, 1); waiting(s, 'no batches yet'); return; }
  const yMax = niceMax(Math.max(...bars.map((b) => b.count)) * 1.1);
  const f = frame(s, yMax, tickFmt(yMax), 0, bars.length);
  const slot = (f.box.r - f.box.l) / bars.length;
  const { ctx } = s;
  bars.forEach((b, i) => {
    const x = f.x(i) + slot * 0.15, w = slot * 0.7, y = f.y(b.count);
    ctx.fillStyle = COLORS.violet;
    ctx.fillRect(x, y, w, f.box.b - y);
  });
  const every = Math.ceil(bars.length / 16);
  xLabels(s, f, bars.filter((_, i) => i % every === 0).map((b) => [bars.indexOf(b) + 0.5, String(b.size)]));
}

function drawDistances(d) {
  const s = surface($('chart-distances'));
  if (d.labelled === 0) { frame(s, 1, () => '', 0, 1); waiting(s, 'no labelled pairs for this model yet'); return; }
  const n = d.same.length;
  const yMax = niceMax(Math.max(...d.same, ...d.different) * 1.1);
  const f = frame(s, yMax, tickFmt(yMax), 0, d.max);
  const { ctx } = s;
  for (const [counts, fill, line] of [[d.different, COLORS.different, COLORS.differentLine], [d.same, COLORS.same, COLORS.sameLine]]) {
    ctx.fillStyle = fill;
    ctx.strokeStyle = line;
    ctx.lineWidth = 1;
    for (let i = 0; i < n; i++) {
      if (!counts[i]) continue;
      const x0 = f.x(i * d.binWidth), x1 = f.x((i + 1) * d.binWidth), y = f.y(counts[i]);
      ctx.fillRect(x0 + 0.5, y, x1 - x0 - 1, f.box.b - y);
      ctx.strokeRect(x0 + 0.5, y + 0.5, x1 - x0 - 1, f.box.b - y - 0.5);
    }
  }
  const tx = f.x(d.threshold);
  ctx.strokeStyle = COLORS.ink; ctx.lineWidth = 1.5; ctx.setLineDash([6, 4]);
  ctx.beginPath(); ctx.moveTo(tx, f.box.t); ctx.lineTo(tx, f.box.b); ctx.stroke(); ctx.setLineDash([]);
  ctx.fillStyle = COLORS.ink; ctx.textAlign = 'left'; ctx.textBaseline = 'top';
  ctx.fillText('threshold ' + d.threshold.toFixed(3), tx + 5, f.box.t + 2);
  const ticks = [];
  for (let i = 0; i <= 5; i++) ticks.push([d.max * i / 5, (d.max * i / 5).toFixed(d.max < 1 ? 2 : 1)]);
  xLabels(s, f, ticks);
}

function drawLoss(trainer) {
  const s = surface($('chart-loss'));
  const pts = trainer.loss;
  if (!trainer.configured) { waiting(s, 'no trainer connected'); return; }
  if (pts.length === 0) { frame(s, 1, () => '', 0, 1); waiting(s, trainer.status); return; }
  const t0 = pts[0].t, t1 = Math.max(pts[pts.length - 1].t, t0 + 1000);
  const lo = Math.min(...pts.map((p) => p.loss)), hi = Math.max(...pts.map((p) => p.loss));
  const yMax = niceMax(hi * 1.1);
  const f = frame(s, yMax, tickFmt(yMax), t0, t1);
  path(s.ctx, f, pts.map((p) => [p.t, p.loss]), COLORS.violet, 2);
  const last = pts[pts.length - 1];
  s.ctx.fillStyle = COLORS.violet; s.ctx.beginPath(); s.ctx.arc(f.x(last.t), f.y(last.loss), 3, 0, 7); s.ctx.fill();
  s.ctx.textAlign = 'right'; s.ctx.textBaseline = 'bottom';
  s.ctx.fillText(last.loss.toFixed(4) + (lo < hi ? '  (min ' + lo.toFixed(4) + ')' : ''), f.box.r, f.box.t + 14);
  xLabels(s, f, [[t0, fmtTime(t0)], [t1, fmtTime(t1)]]);
}

// ---- panels ----

function renderKpis(snap) {
  const tp = snap.throughput, lat = snap.latency;
  text('throughput', fmtNum(tp.pairsPerSecond, tp.pairsPerSecond < 100 ? 1 : 0));
  text('throughput-note', 'last ' + tp.windowSeconds + ' s');
  text('p50', fmtMs(lat.window ? lat.p50 : null));
  text('p90', fmtMs(lat.window ? lat.p90 : null));
  text('p99', fmtMs(lat.window ? lat.p99 : null));
  text('latency-window', 'last ' + lat.window + ' pairs');
  text('latency-max', 'max ' + fmtMs(lat.window ? lat.max : null));
  text('total-results', fmtNum(tp.total, 0));
  text('received', 'received ' + fmtNum(snap.received, 0));
  const d = snap.distances;
  text('accuracy', d.accuracy == null ? '–' : (100 * d.accuracy).toFixed(1) + '%');
  text('accuracy-note', d.labelled ? d.labelled + ' labelled pairs' : 'no labels yet');
  const dl = snap.deadLetters;
  text('dead-letters', fmtNum(dl.total, 0));
  const kinds = Object.entries(dl.byKind).sort((a, b) => b[1] - a[1]).map(([k, n]) => k + ' ' + n).join(' · ');
  text('dead-letter-kinds', kinds || 'none');
  $('dead-letter-kinds').title = kinds;
  $('dead-letter-card').classList.toggle('warn', dl.total > 0);
  text('batches-note', snap.batches.window + ' recent batches · mean ' + fmtNum(snap.batches.meanSize, 1)
    + ' · inference p50 ' + fmtNum(snap.batches.inferenceP50Ms, 1) + ' ms');
  text('distances-note', d.labelled + ' labelled pairs of ' + (d.modelVersion || 'the current model'));
}

function renderModel(snap) {
  const m = snap.model, life = snap.lifecycle;
  text('model-version', m.version);
  text('model-version-full', m.version);
  text('model-architecture', m.architecture);
  text('model-distance', m.distance);
  text('model-threshold', Number(m.threshold).toFixed(4));
  text('model-input', m.inputSize);
  text('model-pinned', life ? (life.pinned || 'no (follows the newest)') : 'no checkpoint store followed');
  const served = new Map(snap.servedVersions.map((v) => [v.version, v]));
  const rows = life ? life.history.map((h) => ({ version: h.version, since: fmtWhen(h.since), why: h.reason }))
    : snap.servedVersions.map((v) => ({ version: v.version, since: fmtTime(v.firstResultAt), why: 'served' }));
  const html = rows.slice(-8).reverse().map((r) => {
    const s = served.get(r.version);
    return '<tr class="' + (r.version === m.version ? 'current' : '') + '"><td>' + esc(r.version) + '</td><td>'
      + esc(r.since) + '</td><td>' + esc(r.why) + '</td><td>' + (s ? s.results : 0) + '</td></tr>';
  }).join('');
  setHtml('model-history', html || '<tr><td colspan="4">–</td></tr>');
  const rejected = life ? Object.entries(life.rejected) : [];
  setHtml('model-rejected', rejected.length === 0 ? '<li class="none">none</li>' : rejected.map(([v, why]) =>
    '<li><code>' + esc(v) + '</code>' + esc(why) + '</li>').join(''));
  // Announced before their files were complete: retried, and served once they are.
  const waiting = life && life.waitingForFiles ? Object.entries(life.waitingForFiles) : [];
  setHtml('model-waiting', waiting.length === 0 ? '<li class="none">none</li>' : waiting.map(([v, w]) =>
    '<li><code>' + esc(v) + '</code>' + esc(w.reason) + ' (' + esc(String(w.attempts)) + ' tries, next '
    + esc(fmtWhen(w.nextAttempt)) + ')</li>').join(''));
}

function renderTrainer(trainer) {
  text('trainer-status', trainer.configured ? trainer.status : 'no trainer connected');
  const html = Object.entries(trainer.gauges || {}).filter(([k]) => k !== 'siamese_trainer_loss')
    .map(([k, v]) => esc(k.replace('siamese_trainer_', '')) + ' <b>' + (v == null ? '–' : fmtNum(v, Number.isInteger(v) ? 0 : 4)) + '</b>')
    .map((s) => '<span>' + s + '</span>').join('');
  setHtml('trainer-gauges', html);
}

let shownPairs = '';

function renderPairs(pairs) {
  text('pairs-count', pairs.length);
  // Rebuild only when the set changes, so images are not re-decoded every second.
  const key = pairs.map((p) => p.pairId + '@' + p.at).join('|');
  if (key === shownPairs) return;
  shownPairs = key;
  const grid = $('pairs');
  if (pairs.length === 0) { grid.innerHTML = '<div class="empty">waiting for pairs…</div>'; return; }
  grid.replaceChildren(...pairs.map(pairCard));
}

function pairCard(p) {
  const el = document.createElement('div');
  const truth = label(p.label);
  const right = truth == null ? null : (truth === 'same') === (p.decision === 'SAME');
  el.className = 'pair' + (right === false ? ' wrong' : '');
  el.dataset.pairId = p.pairId;
  el.innerHTML = '<div class="pics">' + thumb(p.left, 'left') + thumb(p.right, 'right') + '</div>'
    + '<div class="caption">Dissimilarity: ' + (p.distance == null ? 'n/a' : p.distance.toFixed(4)) + '</div>'
    + '<div class="meta"><span class="badge ' + esc(p.decision) + '">' + esc(p.decision) + '</span>'
    + '<span class="latency" title="event time to result">' + fmtMs(p.latencyMs) + '</span></div>'
    + (truth ? '<div class="truth ' + (right ? 'right' : 'wrong') + '">label: ' + truth + '</div>' : '<div class="truth">label unknown</div>')
    + '<div class="id" title="' + esc(p.pairId) + ' · model ' + esc(p.modelVersion) + '">' + esc(p.pairId) + '</div>';
  return el;
}

function thumb(uri, side) {
  return uri ? '<img class="thumb" alt="' + side + '" src="' + esc(uri) + '">' : '<div class="noimg">no preview</div>';
}

function setHtml(id, html) {
  const el = $(id);
  if (el.innerHTML !== html) el.innerHTML = html;
}

function esc(s) {
  return String(s == null ? '' : s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function render(snap) {
  renderKpis(snap);
  renderModel(snap);
  renderTrainer(snap.trainer);
  renderPairs(snap.pairs);
  drawThroughput(snap.throughput.series);
  drawLatency(snap.throughput.series, snap.latency);
  drawBatches(snap.batches);
  drawDistances(snap.distances);
  drawLoss(snap.trainer);
}

function status(cls, message) {
  const el = $('status');
  el.className = 'status ' + cls;
  el.textContent = message;
}

let last = null;

async function poll() {
  try {
    const response = await fetch('api/v1/live', { cache: 'no-store' });
    if (!response.ok) throw new Error('HTTP ' + response.status);
    last = await response.json();
    render(last);
    status('ok', 'live · ' + fmtTime(last.now));
  } catch (e) {
    status('error', 'disconnected: ' + e.message);
  } finally {
    // Chained, not setInterval: a slow answer never piles requests up.
    setTimeout(poll, POLL_MS);
  }
}

window.addEventListener('resize', () => { if (last) render(last); });
poll();
