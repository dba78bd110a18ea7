// Charts as plain SVG built with DOM calls: every text goes in through textContent, so a name
// holding markup stays text. Colours are Okabe and Ito's colour-blind-safe palette; the two plans
// also differ by position and dash, never by colour alone.
const NS = 'http://www.w3.org/2000/svg';
export const BASE = '#0072B2';    // blue
export const WHATIF = '#E69F00';  // orange
const INK = '#222222';
const GRID = '#d0d0d0';

export function svgEl(tag, attrs = {}, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function frame(width, height, title, description) {
  const svg = svgEl('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', xmlns: NS,
    'font-family': 'system-ui, sans-serif', 'font-size': 12 });
  svg.append(svgEl('title', {}, title), svgEl('desc', {}, description));
  svg.append(svgEl('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }));
  return svg;
}

// Round tick values (1, 2 or 5 times a power of ten) covering [lo, hi].
export function niceTicks(lo, hi, count = 5) {
  const span = hi - lo || Math.abs(hi) || 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
  const first = Math.floor(lo / step) * step;
  const ticks = [];
  for (let v = first; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  if (ticks[ticks.length - 1] < hi) ticks.push(Number((ticks[ticks.length - 1] + step).toPrecision(12)));
  return ticks;
}

const day = (iso) => Date.parse(iso + 'T00:00:00Z') / 86400000;
const isoOf = (d) => new Date(d * 86400000).toISOString().slice(0, 10);

function shorten(text, n) { return text.length > n ? text.slice(0, n - 1) + '…' : text; }

function legend(svg, x, y, items) {
  let at = x;
  for (const { label, color, dash } of items) {
    svg.append(svgEl('line', { x1: at, y1: y, x2: at + 22, y2: y, stroke: color, 'stroke-width': 6,
      'stroke-dasharray': dash || 'none' }));
    svg.append(svgEl('text', { x: at + 28, y: y + 4, fill: INK }, label));
    at += 34 + label.length * 7;
  }
}

// The what-if's simulated span of each activity over the baseline's (mean dates over replications).
export function gantt(rows, { onlyMoved = false } = {}) {
  const moved = (r) => !r.base || !r.whatif || r.base.start !== r.whatif.start || r.base.end !== r.whatif.end ||
    r.base.planned_start !== r.whatif.planned_start || r.base.planned_end !== r.whatif.planned_end;
  const shown = rows.filter((r) => !onlyMoved || moved(r));
  const spans = [];
  for (const r of shown) for (const s of [r.base, r.whatif]) if (s) spans.push(day(s.start || s.planned_start), day(s.end || s.planned_end));
  const left = 300, right = 20, top = 40, rowH = 18, width = 1000;
  const height = top + Math.max(1, shown.length) * rowH + 40;
  const svg = frame(width, height, 'Timeline: the what-if over the baseline',
    `Mean simulated dates of ${shown.length} activities; the baseline's bar above, the what-if's below.`);
  legend(svg, left, 16, [{ label: 'baseline (simulated)', color: BASE }, { label: 'what-if (simulated)', color: WHATIF, dash: '4 2' }]);
  if (!spans.length) return svg;
  const d0 = Math.min(...spans) - 7, d1 = Math.max(...spans) + 7;
  const x = (d) => left + (d - d0) / (d1 - d0) * (width - left - right);
  // Month ticks.
  const first = new Date(d0 * 86400000);
  for (let m = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1)); m.getTime() / 86400000 <= d1;
    m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1))) {
    const xd = x(m.getTime() / 86400000);
    svg.append(svgEl('line', { x1: xd, y1: top - 4, x2: xd, y2: height - 30, stroke: GRID }));
    if (m.getUTCMonth() % 2 === 0) {
      svg.append(svgEl('text', { x: xd + 2, y: height - 16, fill: INK, 'font-size': 11 }, isoOf(m.getTime() / 86400000).slice(0, 7)));
    }
  }
  shown.forEach((r, i) => {
    const y = top + i * rowH;
    const g = svgEl('g');
    const label = svgEl('text', { x: left - 6, y: y + 13, 'text-anchor': 'end', fill: moved(r) ? INK : '#555555',
      'font-weight': moved(r) ? 'bold' : 'normal' }, shorten(r.name || r.id, 44));
    g.append(svgEl('title', {}, `${r.name} (${r.id})`), label);
    const bar = (s, color, dy, dash) => {
      if (!s) return;
      const a = day(s.start || s.planned_start), b = day(s.end || s.planned_end) + 1;
      g.append(svgEl('rect', { x: x(a), y: y + dy, width: Math.max(2, x(b) - x(a)), height: 7, fill: color,
        stroke: dash ? INK : 'none', 'stroke-dasharray': dash || 'none', 'stroke-width': dash ? 0.6 : 0 }));
    };
    bar(r.base, BASE, 2, null);
    bar(r.whatif, WHATIF, 9, '2 1');
    svg.append(g);
  });
  return svg;
}

// Dots with 95% intervals per group, both plans, on an axis zoomed to the data (shares in %);
// the paired difference in percentage points at the right.
export function intervals(rows, title, description) {
  const left = 190, width = 900, rowH = 34, top = 40, right = 230;
  const height = top + rows.length * rowH + 40;
  const svg = frame(width, height, title, description);
  legend(svg, left, 16, [{ label: 'baseline', color: BASE }, { label: 'what-if', color: WHATIF, dash: '4 2' }]);
  const values = rows.flatMap((r) => [r.base, r.whatif].filter(Boolean).flatMap((s) => [s.mean, s.low, s.high]))
    .filter((v) => v !== undefined && Number.isFinite(v));
  if (!values.length) return svg;
  const ticks = niceTicks(Math.max(0, Math.min(...values) - 0.002), Math.min(1, Math.max(...values) + 0.002), 5);
  const lo = ticks[0], hi = ticks[ticks.length - 1];
  const x = (v) => left + (v - lo) / (hi - lo) * (width - left - right);
  for (const t of ticks) {
    svg.append(svgEl('line', { x1: x(t), y1: top - 6, x2: x(t), y2: height - 30, stroke: GRID }));
    svg.append(svgEl('text', { x: x(t), y: height - 14, 'text-anchor': 'middle', fill: INK }, `${Number((t * 100).toPrecision(6))}%`));
  }
  svg.append(svgEl('text', { x: width - right + 12, y: top - 8, fill: INK, 'font-weight': 'bold' }, 'difference, % points [95%]'));
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const moved = r.difference && r.difference.excludes_zero;
    svg.append(svgEl('text', { x: left - 8, y: y + 16, 'text-anchor': 'end', fill: INK, 'font-weight': moved ? 'bold' : 'normal' },
      `${r.label}${moved ? ' *' : ''}`));
    const one = (s, color, dy, shape) => {
      if (!s) return;
      if (s.low !== undefined) {
        svg.append(svgEl('line', { x1: x(s.low), y1: y + dy, x2: x(s.high), y2: y + dy, stroke: color, 'stroke-width': 2 }));
      }
      svg.append(shape === 'circle'
        ? svgEl('circle', { cx: x(s.mean), cy: y + dy, r: 5, fill: color })
        : svgEl('rect', { x: x(s.mean) - 5, y: y + dy - 5, width: 10, height: 10, fill: color, stroke: INK, 'stroke-width': 0.5 }));
    };
    one(r.base, BASE, 9, 'circle');
    one(r.whatif, WHATIF, 22, 'square');
    const d = r.difference;
    if (d && d.mean !== null) {
      const pp = (v) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(2)}`;
      svg.append(svgEl('text', { x: width - right + 12, y: y + 20, fill: INK, 'font-weight': moved ? 'bold' : 'normal' },
        d.low !== undefined ? `${pp(d.mean)} [${pp(d.low)}, ${pp(d.high)}]` : pp(d.mean)));
    }
  });
  return svg;
}

// Lines over dates or ordinal labels.
export function lines({ labels, series, title, description, yFormat = (v) => String(v), ordinal = false }) {
  const left = 90, right = 20, top = 40, width = 900, height = 320, bottom = 50;
  const svg = frame(width, height, title, description);
  legend(svg, left, 16, series.map((s) => ({ label: s.label, color: s.color, dash: s.dash })));
  const all = series.flatMap((s) => s.values).filter((v) => v !== null && Number.isFinite(v));
  if (!all.length || !labels.length) return svg;
  const yt = niceTicks(Math.min(0, ...all), Math.max(...all) || 1, 4);
  const y0 = yt[0], y1 = yt[yt.length - 1];
  const n = labels.length;
  const xs = ordinal ? labels.map((_, i) => i) : labels.map(day);
  const xa = Math.min(...xs), xb = Math.max(...xs) === xa ? xa + 1 : Math.max(...xs);
  const x = (v) => left + (v - xa) / (xb - xa) * (width - left - right);
  const y = (v) => top + (1 - (v - y0) / (y1 - y0)) * (height - top - bottom);
  for (const v of yt) {
    svg.append(svgEl('line', { x1: left, y1: y(v), x2: width - right, y2: y(v), stroke: GRID }));
    svg.append(svgEl('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', fill: INK }, yFormat(v)));
  }
  const every = Math.max(1, Math.ceil(n / 8));
  labels.forEach((l, i) => {
    if (i % every) return;
    svg.append(svgEl('text', { x: x(xs[i]), y: height - bottom + 18, 'text-anchor': 'middle', fill: INK, 'font-size': 11 },
      shorten(ordinal ? l : l.slice(0, 7), 18)));
  });
  for (const s of series) {
    const pts = s.values.map((v, i) => (v === null || !Number.isFinite(v) ? null : `${x(xs[i]).toFixed(1)},${y(v).toFixed(1)}`)).filter(Boolean);
    svg.append(svgEl('polyline', { points: pts.join(' '), fill: 'none', stroke: s.color, 'stroke-width': 2.5,
      'stroke-dasharray': s.dash || 'none' }));
    if (ordinal) s.values.forEach((v, i) => { if (v !== null) svg.append(svgEl('circle', { cx: x(xs[i]), cy: y(v), r: 3.5, fill: s.color })); });
  }
  return svg;
}

// Grouped bars: categories × the two plans (counts of replications).
export function bars({ categories, series, title, description, max }) {
  const left = 60, top = 40, width = 900, height = 300, bottom = 60;
  const svg = frame(width, height, title, description);
  legend(svg, left, 16, series.map((s) => ({ label: s.label, color: s.color, dash: s.dash })));
  const top_value = max || Math.max(1, ...series.flatMap((s) => s.values));
  const slot = (width - left - 20) / Math.max(1, categories.length);
  const y = (v) => top + (1 - v / top_value) * (height - top - bottom);
  for (let k = 0; k <= 4; k++) {
    const v = top_value * k / 4;
    svg.append(svgEl('line', { x1: left, y1: y(v), x2: width - 20, y2: y(v), stroke: GRID }));
    svg.append(svgEl('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', fill: INK }, String(Math.round(v))));
  }
  categories.forEach((c, i) => {
    const x0 = left + i * slot;
    series.forEach((s, j) => {
      const w = slot * 0.8 / series.length;
      const v = s.values[i] || 0;
      svg.append(svgEl('rect', { x: x0 + slot * 0.1 + j * w, y: y(v), width: w - 2, height: y(0) - y(v), fill: s.color,
        stroke: s.dash ? INK : 'none', 'stroke-dasharray': s.dash || 'none' }));
      svg.append(svgEl('text', { x: x0 + slot * 0.1 + j * w + w / 2 - 1, y: y(v) - 4, 'text-anchor': 'middle', fill: INK, 'font-size': 11 }, String(v)));
    });
    svg.append(svgEl('text', { x: x0 + slot / 2, y: height - bottom + 18, 'text-anchor': 'middle', fill: INK }, shorten(c, 22)));
  });
  return svg;
}
