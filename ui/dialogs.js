// Small modal questions the window asks: a name to give, a choice to confirm. Built on <dialog>,
// never on window.prompt/confirm (which look foreign and block the page).

import { el } from "./dom.js";

/**
 * Asks for one line of text. Resolves to the trimmed text, or null when the user cancels.
 * `validate(text)` may return a Vietnamese message that keeps the dialog open.
 */
export function askText({ title, label, value = "", okLabel = "Lưu", hint = "", validate = null }) {
  const input = el("input", { type: "text", value, spellcheck: false });
  const err = el("p", { className: "field-error", hidden: true });
  const ok = el("button", { type: "submit", className: "primary", textContent: okLabel });
  const cancel = el("button", { type: "button", textContent: "Hủy" });
  const form = el("form", { method: "dialog" },
    el("h2", {}, title),
    el("label", { className: "field" }, el("span", {}, label), input),
    hint ? el("p", { className: "quiet" }, hint) : null,
    err,
    el("div", { className: "row" }, el("span", { className: "spacer" }), cancel, ok));
  const dlg = el("dialog", { className: "ask" }, form);
  document.body.append(dlg);
  return new Promise((resolve) => {
    const done = (v) => { dlg.close(); dlg.remove(); resolve(v); };
    cancel.onclick = () => done(null);
    dlg.addEventListener("cancel", (ev) => { ev.preventDefault(); done(null); });
    form.onsubmit = (ev) => {
      ev.preventDefault();
      const v = input.value.trim();
      const msg = !v ? "Hãy nhập " + label.toLowerCase() + "." : validate ? validate(v) : null;
      if (msg) { err.textContent = msg; err.hidden = false; input.focus(); return; }
      done(v);
    };
    dlg.showModal();
    input.select();
  });
}

/** Asks the user to confirm an action. Resolves to true when confirmed. */
export function confirmAction({ title, text, okLabel, danger = false }) {
  const ok = el("button", { type: "button", className: danger ? "danger" : "primary", textContent: okLabel });
  const cancel = el("button", { type: "button", textContent: "Hủy" });
  const dlg = el("dialog", { className: "ask" },
    el("h2", {}, title), el("p", {}, text),
    el("div", { className: "row" }, el("span", { className: "spacer" }), cancel, ok));
  document.body.append(dlg);
  return new Promise((resolve) => {
    const done = (v) => { dlg.close(); dlg.remove(); resolve(v); };
    ok.onclick = () => done(true);
    cancel.onclick = () => done(false);
    dlg.addEventListener("cancel", (ev) => { ev.preventDefault(); done(false); });
    dlg.showModal();
    cancel.focus();
  });
}
