// The web chat page. The conversation lives only in this tab (sessionStorage) and is wiped by the
// quick exit (button or Esc), which also replaces the page so Back does not return to it.
"use strict";

const KEY = "binhdang-log";
const data = document.body.dataset;
const log = document.getElementById("log");
const input = document.getElementById("text");
let entries = [];
let exited = false;

function save() {
  if (exited) return;
  const kept = entries.map(e => (e.reply && e.reply.document ? { ...e, reply: { ...e.reply, document: null } } : e));
  try { sessionStorage.setItem(KEY, JSON.stringify(kept)); } catch (err) { /* storage full or blocked */ }
}

function appendParts(el, parts) {
  for (const part of parts) {
    if (part.tel) {
      const a = document.createElement("a");
      a.className = "tel";
      a.href = "tel:" + part.tel;
      a.textContent = part.text;
      el.appendChild(a);
    } else {
      el.appendChild(document.createTextNode(part.text));
    }
  }
}

function bubble(cls, parts) {
  const div = document.createElement("div");
  div.className = "msg " + cls;
  appendParts(div, parts);
  log.appendChild(div);
  return div;
}

function buttonRow(entry) {
  const row = document.createElement("div");
  row.className = "buttons";
  for (const b of entry.reply.buttons) {
    const btn = document.createElement("button");
    btn.type = "button";
    btn.textContent = b.label;
    btn.disabled = Boolean(entry.used);
    btn.addEventListener("click", () => {
      row.querySelectorAll("button").forEach(x => { x.disabled = true; });
      entry.used = true;
      save();
      send({ text: b.label, button: b.payload });
    });
    row.appendChild(btn);
  }
  return row;
}

function showReply(entry) {
  const reply = entry.reply;
  const div = bubble(reply.emergency ? "bot emergency" : "bot", reply.parts || [{ text: reply.text }]);
  if (reply.emergency) {
    div.setAttribute("role", "alert");
    const label = document.createElement("strong");
    label.className = "label";
    label.textContent = data.emergency;
    div.prepend(label);
  }
  if (reply.buttons && reply.buttons.length) div.appendChild(buttonRow(entry));
  if (reply.document) {
    const a = document.createElement("a");
    a.className = "download";
    a.href = "data:" + reply.document.mime + ";base64," + reply.document.data;
    a.download = reply.document.filename;
    a.textContent = "⬇ " + reply.document.filename;
    div.appendChild(a);
  }
}

function render(entry) {
  if (entry.reply) showReply(entry);
  else if (entry.me !== undefined) bubble("me", [{ text: entry.me }]);
  else if (entry.error) bubble("error", entry.error);
  else if (entry.note) bubble("note", [{ text: entry.note }]);
}

function add(entry) {
  if (exited) return;
  entries.push(entry);
  render(entry);
  save();
}

function scrollToEnd() {
  log.scrollTop = log.scrollHeight;
}

// After a reply: show the emergency card from its top; else the buttons (at the end); else the
// start of a long answer, so an article is read from its first line.
function showNew(added) {
  const card = added.find(el => el.classList.contains("emergency"));
  if (card) card.scrollIntoView({ block: "start" });
  else if (added.some(el => el.querySelector(".buttons")) || !added.length) scrollToEnd();
  else added[0].scrollIntoView({ block: "start" });
}

async function send(message, shown = true) {
  if (shown) add({ me: message.text });
  scrollToEnd();
  const mark = log.childElementCount;
  try {
    const res = await fetch("api/message", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify(message),
    });
    const body = await res.json();
    if (body.error) add({ error: body.parts || [{ text: body.error }] });
    else body.replies.forEach(reply => {
      if (reply.clear_chat) wipe();  // the user's data was deleted: the conversation goes too
      add({ reply });
    });
  } catch (err) {
    add({ error: [{ text: data.offline }] });
  }
  showNew(Array.from(log.children).slice(mark));
}

// Forget the conversation shown and stored in this tab.
function wipe() {
  entries = [];
  try { sessionStorage.clear(); } catch (err) { /* nothing stored */ }
  log.replaceChildren();
}

function quickExit() {
  exited = true;
  wipe();
  input.value = "";
  try {
    fetch("api/exit", { method: "POST", credentials: "same-origin", keepalive: true }).catch(() => {});
  } catch (err) { /* leave anyway */ }
  window.location.replace(data.exitUrl);
}

function start(cleared) {
  exited = false;
  entries = [];
  log.replaceChildren();
  if (cleared) add({ note: data.cleared });
  send({ text: "/start" }, false);
}

function restore() {
  let saved = null;
  try { saved = JSON.parse(sessionStorage.getItem(KEY) || "null"); } catch (err) { saved = null; }
  if (Array.isArray(saved) && saved.length) {
    entries = saved;
    entries.forEach(render);
    scrollToEnd();
    return;
  }
  const nav = performance.getEntriesByType("navigation")[0];
  start(Boolean(nav && (nav.type === "reload" || nav.type === "back_forward")));
}

document.getElementById("exit").addEventListener("click", quickExit);
document.addEventListener("keydown", ev => { if (ev.key === "Escape") quickExit(); });
window.addEventListener("pageshow", ev => { if (ev.persisted && exited) start(true); });
document.getElementById("form").addEventListener("submit", ev => {
  ev.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = "";
  send({ text });
});
restore();
