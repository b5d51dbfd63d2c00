// Reports coming in from outside: "Nhập từ tệp…" (Word, text, Markdown), a file dropped on the
// window, and a paste from Word into a paragraph box.
//
// A paste from Word carries HTML: the Rust side reads it into paragraphs with their bold, italics
// and superscripts (import::paste_html), and the box gets them as its light markup, one
// paragraph a line. A plain-text paste is left to the browser (and to Unikey), unless it looks
// typed in an old code page (TCVN3, VNI), which the Rust side then converts.

import { call } from "./api.js";
import { runsToText } from "./markup.js";

/** The event the Rust side sends when a dropped file has been imported (app/import.rs). */
const DROPPED = "tep-da-tha";

/**
 * hooks: open(id) opens a draft after the current one is saved; notice(text) shows a line;
 * showError(e).
 */
export function setupImport(hooks) {
  // Both buttons open the one dialog, which takes Word, text and Markdown files.
  for (const id of ["btn-import-word", "btn-import"]) {
    const button = document.getElementById(id);
    if (button) button.onclick = () => pickFile(hooks).catch(hooks.showError);
  }
  listenForDrops(hooks);
  document.addEventListener("paste", (ev) => onPaste(ev, hooks), true);
}

async function pickFile(hooks) {
  const done = await call("import_report_file");
  if (done) await opened(done, hooks);
}

async function opened(done, hooks) {
  await hooks.open(done.id);
  if (done.summary && done.summary.length) hooks.notice(done.summary.join(" "));
}

function listenForDrops(hooks) {
  const t = window.__TAURI_INTERNALS__;
  if (!t) return;
  const handler = t.transformCallback((event) => {
    const p = event.payload || {};
    if (p.error) hooks.showError({ message: p.error });
    else if (p.id) opened(p, hooks).catch(hooks.showError);
  });
  t.invoke("plugin:event|listen", { event: DROPPED, target: { kind: "Any" }, handler }).catch(hooks.showError);
}

// ---------- paste ----------

/** Latin-1 signs the old code pages put letters on, that Vietnamese Unicode text never uses. */
const LEGACY_SIGNS = /[\u00A1-\u00BF\u00C4-\u00C7\u00CB\u00CE-\u00D1\u00D6-\u00D8\u00DB\u00DC\u00DE\u00DF\u00E4-\u00E7\u00EB\u00EE-\u00F1\u00F6-\u00F8\u00FB\u00FC\u00FE\u00FF]/g;

function looksLegacy(text) {
  const m = text.match(LEGACY_SIGNS);
  return !!m && m.length >= 3;
}

/** Blocks → the box's markup: one paragraph a line, list items as "- " lines. */
function blocksToText(blocks) {
  const lines = [];
  for (const b of blocks) {
    if (b.type === "list") for (const it of b.items) lines.push("- " + runsToText(it));
    else if (b.type === "paragraph") lines.push(runsToText(b.runs));
  }
  return lines.join("\n");
}

function insert(ta, text) {
  ta.focus();
  // execCommand keeps the box's own undo (Ctrl+Z) and fires "input" like typing does.
  if (!document.execCommand("insertText", false, text)) {
    ta.setRangeText(text, ta.selectionStart, ta.selectionEnd, "end");
    ta.dispatchEvent(new Event("input", { bubbles: true }));
  }
}

function onPaste(ev, hooks) {
  const ta = ev.target;
  if (!(ta instanceof HTMLTextAreaElement) || !ta.classList.contains("para") || !ev.clipboardData) return;
  const html = ev.clipboardData.getData("text/html");
  const plain = ev.clipboardData.getData("text/plain");
  if (html && /<(p|b|strong|i|em|sup|li|h\d|span|table)[\s>]/i.test(html)) {
    ev.preventDefault();
    pasteWith(ta, call("paste_html", { html }), plain, hooks);
  } else if (plain && looksLegacy(plain)) {
    ev.preventDefault();
    pasteWith(ta, call("paste_text", { text: plain }), plain, hooks);
  }
}

async function pasteWith(ta, answer, plain, hooks) {
  let pasted = null;
  try { pasted = await answer; } catch (e) { hooks.showError(e); }
  const text = pasted && pasted.blocks.length ? blocksToText(pasted.blocks) : plain;
  insert(ta, text);
  if (pasted && pasted.conversions.length) hooks.notice(pasted.conversions.join(". ") + ".");
}
