// The table grid's operations of ui/table-ops.js on tables shaped as the engine stores them.
// Run by tests/ui_modules.rs through `node --test`.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as ops from "../../ui/table-ops.js";

const t = (rows, extra = {}) => ({
  type: "table", header_rows: 1, widths: [], spans: [],
  rows: rows.map((r) => r.map((x) => [{ text: x }])), ...extra,
});
const text = (table, r, c) => table.rows[r][c].map((x) => x.text).join("");

test("two header cells merge into one keeping both texts; merging across a merge's edge is refused", () => {
  const table = t([["Hình thức", "tiếp nhận", "Ghi chú"], ["1", "2", "x"]]);
  assert.equal(ops.merge(table, ops.rect({ r: 0, c: 0 }, { r: 0, c: 1 })), null);
  assert.deepEqual(table.spans, [{ row: 0, col: 0, rows: 1, cols: 2 }]);
  assert.equal(text(table, 0, 0), "Hình thức tiếp nhận");
  assert.equal(text(table, 0, 1), "", "a covered cell is kept empty");
  const before = JSON.stringify(table);
  const refused = ops.merge(table, ops.rect({ r: 0, c: 1 }, { r: 0, c: 2 }));
  assert.match(refused, /cắt ngang một ô đã gộp/);
  assert.equal(JSON.stringify(table), before, "nothing changed");
  // The grid grows a selection to whole merged cells, which then merge again.
  const grown = ops.grow(table, ops.rect({ r: 0, c: 1 }, { r: 0, c: 2 }));
  assert.deepEqual(grown, { r0: 0, c0: 0, r1: 0, c1: 2 });
  assert.equal(ops.merge(table, grown), null);
  assert.deepEqual(table.spans, [{ row: 0, col: 0, rows: 1, cols: 3 }]);
  assert.equal(text(table, 0, 0), "Hình thức tiếp nhận Ghi chú");
});

test("merges are refused across the header's edge, into the total row, and of one cell", () => {
  const table = t([["A", "B"], ["1", "2"], ["3", "4"]]);
  assert.match(ops.merge(table, ops.rect({ r: 0, c: 0 }, { r: 1, c: 0 })), /hàng tiêu đề/);
  assert.match(ops.merge(table, ops.rect({ r: 1, c: 1 }, { r: 1, c: 1 })), /ít nhất hai ô/);
  assert.equal(ops.addTotal(table), null);
  assert.match(ops.merge(table, ops.rect({ r: 2, c: 0 }, { r: 3, c: 0 })), /hàng tổng cộng/);
  // Inside the total row itself ("Tổng cộng" over STT and the label) it is fine.
  assert.equal(ops.merge(table, ops.rect({ r: 3, c: 0 }, { r: 3, c: 1 })), null);
});

test("split takes the merge under the cursor apart; a plain cell has nothing to split", () => {
  const table = t([["A", "B", "C"], ["1", "2", "3"]]);
  ops.merge(table, ops.rect({ r: 0, c: 1 }, { r: 0, c: 2 }));
  assert.match(ops.split(table, 1, 1), /không có gì để tách/);
  assert.equal(ops.split(table, 0, 2), null);
  assert.deepEqual(table.spans, []);
  assert.equal(text(table, 0, 1), "B C");
});

test("header rows: a row and those above it; at most four; not across a merge; never the total", () => {
  const table = t([["A", "B"], ["a", "b"], ["1", "2"], ["3", "4"], ["5", "6"], ["7", "8"]]);
  assert.equal(ops.toggleHeader(table, 1), null);
  assert.equal(table.header_rows, 2);
  assert.equal(ops.toggleHeader(table, 1), null, "a header row clicked again stops being one");
  assert.equal(table.header_rows, 1);
  assert.match(ops.toggleHeader(table, 4), /nhiều nhất 4 hàng tiêu đề/);
  ops.merge(table, ops.rect({ r: 1, c: 0 }, { r: 2, c: 0 }));
  assert.match(ops.toggleHeader(table, 1), /tách ô đó trước/);
  ops.addTotal(table);
  assert.match(ops.toggleHeader(table, table.rows.length - 1), /tổng cộng/);
});

test("rows and columns added and taken away keep merges and the total row in place", () => {
  const table = t([["A", "B", "C"], ["x", "1", "2"], ["y", "3", "4"]]);
  ops.merge(table, ops.rect({ r: 1, c: 0 }, { r: 2, c: 0 }));
  ops.addTotal(table);
  assert.equal(table.rows.length, 4);
  assert.equal(table.total_row, true);
  ops.addRow(table);
  assert.equal(table.rows.length, 5);
  assert.ok(table.rows[4].every((c) => text({ rows: [[c]] }, 0, 0) === ""), "the total row stays last");
  assert.deepEqual(table.spans, [{ row: 1, col: 0, rows: 2, cols: 1 }], "a merge ending above the new row is untouched");
  ops.dropRow(table); // the new row
  ops.dropRow(table); // row "y": the merge shrinks to one cell and goes
  assert.deepEqual(table.spans, []);
  assert.equal(table.rows.length, 3);
  ops.merge(table, ops.rect({ r: 0, c: 1 }, { r: 0, c: 2 }));
  ops.dropColumn(table);
  assert.deepEqual(table.spans, [], "a merge of the dropped column shrinks to one cell");
  assert.equal(ops.removeTotal(table), null);
  assert.equal(table.total_row, false);
  assert.equal(table.rows.length, 2);
  const one = t([["A"]]);
  assert.match(ops.dropColumn(one), /ít nhất một cột/);
  assert.match(ops.addTotal(one), /chưa có hàng số liệu/);
});

test("the engine's total row is taken: computed cells, a new label, merges it ended", () => {
  const table = t([["Mục", "Số"], ["A", "1"], ["B", "2"]]);
  ops.addTotal(table);
  table.rows[3][1] = [{ text: "tự gõ" }];
  let sent = ops.lastRowTexts(table);
  assert.deepEqual(sent, ["", "tự gõ"]);
  const answer = {
    row: [[{ text: "Tổng cộng" }], [{ text: "3" }]],
    computed: [false, true],
    spans: [],
  };
  assert.equal(ops.takeTotals(table, answer, sent), false);
  assert.equal(text(table, 3, 0), "Tổng cộng");
  assert.equal(text(table, 3, 1), "3");
  // A label the user typed while the engine was asked is not overwritten; a computed cell is.
  sent = ops.lastRowTexts(table);
  table.rows[3][0] = [{ text: "Cộng" }];
  table.rows[3][1] = [{ text: "9" }];
  ops.takeTotals(table, answer, sent);
  assert.equal(text(table, 3, 0), "Cộng");
  assert.equal(text(table, 3, 1), "3");
  // A cell the engine emptied (a sum of figures since deleted) is emptied.
  sent = ops.lastRowTexts(table);
  ops.takeTotals(table, { ...answer, row: [[{ text: "Cộng" }], [{ text: "" }]], computed: [false, false] }, sent);
  assert.equal(text(table, 3, 1), "");
  assert.equal(ops.takeTotals(table, { ...answer, spans: [{ row: 0, col: 0, rows: 1, cols: 2 }] }, sent), true);
});
