// A student joins with the code on the projector: picks a seat (or any free one) and goes to the
// seat's page; the seat token stays in the address's fragment, which is never sent to the server.
import { Room, fragment } from '/room_api.js';
import { el } from '/room_draw.js';

const $ = (id) => document.getElementById(id);
$('code').value = fragment().get('code') || '';

function showError(e) {
  $('error').textContent = e ? (e.message || String(e)) : '';
  $('error').hidden = !e;
}

async function look() {
  showError(null);
  try {
    const lobby = await new Room({ code: $('code').value.trim() }).get('/api/classroom/lobby');
    const select = $('seat');
    select.replaceChildren(el(null, 'option', 'any free seat', { value: '' }));
    for (const s of lobby.seats) {
      el(select, 'option', `${s.state}${s.players.length ? ` (with ${s.players.join(', ')})` : ''}`, { value: s.iso3 });
    }
  } catch (e) { showError(e); }
}

async function join(event) {
  event.preventDefault();
  showError(null);
  const body = { code: $('code').value.trim(), name: $('name').value.trim() };
  if ($('seat').value) body.seat = $('seat').value;
  try {
    const joined = await new Room({}).post('/api/classroom/join', body);
    location.assign(`/seat.html#session=${joined.session}&seat=${joined.token}`);
  } catch (e) { showError(e); }
}

$('look').addEventListener('click', look);
$('form').addEventListener('submit', join);
if ($('code').value) look();
