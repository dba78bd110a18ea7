// What the classroom's screens draw: the draft dimension by dimension (plain SVG through the DOM:
// every text is set as text), the brackets and who holds them, the clock, the narration.
const SVG = 'http://www.w3.org/2000/svg';
// Okabe and Ito's colour-blind-safe palette.
export const COLOURS = { draft: '#0072B2', old: '#9ec5e0', own: '#D55E00', band: '#f6d2bd', bracket: '#CC79A7' };

export function el(parent, tag, text, attrs = {}) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined && text !== null) e.textContent = text;
  if (parent) parent.append(e);
  return e;
}

function svg(parent, tag, attrs = {}, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  parent.append(e);
  return e;
}

const fmt = (x) => (Number.isInteger(x) || Math.abs(x) >= 10 ? x.toFixed(0) : x.toFixed(2));

// A simulated time as people read it: 2018-02-20 10:00.
export const when = (iso) => (iso || '').replace('T', ' ');

// One row per dimension: the scale, the earlier texts as small dots, the text now as a large dot,
// "[ ]" where it is bracketed; with `seat`, the seat's position and the band it tolerates.
export function draftChart(board, seat, doc = document) {
  const dims = board.dimensions;
  const lo = board.scale ? board.scale.min : 0;
  const hi = board.scale ? board.scale.max : 1;
  const W = 720, left = 24, right = 24, rowH = 74, top = 24;
  const H = top + rowH * dims.length + 10;
  const root = doc.createElementNS(SVG, 'svg');
  root.setAttribute('viewBox', `0 0 ${W} ${H}`);
  root.setAttribute('role', 'img');
  const x = (v) => left + ((v - lo) / (hi - lo || 1)) * (W - left - right);
  const history = board.history || [];
  const now = history.length ? history[history.length - 1] : null;
  svg(root, 'title', {}, now ? `The draft after ${now.label}` : 'No draft yet');
  svg(root, 'text', { x: left, y: 16, 'font-size': 13, fill: '#555' }, now ? `The text after: ${now.label}` : 'No draft yet: the zero draft comes after the consultations');
  dims.forEach((d, i) => {
    const y = top + i * rowH + 44;
    // The zero draft has not met a consensus check yet: nothing is bracketed or agreed.
    const bracketed = now && checked(now) && now.bracketed[i];
    svg(root, 'text', { x: left, y: y - 26, 'font-size': 15, 'font-weight': bracketed ? 700 : 400 },
      (bracketed ? '[bracketed] ' : '') + d.name);
    if (seat && seat.view) {
      const p = seat.view.position[i], r = seat.view.red_line[i];
      svg(root, 'rect', { x: x(Math.max(lo, p - r)), y: y - 12, width: Math.max(1, x(Math.min(hi, p + r)) - x(Math.max(lo, p - r))), height: 24, fill: COLOURS.band });
    }
    svg(root, 'line', { x1: x(lo), x2: x(hi), y1: y, y2: y, stroke: '#888' });
    svg(root, 'text', { x: x(lo), y: y + 24, 'font-size': 11, fill: '#555', 'text-anchor': 'middle' }, fmt(lo));
    svg(root, 'text', { x: x(hi), y: y + 24, 'font-size': 11, fill: '#555', 'text-anchor': 'middle' }, fmt(hi));
    history.forEach((t, k) => {
      if (k === history.length - 1) return;
      svg(root, 'circle', { cx: x(t.draft[i]), cy: y, r: 4, fill: COLOURS.old });
    });
    if (seat && seat.view) {
      svg(root, 'path', { d: `M ${x(seat.view.position[i])} ${y - 13} l -7 -10 h 14 z`, fill: COLOURS.own });
    }
    if (now) {
      const cx = x(now.draft[i]);
      svg(root, 'circle', { cx, cy: y, r: 8, fill: COLOURS.draft });
      svg(root, 'text', { x: cx, y: y - 14, 'font-size': 12, 'text-anchor': 'middle' }, fmt(now.draft[i]));
      if (bracketed) {
        svg(root, 'text', { x: cx - 16, y: y + 6, 'font-size': 18, fill: COLOURS.bracket, 'text-anchor': 'middle' }, '[');
        svg(root, 'text', { x: cx + 16, y: y + 6, 'font-size': 18, fill: COLOURS.bracket, 'text-anchor': 'middle' }, ']');
      }
    }
  });
  return root;
}

// A text after a round's end has met a consensus check; the zero draft has not.
export const checked = (text) => text.label !== 'Zero draft';

export function clockText(view) {
  const b = view.board;
  const parts = [];
  if (b.time) parts.push(`Simulated time: ${when(b.time)}`);
  parts.push(b.round ? `round ${b.round} of ${b.rounds}` : `${b.rounds} rounds planned`);
  if (b.deadline) parts.push(`the last round ends ${b.deadline}`);
  return parts.join(' · ');
}

export function statusText(view) {
  const s = { lobby: 'Waiting for the teacher to start', running: 'Running', paused: 'Paused by the teacher', ended: 'Ended' }[view.status] || view.status;
  return view.skipping ? `${s} (skipping to the end of the round)` : s;
}

// The brackets and who holds them, in words.
export function brackets(parent, view) {
  const b = view.board;
  const ul = el(parent, 'ul', undefined, { class: 'brackets' });
  const last = b.history.length ? b.history[b.history.length - 1] : null;
  if (!last) { el(ul, 'li', 'No text yet.'); return; }
  if (!checked(last)) { el(ul, 'li', 'The zero draft: the first consensus check comes at the end of round 1.'); return; }
  b.dimensions.forEach((d, i) => {
    const n = b.objecting[i] || 0;
    el(ul, 'li', last.bracketed[i] ? `${d.name}: bracketed${n ? ` (${n} delegation${n > 1 ? 's' : ''} object)` : ''}` : `${d.name}: agreed ad referendum`);
  });
  if (b.holders.length) el(parent, 'p', `Holding brackets: ${b.holders.join(', ')}`, { class: 'holders' });
  if (b.left.length) el(parent, 'p', `Left the process: ${b.left.join(', ')}`, { class: 'left' });
  if (b.dissociated && b.dissociated.length) el(parent, 'p', `Dissociated from the agreed text: ${b.dissociated.join(', ')}`, { class: 'left' });
}

export function narration(parent, view, lines) {
  // The newest line first: a feed read from the top.
  const ol = el(parent, 'ol', undefined, { class: 'narration', 'aria-live': 'polite' });
  for (const l of view.board.narration.slice(-lines).reverse()) {
    const li = el(ol, 'li');
    el(li, 'span', when(l.time), { class: 'when' });
    el(li, 'span', ` ${l.text}`);
  }
}

export function waitingFor(parent, view) {
  const waiting = view.seats.filter((s) => s.waiting).map((s) => s.state);
  el(parent, 'p', waiting.length ? `Waiting for: ${waiting.join(', ')}` : '', { class: 'waiting' });
}

export function outcomeText(o) {
  if (!o) return '';
  const agreed = o.agreed_round === null ? 'No text was agreed' : `The text was agreed in round ${o.agreed_round}${o.agreed_on ? ` (${when(o.agreed_on)})` : ''}`;
  const adopted = o.adopted ? `; the conference adopted it (${o.adopt} adopting${o.dissociated ? `, ${o.dissociated} dissociated` : ''})` : '; the conference adopted nothing';
  const left = o.left.length ? `. Left the process: ${o.left.join(', ')}` : '';
  const dissociated = o.dissociated_states && o.dissociated_states.length ? `. Dissociated from the agreed text: ${o.dissociated_states.join(', ')}` : '';
  return `${agreed}${adopted}${left}${dissociated}.`;
}

export function replace(node, ...children) {
  node.replaceChildren(...children);
}
