// What the form's table grid does to a table of the report, without the DOM: merging and
// splitting cells, header rows, the total row, rows and columns added or taken away, each keeping
// the merged cells (`spans`) where the engine expects them (see `Table` in src-tauri/model).
//
// Every operation changes `table` in place and returns null, or returns a Vietnamese message
// saying why it was refused (and changes nothing). The total row's figures are never computed
// here: the engine sums them (`table_totals`, `figures::totals`).

/** Most header rows the engine keeps (`Table::MAX_HEADER_ROWS`). */
export const MAX_HEADER_ROWS = 4;

const blank = () => [{ text: "" }];
const cellText = (cell) => (cell || []).map((r) => r.text || "").join("");

/** Columns of the grid: the longest row. */
export function columnCount(table) {
  return Math.max(0, ...table.rows.map((r) => r.length));
}

/** Makes every row as long as the grid, so that rows[r][c] is the cell at (r, c). */
export function pad(table) {
  const n = columnCount(table);
  for (const row of table.rows) while (row.length < n) row.push(blank());
  table.spans = table.spans || [];
}

/** The rectangle between two cells, either corner first. */
export function rect(a, b) {
  return { r0: Math.min(a.r, b.r), c0: Math.min(a.c, b.c), r1: Math.max(a.r, b.r), c1: Math.max(a.c, b.c) };
}

const spanRect = (s) => ({ r0: s.row, c0: s.col, r1: s.row + s.rows - 1, c1: s.col + s.cols - 1 });
const meets = (a, b) => a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
const inside = (a, b) => a.r0 >= b.r0 && a.r1 <= b.r1 && a.c0 >= b.c0 && a.c1 <= b.c1;

/** The merged cell covering (r, c), if any. */
export function spanAt(table, r, c) {
  return (table.spans || []).find((s) => r >= s.row && r < s.row + s.rows && c >= s.col && c < s.col + s.cols) || null;
}

/** The rectangle grown to hold whole every merged cell it touches (what the grid highlights). */
export function grow(table, q) {
  let out = { ...q };
  for (let changed = true; changed;) {
    changed = false;
    for (const s of table.spans || []) {
      const sr = spanRect(s);
      if (meets(sr, out) && !inside(sr, out)) {
        out = { r0: Math.min(out.r0, sr.r0), c0: Math.min(out.c0, sr.c0), r1: Math.max(out.r1, sr.r1), c1: Math.max(out.c1, sr.c1) };
        changed = true;
      }
    }
  }
  return out;
}

const sortSpans = (table) => table.spans.sort((a, b) => a.row - b.row || a.col - b.col);

/** "Gộp ô": the cells of `q` become one; their texts are kept, joined, in its first cell. */
export function merge(table, q) {
  pad(table);
  if (q.r0 === q.r1 && q.c0 === q.c1) {
    return "Hãy chọn ít nhất hai ô liền nhau để gộp: kéo chuột qua các ô, hoặc giữ Shift và bấm phím mũi tên.";
  }
  if (table.spans.some((s) => meets(spanRect(s), q) && !inside(spanRect(s), q))) {
    return "Vùng chọn cắt ngang một ô đã gộp. Hãy chọn trọn ô đã gộp đó, hoặc tách nó ra trước.";
  }
  const h = table.header_rows || 0;
  if (q.r0 < h && q.r1 >= h) {
    return "Không gộp được ô của hàng tiêu đề với ô của các hàng số liệu. Hãy chọn các ô chỉ trong hàng tiêu đề, hoặc chỉ trong các hàng số liệu.";
  }
  const last = table.rows.length - 1;
  if (table.total_row && q.r1 === last && q.r0 < last) {
    return "Không gộp được hàng tổng cộng với các hàng ở trên nó.";
  }
  const runs = [];
  for (let r = q.r0; r <= q.r1; r++) {
    for (let c = q.c0; c <= q.c1; c++) {
      const cell = table.rows[r][c];
      if (cellText(cell).trim()) {
        if (runs.length) runs.push({ text: " " });
        runs.push(...cell);
      }
      table.rows[r][c] = blank();
    }
  }
  table.rows[q.r0][q.c0] = runs.length ? runs : blank();
  table.spans = table.spans.filter((s) => !inside(spanRect(s), q));
  table.spans.push({ row: q.r0, col: q.c0, rows: q.r1 - q.r0 + 1, cols: q.c1 - q.c0 + 1 });
  sortSpans(table);
  return null;
}

/** "Tách ô": the merged cell under (r, c) becomes its cells again (its text stays in the first). */
export function split(table, r, c) {
  const s = spanAt(table, r, c);
  if (!s) return "Ô đang chọn không phải ô đã gộp, không có gì để tách.";
  table.spans = table.spans.filter((x) => x !== s);
  return null;
}

/** "Hàng tiêu đề": row `r` and every row above it become header rows, or, when `r` is one
 *  already, it and the rows under it stop being header rows. */
export function toggleHeader(table, r) {
  const h = table.header_rows || 0;
  const want = r < h ? r : r + 1;
  if (table.total_row && r === table.rows.length - 1) {
    return "Hàng tổng cộng không thể là hàng tiêu đề.";
  }
  if (want > MAX_HEADER_ROWS) {
    return `Một bảng có nhiều nhất ${MAX_HEADER_ROWS} hàng tiêu đề (các hàng này được in lại ở đầu mỗi trang bảng đi qua).`;
  }
  if ((table.spans || []).some((s) => s.row < want && s.row + s.rows > want)) {
    return "Có ô gộp nối hàng này với hàng bên cạnh nó. Hãy tách ô đó trước, rồi đặt lại hàng tiêu đề.";
  }
  table.header_rows = want;
  return null;
}

/** A row inserted at `at`: merged cells across the place grow, those below move down. */
function insertRow(table, at) {
  pad(table);
  table.rows.splice(at, 0, Array.from({ length: Math.max(columnCount(table), 1) }, blank));
  for (const s of table.spans) {
    if (s.row >= at) s.row += 1;
    else if (s.row + s.rows > at) s.rows += 1;
  }
}

/** Row `at` taken away: merged cells over it shrink, those below move up. */
function removeRow(table, at) {
  table.rows.splice(at, 1);
  table.spans = (table.spans || []).filter((s) => {
    if (s.row > at) s.row -= 1;
    else if (s.row + s.rows > at) s.rows -= 1;
    return s.rows >= 1 && (s.rows > 1 || s.cols > 1);
  });
  if (at < (table.header_rows || 0)) table.header_rows -= 1;
}

/** "+ Hàng": a row at the end of the figures, above the total row when there is one. */
export function addRow(table) {
  insertRow(table, table.total_row ? table.rows.length - 1 : table.rows.length);
  return null;
}

/** "− Hàng": the last row of figures (never the total row, never the table's only row). */
export function dropRow(table) {
  const at = table.rows.length - 1 - (table.total_row ? 1 : 0);
  if (at < 0 || table.rows.length - (table.total_row ? 1 : 0) <= 1) return "Bảng cần ít nhất một hàng.";
  removeRow(table, at);
  return null;
}

/** "+ Cột": a column at the right. */
export function addColumn(table) {
  pad(table);
  for (const row of table.rows) row.push(blank());
  return null;
}

/** "− Cột": the last column; merged cells over it shrink. */
export function dropColumn(table) {
  pad(table);
  const n = columnCount(table);
  if (n <= 1) return "Bảng cần ít nhất một cột.";
  for (const row of table.rows) row.pop();
  table.spans = table.spans.filter((s) => {
    if (s.col + s.cols > n - 1) s.cols = n - 1 - s.col;
    return s.cols >= 1 && (s.rows > 1 || s.cols > 1);
  });
  return null;
}

/** "Thêm hàng tổng cộng": an empty last row the engine fills with the sums of the rows above. */
export function addTotal(table) {
  if (table.total_row) return null;
  pad(table);
  if (table.rows.length <= (table.header_rows || 0)) {
    return "Bảng chưa có hàng số liệu nào để cộng. Hãy thêm hàng trước.";
  }
  table.rows.push(Array.from({ length: Math.max(columnCount(table), 1) }, blank));
  table.total_row = true;
  return null;
}

/** "Bỏ hàng tổng cộng": the total row taken away. */
export function removeTotal(table) {
  if (!table.total_row) return null;
  removeRow(table, table.rows.length - 1);
  table.total_row = false;
  return null;
}

/** The texts of the total row (the last row) as the table is sent to the engine. */
export function lastRowTexts(table) {
  return (table.rows[table.rows.length - 1] || []).map(cellText);
}

/** The engine's answer (`table_totals`) put into the table: the computed cells, and the other
 *  cells of the total row (a new row's label, a sum left from deleted figures) unless the user
 *  typed in them since the question (`sent`: `lastRowTexts` then); the merged cells it ended
 *  above the total row. Returns whether the merged cells changed (the grid is drawn again). */
export function takeTotals(table, answer, sent) {
  if (!answer || !table.total_row) return false;
  const last = table.rows.length - 1;
  const row = table.rows[last];
  answer.row.forEach((cell, c) => {
    if (c < row.length && (answer.computed[c] || cellText(row[c]) === sent[c])) row[c] = cell;
  });
  const same = JSON.stringify(table.spans || []) === JSON.stringify(answer.spans || []);
  if (!same) table.spans = answer.spans || [];
  return !same;
}
