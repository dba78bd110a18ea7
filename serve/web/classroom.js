// The teacher's page: open a session, show the join code, set the pace, watch, debrief.
import { Room, fragment } from '/room_api.js';
import { el, draftChart, clockText, statusText, brackets, narration, waitingFor, replace } from '/room_draw.js';
import { debriefSection, debriefFile } from '/debrief.js';

const keys = fragment();
const room = new Room({ teacher: keys.get('teacher') || '', token: keys.get('token') || '' });
const $ = (id) => document.getElementById(id);
let scenarios = [];
let session = null;
let lastView = null;

function showError(e) {
  $('error').textContent = e ? (e.message || String(e)) : '';
  $('error').hidden = !e;
}

function fillSeats() {
  const s = scenarios.find((x) => x.name === $('scenario').value);
  const box = $('seats');
  box.replaceChildren(el(null, 'legend', 'Seats the students take (the model plays the others)'));
  if (!s) return;
  $('seed').value = s.seed;
  $('decision-seconds').value = s.decision_seconds;
  const grid = el(box, 'div', undefined, { class: 'seat-grid' });
  for (const d of s.delegations) {
    const label = el(grid, 'label', undefined, { class: 'seat-choice' });
    const box = el(label, 'input', undefined, { type: 'checkbox', value: d.iso3, name: 'seat' });
    box.checked = s.delegations.length <= 12 && s.delegations.indexOf(d) < 3;
    el(label, 'span', ` ${d.name} (${d.iso3})`);
  }
}

async function load() {
  try {
    if (!room.keys.teacher) throw new Error('This page needs the teacher\'s address that `gcmsim serve --classroom` printed (it ends in #teacher=...).');
    scenarios = (await room.get('/api/classroom/scenarios')).scenarios;
    for (const s of scenarios) el($('scenario'), 'option', `${s.title} (${s.path})`, { value: s.name });
    const classroom = scenarios.find((s) => s.name === 'classroom');
    if (classroom) $('scenario').value = 'classroom';
    fillSeats();
  } catch (e) { showError(e); }
}

function render(view) {
  if (lastView && view.version < lastView.version) return;  // an answer overtaken by the stream
  lastView = view;
  $('status').textContent = `${statusText(view)} · ${view.players} student${view.players === 1 ? '' : 's'} · ${view.answered} decisions answered, ${view.model_played} left to the model`;
  $('clock').textContent = clockText(view);
  const table = $('seat-table');
  const rows = [el(null, 'tr')];
  for (const h of ['Delegation', 'Students', 'Now']) el(rows[0], 'th', h);
  for (const s of view.seats) {
    const tr = el(null, 'tr');
    el(tr, 'td', `${s.state} (${s.iso3})`);
    el(tr, 'td', s.players.length ? s.players.join(', ') : 'nobody yet: the model plays it');
    el(tr, 'td', s.waiting ? 'deciding' : '');
    rows.push(tr);
  }
  replace(table, ...rows);
  replace($('waiting'));
  waitingFor($('waiting'), view);
  replace($('draft'), draftChart(view.board, null));
  replace($('brackets'));
  brackets($('brackets'), view);
  replace($('narration'));
  narration($('narration'), view, 24);
  $('start').disabled = view.status !== 'lobby';
  $('pause').disabled = view.status !== 'running';
  $('resume').disabled = view.status !== 'paused';
  $('skip').disabled = !(view.status === 'running' || view.status === 'paused');
  $('end').disabled = view.finished;
  if (view.finished) showDebrief();
}

async function showDebrief() {
  if (!$('debrief').hidden) return;
  try {
    const debrief = await room.get(`/api/classroom/sessions/${session.id}/debrief`);
    replace($('debrief-body'), debriefSection(debrief, lastView.board));
    const csv = await room.text(`/api/classroom/sessions/${session.id}/decisions.csv`);
    $('download-decisions').href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    $('download-debrief').onclick = () => {
      const a = el(null, 'a', undefined, { download: 'debrief.html' });
      a.href = URL.createObjectURL(new Blob([debriefFile(debrief, lastView.board)], { type: 'text/html' }));
      document.body.append(a);
      a.click();
      a.remove();
    };
    $('debrief').hidden = false;
  } catch (e) { showError(e); }
}

async function open(event) {
  event.preventDefault();
  showError(null);
  const seats = [...document.querySelectorAll('input[name=seat]:checked')].map((b) => b.value);
  const body = { scenario: $('scenario').value, seats };
  for (const [id, key] of [['seed', 'seed'], ['decision-seconds', 'decision_seconds'], ['pace', 'pace_ms']]) {
    if ($(id).value !== '') body[key] = Number($(id).value);
  }
  try {
    session = await room.post('/api/classroom/sessions', body);
    const origin = location.origin;
    $('code').textContent = session.code;
    $('join-link').textContent = `${origin}/join.html`;
    $('join-link').href = `/join.html#code=${session.code}`;
    $('projector-link').href = `/projector.html#code=${session.code}&session=${session.id}`;
    $('setup').hidden = true;
    $('session').hidden = false;
    render(session);
    room.follow(session.id, render).catch(showError);
  } catch (e) { showError(e); }
}

async function control(action) {
  showError(null);
  try { render(await room.post(`/api/classroom/sessions/${session.id}/control`, { action })); } catch (e) { showError(e); }
}

$('form').addEventListener('submit', open);
$('scenario').addEventListener('change', fillSeats);
for (const a of ['start', 'pause', 'resume', 'skip', 'end']) $(a).addEventListener('click', () => control(a));
$('large-type').addEventListener('click', () => {
  const on = document.body.classList.toggle('large');
  $('large-type').setAttribute('aria-pressed', String(on));
});
load();
