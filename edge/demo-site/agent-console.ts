/**
 * The demo's agent console at /demo/agent: the bank's support agent answering chats through
 * the agent API, so the demo shows a whole conversation. Its "backend" is the demo site's
 * proxy (/demo/agent/api/…), which adds the demo tenant's secret key on the server side — as
 * a bank's own support tool would; the key never reaches the browser. Plain DOM and
 * textContent only (no HTML from data), under the same strict CSP as the bank page.
 */

export const AGENT_CONSOLE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo Bank — support agent console</title>
<link rel="stylesheet" href="/demo/bank.css">
<script type="module" src="/demo/agent.js"></script>
</head>
<body>
<header class="bank-header"><div class="wrap"><strong class="logo">Demo Bank</strong>
<nav aria-label="Main"><a href="/demo">Bank page</a></nav></div></header>
<main class="wrap agent-console">
<h1>Support agent console</h1>
<p>Open conversations from the bank page's chat appear here; answers go through the agent API.</p>
<div class="agent-columns">
<section aria-labelledby="open-title"><h2 id="open-title">Open conversations</h2>
<p id="empty">No open conversations yet. Start one from the chat on the <a href="/demo">bank page</a>.</p>
<ul id="conversations"></ul></section>
<section aria-labelledby="thread-title"><h2 id="thread-title">Conversation</h2>
<p id="status" role="status"></p>
<ol id="messages" aria-live="polite"></ol>
<form id="reply" hidden>
<label for="text">Reply</label>
<textarea id="text" name="text" rows="3" maxlength="4000" required></textarea>
<button type="submit">Send reply</button>
<button type="button" id="close">Close conversation</button>
</form></section>
</div>
</main>
</body>
</html>`;

export const AGENT_CONSOLE_JS = `const api = (path, init = {}) =>
  fetch('/demo/agent/api' + path, {
    ...init,
    headers: init.body ? { 'content-type': 'application/json' } : {},
  }).then(async (res) => {
    if (!res.ok && res.status !== 204) throw new Error(path + ': ' + res.status);
    return res.status === 204 ? undefined : res.json();
  });
const el = (id) => document.getElementById(id);
let current;
let lastSeq = 0;
let typingAt = 0;
const randomId = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

async function refreshList() {
  const { items } = await api('/conversations?status=open');
  const list = el('conversations');
  list.replaceChildren(
    ...items.map((c) => {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = c.id + ' · ' + c.lastSeq + ' messages' + (c.escalated ? ' · escalated' : '');
      button.setAttribute('aria-pressed', String(c.id === current));
      button.addEventListener('click', () => open(c.id));
      li.append(button);
      return li;
    }),
  );
  el('empty').hidden = items.length > 0;
}

async function open(id) {
  current = id;
  lastSeq = 0;
  el('messages').replaceChildren();
  el('reply').hidden = false;
  await refreshThread();
  await refreshList();
}

async function refreshThread() {
  if (!current) return;
  const { conversation, messages, ticket } = await api('/conversations/' + current + '?after=' + lastSeq);
  for (const m of messages) {
    const li = document.createElement('li');
    li.dataset.author = m.author;
    li.textContent = (m.author === 'agent' ? 'You' : m.author === 'system' ? 'System' : 'Customer') + ': ' + m.text;
    el('messages').append(li);
    lastSeq = m.seq;
  }
  el('status').textContent =
    conversation.status === 'closed'
      ? 'This conversation is closed.'
      : ticket
        ? 'Escalated: ' + ticket.priority + ' priority, due ' + new Date(ticket.dueAt).toLocaleTimeString()
        : '';
  el('reply').hidden = conversation.status !== 'open';
}

el('reply').addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = el('text').value.trim();
  if (!text || !current) return;
  await api('/conversations/' + current + '/messages', {
    method: 'POST',
    body: JSON.stringify({ clientId: randomId(), text, agentName: 'Asha (Demo Bank)' }),
  });
  el('text').value = '';
  await refreshThread();
});
el('text').addEventListener('input', () => {
  if (!current || Date.now() - typingAt < 3000) return;
  typingAt = Date.now();
  api('/conversations/' + current + '/typing', { method: 'POST' }).catch(() => {});
});
el('close').addEventListener('click', async () => {
  if (!current) return;
  await api('/conversations/' + current + '/close', { method: 'POST' });
  await refreshThread();
  await refreshList();
});
const tick = () => Promise.all([refreshList(), refreshThread()]).catch((e) => {
  el('status').textContent = 'Could not reach the edge (' + e.message + ').';
});
tick();
setInterval(tick, 1500);
`;
