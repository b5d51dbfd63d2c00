// The editor: the outline of the report and the form of the selected part.
//
// The form writes straight into the report object and tells the window to send it; it is never
// rebuilt while the user types in it (answers from the engine only touch the preview and the
// outline's numbers), and nothing is sent while an input method is composing a letter, so that
// Unikey/EVKey never see their text change under them.
import { call } from "./api.js";
import { el, lines } from "./dom.js";
import { AUTHORITIES, presetTools } from "./presets.js";
import { blocksToChunks, chunksToBlocks } from "./markup.js";
import { tableGrid } from "./table-grid.js";

const newId = () => "m" + Math.random().toString(36).slice(2, 10);

export class Editor {
  constructor({ outline, form, onChange, onSelectSection, onError, notice }) {
    this.outlineEl = outline;
    this.formEl = form;
    this.onChange = onChange;
    this.onSelectSection = onSelectSection;
    this.onError = onError;
    this.notice = notice;
    this.report = null;
    this.numbers = new Map();
    this.sel = { kind: "header" };
    this.composing = false;
    this.undoStack = [];
    this.redoStack = [];
    document.getElementById("outline-tools").addEventListener("click", (ev) => {
      const op = ev.target.closest("button")?.dataset.op;
      if (op) this.outlineOp(op);
    });
  }

  /** Shows `report`; `keepSelection` stays on the part the user was at (the same draft reopened). */
  load(report, numbers, keepSelection = false) {
    this.report = report;
    this.undoStack = [];
    this.redoStack = [];
    if (numbers) this.setNumbers(numbers, true);
    if (!keepSelection || (this.sel.kind === "section" && !this.find(this.sel.id))) this.sel = { kind: "header" };
    this.renderOutline();
    this.renderForm();
  }

  /** Tells the window the report changed; `section` names the one section whose own content
   *  (not its place in the outline) is all that changed, so that only it is sent. */
  changed(section = null) {
    this.onChange(this.report, section);
  }

  setNumbers(numbers, quiet) {
    this.numbers = new Map(numbers);
    if (!quiet) this.renderOutline();
  }

  // ---------- outline ----------

  walk(fn) {
    const go = (list, depth, parent) => list.forEach((s, i) => { fn(s, depth, list, i, parent); go(s.children, depth + 1, s); });
    go(this.report.body, 0, null);
  }

  find(id) {
    let hit = null;
    this.walk((s, depth, list, index, parent) => { if (s.id === id) hit = { s, depth, list, index, parent }; });
    return hit;
  }

  renderOutline() {
    const ul = this.outlineEl;
    ul.replaceChildren();
    const item = (label, sel, depth, number) => {
      const li = el("li", { className: "ol-item", tabIndex: 0, role: "treeitem" });
      li.style.paddingLeft = 8 + depth * 14 + "px";
      if (number) li.append(el("span", { className: "ol-num" }, number + " "));
      li.append(label || "(chưa có tên)");
      const on = this.sel.kind === sel.kind && (sel.kind !== "section" || this.sel.id === sel.id);
      li.classList.toggle("selected", on);
      li.setAttribute("aria-selected", on);
      if (sel.id) {
        li.dataset.sec = sel.id;
        this.draggable(li, sel.id);
      }
      li.dataset.kind = sel.kind;
      li.onclick = () => this.select(sel);
      li.onkeydown = (ev) => {
        if (ev.key === "Enter") this.select(sel);
        else if (ev.altKey && sel.id && this.moveByKey(sel.id, ev.key)) ev.preventDefault();
      };
      ul.append(li);
    };
    item("Phần đầu văn bản", { kind: "header" }, 0);
    this.walk((s, depth) => item(s.title, { kind: "section", id: s.id }, depth, this.numbers.get(s.id)));
    item("Kết thúc, nơi nhận, người ký", { kind: "closing" }, 0);
  }

  /** Drag a section onto another: dropped on the upper third of a line it goes before it, on
   *  the lower third after it (at its level), in the middle inside it, as its last sub-section.
   *  Pointer events, not HTML5 drag and drop: on Windows, Tauri's file-drop handling (which
   *  the import of a dropped Word file needs) turns the webview's HTML5 drag events off. The
   *  keyboard does the same (Alt+↑/↓ move, Alt+→ into the section above, Alt+← out of its
   *  parent), as do the ↑/↓ buttons. */
  draggable(li, id) {
    const zone = (target, y) => {
      const r = target.getBoundingClientRect();
      const at = (y - r.top) / (r.height || 1);
      return at < 0.3 ? "before" : at > 0.7 ? "after" : "inside";
    };
    const clear = () => this.outlineEl.querySelectorAll(".drop-before,.drop-inside,.drop-after")
      .forEach((e) => e.classList.remove("drop-before", "drop-inside", "drop-after"));
    const targetAt = (x, y) => {
      const t = document.elementFromPoint(x, y);
      const over = t && t.closest(".ol-item[data-sec]");
      return over && over !== li && this.outlineEl.contains(over) ? over : null;
    };
    li.addEventListener("pointerdown", (ev) => {
      if (ev.button !== 0) return;
      const x0 = ev.clientX, y0 = ev.clientY;
      let dragging = false;
      const move = (e) => {
        if (!dragging && Math.hypot(e.clientX - x0, e.clientY - y0) < 5) return;
        if (!dragging) { dragging = true; li.classList.add("dragging"); li.setPointerCapture(e.pointerId); }
        clear();
        const over = targetAt(e.clientX, e.clientY);
        if (over) over.classList.add("drop-" + zone(over, e.clientY));
      };
      const up = (e) => {
        li.removeEventListener("pointermove", move);
        li.removeEventListener("pointerup", up);
        li.removeEventListener("pointercancel", up);
        if (!dragging) return;
        li.classList.remove("dragging");
        clear();
        // The click that follows the release is not a selection.
        li.addEventListener("click", (c) => c.stopImmediatePropagation(), { capture: true, once: true });
        const over = e.type === "pointerup" && targetAt(e.clientX, e.clientY);
        if (over) this.moveTo(id, over.dataset.sec, zone(over, e.clientY));
      };
      li.addEventListener("pointermove", move);
      li.addEventListener("pointerup", up);
      li.addEventListener("pointercancel", up);
    });
  }

  /** Alt+↑/↓: the section up or down among its siblings; Alt+→: into the section above it, as
   *  its last sub-section; Alt+←: out of its parent, right after it. */
  moveByKey(id, key) {
    const at = this.find(id);
    if (!at) return false;
    if (key === "ArrowUp" || key === "ArrowDown") {
      this.select({ kind: "section", id });
      this.outlineOp(key === "ArrowUp" ? "up" : "down");
    } else if (key === "ArrowRight") {
      const above = at.list[at.index - 1];
      if (!above) return true;
      this.moveTo(id, above.id, "inside");
    } else if (key === "ArrowLeft") {
      if (!at.parent) return true;
      this.moveTo(id, at.parent.id, "after");
    } else return false;
    const li = this.outlineEl.querySelector(`.ol-item[data-sec="${CSS.escape(id)}"]`);
    if (li) li.focus();
    return true;
  }

  /** Moves section `fromId` before, after or inside section `toId`. */
  moveTo(fromId, toId, where) {
    const from = this.find(fromId);
    if (!from) return;
    // Not into itself: the target must not be inside the section being moved.
    let inside = false;
    const walk = (list) => list.forEach((s) => { if (s.id === toId) inside = true; walk(s.children); });
    walk(from.s.children);
    if (inside) {
      this.notice("Không chuyển được một đề mục vào trong chính nó.");
      return;
    }
    this.snapshot();
    from.list.splice(from.index, 1);
    const to = this.find(toId);
    if (where === "inside") to.s.children.push(from.s);
    else to.list.splice(to.index + (where === "after" ? 1 : 0), 0, from.s);
    this.sel = { kind: "section", id: fromId };
    this.renderOutline();
    this.renderForm();
    this.changed();
  }

  select(sel) {
    this.sel = sel;
    this.renderOutline();
    this.renderForm();
    if (sel.kind === "section") this.onSelectSection(sel.id);
  }

  /** Keeps the report as it was before a change made elsewhere (a fix of the Kiểm tra panel),
   *  so that Ctrl+Z takes that change back like any change of the outline. */
  remember(reportJson) {
    this.undoStack.push({ report: reportJson, sel: this.sel });
    if (this.undoStack.length > 100) this.undoStack.shift();
    this.redoStack = [];
  }

  snapshot() {
    this.remember(JSON.stringify(this.report));
  }

  restore(from, to) {
    const s = from.pop();
    if (!s) return;
    to.push({ report: JSON.stringify(this.report), sel: this.sel });
    this.report = JSON.parse(s.report);
    this.sel = s.sel;
    this.renderOutline();
    this.renderForm();
    this.changed();
  }
  undo() { this.restore(this.undoStack, this.redoStack); }
  redo() { this.restore(this.redoStack, this.undoStack); }

  /** Puts a preset (agency, signer, recipients, archive) into the report; Ctrl+Z takes it back. */
  async applyPreset(id) {
    const report = await call("apply_preset", { id, report: this.report });
    this.snapshot();
    this.report = report;
    this.renderOutline();
    this.renderForm();
    this.changed();
  }

  presets(kind) {
    return presetTools(kind, { report: this.report, apply: (id) => this.applyPreset(id), showError: this.onError, notice: this.notice });
  }

  outlineOp(op) {
    const blank = () => ({ id: newId(), label: { kind: "auto" }, title: "Đề mục mới", blocks: [], children: [], figures: [] });
    const at = this.sel.kind === "section" ? this.find(this.sel.id) : null;
    if (!at && op !== "after" && op !== "inside") {
      this.notice("Hãy chọn một đề mục trong bố cục trước.");
      return;
    }
    this.snapshot();
    let select = this.sel;
    if (!at) {
      const s = blank();
      this.report.body.push(s);
      select = { kind: "section", id: s.id };
    } else if (op === "before" || op === "after") {
      const s = blank();
      at.list.splice(at.index + (op === "after" ? 1 : 0), 0, s);
      select = { kind: "section", id: s.id };
    } else if (op === "inside") {
      const s = blank();
      at.s.children.push(s);
      select = { kind: "section", id: s.id };
    } else if (op === "up" || op === "down") {
      const j = at.index + (op === "up" ? -1 : 1);
      if (j < 0 || j >= at.list.length) { this.undoStack.pop(); return; }
      [at.list[at.index], at.list[j]] = [at.list[j], at.list[at.index]];
    } else if (op === "delete") {
      at.list.splice(at.index, 1);
      select = { kind: at.parent ? "section" : "header", id: at.parent?.id };
      this.notice(`Đã xóa đề mục “${at.s.title}”.`, [["Hoàn tác", () => this.undo()]]);
    }
    this.sel = select;
    this.renderOutline();
    this.renderForm();
    this.changed();
  }

  // ---------- fields ----------

  /** Wires a text field: model updated on every input, nothing sent while composing. A field
   *  of a section's form changes that section only (see `changed`). */
  bind(input, set) {
    const section = this.sel.kind === "section" ? this.sel.id : null;
    const fire = () => { set(input.value); this.changed(section); };
    input.addEventListener("compositionstart", () => { this.composing = true; });
    input.addEventListener("compositionend", () => { this.composing = false; fire(); });
    input.addEventListener("input", (ev) => { if (ev.isComposing || this.composing) return; fire(); });
    // Some changes arrive without an input event (a field emptied by a tool); never lose them.
    input.addEventListener("change", () => { if (!this.composing) fire(); });
    if (input.tagName === "TEXTAREA") {
      const grow = () => { input.style.height = "auto"; input.style.height = input.scrollHeight + 2 + "px"; };
      input.addEventListener("input", grow);
      requestAnimationFrame(grow);
    }
    return input;
  }

  field(label, value, set, { multiline = false, name = "", placeholder = "", rows = 2 } = {}) {
    const input = multiline
      ? el("textarea", { value: value ?? "", rows, placeholder, spellcheck: false })
      : el("input", { type: "text", value: value ?? "", placeholder, spellcheck: false });
    if (name) input.dataset.field = name;
    return el("label", { className: "field" }, el("span", {}, label), this.bind(input, set));
  }

  check(label, checked, set) {
    const c = el("input", { type: "checkbox", checked });
    c.onchange = () => { set(c.checked); this.changed(); };
    return el("label", { className: "check" }, c, " " + label);
  }

  /** The content of a section (or the intro): text chunks as textareas, tables as grids. */
  content(getBlocks, setBlocks, hint) {
    const box = el("div", { className: "content" });
    const { chunks, where } = blocksToChunks(getBlocks());
    box._where = where;
    const sync = () => setBlocks(chunksToBlocks(chunks));
    chunks.forEach((c, ci) => {
      if (c.kind === "text") {
        const ta = el("textarea", {
          value: c.text, rows: 4, spellcheck: false, className: "para",
          placeholder: ci === 0 && hint ? hint : "Mỗi dòng là một đoạn văn. Dòng bắt đầu bằng “- ” là một ý gạch đầu dòng.",
        });
        ta.dataset.chunk = ci;
        this.bind(ta, (v) => { c.text = v; sync(); });
        ta.addEventListener("keydown", (ev) => {
          if (!(ev.ctrlKey || ev.metaKey) || ev.altKey) return;
          const k = ev.key.toLowerCase();
          if (k === "b" || k === "i") { ev.preventDefault(); wrapSelection(ta, k === "b" ? "**" : "*"); }
        });
        box.append(ta);
      } else {
        const grid = this.tableEditor(c.table, sync, () => {
          chunks.splice(ci, 1);
          sync();
          this.changed();
          this.renderForm();
        });
        grid.dataset.chunk = ci;
        box.append(grid);
      }
    });
    const addTable = el("button", { type: "button", textContent: "+ Thêm bảng" });
    addTable.onclick = () => {
      this.snapshot();
      const cell = () => [{ text: "" }];
      chunks.push({ kind: "table", table: { type: "table", header_rows: 1, widths: [], rows: [[cell(), cell(), cell()], [cell(), cell(), cell()]] } });
      chunks.push({ kind: "text", text: "" });
      sync();
      this.changed();
      this.renderForm();
    };
    box.append(el("div", { className: "row small" }, addTable,
      el("span", { className: "quiet" }, " Ctrl+B: chữ đậm (**…**), Ctrl+I: chữ nghiêng (*…*)")));
    return box;
  }

  /** A table of the form (see table-grid.js); its tools' changes are undone by Ctrl+Z. */
  tableEditor(table, sync, remove) {
    return tableGrid({
      table,
      bind: (input, set) => this.bind(input, (v) => { set(v); sync(); }),
      before: () => JSON.stringify(this.report),
      commit: (was) => { this.remember(was); sync(); this.changed(); },
      remove: () => { this.snapshot(); remove(); },
      notice: this.notice,
      onError: this.onError,
    });
  }

  // ---------- forms ----------

  renderForm() {
    const f = this.formEl;
    f.replaceChildren();
    if (!this.report) return;
    if (this.sel.kind === "header") f.append(...this.headerForm());
    else if (this.sel.kind === "closing") f.append(...this.closingForm());
    else {
      const at = this.find(this.sel.id);
      if (at) f.append(...this.sectionForm(at.s));
      else { this.sel = { kind: "header" }; f.append(...this.headerForm()); }
    }
    // Blocks other modules add to the form (figures, number format): see figures.js.
    if (this.extras) f.append(...this.extras(this.sel, this.sel.kind === "section" ? this.find(this.sel.id)?.s : null));
  }

  headerForm() {
    const r = this.report;
    const d = r.date;
    const dateInput = el("input", {
      type: "date",
      value: d.day && d.month ? `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}` : "",
    });
    dateInput.dataset.field = "date";
    dateInput.onchange = () => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateInput.value);
      if (m) { d.year = +m[1]; d.month = +m[2]; d.day = +m[3]; this.changed(); }
    };
    const year = el("input", { type: "number", value: d.year, min: 2000, max: 2100 });
    year.dataset.field = "date";
    year.onchange = () => { d.year = +year.value || d.year; this.changed(); };
    const blankDate = this.check("Để trống ngày, tháng để văn thư ghi", !(d.day && d.month), (on) => {
      if (on) { d.day = null; d.month = null; }
      else { const t = new Date(); d.year = t.getFullYear(); d.month = t.getMonth() + 1; d.day = t.getDate(); }
      this.renderForm();
    });
    const num = el("input", { type: "number", min: 1, value: r.number ?? "", disabled: r.number == null });
    num.dataset.field = "number";
    num.oninput = () => { r.number = num.value ? Math.max(1, Math.floor(+num.value)) : null; this.changed(); };
    const blankNum = this.check("Để trống số để văn thư ghi", r.number == null, (on) => {
      r.number = on ? null : 1;
      this.renderForm();
    });
    const draftOn = r.marks.draft != null;
    return [
      el("h2", {}, "Phần đầu văn bản"),
      this.presets("agency"),
      this.field("Cơ quan chủ quản (nếu có)", r.issuer.parent || "", (v) => { r.issuer.parent = v.trim() ? v : null; }, { name: "issuer.parent" }),
      this.field("Tên cơ quan ban hành (mỗi dòng một dòng in)", (r.issuer.name_lines || []).join("\n"), (v) => { r.issuer.name_lines = lines(v); }, { multiline: true, name: "issuer" }),
      el("div", { className: "row" },
        el("label", { className: "field" }, el("span", {}, "Số"), num), blankNum),
      this.field("Ký hiệu", r.issuer.symbol, (v) => { r.issuer.symbol = v.trim(); }, { name: "symbol", placeholder: "BC-UBND" }),
      this.field("Địa danh", r.place, (v) => { r.place = v; }, { name: "place", placeholder: "Bạch Mai" }),
      el("div", { className: "row" },
        d.day && d.month
          ? el("label", { className: "field" }, el("span", {}, "Ngày ban hành"), dateInput)
          : el("label", { className: "field" }, el("span", {}, "Năm"), year),
        blankDate),
      this.field("Tên loại văn bản", r.doc_type, (v) => { r.doc_type = v; }, { name: "doc_type", placeholder: "BÁO CÁO" }),
      this.field("Trích yếu nội dung", r.trich_yeu, (v) => { r.trich_yeu = v; }, { multiline: true, name: "trich_yeu" }),
      this.field("Kính gửi (mỗi dòng một nơi; để trống nếu không có)", (r.kinh_gui || []).join("\n"), (v) => { r.kinh_gui = lines(v); }, { multiline: true, name: "kinh_gui" }),
      el("div", { className: "row" },
        this.check("In dấu “Dự thảo”", draftOn, (on) => { r.marks.draft = on ? "DỰ THẢO" : null; this.renderForm(); }),
        this.check("Văn bản chia thành các Phần", !!r.parts, (on) => { r.parts = on; })),
      el("h3", {}, "Đoạn mở đầu (trước đề mục đầu tiên)"),
      this.content(() => r.intro, (b) => { r.intro = b; }, "Căn cứ, mục đích của báo cáo…"),
    ];
  }

  closingForm() {
    const r = this.report;
    const s = r.signer;
    const auth = el("select", {},
      ...AUTHORITIES
        .map(([v, t]) => el("option", { value: v, selected: (s.authority || "") === v }, t)));
    auth.onchange = () => { s.authority = auth.value || null; this.changed(); };
    const copies = el("input", { type: "number", min: 1, value: r.noi_nhan.archive.copies ?? "" });
    copies.oninput = () => { r.noi_nhan.archive.copies = copies.value ? Math.max(1, Math.floor(+copies.value)) : null; this.changed(); };
    return [
      el("h2", {}, "Kết thúc, nơi nhận, người ký"),
      this.field("Câu kết thúc", r.closing, (v) => { r.closing = v; }, { multiline: true, name: "closing", placeholder: "Ủy ban nhân dân phường trân trọng báo cáo./." }),
      el("h3", {}, "Nơi nhận"),
      this.presets("recipients"),
      this.field("Nơi nhận (mỗi dòng một nơi)", (r.noi_nhan.recipients || []).join("\n"), (v) => { r.noi_nhan.recipients = lines(v); }, { multiline: true, rows: 4, name: "noi_nhan" }),
      this.presets("archive"),
      el("div", { className: "row" },
        this.field("Lưu: VT, …", (r.noi_nhan.archive.units || []).join(", "), (v) => { r.noi_nhan.archive.units = v.split(",").map((x) => x.trim()).filter(Boolean); }, { placeholder: "VP", name: "archive" }),
        el("label", { className: "field" }, el("span", {}, "Số bản lưu"), copies)),
      el("h3", {}, "Người ký"),
      this.presets("signer"),
      el("label", { className: "field" }, el("span", {}, "Thẩm quyền ký"), auth),
      this.field("Tập thể (sau TM.)", s.collective, (v) => { s.collective = v; }, { placeholder: "ỦY BAN NHÂN DÂN" }),
      this.field("Chức vụ (mỗi dòng một dòng in)", (s.titles || []).join("\n"), (v) => { s.titles = lines(v); }, { multiline: true, name: "signer", placeholder: "CHỦ TỊCH" }),
      this.field("Họ và tên", s.name, (v) => { s.name = v; }, { name: "signer.name" }),
    ];
  }

  sectionForm(s) {
    const num = this.numbers.get(s.id);
    const kind = s.label?.kind || "auto";
    const labelSel = el("select", {},
      el("option", { value: "auto", selected: kind === "auto" }, "Đánh số tự động"),
      el("option", { value: "none", selected: kind === "none" }, "Không đánh số"),
      el("option", { value: "custom", selected: kind === "custom" }, "Nhãn riêng"));
    labelSel.onchange = () => {
      s.label = labelSel.value === "custom" ? { kind: "custom", text: num || "" } : { kind: labelSel.value };
      this.changed();
      this.renderForm();
    };
    // The level follows the section's place unless the user fixes it (a report numbered from
    // "1." at the top, an "a)" right under a khoản).
    const levelSel = el("select", { title: "Cấp của đề mục quyết định cách đánh số và kiểu chữ" },
      ...[["", "Theo vị trí trong bố cục"], ["part", "Phần"], ["muc", "Mục (I, II, …)"], ["khoan", "Khoản (1, 2, …)"],
        ["sub_khoan", "Khoản con (1.1, 1.2, …)"], ["diem", "Điểm (a, b, …)"]]
        .map(([v, t]) => el("option", { value: v, selected: (s.level || "") === v }, t)));
    levelSel.dataset.field = "level";
    levelSel.onchange = () => {
      this.snapshot();
      if (levelSel.value) s.level = levelSel.value; else delete s.level;
      this.changed();
    };
    const title = this.field("Tên đề mục", s.title, (v) => { s.title = v; this.renderOutlineTitle(s); }, { name: "title" });
    title.querySelector("input").dataset.sec = s.id;
    return [
      el("h2", {}, (num ? num + " " : "") + (s.title || "Đề mục")),
      title,
      el("div", { className: "row" },
        el("label", { className: "field" }, el("span", {}, "Số thứ tự"), labelSel),
        el("label", { className: "field" }, el("span", {}, "Cấp đề mục"), levelSel),
        kind === "custom" ? this.field("Nhãn", s.label.text || "", (v) => { s.label = { kind: "custom", text: v }; }) : null),
      el("h3", {}, "Nội dung"),
      this.content(() => s.blocks, (b) => { s.blocks = b; }, s.hint),
    ];
  }

  /** Only the title text of one outline line changes while the user types a heading. */
  renderOutlineTitle(s) {
    const li = this.outlineEl.querySelector(`[data-sec="${CSS.escape(s.id)}"]`);
    if (!li) return;
    const num = li.querySelector(".ol-num");
    li.replaceChildren(...(num ? [num] : []), s.title || "(chưa có tên)");
  }

  /** The preview's link back: opens the part a clicked text comes from and focuses its field. */
  reveal(src) {
    if (src.sec) {
      if (!this.find(src.sec)) return;
      this.select({ kind: "section", id: src.sec });
      const content = this.formEl.querySelector(".content");
      if (src.block == null || src.block === "") {
        this.formEl.querySelector('input[data-field="title"]')?.focus();
        return;
      }
      revealBlock(content, src.block);
      return;
    }
    // The painter names header fields "header.trich_yeu", closing ones "closing.signer", and the
    // intro "intro" with its block.
    const [part, name = ""] = (src.field || "").split(".");
    this.select({ kind: part === "closing" ? "closing" : "header" });
    if (part === "intro") {
      revealBlock(this.formEl.querySelector(".content"), src.block);
      return;
    }
    const target = this.formEl.querySelector(`[data-field="${CSS.escape(name)}"]`);
    if (target) {
      target.focus();
      target.scrollIntoView({ block: "center" });
    }
  }
}

/** Shows block `block` of a form's content: its line in its textarea, or its table's grid
 *  (the first cell focused). */
function revealBlock(content, block) {
  const w = content?._where?.[Number(block)];
  if (!w) return;
  const ta = content.querySelector(`textarea[data-chunk="${w.chunk}"]`);
  if (ta) { focusLine(ta, w.line); return; }
  const grid = content.querySelector(`.table-editor[data-chunk="${w.chunk}"]`);
  if (!grid) return;
  grid.scrollIntoView({ block: "center" });
  grid.querySelector("input")?.focus({ preventScroll: true });
}

/** Puts the caret at the start of line `n` of a textarea and scrolls it into view. */
function focusLine(ta, n) {
  const parts = ta.value.split("\n");
  let pos = 0;
  for (let i = 0; i < n && i < parts.length; i++) pos += parts[i].length + 1;
  ta.focus();
  ta.setSelectionRange(pos, pos + (parts[n] || "").length);
  ta.scrollIntoView({ block: "center" });
}

/** Ctrl+B / Ctrl+I: wraps the selection in the marker, through the editing command so that the
 *  browser's own undo (Ctrl+Z) takes it back. */
function wrapSelection(ta, mark) {
  const { selectionStart: a, selectionEnd: b, value } = ta;
  const sel = value.slice(a, b);
  const text = mark + sel + mark;
  ta.focus();
  if (!document.execCommand("insertText", false, text)) {
    ta.setRangeText(text, a, b, "end");
    ta.dispatchEvent(new Event("input", { bubbles: true }));
  }
  ta.setSelectionRange(a + mark.length, a + mark.length + sel.length);
}
