// Printing: the engine's own SVG pages copied into the print area (each page its own A4 sheet;
// a landscape page turned onto a portrait sheet at 100 %, see style.css), the app's small print
// dialog (printer, copies, pages), then one Rust command (app/print.rs) prints the area through
// the webview's own print API with A4, no margins, 100 %, no header or footer. The system's
// dialog stays a second choice.

import { call } from "./api.js";
import { el } from "./dom.js";

/** True when an `<svg>` page is wider than tall (a landscape appendix page). */
function isLandscape(svg) {
  const vb = (svg.getAttribute("viewBox") || "").split(/\s+/).map(Number);
  return vb.length === 4 && vb[2] > vb[3];
}

/** Puts copies of the pages (SVG markup, one string a page) into the print area. */
export function fillPrintArea(area, pages) {
  area.replaceChildren();
  for (const markup of pages) {
    const p = document.createElement("div");
    p.className = "print-page";
    p.innerHTML = markup;
    const svg = p.firstElementChild;
    if (svg && isLandscape(svg)) p.classList.add("landscape");
    area.append(p);
  }
}

/**
 * "In": the app's dialog, then the print command on what the print area holds. Resolves to the
 * command's answer ({ printed, message }) or null when the user closed the dialog.
 */
export async function printArea(area) {
  const pageCount = area.querySelectorAll(".print-page").length;
  let list = { printers: [], default: null, system_dialog_label: "In bằng hộp thoại của hệ thống…" };
  try { list = await call("list_printers"); } catch { /* the default printer still prints */ }
  let request = null, problem = "";
  for (;;) {
    request = await askPrintOptions(list, pageCount, request, problem);
    if (!request) return null;
    // Two frames: the area's pages are laid out before the webview prints them.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    try {
      return await call("print_pages", { request, pageCount });
    } catch (e) {
      // A page range or a number of copies to correct: the dialog again, saying what.
      if (!e || e.kind !== "input") throw e;
      problem = e.message;
    }
  }
}

/** The small dialog: printer (the default preselected), copies, pages; `before` and `problem`
 *  when it comes back to have something corrected. */
function askPrintOptions(list, pageCount, before, problem) {
  const printer = el("select", { id: "print-printer" });
  if (!list.printers.length) printer.append(el("option", { value: "" }, "Máy in mặc định"));
  for (const p of list.printers) {
    const o = el("option", { value: p }, p === list.default ? `${p} (mặc định)` : p);
    if (before ? p === before.printer : p === list.default) o.selected = true;
    printer.append(o);
  }
  const copies = el("input", { id: "print-copies", type: "number", min: "1", max: "99", value: String(before ? before.copies : 1) });
  const pages = el("input", { id: "print-pages", type: "text", placeholder: `Tất cả ${pageCount} trang`, spellcheck: false, value: before ? before.pages : "" });
  const err = el("p", { className: "field-error", id: "print-problem", hidden: !problem, textContent: problem || "" });
  const ok = el("button", { type: "submit", id: "print-ok", className: "primary", textContent: "In" });
  const system = el("button", { type: "button", id: "print-system", textContent: list.system_dialog_label });
  const cancel = el("button", { type: "button", textContent: "Hủy" });
  const form = el("form", { method: "dialog" },
    el("h2", {}, "In báo cáo"),
    el("label", {}, "Máy in", printer),
    el("div", { className: "grid" },
      el("label", {}, "Số bản", copies),
      el("label", {}, "Trang (ví dụ 1-3, 5)", pages)),
    el("p", { className: "quiet" }, `Khổ A4, đúng 100 %, lề theo Nghị định 30; trang ngang của phụ lục in xoay trên giấy dọc.`),
    err,
    el("div", { className: "row" }, system, el("span", { className: "spacer" }), cancel, ok));
  const dlg = el("dialog", { className: "ask", id: "dlg-print" }, form);
  document.body.append(dlg);
  return new Promise((resolve) => {
    const done = (v) => { dlg.close(); dlg.remove(); resolve(v); };
    const request = (systemDialog) => ({
      printer: printer.value,
      copies: Number(copies.value) || 0,
      pages: pages.value.trim(),
      system_dialog: systemDialog,
    });
    cancel.onclick = () => done(null);
    system.onclick = () => done(request(true));
    dlg.addEventListener("cancel", (ev) => { ev.preventDefault(); done(null); });
    form.onsubmit = (ev) => { ev.preventDefault(); done(request(false)); };
    dlg.showModal();
    ok.focus();
  });
}

/**
 * "Trang in thử" (Cài đặt → Máy in): the layout's test page in a dialog, as the engine draws it,
 * printed through the same dialog and command as a report, or exported to PDF.
 */
export async function showTestPage({ notice, showError }) {
  const page = await call("test_page");
  const view = el("div", { className: "page test-page" });
  view.innerHTML = page.preview;
  const print = el("button", { type: "button", id: "test-page-print", className: "primary", textContent: "In…" });
  const pdf = el("button", { type: "button", id: "test-page-pdf", textContent: "Xuất PDF…" });
  const close = el("button", { type: "button", textContent: "Đóng" });
  const dlg = el("dialog", { className: "ask", id: "dlg-test-page" },
    el("h2", {}, "Trang in thử"),
    el("p", { className: "quiet" }, "In trang này rồi đo hai thước bằng thước kẻ: mỗi thước phải dài đúng 100 mm; khoảng cách từ mép giấy đến khung phải bằng lề ghi bên cạnh."),
    view,
    el("div", { className: "row" }, pdf, el("span", { className: "spacer" }), close, print));
  document.body.append(dlg);
  const area = document.getElementById("print-area");
  print.onclick = async () => {
    try {
      fillPrintArea(area, [page.print]);
      area.dataset.job = "1";
      let done;
      try { done = await printArea(area); } finally { delete area.dataset.job; }
      if (done) notice(done.message);
    } catch (e) { showError(e); }
  };
  pdf.onclick = async () => {
    try {
      const path = await call("export_test_page");
      if (path) notice(`Đã xuất trang in thử: ${path}`, [["Mở tệp", () => call("open_path", { path })]]);
    } catch (e) { showError(e); }
  };
  close.onclick = () => { dlg.close(); dlg.remove(); };
  dlg.addEventListener("cancel", () => dlg.remove());
  dlg.showModal();
}
