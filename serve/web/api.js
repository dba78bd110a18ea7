// The studio's calls to its server: every request carries the tab's session id (the server's
// per-client limits count per tab) and, when the page was opened as #token=..., the token.
const session = crypto.getRandomValues(new Uint32Array(2)).join('-');
const token = new URLSearchParams(location.hash.slice(1)).get('token') || '';

function headers(extra = {}) {
  const h = { 'X-Gcmsim-Session': session, ...extra };
  if (token) h['X-Gcmsim-Token'] = token;
  return h;
}

export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function answer(response) {
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  if (!response.ok) throw new ApiError(response.status, (body && body.error) || `HTTP ${response.status}`);
  return body;
}

export async function get(path) {
  return answer(await fetch(path, { headers: headers() }));
}

export async function post(path, body) {
  return answer(await fetch(path, {
    method: 'POST', headers: headers({ 'Content-Type': 'application/json' }), body: JSON.stringify(body),
  }));
}

export async function getText(path) {
  const response = await fetch(path, { headers: headers() });
  if (!response.ok) throw new ApiError(response.status, `HTTP ${response.status}`);
  return response.text();
}

// A download (the run folder's zip) as a Blob: fetched with the headers a plain link cannot send.
export async function getBlob(path) {
  const response = await fetch(path, { headers: headers() });
  if (!response.ok) {
    let message = `HTTP ${response.status}`;
    try { message = (await response.json()).error || message; } catch (e) { /* not JSON */ }
    throw new ApiError(response.status, message);
  }
  return response.blob();
}

// Server-Sent Events read through fetch (EventSource cannot send the token header): calls
// onEvent(name, data) for each event until the stream ends or signal aborts.
export async function events(path, onEvent, signal) {
  const response = await fetch(path, { headers: headers({ Accept: 'text/event-stream' }), signal });
  if (!response.ok) throw new ApiError(response.status, `HTTP ${response.status}`);
  return readEvents(response, onEvent);
}

// The events of a text/event-stream response, each handed to onEvent(name, parsed data).
export async function readEvents(response, onEvent) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) name = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (data.length) onEvent(name, JSON.parse(data.join('\n')));
    }
  }
}
