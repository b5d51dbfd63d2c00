// Báo cáo: the window. Start screen, editor (outline, form, preview), settings.
import { call, calls } from "./api.js";
import { Editor } from "./editor.js";
import { Preview } from "./preview.js";
import { el } from "./dom.js";
import { askText, confirmAction } from "./dialogs.js";
import { presets } from "./presets.js";
import { formatTime, renderSettings } from "./settings.js";
import { ChecksPanel } from "./checks.js";
import { FiguresUI } from "./figures.js";
import { NextPeriod } from "./period.js";
import { Compare } from "./compare.js";
import { SaveQueue } from "./save.js";
import { setupImport } from "./import.js";
import { setupTongHop } from "./tong-hop.js";
import { SummaryAid } from "./tong-hop-ban.js";
import { LiveQueue, WHOLE } from "./live.js";
import { fillPrintArea, printArea } from "./print.js";
import { openSignDialog, openVerifyDialog } from "./ky-so.js";

const $ = (id) => document.getElementById(id);

// ---------- errors and notices: always shown, always in Vietnamese ----------

export function showError(e) {
  const msg = (e && e.message) || "Đã có lỗi không mong đợi. Hãy thử lại.";
  $("error-text").textContent = msg;
  $("error-bar").hidden = false;
  console.error(e);
}
window.addEventListener("error", (ev) =>
  showError({ message: `Lỗi giao diện: ${ev.message}. Hãy thử lại; dữ liệu đã lưu không bị mất.` }));
window.addEventListener("unhandledrejection", (ev) => showError(ev.reason));
$("error-close").onclick = () => ($("error-bar").hidden = true);

export function notice(text, actions = []) {
  $("notice-text").textContent = text;
  const box = $("notice-actions");
  box.replaceChildren();
  for (const [label, fn] of actions) {
    const b = document.createElement("button");
    b.textContent = label;
    b.onclick = () => { $("notice-bar").hidden = true; Promise.resolve(fn()).catch(showError); };
    box.append(b);
  }
  $("notice-bar").hidden = false;
}
$("notice-close").onclick = () => ($("notice-bar").hidden = true);

// ---------- fonts: the preview must draw with the document's own font ----------

async function loadFonts() {
  const family = await call("font_family");
  const faces = [
    ["regular", "normal", "normal"],
    ["bold", "bold", "normal"],
    ["italic", "normal", "italic"],
    ["bold_italic", "bold", "italic"],
  ];
  await Promise.all(faces.map(async ([face, weight, style]) => {
    const bytes = await call("font", { face });
    const buf = bytes instanceof ArrayBuffer ? bytes : new Uint8Array(bytes).buffer;
    for (const name of new Set([family, "Liberation Serif"])) {
      const f = new FontFace(name, buf, { weight, style });
      await f.load();
      document.fonts.add(f);
    }
  }));
  // The symbol font the layout falls back to for ✓, ☐, ➢ … (see text/symbols.rs).
  const sym = await call("font", { face: "symbol" });
  const f = new FontFace("Noto Sans Symbols2", sym instanceof ArrayBuffer ? sym : new Uint8Array(sym).buffer);
  await f.load();
  document.fonts.add(f);
}

// ---------- views ----------

let prefs = {};
const preview = new Preview($("pages"), $("page-count"));
const editor = new Editor({
  outline: $("outline"),
  form: $("form"),
  onChange: (report, section) => scheduleUpdate(report, section),
  onSelectSection: (id) => preview.scrollToSection(id),
  onError: showError,
  notice,
});
preview.onClickSource = (src) => editor.reveal(src);

// ---------- Kiểm tra, số liệu, kỳ sau, so sánh (issue 5) ----------

const checks = new ChecksPanel({
  root: $("pane-checks"), button: $("btn-checks"), badge: $("checks-count"),
  reveal: (src) => editor.reveal(src),
  flush: () => flush(),
  reload: () => openDraft(current.id),
  snapshot: () => JSON.stringify(editor.report),
  // The fix is the engine's; its undo is the editor's, like any change of the outline.
  onFixed: (before, f) => {
    if (before) editor.remember(before);
    notice(`Đã sửa (${f.place}).`, [["Hoàn tác", () => editor.undo()]]);
  },
  notice,
  onError: showError,
  onResize: () => preview.fit(),
  refresh: () => refreshChecks(),
});
const figures = new FiguresUI({ editor, onError: showError, notice });
const summaryAid = new SummaryAid({ form: $("form"), editor, checks, onError: showError });
editor.extras = (sel, section) => [...figures.formExtras(sel, section), ...summaryAid.formExtras(sel, section)];
const nextPeriod = new NextPeriod({
  button: $("btn-next-period"), flush: () => flush(), openDraft: (id) => openDraft(id),
  afterOpen: () => checks.toggle(true), notice, onError: showError,
});
const compare = new Compare({ versionsDialog: $("dlg-versions"), formatTime: (s) => formatTime(s), onError: showError });

/** The findings, review items and figure texts of the open draft as it now stands. */
async function refreshChecks() {
  const id = current && current.id;
  if (!id) return;
  let x;
  try {
    x = await call("check_report");
  } catch (e) {
    if (current && current.id === id) throw e;
    return; // the draft was left meanwhile: nothing to show
  }
  if (!current || current.id !== id) return;
  checks.set(x);
  figures.setValues(x.values);
}

function show(view) {
  for (const v of ["start", "editor", "settings", "broken"]) $("view-" + v).hidden = v !== view;
  document.body.dataset.view = view;
}

let current = null; // { id, title, status }

async function openStart() {
  if (!(await settleBeforeLeaving(false))) return;
  current = null;
  live.clear();
  summaryAid.clear();
  show("start");
  await refreshDrafts();
}

async function refreshDrafts() {
  const data = await call("start_screen", { query: $("draft-search").value });
  const tl = $("template-list");
  tl.replaceChildren();
  for (const t of data.templates) {
    const b = el("button", { className: "card", textContent: t.name, title: t.builtin ? "Mẫu có sẵn" : "Mẫu do bạn lưu" });
    b.dataset.template = t.id;
    b.onclick = () => createFrom({ kind: "template", id: t.id });
    if (t.builtin) { tl.append(b); continue; }
    const del = el("button", { className: "card-delete", textContent: "×", title: `Xóa mẫu “${t.name}”` });
    del.dataset.deleteTemplate = t.id;
    del.onclick = () => deleteTemplate(t).catch(showError);
    tl.append(el("span", { className: "card-wrap" }, b, del));
  }
  const drafts = data.drafts.slice();
  if ($("draft-sort").value === "title") drafts.sort((a, b) => a.title.localeCompare(b.title, "vi"));
  const tbody = $("draft-table").querySelector("tbody");
  tbody.replaceChildren();
  for (const d of drafts) {
    const a = el("a", { href: "#", className: "draft-link", textContent: d.title });
    a.onclick = (ev) => { ev.preventDefault(); openDraft(d.id).catch(showError); };
    const action = (label, title, fn) => {
      const b = el("button", { type: "button", textContent: label, title });
      b.onclick = () => Promise.resolve(fn()).catch(showError);
      return b;
    };
    const tr = el("tr", {},
      el("td", {}, a),
      el("td", {}, d.period || ""),
      el("td", {}, STATUS_NAME[d.status] || d.status),
      el("td", {}, formatTime(d.modified)),
      el("td", { className: "actions" },
        action("Tạo bản mới từ báo cáo này", "Một bản nháp mới chép toàn bộ báo cáo này", () => createFrom({ kind: "copy", id: d.id })),
        action("Lưu thành mẫu", "Giữ bố cục (các đề mục) của báo cáo này làm mẫu cho báo cáo sau", () => saveAsTemplate(d)),
        action("Xóa", "Chuyển vào thùng rác (giữ 30 ngày)", () => trashDraft(d))));
    tr.dataset.id = d.id;
    tbody.append(tr);
  }
  $("draft-empty").hidden = drafts.length > 0;
  await refreshTrash();
}

const STATUS_NAME = { dang_soan: "Đang soạn", da_trinh: "Đã trình", da_ky: "Đã ký" };

async function saveAsTemplate(d) {
  const name = await askText({
    title: "Lưu thành mẫu",
    label: "Tên mẫu",
    value: d.title,
    hint: "Mẫu giữ các đề mục và gợi ý của báo cáo, không giữ nội dung đã viết.",
  });
  if (!name) return;
  await call("save_as_template", { id: d.id, name });
  await refreshDrafts();
  notice(`Đã lưu mẫu “${name}”. Mẫu có ở mục “Tạo báo cáo mới”.`);
}

async function deleteTemplate(t) {
  const ok = await confirmAction({ title: "Xóa mẫu", text: `Xóa mẫu “${t.name}”? Các báo cáo đã tạo từ mẫu này không thay đổi.`, okLabel: "Xóa mẫu", danger: true });
  if (!ok) return;
  await call("delete_template", { id: t.id });
  await refreshDrafts();
}

async function trashDraft(d) {
  await call("trash_draft", { id: d.id });
  await refreshDrafts();
  notice(`Đã chuyển “${d.title}” vào thùng rác.`, [["Hoàn tác", async () => {
    await call("restore_draft", { id: d.id });
    await refreshDrafts();
  }]]);
}

/** The trash under the list: drafts deleted in the last 30 days, restorable. */
async function refreshTrash() {
  const list = await call("list_trash");
  $("trash").hidden = list.length === 0;
  $("trash-count").textContent = String(list.length);
  const ul = $("trash-list");
  ul.replaceChildren();
  for (const d of list) {
    const restore = el("button", { type: "button", textContent: "Khôi phục" });
    restore.onclick = async () => {
      try {
        await call("restore_draft", { id: d.id });
        await refreshDrafts();
        notice(`Đã khôi phục “${d.title}”.`);
      } catch (e) { showError(e); }
    };
    const forever = el("button", { type: "button", textContent: "Xóa vĩnh viễn", className: "danger" });
    forever.onclick = async () => {
      try {
        const ok = await confirmAction({ title: "Xóa vĩnh viễn", text: `Xóa vĩnh viễn “${d.title}” cùng mọi phiên bản của nó? Việc này không hoàn tác được.`, okLabel: "Xóa vĩnh viễn", danger: true });
        if (!ok) return;
        await call("delete_forever", { id: d.id });
        await refreshDrafts();
      } catch (e) { showError(e); }
    };
    const li = el("li", {}, el("span", { className: "trash-title" }, d.title), " ", restore, forever);
    li.dataset.id = d.id;
    ul.append(li);
  }
}

async function createFrom(from) {
  try {
    const id = await call("create_draft", { from });
    if (id) await openDraft(id);
  } catch (e) { showError(e); }
}

async function openDraft(id) {
  // Another draft, or this one read back from disk: what was typed is saved first.
  if (current && current.id !== id) {
    if (!(await settleBeforeLeaving(false))) return;
  } else await flush();
  // An update still on its way would land after the draft is laid out afresh and leave the
  // engine's idea of the window's pages behind: it is dropped and waited out first.
  live.clear();
  await settled(live.inflight);
  const o = await call("open_draft", { id });
  shownNumbers = JSON.stringify(o.pages.numbers);
  const same = current && current.id === o.id;
  current = { id: o.id, title: o.title, status: o.status };
  $("doc-title").textContent = o.title;
  $("doc-status").value = o.status || "dang_soan";
  showSaveState("idle");
  show("editor");
  $("version-banner").hidden = true;
  // A summary's sources and units' texts: asked before the form is drawn, which offers them.
  // The draft opens all the same when they cannot be read.
  await summaryAid.load().catch((e) => { summaryAid.clear(); showError(e); });
  editor.load(o.report, o.pages.numbers, same);
  preview.apply(o.pages, true);
  await refreshChecks();
}

// ---------- the keystroke path: the preview follows every change ----------
//
// No fixed delay: an update goes out as soon as the one before has come back (one in flight;
// what was typed meanwhile goes out as one update), never while an input method is composing a
// letter. An edit inside one section sends that section alone (`update_section`, laid out again
// with the other sections from the engine's cache), anything else the whole report
// (`preview_report`). The preview never waits for the disk: saving is the save queue's job.

let shownNumbers = "";
const live = new LiveQueue({
  send: (update) => sendPreview(update),
  canSend: () => !editor.composing,
  onPages: (pages) => showPages(pages),
  onError: showError,
});

async function sendPreview({ id, section, all = false }) {
  const at = !all && section !== WHOLE && editor.find(section);
  if (at) {
    // The section's own content; its subsections stay as the engine has them.
    try {
      return await call("update_section", { id, section: { ...at.s, children: [] } });
    } catch (e) {
      if (!e || e.kind !== "input") throw e; // else the engine lacks it: the whole report below
    }
  }
  return call("preview_report", { id, report: editor.report, all });
}

function showPages(pages) {
  if (!current) return;
  // A page that was not the one the engine patched: every page again, whole.
  if (!preview.apply(pages)) live.update({ id: current.id, section: WHOLE, all: true });
  const numbers = JSON.stringify(pages.numbers);
  if (numbers !== shownNumbers) { shownNumbers = numbers; editor.setNumbers(pages.numbers); }
}

/** Resolves once `promise` (if any) has settled, however. */
function settled(promise) {
  return Promise.resolve(promise).then(() => {}, () => {});
}

// ---------- saving: within a second, never while composing, retried until it is on disk ----------

/** A pause in typing this long saves at once … */
const SAVE_IDLE_MS = 300;
/** … and typing without a pause is saved this long after its first unsaved keystroke at the
 *  latest: at most a second of typing is ever only in the window. */
const SAVE_AT_MOST_MS = 1000;
let savedAt = null;
let saveDue = 0;
const saves = new SaveQueue({
  send: ({ id, report }) => call("save_report", { id, report }),
  canSend: () => !editor.composing,
  onSaved: (answer) => {
    if (!current) return;
    savedAt = answer.saved_at;
    refreshChecks().catch(showError);
  },
  onState: (state, error) => showSaveState(state, error),
});

function scheduleUpdate(report, section) {
  if (!current) return;
  live.update({ id: current.id, section: section || WHOLE });
  const now = performance.now();
  if (saves.pending === undefined) saveDue = now + SAVE_AT_MOST_MS;
  saves.put({ id: current.id, report }, Math.max(0, Math.min(SAVE_IDLE_MS, saveDue - now)));
}

/** The status line: "Đang lưu…", "Đã lưu lúc 10:42", or "Chưa lưu được – đang thử lại". */
function showSaveState(state, error) {
  const st = $("save-status");
  if (state === "idle") { savedAt = null; st.textContent = ""; st.title = ""; st.classList.remove("failed"); return; }
  if (state === "failed") {
    const first = !st.classList.contains("failed");
    st.textContent = "Chưa lưu được – đang thử lại";
    st.title = (error && error.message) || "";
    st.classList.add("failed");
    if (first) showError({ message: `Chưa lưu được bản nháp: ${(error && error.message) || "lỗi không rõ"} Báo cáo giữ nguyên thay đổi và tự thử lưu lại.` });
    return;
  }
  if (saves.failures > 0) return; // still failing: the next outcome decides
  st.classList.remove("failed");
  st.title = "";
  const text = state === "saving" ? "Đang lưu…" : savedAt ? `Đã lưu lúc ${savedAt}` : "";
  if (st.textContent !== text) st.textContent = text; // not rewritten at every keystroke
}

/**
 * Sends what is pending now and waits until it is on disk (before exporting, printing, a new
 * version). When the save fails, says so and stops the caller: nothing is made from a state
 * that is not saved.
 */
async function flush() {
  try {
    await saves.flush();
    // The preview too (printing prints its pages); a failed update is retried on its own.
    await settled(live.flush());
  } catch (e) {
    throw {
      kind: (e && e.kind) || "storage",
      message: `Chưa lưu được thay đổi mới nhất nên chưa làm được việc này: ${(e && e.message) || "lỗi không rõ"} Báo cáo đang tự thử lưu lại; hãy thử lại sau.`,
    };
  }
}

/**
 * Before the draft is left (the list, another draft) or the window closed: waits until what was
 * typed is on disk. When it cannot be saved, asks the user while the queue keeps trying (a save
 * that succeeds meanwhile ends the question). Resolves true to go on.
 */
async function settleBeforeLeaving(closing) {
  if (!saves.unsaved) { saves.clear(); return true; }
  try {
    await saves.flush();
    return true;
  } catch (e) {
    const go = await askUnsaved(closing, e);
    if (go) saves.clear();
    return go;
  }
}

/** The question when a change cannot be saved; resolves true to leave (or close) anyway. */
function askUnsaved(closing, error) {
  const reason = el("p", { className: "quiet" }, (error && error.message) || "");
  const file = el("button", { type: "button", className: "primary", textContent: "Lưu bản nháp ra tệp…" });
  file.id = "unsaved-to-file";
  const cancel = el("button", { type: "button", textContent: closing ? "Chưa đóng" : "Ở lại" });
  const drop = closing ? el("button", { type: "button", className: "danger", textContent: "Đóng, bỏ thay đổi chưa lưu" }) : null;
  const status = el("p", { className: "quiet", textContent: "Đang thử lưu lại…" });
  const dlg = el("dialog", { className: "ask" },
    el("h2", {}, "Chưa lưu được bản nháp"),
    el("p", {}, `Thay đổi mới nhất chưa được lưu vào máy. Báo cáo đang tự thử lưu lại; ${closing ? "cửa sổ sẽ tự đóng" : "bản nháp sẽ tự đóng"} khi lưu xong. Có thể lưu bản nháp ra một tệp (ví dụ trên USB) để không mất gì.`),
    reason, status,
    el("div", { className: "row" }, drop, el("span", { className: "spacer" }), cancel, file));
  dlg.id = "dlg-unsaved";
  document.body.append(dlg);
  return new Promise((resolve) => {
    let open = true;
    const done = (v) => { if (!open) return; open = false; dlg.close(); dlg.remove(); resolve(v); };
    saves.saved().then(() => done(true));
    cancel.onclick = () => done(false);
    dlg.addEventListener("cancel", (ev) => { ev.preventDefault(); done(false); });
    file.onclick = async () => {
      try {
        const path = await call("save_draft_file", { report: editor.report });
        if (!path) return;
        notice(`Đã lưu bản nháp ra tệp: ${path}. Có thể nhập lại tệp này bằng “Nhập từ tệp”.`);
        done(true);
      } catch (e) { status.textContent = e.message || String(e); }
    };
    if (drop) {
      drop.onclick = async () => {
        const ok = await confirmAction({ title: "Bỏ thay đổi chưa lưu", text: "Đóng cửa sổ và bỏ những gì chưa lưu được? Việc này không hoàn tác được.", okLabel: "Bỏ và đóng", danger: true });
        if (ok) done(true);
      };
    }
    dlg.showModal();
    file.focus();
  });
}

// ---------- top bar ----------

$("btn-home").onclick = () => openStart().catch(showError);
$("doc-status").onchange = async () => {
  try { await call("set_status", { status: $("doc-status").value }); } catch (e) { showError(e); }
};

async function saveVersion() {
  if (!current) return;
  await flush();
  const n = (await call("list_versions")).filter((v) => v.named).length + 1;
  $("version-name").value = `Bản trình lần ${n}`;
  const dlg = $("dlg-version");
  dlg.returnValue = "";
  dlg.showModal();
  $("version-name").select();
  await new Promise((r) => dlg.addEventListener("close", r, { once: true }));
  if (dlg.returnValue !== "ok") return;
  const v = await call("save_version", { name: $("version-name").value });
  $("save-status").textContent = `Đã lưu phiên bản “${v.name}”`;
}
$("btn-version").onclick = () => saveVersion().catch(showError);

let viewing = null;
async function showVersions() {
  await flush();
  const list = await call("list_versions");
  const ul = $("version-list");
  ul.replaceChildren();
  if (!list.length) {
    const li = document.createElement("li");
    li.textContent = "Chưa có phiên bản nào. Nhấn Ctrl+S để lưu một phiên bản có tên.";
    ul.append(li);
  }
  for (const v of list) {
    const li = document.createElement("li");
    li.textContent = `${v.name} — ${formatTime(v.created)} `;
    const b = document.createElement("button");
    b.textContent = "Xem";
    b.onclick = async (ev) => {
      ev.preventDefault();
      $("dlg-versions").close();
      try {
        const pages = await call("view_version", { version: v.id });
        viewing = v;
        $("version-text").textContent = `Đang xem phiên bản “${v.name}” (${formatTime(v.created)}), không sửa được.`;
        $("version-banner").hidden = false;
        preview.showStatic(pages);
      } catch (e) { showError(e); }
    };
    li.append(b);
    ul.append(li);
  }
  compare.fill(list);
  $("dlg-versions").showModal();
}
$("btn-versions").onclick = () => showVersions().catch(showError);
$("version-back").onclick = () => backToDraft().catch(showError);
$("version-restore").onclick = async () => {
  try {
    if (!viewing) return;
    await call("restore_version", { version: viewing.id });
    const name = viewing.name;
    await backToDraft();
    notice(`Đã khôi phục phiên bản “${name}”. Bản trước đó được giữ trong danh sách phiên bản.`);
  } catch (e) { showError(e); }
};
async function backToDraft() {
  viewing = null;
  $("version-banner").hidden = true;
  await openDraft(current.id);
}

/** Exports the open draft through `command` ("export_pdf", "export_docx"): the same save
 *  dialog, the same whole-file write, the same notice with "Mở tệp" / "Mở thư mục". */
async function exportAs(command, what) {
  if (!current) return;
  await flush();
  const path = await call(command);
  if (!path) return;
  notice(`Đã xuất ${what}: ${path}`, [
    ["Mở tệp", () => call("open_path", { path })],
    ["Mở thư mục", () => call("reveal_path", { path })],
  ]);
}
$("btn-export").onclick = () => exportAs("export_pdf", "PDF").catch(showError);
$("btn-export-word").onclick = () => exportAs("export_docx", "Word").catch(showError);

/** "Ký số…": the open draft (saved first) or a PDF signed with the token; the notice opens
 *  the signed file. "Kiểm tra chữ ký số…": any signed PDF. */
let signOpen = false;
async function signDraft() {
  // A second click while the dialog opens (loading the token's library takes a moment) would
  // stack a second dialog over the first, listing every certificate twice.
  if (!current || signOpen) return;
  signOpen = true;
  try {
    await flush();
    await openSignDialog({
      onSigned: (path, role) => notice(
        `Đã ký số (${role === "co-quan" ? "cơ quan" : "người có thẩm quyền"}): ${path}`, [
          ["Mở tệp", () => call("open_path", { path })],
          ["Mở thư mục", () => call("reveal_path", { path })],
        ]),
      onError: showError,
    });
  } finally {
    signOpen = false;
  }
}
$("btn-ky-so").onclick = () => signDraft().catch(showError);
$("btn-kiem-tra-ky").onclick = () => openVerifyDialog({ onError: showError }).catch(showError);

/** "In", Ctrl+P: the document's pages, through the app's print dialog and command. */
async function printPages() {
  if (!current) return;
  await flush();
  const area = $("print-area");
  fillPrintArea(area, await call("pages_for_print"));
  // The webview's print fires "beforeprint": the area is already the job's (see below).
  area.dataset.job = "1";
  let done;
  try { done = await printArea(area); } finally { delete area.dataset.job; }
  if (done) notice(done.message);
}
$("btn-print").onclick = () => printPages().catch(showError);

// ---------- settings ----------

let settingsFrom = "start";
async function openSettings() {
  settingsFrom = current ? "editor" : "start";
  await flush();
  await renderSettings({
    report: current ? editor.report : null,
    onReportChange: (report) => scheduleUpdate(report),
    showError,
    notice,
    flush,
    afterRestore: async () => { current = null; await openStart(); },
  });
  show("settings");
}
$("btn-settings").onclick = () => openSettings().catch(showError);
$("settings-close").onclick = async () => {
  try {
    // The forms' preset pickers take what was added or changed in the settings.
    await presets.refresh();
    if (settingsFrom === "editor" && current) { show("editor"); editor.renderForm(); }
    else await openStart();
  } catch (e) { showError(e); }
};

// ---------- start screen ----------

let searchTimer = null;
$("draft-search").oninput = () => { clearTimeout(searchTimer); searchTimer = setTimeout(() => refreshDrafts().catch(showError), 150); };
$("draft-sort").onchange = () => refreshDrafts().catch(showError);
setupImport({ open: async (id) => { await flush(); await openDraft(id); }, notice, showError });
setupTongHop({ open: async (id) => { await flush(); await openDraft(id); }, notice, showError });
$("btn-blank").onclick = () => createFrom({ kind: "blank" });

// ---------- zoom ----------

function setZoom(z) {
  preview.setZoom(z);
  $("zoom-fit").classList.toggle("on", z === "fit");
  $("zoom-100").classList.toggle("on", z === "100");
  savePrefs();
}
$("zoom-fit").onclick = () => setZoom("fit");
$("zoom-100").onclick = () => setZoom("100");

// ---------- resizable panes, remembered ----------

function savePrefs() {
  prefs.outline = $("pane-outline").getBoundingClientRect().width;
  prefs.form = $("pane-form").getBoundingClientRect().width;
  prefs.zoom = preview.zoom;
  call("set_prefs", { ui: prefs }).catch(() => {});
}
for (const s of document.querySelectorAll(".splitter")) {
  s.addEventListener("pointerdown", (ev) => {
    const pane = $(s.dataset.pane);
    const start = ev.clientX, w0 = pane.getBoundingClientRect().width;
    s.setPointerCapture(ev.pointerId);
    const move = (e) => { pane.style.width = Math.max(160, w0 + e.clientX - start) + "px"; preview.fit(); };
    const up = () => { s.removeEventListener("pointermove", move); savePrefs(); };
    s.addEventListener("pointermove", move);
    s.addEventListener("pointerup", up, { once: true });
  });
}
window.addEventListener("resize", () => preview.fit());

// ---------- an app's window, not a web page: no reload, no page menu, printing the pages ----------

// Off unless the app says otherwise (BAOCAO_BROWSER_KEYS=1, for developers): a run-time switch.
let browserKeys = false;

/** Keys the webview would take as a browser's: reload (losing the page's state), back, view
 * source, caret browsing, developer tools. */
function isBrowserKey(ev) {
  const k = ev.key.toLowerCase();
  const ctrl = ev.ctrlKey || ev.metaKey;
  return k === "f5" || k === "f7" || k === "browserback" || k === "browserforward" || k === "browserrefresh"
    || (ctrl && !ev.altKey && (k === "r" || k === "u" || (ev.shiftKey && (k === "i" || k === "j" || k === "c"))))
    || (ev.altKey && !ctrl && (k === "arrowleft" || k === "arrowright"));
}
document.addEventListener("keydown", (ev) => {
  if (!browserKeys && isBrowserKey(ev)) ev.preventDefault();
}, true);
// The page's own menu ("Tải lại", "In" of a blank page) is off; a text field keeps its menu
// (cut, copy, paste).
document.addEventListener("contextmenu", (ev) => {
  if (browserKeys) return;
  const t = ev.target;
  const editable = t && (t.isContentEditable || t.tagName === "TEXTAREA" || (t.tagName === "INPUT" && isTextField(t)));
  if (!editable) ev.preventDefault();
}, true);
// Printing from anywhere (the menu, the browser's own Ctrl+P) prints the document's pages.
window.addEventListener("beforeprint", () => {
  const area = $("print-area");
  if (area.dataset.job) return;
  if (document.body.dataset.view === "editor") preview.fillPrintArea(area);
  else area.replaceChildren(el("p", {}, "Hãy mở một báo cáo rồi in từ nút “In” của báo cáo đó."));
});

// ---------- Word's shortcuts ----------

document.addEventListener("keydown", (ev) => {
  if (!(ev.ctrlKey || ev.metaKey) || ev.altKey) return;
  const k = ev.key.toLowerCase();
  const inEditor = document.body.dataset.view === "editor";
  if (k === "s" && inEditor) { ev.preventDefault(); saveVersion().catch(showError); }
  else if (k === "p") { ev.preventDefault(); if (inEditor) printPages().catch(showError); else notice("Hãy mở một báo cáo để in."); }
  else if (k === "n") { ev.preventDefault(); openStart().catch(showError); }
  else if ((k === "z" || k === "y") && inEditor && !isTextField(document.activeElement)) {
    // In a text field the browser's own undo works; elsewhere, undo the outline's changes.
    ev.preventDefault();
    if (k === "z" && !ev.shiftKey) editor.undo(); else editor.redo();
  }
});
function isTextField(el) {
  return el && (el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && /^(text|search|number|date|)$/.test(el.type)));
}

// Closing the window: the app asks the window first (see app/mod.rs). The window answers at
// once, then closes itself when everything typed is on disk, or asks the user when it cannot be
// saved; it never closes over an unsaved change without the user's word.
let closeInProgress = false;
function listenForClose() {
  const t = window.__TAURI_INTERNALS__;
  if (!t) return;
  const handler = t.transformCallback(async () => {
    call("close_answered").catch(() => {});
    if (closeInProgress) return;
    closeInProgress = true;
    try {
      if (await settleBeforeLeaving(true)) await call("close_window");
    } catch (e) { showError(e); }
    closeInProgress = false;
  });
  t.invoke("plugin:event|listen", { event: "dong-cua-so", target: { kind: "Any" }, handler }).catch(showError);
}
listenForClose();

// What the app learns after the start (the backup into the chosen folder failed) is told in the
// notice bar.
function listenForNotes() {
  const t = window.__TAURI_INTERNALS__;
  if (!t) return;
  const handler = t.transformCallback((ev) => notice(String((ev && ev.payload) || "")));
  t.invoke("plugin:event|listen", { event: "thong-bao", target: { kind: "Any" }, handler }).catch(showError);
}
listenForNotes();

// ---------- start ----------

// ---------- when the data could not be opened: what happened, and the way back ----------

/** The error view: why the store did not open, its backups, restore, the folder, try again. */
function showBroken(st) {
  show("broken");
  $("broken-text").textContent = st.message || "Không mở được dữ liệu của Báo cáo.";
  $("broken-dir").textContent = st.data_dir || "";
  $("broken-fresh").hidden = !st.damaged;
  const ul = $("broken-backups");
  ul.replaceChildren();
  if (!st.backups.length) ul.append(el("li", { className: "quiet" }, "Không có bản sao lưu nào trong thư mục dữ liệu. Nếu đã sao lưu ra USB hoặc ổ khác, hãy chọn “Khôi phục từ bản sao lưu…”."));
  for (const b of st.backups) {
    const restore = el("button", { type: "button", textContent: "Khôi phục" });
    restore.onclick = () => restoreAtStart({ kind: "listed", id: b.id }).catch(showError);
    const li = el("li", {}, `${formatTime(b.created)} — ${b.kind} `, restore);
    li.dataset.id = b.id;
    ul.append(li);
  }
}

async function restoreAtStart(choice) {
  const st = await call("startup_restore", { choice });
  if (st) location.reload();
}

$("broken-restore-file").onclick = () => restoreAtStart({ kind: "file" }).catch(showError);
$("broken-open-folder").onclick = () => call("open_data_folder").catch(showError);
async function retryAtStart(fresh) {
  const st = await call("startup_retry", { fresh });
  if (st.ok) location.reload();
  else showBroken(st);
}
$("broken-retry").onclick = () => retryAtStart(false).catch(showError);
$("broken-fresh").onclick = () => retryAtStart(true).catch(showError);

async function boot() {
  // First: the window fitted to its screen, and whether the browser's keys stay on.
  try { browserKeys = (await call("window_ready")).browser_keys; } catch (e) { showError(e); }
  let st;
  try { st = await call("startup_status"); } catch (e) { st = { ok: false, message: e.message, backups: [], notes: [] }; }
  if (!st.ok) { showBroken(st); return; }
  show("start");
  try { await loadFonts(); } catch (e) { showError(e); }
  try {
    prefs = (await call("get_prefs")).ui || {};
    if (prefs.outline) $("pane-outline").style.width = prefs.outline + "px";
    if (prefs.form) $("pane-form").style.width = prefs.form + "px";
    if (prefs.zoom) setZoom(prefs.zoom);
  } catch (e) { showError(e); }
  try { await presets.refresh(); } catch (e) { showError(e); }
  await refreshDrafts();
  if (st.notes.length) notice(st.notes.join(" "));
}
boot().catch(showError);

// For the end-to-end tests: the state a user would see, read without guessing at the DOM.
window.__baocao = { editor, preview, flush, saves, live, openDraft, calls, checks, figures, nextPeriod, compare };
