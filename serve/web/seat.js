// A student's page: their delegation against the text, the decision to make now (buttons in plain
// words, a countdown), who said what; the model decides for them when the time runs out.
import { Room, fragment } from '/room_api.js';
import { el, draftChart, clockText, statusText, brackets, narration, replace, when } from '/room_draw.js';

const keys = fragment();
const id = keys.get('session') || '';
const room = new Room({ seat: keys.get('seat') || '' });
const $ = (x) => document.getElementById(x);
let lastView = null;
let deadline = 0;
let answering = 0;

function showError(e) {
  $('error').textContent = e ? (e.message || String(e)) : '';
  $('error').hidden = !e;
}

function tick() {
  if ($('question').hidden || !deadline) return;
  const left = Math.max(0, Math.ceil((deadline - performance.now()) / 1000));
  $('countdown').textContent = lastView && lastView.status === 'paused' ? 'Paused: your time is not running'
    : `${left} s left, then the model decides for you`;
}

async function decide(number, choice) {
  answering = number;
  for (const b of $('choices').querySelectorAll('button')) b.disabled = true;
  try {
    await room.post(`/api/classroom/sessions/${id}/decide`, { number, choice });
    showError(null);
  } catch (e) { showError(e); }
}

function render(view) {
  if (lastView && view.version < lastView.version) return;
  lastView = view;
  const seat = view.seat;
  $('delegation').textContent = `You are ${seat.state}`;
  document.title = `gcmsim classroom: ${seat.state}`;
  $('clock').textContent = clockText(view);
  $('status').textContent = statusText(view);
  const q = seat.question;
  if (q && q.number !== answering) {
    $('question').hidden = false;
    $('question').dataset.number = q.number;
    $('prompt').textContent = q.prompt;
    deadline = performance.now() + q.ms_left;
    const buttons = q.options.map((o) => {
      const b = el(null, 'button', o.words, { type: 'button', class: 'choice', 'data-choice': o.choice });
      b.addEventListener('click', () => decide(q.number, o.choice));
      return b;
    });
    replace($('choices'), ...buttons);
    if (buttons.length) buttons[0].focus();
    tick();
  } else if (!q) {
    $('question').hidden = true;
  }
  if (seat.view) {
    $('acceptance').textContent = `You accept the text as a whole at ${(seat.view.acceptance * 100).toFixed(0)}%; below ${(seat.view.reservation * 100).toFixed(0)}% your instructions say to leave the process.`;
  } else {
    $('acceptance').textContent = 'Your position appears here at your first decision.';
  }
  replace($('draft'), draftChart(view.board, seat));
  replace($('brackets'));
  brackets($('brackets'), view);
  replace($('narration'));
  narration($('narration'), view, 8);
  replace($('mine'), ...seat.decided.map((d) => el(null, 'li', `${when(d.time)}: ${d.chose}${d.answered ? '' : ' (the model decided: no answer in time)'}`)));
  if (view.board.outcome) {
    $('outcome-section').hidden = false;
    const o = view.board.outcome;
    $('outcome').textContent = o.adopted ? `The conference adopted the text: ${o.adopt} adopting, ${o.dissociated} dissociated, ${o.left} left.` : 'No text was agreed: the conference adopted nothing.';
  }
}

setInterval(tick, 250);
if (!id || !room.keys.seat) {
  showError('This page is opened by joining: go to /join.html and type the code.');
} else {
  room.get(`/api/classroom/sessions/${id}`).then(render).catch(showError);
  room.follow(id, render).catch(showError);
}
