// The classroom's calls to its server. A page holds one key: the teacher's token, a student's seat
// token, or the join code (the projector); each goes in its own header, never in a URL the server
// sees (they come from the address's #fragment).
import { ApiError, readEvents } from '/api.js';

export function fragment() {
  return new URLSearchParams(location.hash.slice(1));
}

export class Room {
  constructor(keys) { this.keys = keys; }

  headers(extra = {}) {
    const h = { ...extra };
    if (this.keys.teacher) h['X-Gcmsim-Teacher'] = this.keys.teacher;
    if (this.keys.seat) h['X-Gcmsim-Seat'] = this.keys.seat;
    if (this.keys.code) h['X-Gcmsim-Code'] = this.keys.code;
    if (this.keys.token) h['X-Gcmsim-Token'] = this.keys.token;
    return h;
  }

  async answer(response) {
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok) throw new ApiError(response.status, (body && body.error) || `HTTP ${response.status}`);
    return body;
  }

  async get(path) { return this.answer(await fetch(path, { headers: this.headers() })); }

  async post(path, body) {
    return this.answer(await fetch(path, {
      method: 'POST', headers: this.headers({ 'Content-Type': 'application/json' }), body: JSON.stringify(body),
    }));
  }

  async text(path) {
    const response = await fetch(path, { headers: this.headers() });
    if (!response.ok) throw new ApiError(response.status, `HTTP ${response.status}`);
    return response.text();
  }

  // Follows a session: onView(view) at every change, until it ends; reconnects after a dropped
  // stream (a phone that slept), and gives up on a refusal (4xx).
  async follow(id, onView) {
    for (;;) {
      try {
        const response = await fetch(`/api/classroom/sessions/${id}/events`,
          { headers: this.headers({ Accept: 'text/event-stream' }) });
        if (!response.ok) throw new ApiError(response.status, `HTTP ${response.status}`);
        let ended = false;
        await readEvents(response, (name, view) => { onView(view); ended = ended || name === 'end'; });
        if (ended) return;
      } catch (e) {
        if (e instanceof ApiError && e.status >= 400 && e.status < 500) throw e;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}
