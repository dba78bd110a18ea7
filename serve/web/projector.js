// The projector: the draft converging dimension by dimension, the brackets and who holds them, the
// clock, and the narration in large type.
import { Room, fragment } from '/room_api.js';
import { draftChart, clockText, statusText, brackets, narration, waitingFor, replace, el } from '/room_draw.js';

const keys = fragment();
const code = (keys.get('code') || '').toUpperCase();
const id = keys.get('session') || '';
const room = new Room({ code });
const $ = (x) => document.getElementById(x);
let lastView = null;

function render(view) {
  if (lastView && view.version < lastView.version) return;
  lastView = view;
  $('title').textContent = view.scenario.title;
  $('clock').textContent = clockText(view);
  $('status').textContent = statusText(view);
  replace($('draft'), draftChart(view.board, null));
  replace($('brackets'));
  brackets($('brackets'), view);
  replace($('waiting'));
  waitingFor($('waiting'), view);
  replace($('outcome'));
  const o = view.board.outcome;
  if (o) el($('outcome'), 'p', o.adopted ? `Adopted: ${o.adopt} adopting, ${o.dissociated} dissociated, ${o.left} left` : 'No text agreed: nothing adopted');
  replace($('narration'));
  narration($('narration'), view, 6);
}

$('code').textContent = code;
$('join-at').textContent = `${location.origin}/join.html`;
room.follow(id, render).catch((e) => { $('error').textContent = e.message; $('error').hidden = false; });
