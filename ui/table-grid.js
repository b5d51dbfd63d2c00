// The form's table grid: one text box per cell, merged cells drawn merged (colspan/rowspan), a
// rectangle of cells selected by dragging the mouse or with Shift+arrows, and the tools that
// merge, split, set header rows and keep a total row.
//
// The total row's figures come from the engine (`table_totals`): the grid shows them read-only
// and asks again whenever a cell above changes. The preview does not wait for that answer: the
// engine sums the same row itself before it lays the report out.
import { call } from "./api.js";
import { el } from "./dom.js";
import { runsToText, textToRuns } from "./markup.js";
import * as ops from "./table-ops.js";

/**
 * `bind(input, set)`: the editor's wiring of a text box (see Editor.bind); `before()`: the
 * report as it is, kept for Ctrl+Z; `commit(before)`: the table's shape changed (sends it, and
 * keeps `before` for Ctrl+Z); `remove()`: "Xóa bảng".
 */
export function tableGrid({ table, bind, before, commit, remove, notice, onError }) {
  const wrap = el("div", { className: "table-editor" });
  ops.pad(table);
  // Selection: the cell the user started at and the one he reached.
  let anchor = { r: 0, c: 0 };
  let focus = { r: 0, c: 0 };
  let computed = [];
  let asked = 0;
  const last = () => table.rows.length - 1;
  const isTotal = (r) => table.total_row && r === last();

  const selection = () => ops.grow(table, ops.rect(anchor, focus));
  const paint = () => {
    const q = selection();
    const many = q.r0 !== q.r1 || q.c0 !== q.c1;
    wrap.querySelectorAll("td[data-r]").forEach((td) => {
      const r = +td.dataset.r, c = +td.dataset.c;
      td.classList.toggle("sel", many && r >= q.r0 && r <= q.r1 && c >= q.c0 && c <= q.c1);
    });
  };
  const at = (x, y) => {
    const td = document.elementFromPoint(x, y)?.closest("td[data-r]");
    return td && wrap.contains(td) ? { r: +td.dataset.r, c: +td.dataset.c } : null;
  };
  const focusCell = (p) => {
    const s = ops.spanAt(table, p.r, p.c);
    const o = s ? { r: s.row, c: s.col } : p;
    wrap.querySelector(`td[data-r="${o.r}"][data-c="${o.c}"] input`)?.focus();
  };

  /** Asks the engine for the total row and shows it; answers to older questions are dropped. */
  const refresh = async () => {
    if (!table.total_row) { computed = []; return; }
    const mine = ++asked;
    const sent = ops.lastRowTexts(table);
    let answer;
    try {
      answer = await call("table_totals", { table });
    } catch (e) {
      onError(e);
      return;
    }
    if (mine !== asked || !table.total_row) return;
    const redraw = ops.takeTotals(table, answer, sent);
    computed = answer ? answer.computed : [];
    if (redraw) { draw(); return; }
    const r = last();
    table.rows[r].forEach((cell, c) => {
      const input = wrap.querySelector(`td[data-r="${r}"][data-c="${c}"] input`);
      if (!input) return;
      if (input.value !== runsToText(cell)) input.value = runsToText(cell);
      input.readOnly = !!computed[c];
      input.closest("td").classList.toggle("computed", !!computed[c]);
    });
  };

  const draw = () => {
    ops.pad(table);
    const t = el("table");
    const n = ops.columnCount(table);
    table.rows.forEach((row, ri) => {
      const tr = el("tr");
      for (let ci = 0; ci < n; ci++) {
        const s = ops.spanAt(table, ri, ci);
        if (s && (s.row !== ri || s.col !== ci)) continue;
        const input = el("input", { type: "text", value: runsToText(row[ci]), spellcheck: false });
        const ro = isTotal(ri) && !!computed[ci];
        input.readOnly = ro;
        bind(input, (v) => {
          if (input.readOnly) return;
          table.rows[ri][ci] = textToRuns(v);
          if (table.total_row && ri < last()) refresh();
        });
        input.addEventListener("keydown", (ev) => key(ev, input, ri, ci));
        input.addEventListener("focus", () => {
          if (!dragging) { anchor = focus = { r: ri, c: ci }; paint(); }
        });
        const td = el("td", {
          className: [ri < (table.header_rows || 0) ? "th" : "", isTotal(ri) ? "total" : "", ro ? "computed" : ""].filter(Boolean).join(" "),
          colSpan: s ? s.cols : 1,
          rowSpan: s ? s.rows : 1,
          title: isTotal(ri) && ro ? "Phần mềm tự cộng từ các hàng trên" : "",
        }, input);
        td.dataset.r = ri;
        td.dataset.c = ci;
        tr.append(td);
      }
      t.append(tr);
    });
    t.addEventListener("pointerdown", (ev) => {
      if (ev.button !== 0) return;
      const p = at(ev.clientX, ev.clientY);
      if (!p) return;
      dragging = true;
      window.addEventListener("pointerup", () => { dragging = false; }, { once: true });
      anchor = focus = p;
      paint();
    });
    t.addEventListener("pointermove", (ev) => {
      if (!dragging || !(ev.buttons & 1)) return;
      const p = at(ev.clientX, ev.clientY);
      if (p && (p.r !== focus.r || p.c !== focus.c)) { focus = p; paint(); }
    });
    const b = (label, op, run) => {
      const btn = el("button", { type: "button", textContent: label });
      btn.dataset.op = op;
      btn.onclick = () => {
        const was = before();
        const refused = run();
        if (refused) {
          notice(refused);
          return;
        }
        commit(was);
        draw();
        refresh();
      };
      return btn;
    };
    const here = () => focus;
    const widthsReset = (fn) => () => { const r = fn(table); if (!r) table.widths = []; return r; };
    wrap.replaceChildren(t,
      el("div", { className: "row small" },
        b("Gộp ô", "merge", () => { const r = ops.merge(table, selection()); if (!r) { const q = selection(); anchor = focus = { r: q.r0, c: q.c0 }; } return r; }),
        b("Tách ô", "split", () => ops.split(table, here().r, here().c)),
        b("Hàng tiêu đề", "header", () => ops.toggleHeader(table, here().r)),
        b(table.total_row ? "Bỏ hàng tổng cộng" : "Thêm hàng tổng cộng", "total",
          () => (table.total_row ? ops.removeTotal(table) : ops.addTotal(table))),
      ),
      el("div", { className: "row small" },
        b("+ Hàng", "add-row", () => ops.addRow(table)),
        b("− Hàng", "drop-row", () => ops.dropRow(table)),
        b("+ Cột", "add-col", widthsReset(ops.addColumn)),
        b("− Cột", "drop-col", widthsReset(ops.dropColumn)),
        (() => { const x = el("button", { type: "button", textContent: "Xóa bảng" }); x.onclick = () => remove(); return x; })(),
        el("span", { className: "quiet" }, " Chọn nhiều ô: kéo chuột, hoặc Shift + phím mũi tên."),
      ));
    paint();
  };

  let dragging = false;
  /** Shift+arrows grow the selection (left and right once the caret is at the text's edge, so
   *  that Shift+arrows still select letters inside a cell); ↑/↓ move between rows. */
  const key = (ev, input, r, c) => {
    const dirs = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const d = dirs[ev.key];
    if (!d || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    if (d[1] !== 0 && (!ev.shiftKey || (d[1] < 0 ? input.selectionStart !== 0 : input.selectionEnd !== input.value.length))) return;
    const from = ev.shiftKey ? focus : { r, c };
    // A step leaves a merged cell by its far side.
    const s = ops.spanAt(table, from.r, from.c);
    let nr = from.r + d[0], nc = from.c + d[1];
    if (s && d[0] > 0) nr = s.row + s.rows;
    if (s && d[1] > 0) nc = s.col + s.cols;
    if (nr < 0 || nc < 0 || nr >= table.rows.length || nc >= ops.columnCount(table)) return;
    ev.preventDefault();
    if (ev.shiftKey) {
      focus = { r: nr, c: nc };
      paint();
    } else {
      focusCell({ r: nr, c: from.c });
    }
  };

  draw();
  if (table.total_row) refresh();
  return wrap;
}
