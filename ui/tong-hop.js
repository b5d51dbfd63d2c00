// "Tổng hợp": one report from many units' reports on the same template. The dialog picks the
// template and the units' files, shows each unit's name (read from its header or file name) for
// the user to correct, and the roster kept with the template to edit; the Rust side sums them
// into a new draft (app/tong_hop.rs, consolidate/).

import { call } from "./api.js";
import { el, lines } from "./dom.js";

/** hooks: open(id) opens a draft; notice(text) shows a line; showError(e). */
export function setupTongHop(hooks) {
  const button = document.getElementById("btn-tong-hop");
  if (button) button.onclick = () => openDialog(hooks).catch(hooks.showError);
}

async function openDialog(hooks) {
  let mau = null;
  let units = [];
  const mauLabel = el("span", { id: "th-mau", className: "quiet" }, "Chưa chọn mẫu.");
  const list = el("ul", { id: "th-don-vi", className: "th-units" });
  const roster = el("textarea", { id: "th-danh-sach", rows: 6, spellcheck: false,
    placeholder: "Mỗi dòng một đơn vị, ví dụ: Tổ dân phố số 1" });
  const marksBox = el("details", { id: "th-danh-dau", hidden: true });
  let readMarks = () => ({});
  const err = el("p", { className: "field-error", hidden: true });
  const run = el("button", { type: "submit", id: "th-chay", className: "primary", textContent: "Tổng hợp", disabled: true });
  const cancel = el("button", { type: "button", textContent: "Hủy" });
  const pickMau = el("button", { type: "button", id: "th-chon-mau", textContent: "Chọn mẫu…" });
  const pickUnits = el("button", { type: "button", id: "th-chon-don-vi", textContent: "Chọn báo cáo các đơn vị…" });
  const ready = () => { run.disabled = !mau || !units.some((u) => !u.error); };
  const drawUnits = () => {
    list.replaceChildren(...units.map((u, i) => {
      const name = el("input", { type: "text", value: u.name, spellcheck: false, title: "Tên đơn vị (sửa nếu đọc sai)" });
      name.oninput = () => { units[i].name = name.value; };
      const file = u.path.split(/[\\/]/).pop();
      return el("li", {}, name, el("span", { className: "quiet" }, " " + file),
        u.error ? el("span", { className: "field-error" }, " " + u.error) : null);
    }));
    ready();
  };
  const form = el("form", { method: "dialog" },
    el("h2", {}, "Tổng hợp báo cáo các đơn vị"),
    el("div", { className: "row" }, pickMau, mauLabel),
    el("div", { className: "row" }, pickUnits),
    list,
    el("label", { className: "field" }, el("span", {}, "Danh sách đơn vị phải báo cáo (mỗi dòng một đơn vị)"), roster),
    marksBox,
    err,
    el("div", { className: "row" }, el("span", { className: "spacer" }), cancel, run));
  const dlg = el("dialog", { className: "ask", id: "tong-hop" }, form);
  document.body.append(dlg);
  const close = () => { dlg.close(); dlg.remove(); };
  cancel.onclick = close;
  dlg.addEventListener("cancel", (ev) => { ev.preventDefault(); close(); });
  const fail = (e) => { err.textContent = (e && e.message) || String(e); err.hidden = false; };
  pickMau.onclick = async () => {
    try {
      const t = await call("tong_hop_chon_mau");
      if (!t) return;
      mau = t;
      mauLabel.textContent = t.title || t.path;
      if (t.roster.length && !roster.value.trim()) roster.value = t.roster.join("\n");
      readMarks = drawMarks(marksBox, t);
      err.hidden = true;
      ready();
    } catch (e) { fail(e); }
  };
  pickUnits.onclick = async () => {
    try {
      units = units.concat(await call("tong_hop_chon_don_vi"));
      drawUnits();
    } catch (e) { fail(e); }
  };
  form.onsubmit = async (ev) => {
    ev.preventDefault();
    run.disabled = true;
    try {
      const done = await call("tong_hop_chay", {
        mau: mau.path,
        units: units.filter((u) => !u.error),
        roster: lines(roster.value),
        ...readMarks(),
      });
      close();
      await hooks.open(done.id);
      const blocking = done.findings.filter((f) => f.blocking).length;
      const others = done.findings.length - blocking;
      let text = done.coverage;
      if (done.findings.length) {
        text += ` ${blocking} lỗi, ${others} lưu ý: ` + done.findings.map((f) => f.message).join(" ");
      }
      hooks.notice(text);
    } catch (e) { fail(e); ready(); }
  };
  dlg.showModal();
}

/** The template's marks, to check once and keep with it: what each percentage column is the
 *  ratio of, and the indicators of the appendix "one row per unit". Returns a function that
 *  reads what the user chose ({ ratios, indicators }). */
function drawMarks(box, t) {
  box.replaceChildren();
  const ratioRows = [];
  for (const tb of t.tables) {
    for (const col of tb.percent) {
      const header = tb.columns.find(([c]) => c === col)?.[1] || `cột ${col + 1}`;
      const kept = t.ratios.find((r) => r.table === tb.table && r.column === col);
      const pick = (which, value) => {
        const s = el("select", { dataset: { table: tb.table, column: col, part: which } },
          el("option", { value: "" }, "(tự nhận biết)"),
          ...tb.columns.filter(([c]) => c !== col).map(([c, h]) => el("option", { value: String(c), selected: value === c }, h)));
        return s;
      };
      const num = pick("numerator", kept?.numerator);
      const den = pick("denominator", kept?.denominator);
      ratioRows.push({ tb, col, num, den });
      box.append(el("div", { className: "row small th-ratio" },
        el("span", {}, `${tb.name}: “${header}” = `), num, el("span", {}, " ÷ "), den, el("span", {}, " × 100")));
    }
  }
  const keptInd = (i) => t.indicators.some((k) => k.kind === i.kind &&
    (i.kind === "figure" ? k.id === i.id : k.table === i.table && k.row === i.row && k.col === i.col));
  const choices = [];
  for (const [id, label] of t.figures) choices.push({ at: { kind: "figure", id }, text: label });
  for (const tb of t.tables) {
    for (const [row, label] of tb.rows) {
      for (const [col, header] of tb.columns) {
        if (tb.percent.includes(col)) continue;
        choices.push({ at: { kind: "cell", table: tb.table, row, col }, text: `${label} – ${header}` });
      }
    }
  }
  const boxes = choices.map((c) => {
    const cb = el("input", { type: "checkbox", checked: keptInd(c.at) });
    return { c, cb, li: el("li", {}, el("label", { className: "check" }, cb, " " + c.text)) };
  });
  box.replaceChildren(
    el("summary", {}, "Cột tỷ lệ và chỉ tiêu của phụ lục (đánh dấu một lần, mẫu giữ lại cho lần sau)"),
    ...(ratioRows.length ? [el("p", { className: "quiet small" },
      "Cột tỷ lệ được tính lại bằng tổng tử số chia tổng mẫu số, không lấy trung bình tỷ lệ của các đơn vị.")] : []),
    ...box.childNodes.length ? [...box.childNodes] : [],
    el("p", { className: "quiet small" }, "Chỉ tiêu đưa vào phụ lục (mỗi đơn vị một hàng). Không chọn: lấy các số liệu của mẫu."),
    el("ul", { className: "th-indicators" }, ...boxes.map((b) => b.li)));
  box.hidden = !choices.length && !ratioRows.length;
  return () => {
    const half = ratioRows.find((r) => (r.num.value === "") !== (r.den.value === ""));
    if (half) {
      box.open = true;
      throw new Error(`Cột tỷ lệ của ${half.tb.name}: hãy chọn cả tử số và mẫu số, hoặc để cả hai “(tự nhận biết)”.`);
    }
    const ratios = ratioRows
      .filter((r) => r.num.value !== "")
      .map((r) => ({ table: r.tb.table, column: r.col, numerator: Number(r.num.value), denominator: Number(r.den.value) }));
    // Marks of columns not offered here (a ratio under another header) stay as they were.
    for (const k of t.ratios) {
      if (!ratioRows.some((r) => r.tb.table === k.table && r.col === k.column)) ratios.push(k);
    }
    return { ratios, indicators: boxes.filter((b) => b.cb.checked).map((b) => b.c.at) };
  };
}
