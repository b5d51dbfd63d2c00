// Báo cáo: the window. Start screen, editor (outline, form, preview), settings.
import { call, calls } from "./api.js";
import { Editor } from "./editor.js";
import { Preview } from "./preview.js";
import { ChecksPanel } from "./checks.js";
import { FiguresUI } from "./figures.js";
import { NextPeriod } from "./period.js";
import { Compare } from "./compare.js";

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
}

// ---------- views ----------

let prefs = {};
const preview = new Preview($("pages"), $("page-count"));
const editor = new Editor({
  outline: $("outline"),
  form: $("form"),
  onChange: (report) => scheduleUpdate(report),
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
    if (before) editor.undoStack.push({ report: before, sel: editor.sel });
    notice(`Đã sửa (${f.place}).`, [["Hoàn tác", () => editor.undo()]]);
  },
  onError: showError,
  onResize: () => preview.fit(),
});
const figures = new FiguresUI({ editor, onError: showError, notice });
editor.extras = (sel, section) => figures.formExtras(sel, section);
const nextPeriod = new NextPeriod({
  button: $("btn-next-period"), flush: () => flush(), openDraft: (id) => openDraft(id),
  afterOpen: () => checks.toggle(true), notice, onError: showError,
});
const compare = new Compare({ versionsDialog: $("dlg-versions"), formatTime: (s) => formatTime(s), onError: showError });

/** The findings, review items and figure texts of the open draft as it now stands. */
async function refreshChecks() {
  if (!current) return;
  const x = await call("check_report");
  checks.set(x);
  figures.setValues(x.values);
}

function show(view) {
  for (const v of ["start", "editor", "settings"]) $("view-" + v).hidden = v !== view;
  document.body.dataset.view = view;
}

let current = null; // { id, title, status }

async function openStart() {
  await flush();
  current = null;
  show("start");
  await refreshDrafts();
}

async function refreshDrafts() {
  const data = await call("start_screen", { query: $("draft-search").value });
  const tl = $("template-list");
  tl.replaceChildren();
  for (const t of data.templates) {
    const b = document.createElement("button");
    b.className = "card";
    b.dataset.template = t.id;
    b.textContent = t.name;
    b.onclick = () => createFrom({ kind: "template", id: t.id });
    tl.append(b);
  }
  const drafts = data.drafts.slice();
  if ($("draft-sort").value === "title") drafts.sort((a, b) => a.title.localeCompare(b.title, "vi"));
  const tbody = $("draft-table").querySelector("tbody");
  tbody.replaceChildren();
  const statusName = { dang_soan: "Đang soạn", da_trinh: "Đã trình", da_ky: "Đã ký" };
  for (const d of drafts) {
    const tr = document.createElement("tr");
    tr.dataset.id = d.id;
    const title = document.createElement("td");
    const a = document.createElement("a");
    a.href = "#";
    a.className = "draft-link";
    a.textContent = d.title;
    a.onclick = (ev) => { ev.preventDefault(); openDraft(d.id).catch(showError); };
    title.append(a);
    const st = document.createElement("td");
    st.textContent = statusName[d.status] || d.status;
    const mod = document.createElement("td");
    mod.textContent = formatTime(d.modified);
    const act = document.createElement("td");
    const copy = document.createElement("button");
    copy.textContent = "Tạo bản mới từ báo cáo này";
    copy.onclick = () => createFrom({ kind: "copy", id: d.id });
    act.append(copy);
    tr.append(title, st, mod, act);
    tbody.append(tr);
  }
  $("draft-empty").hidden = drafts.length > 0;
}

function formatTime(s) {
  // "2026-11-27 10:42:00" → "10:42 27/11/2026"
  const m = /^(\d+)-(\d+)-(\d+) (\d+):(\d+)/.exec(s || "");
  return m ? `${m[4]}:${m[5]} ${m[3]}/${m[2]}/${m[1]}` : s || "";
}

async function createFrom(from) {
  try {
    const id = await call("create_draft", { from });
    if (id) await openDraft(id);
  } catch (e) { showError(e); }
}

async function openDraft(id) {
  const o = await call("open_draft", { id });
  const same = current && current.id === o.id;
  current = { id: o.id, title: o.title, status: o.status };
  $("doc-title").textContent = o.title;
  $("doc-status").value = o.status || "dang_soan";
  $("save-status").textContent = "";
  show("editor");
  $("version-banner").hidden = true;
  editor.load(o.report, o.pages.numbers, same);
  preview.apply(o.pages);
  await refreshChecks();
}

// ---------- live update: debounce, never while composing ----------

let pending = null, timer = null, inflight = null;

function scheduleUpdate(report) {
  pending = report;
  $("save-status").textContent = "Đang lưu…";
  clearTimeout(timer);
  timer = setTimeout(() => { send().catch(showError); }, 200);
}

async function send() {
  if (editor.composing) { timer = setTimeout(() => send().catch(showError), 200); return; }
  if (!pending) return;
  if (inflight) { await inflight; }
  const report = pending;
  pending = null;
  inflight = call("update_report", { report });
  try {
    const pages = await inflight;
    preview.apply(pages);
    editor.setNumbers(pages.numbers);
    refreshChecks().catch(showError);
    if (pages.saved_at) $("save-status").textContent = `Đã lưu lúc ${pages.saved_at}`;
  } finally { inflight = null; }
}

/** Sends what is pending now (before leaving the editor, exporting, printing). */
async function flush() {
  clearTimeout(timer);
  if (pending) await send();
  else if (inflight) await inflight;
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

async function exportPdf() {
  if (!current) return;
  await flush();
  const path = await call("export_pdf");
  if (!path) return;
  notice(`Đã xuất PDF: ${path}`, [
    ["Mở tệp", () => call("open_path", { path })],
    ["Mở thư mục", () => call("reveal_path", { path })],
  ]);
}
$("btn-export").onclick = () => exportPdf().catch(showError);

async function printPages() {
  if (!current) return;
  await flush();
  preview.fillPrintArea($("print-area"));
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  window.print();
}
$("btn-print").onclick = () => printPages().catch(showError);

// ---------- settings ----------

const RANGES = [
  ["margin_top_mm", "Lề trên (mm)", 20, 25, 0.5],
  ["margin_bottom_mm", "Lề dưới (mm)", 20, 25, 0.5],
  ["margin_left_mm", "Lề trái (mm)", 30, 35, 0.5],
  ["margin_right_mm", "Lề phải (mm)", 15, 20, 0.5],
  ["body_pt", "Cỡ chữ nội dung (pt)", 13, 14, 0.5],
  ["first_line_indent_mm", "Lùi đầu dòng (mm)", 10, 12.7, 0.1],
  ["paragraph_spacing_pt", "Khoảng cách đoạn (pt)", 6, 12, 1],
  ["line_spacing", "Giãn dòng (lần)", 1, 1.5, 0.05],
  ["page_number_pt", "Cỡ chữ số trang (pt)", 13, 14, 0.5],
];

let settingsFrom = "start";
async function openSettings() {
  settingsFrom = current ? "editor" : "start";
  await flush();
  const grid = $("layout-settings");
  grid.replaceChildren();
  const report = current ? editor.report : null;
  if (!report) {
    const p = document.createElement("p");
    p.className = "quiet";
    p.textContent = "Hãy mở một báo cáo để chỉnh lề, cỡ chữ và giãn dòng của báo cáo đó.";
    grid.append(p);
  } else {
    for (const [key, label, min, max, step] of RANGES) {
      const l = document.createElement("label");
      l.textContent = label + " ";
      const i = document.createElement("input");
      Object.assign(i, { type: "number", min, max, step, value: report.settings[key] });
      i.dataset.key = key;
      const hint = document.createElement("span");
      hint.className = "quiet";
      hint.textContent = ` từ ${String(min).replace(".", ",")} đến ${String(max).replace(".", ",")}`;
      i.onchange = () => {
        const v = Number(i.value);
        if (!(v >= min && v <= max)) {
          showError({ message: `${label} phải trong khoảng ${String(min).replace(".", ",")} – ${String(max).replace(".", ",")} theo Nghị định 30/2020/NĐ-CP; hãy nhập lại.` });
          i.value = report.settings[key];
          return;
        }
        report.settings[key] = v;
        scheduleUpdate(report);
      };
      l.append(i, hint);
      grid.append(l);
    }
  }
  const p = await call("get_prefs");
  $("data-dir").textContent = p.data_dir || "";
  await refreshBackups();
  show("settings");
}

async function refreshBackups() {
  const list = await call("list_backups");
  const ul = $("backup-list");
  ul.replaceChildren();
  if (!list.length) {
    const li = document.createElement("li");
    li.className = "quiet";
    li.textContent = "Chưa có bản sao lưu nào.";
    ul.append(li);
  }
  for (const b of list) {
    const li = document.createElement("li");
    li.textContent = `${formatTime(b.created)} — ${b.kind} `;
    const btn = document.createElement("button");
    btn.textContent = "Khôi phục";
    btn.onclick = () => notice(`Khôi phục bản sao lưu lúc ${formatTime(b.created)}? Dữ liệu hiện tại được cất riêng, không bị xóa.`, [
      ["Khôi phục", async () => {
        await flush();
        await call("restore_backup", { path: b.path });
        current = null;
        await openStart();
        notice("Đã khôi phục bản sao lưu.");
      }],
    ]);
    li.append(btn);
    ul.append(li);
  }
}
$("btn-backup").onclick = async () => {
  try {
    await flush();
    const path = await call("backup_now");
    await refreshBackups();
    notice(`Đã sao lưu: ${path}`);
  } catch (e) { showError(e); }
};
$("btn-settings").onclick = () => openSettings().catch(showError);
$("settings-close").onclick = () => (settingsFrom === "editor" && current ? show("editor") : openStart().catch(showError));

// ---------- start screen ----------

let searchTimer = null;
$("draft-search").oninput = () => { clearTimeout(searchTimer); searchTimer = setTimeout(() => refreshDrafts().catch(showError), 150); };
$("draft-sort").onchange = () => refreshDrafts().catch(showError);
$("btn-import").onclick = () => createFrom({ kind: "import" });
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

// ---------- Word's shortcuts ----------

document.addEventListener("keydown", (ev) => {
  if (!(ev.ctrlKey || ev.metaKey) || ev.altKey) return;
  const k = ev.key.toLowerCase();
  const inEditor = document.body.dataset.view === "editor";
  if (k === "s" && inEditor) { ev.preventDefault(); saveVersion().catch(showError); }
  else if (k === "p" && inEditor) { ev.preventDefault(); printPages().catch(showError); }
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

// Closing the window: the app asks for the last edits first (see app/mod.rs), then closes.
function listenForClose() {
  const t = window.__TAURI_INTERNALS__;
  if (!t) return;
  const handler = t.transformCallback(async () => {
    try { await flush(); } catch (e) { showError(e); }
    await call("close_window");
  });
  t.invoke("plugin:event|listen", { event: "dong-cua-so", target: { kind: "Any" }, handler }).catch(showError);
}
listenForClose();

// ---------- start ----------

async function boot() {
  show("start");
  try { await loadFonts(); } catch (e) { showError(e); }
  try {
    prefs = (await call("get_prefs")).ui || {};
    if (prefs.outline) $("pane-outline").style.width = prefs.outline + "px";
    if (prefs.form) $("pane-form").style.width = prefs.form + "px";
    if (prefs.zoom) setZoom(prefs.zoom);
  } catch (e) { showError(e); }
  await refreshDrafts();
}
boot().catch(showError);

// For the end-to-end tests: the state a user would see, read without guessing at the DOM.
window.__baocao = { editor, preview, flush, openDraft, calls, checks, figures, nextPeriod, compare };
