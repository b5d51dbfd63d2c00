// Số liệu in the form: a section's figures (typed once, read the Vietnamese way by the engine),
// the picker that puts a figure or a value derived from it into a paragraph as {{id:show}}, the
// line under each paragraph showing what its figures print, "Hiện thành bảng", and the report's
// number format in the header form.
import { call } from "./api.js";
import { el } from "./dom.js";

/** What the picker offers for each figure, in the engine's words (see figures/mod.rs). */
export const SHOWS = [
  ["value", "Kết quả"],
  ["plan", "Kế hoạch"],
  ["percent_of_plan", "Đạt % kế hoạch"],
  ["same_period_last_year", "Cùng kỳ năm trước"],
  ["change_same_period", "Tăng/giảm so với cùng kỳ"],
  ["change_pct_same_period", "Tăng/giảm % so với cùng kỳ"],
  ["previous_period", "Kỳ trước"],
  ["change_previous", "Tăng/giảm so với kỳ trước"],
  ["change_pct_previous", "Tăng/giảm % so với kỳ trước"],
];

const VALUES = [
  ["value", "Kết quả kỳ này"],
  ["plan", "Kế hoạch / dự toán"],
  ["same_period_last_year", "Cùng kỳ năm trước"],
  ["previous_period", "Kỳ trước"],
];

/** "1845127000000.5" (the model's exact decimal) → "1.845.127.000.000,5". */
export function showDecimal(s) {
  if (s == null || s === "") return "";
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(s));
  if (!m) return String(s);
  const int = m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return m[1] + int + (m[3] ? "," + m[3] : "");
}

const TOKEN = /\{\{([^{}:]+)(?::([^{}]*))?\}\}/g;

export class FiguresUI {
  constructor({ editor, onError, notice }) {
    Object.assign(this, { editor, onError, notice });
    this.values = {};
    this.lastPara = null;
    this.pickers = [];
    const form = editor.formEl;
    form.addEventListener("focusin", (ev) => {
      if (ev.target.matches?.("textarea.para")) this.lastPara = ev.target;
    });
    form.addEventListener("input", (ev) => {
      if (ev.target.matches?.("textarea.para")) this.tokenLine(ev.target);
    });
  }

  /** The editor's hook: blocks added to the form of the selected part. */
  formExtras(sel, section) {
    this.pickers = [];
    // The paragraph boxes are in the form once it is built: show what their figures print.
    queueMicrotask(() => this.refreshTokenLines());
    if (sel.kind === "section" && section) return [this.figuresBlock(section)];
    if (sel.kind === "header") return [this.formatBlock()];
    return [];
  }

  /** The texts of every figure reference (`values` of `check_report`). */
  setValues(values) {
    this.values = values || {};
    for (const p of this.pickers) p();
    this.refreshTokenLines();
  }

  // ---------- the section's figures ----------

  figuresBlock(s) {
    if (!s.figures) s.figures = [];
    const box = el("div", { className: "figures", dataset: { sec: s.id } });
    const list = el("div", { className: "fig-list" });
    s.figures.forEach((f, i) => list.append(this.figureCard(s, f, i)));
    if (!s.figures.length) {
      list.append(el("p", { className: "quiet small" }, "Chưa có số liệu. Số liệu nhập một lần, dùng được trong mọi câu của báo cáo và tự cập nhật khi sửa."));
    }
    const add = el("button", { type: "button", className: "fig-add", textContent: "+ Thêm số liệu" });
    add.onclick = () => {
      this.editor.snapshot();
      s.figures.push({ id: this.newId(), label: "", unit: "", value: null, plan: null, same_period_last_year: null, previous_period: null });
      this.editor.changed();
      this.editor.renderForm();
      const inputs = this.editor.formEl.querySelectorAll(".fig-card input.fig-label");
      inputs[inputs.length - 1]?.focus();
    };
    const table = el("button", { type: "button", className: "fig-table", textContent: "Hiện thành bảng", disabled: !s.figures.length,
      title: "Chèn bảng số liệu của đề mục này vào cuối nội dung" });
    table.onclick = () => this.insertTable(s).catch(this.onError);
    box.append(el("h3", {}, "Số liệu"), list, el("div", { className: "row small" }, add, table));
    if (this.allFigures(s).length) box.append(this.picker(s));
    return box;
  }

  newId() {
    const used = new Set();
    this.editor.walk((x) => (x.figures || []).forEach((f) => used.add(f.id)));
    for (const a of this.editor.report.appendices || []) {
      const go = (list) => list.forEach((x) => { (x.figures || []).forEach((f) => used.add(f.id)); go(x.children || []); });
      go(a.body || []);
    }
    let n = used.size + 1;
    while (used.has("sl" + n)) n++;
    return "sl" + n;
  }

  figureCard(s, f, index) {
    const ed = this.editor;
    const label = el("input", { type: "text", className: "fig-label", value: f.label || "", spellcheck: false,
      placeholder: "Tên chỉ tiêu, ví dụ: Hồ sơ đã giải quyết" });
    ed.bind(label, (v) => { f.label = v; });
    const unit = el("input", { type: "text", className: "fig-unit", value: f.unit || "", spellcheck: false, placeholder: "hồ sơ, đồng, %…" });
    ed.bind(unit, (v) => { f.unit = v.trim(); });
    const del = el("button", { type: "button", className: "fig-del", textContent: "Xóa", title: "Xóa số liệu này" });
    del.onclick = () => {
      ed.snapshot();
      s.figures.splice(index, 1);
      ed.changed();
      ed.renderForm();
      this.notice(`Đã xóa số liệu “${f.label || f.id}”. Câu nào còn dùng số liệu này sẽ được báo trong bảng Kiểm tra.`,
        [["Hoàn tác", () => ed.undo()]]);
    };
    const grid = el("div", { className: "fig-values" });
    for (const [key, name] of VALUES) grid.append(this.numberField(f, key, name));
    return el("div", { className: "fig-card", dataset: { fig: f.id } },
      el("div", { className: "row" },
        el("label", { className: "field" }, el("span", {}, "Chỉ tiêu"), label),
        el("label", { className: "field unit" }, el("span", {}, "Đơn vị"), unit),
        del),
      grid,
      el("div", { className: "quiet small" }, "Mã dùng trong đoạn văn: ", el("code", {}, `{{${f.id}:value}}`)));
  }

  /** A value typed the Vietnamese way. What was saved is kept until the input reads as a
   *  number; the engine's message says how it was read or what is wrong. */
  numberField(f, key, name) {
    const input = el("input", { type: "text", value: showDecimal(f[key]), inputMode: "decimal", spellcheck: false,
      placeholder: key === "value" ? "ví dụ 12.707 hoặc 98,2" : "" });
    input.dataset.fig = f.id;
    input.dataset.key = key;
    const msg = el("div", { className: "fig-msg" });
    const read = async (final) => {
      const text = input.value.trim();
      if (!text) {
        msg.textContent = "";
        msg.className = "fig-msg";
        input.classList.remove("invalid");
        if (f[key] != null) { f[key] = null; this.editor.changed(); }
        return;
      }
      let p;
      try {
        p = await call("parse_number", { input: text });
      } catch (e) {
        if (!final) return; // half typed: say nothing yet
        msg.textContent = e.message + (f[key] != null ? ` Giá trị đã lưu vẫn là ${showDecimal(f[key])}.` : "");
        msg.className = "fig-msg error";
        input.classList.add("invalid");
        return;
      }
      input.classList.remove("invalid");
      msg.textContent = p.note || "";
      msg.className = p.note ? "fig-msg note" : "fig-msg";
      if (final) input.value = showDecimal(p.value);
      if (f[key] !== p.value) { f[key] = p.value; this.editor.changed(); }
    };
    let timer = null;
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => read(false).catch(this.onError), 400); });
    input.addEventListener("change", () => { clearTimeout(timer); read(true).catch(this.onError); });
    return el("label", { className: "field" }, el("span", {}, name), input, msg);
  }

  // ---------- the picker ----------

  /** Every figure of the report, the section's own first: a sentence may quote any of them. */
  allFigures(s) {
    const others = [];
    this.editor.walk((x) => { if (x !== s) others.push(...(x.figures || [])); });
    return [...s.figures, ...others];
  }

  picker(s) {
    const sel = el("select", { className: "fig-pick", title: "Số liệu hoặc giá trị tính từ số liệu" });
    const fill = () => {
      const keep = sel.value;
      sel.replaceChildren();
      for (const f of this.allFigures(s)) {
        const g = el("optgroup", { label: f.label || f.id });
        for (const [show, name] of SHOWS) {
          const key = `${f.id}:${show}`;
          const v = this.values[key];
          g.append(el("option", { value: key, textContent: `${name}: ${v ?? "…"}` }));
        }
        sel.append(g);
      }
      if (keep) sel.value = keep;
    };
    fill();
    this.pickers.push(fill);
    const insert = el("button", { type: "button", className: "fig-insert", textContent: "Chèn vào đoạn văn",
      title: "Chèn vào chỗ con trỏ trong đoạn văn vừa soạn" });
    insert.onclick = () => {
      const [id, show] = sel.value.split(":");
      this.insertToken(id, show);
    };
    return el("div", { className: "row small fig-picker" }, sel, insert);
  }

  /** Puts {{id:show}} at the caret of the paragraph box last written in (the first one if
   *  none), through the editing command so that Ctrl+Z takes it back. */
  insertToken(id, show) {
    const form = this.editor.formEl;
    let ta = this.lastPara && form.contains(this.lastPara) ? this.lastPara : form.querySelector("textarea.para");
    if (!ta) { this.notice("Hãy bấm vào một đoạn văn trước khi chèn số liệu."); return; }
    const token = `{{${id}:${show}}}`;
    const a = ta.selectionStart ?? ta.value.length, b = ta.selectionEnd ?? a;
    const before = ta.value.slice(0, a);
    const text = (before && !/\s$/.test(before) ? " " : "") + token;
    ta.focus();
    ta.setSelectionRange(a, b);
    if (!document.execCommand("insertText", false, text)) {
      ta.setRangeText(text, a, b, "end");
      ta.dispatchEvent(new Event("input", { bubbles: true }));
    }
    this.tokenLine(ta);
  }

  async insertTable(s) {
    const block = await call("figures_table", { section: s, format: this.editor.report.number_format });
    this.editor.snapshot();
    s.blocks.push(block);
    this.editor.changed();
    this.editor.renderForm();
  }

  // ---------- what the tokens of a paragraph print ----------

  refreshTokenLines() {
    for (const ta of this.editor.formEl.querySelectorAll("textarea.para")) this.tokenLine(ta);
  }

  tokenLine(ta) {
    let line = ta.nextElementSibling;
    if (!line || !line.classList.contains("fig-line")) {
      line = el("div", { className: "fig-line quiet small" });
      ta.after(line);
    }
    const parts = [];
    const seen = new Set();
    for (const m of ta.value.matchAll(TOKEN)) {
      const key = `${m[1].trim()}:${(m[2] || "value").trim()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      parts.push(`${m[0]} = ${this.values[key] ?? "…"}`);
    }
    line.textContent = parts.join("; ");
    line.hidden = !parts.length;
  }

  // ---------- the report's number format ----------

  formatBlock() {
    const ed = this.editor;
    const r = ed.report;
    if (!r.number_format) r.number_format = { percent_decimals: 1, decimals: 2, money: "mixed", money_decimals: 1 };
    const nf = r.number_format;
    const money = el("select", { dataset: { field: "number_format.money" } },
      el("option", { value: "mixed", selected: nf.money !== "full", textContent: "1.845 tỷ 127 triệu đồng" }),
      el("option", { value: "full", selected: nf.money === "full", textContent: "1.845.127.000.000 đồng" }));
    money.onchange = () => { nf.money = money.value; ed.changed(); };
    const num = (key, label, max) => {
      const i = el("input", { type: "number", min: 0, max, step: 1, value: nf[key] });
      i.dataset.field = "number_format." + key;
      i.onchange = () => {
        const v = Math.floor(Number(i.value));
        if (!(v >= 0 && v <= max)) { i.value = nf[key]; this.onError({ message: `${label}: hãy nhập từ 0 đến ${max}.` }); return; }
        nf[key] = v;
        ed.changed();
      };
      return el("label", { className: "field" }, el("span", {}, label), i);
    };
    return el("div", { className: "number-format" },
      el("h3", {}, "Cách viết số (cả báo cáo)"),
      el("label", { className: "field" }, el("span", {}, "Tiền"), money),
      el("div", { className: "row" },
        num("percent_decimals", "Số lẻ của tỷ lệ %", 3),
        num("decimals", "Số lẻ của số thập phân", 4),
        num("money_decimals", "Số lẻ của tiền (triệu, tỷ)", 3)));
  }
}
