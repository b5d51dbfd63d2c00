// Light markup for the runs of a paragraph: **đậm**, *nghiêng*, ^chỉ số trên^, {{số-liệu:giá-trị}}.
//
// Why a textarea with light markup rather than a contenteditable per paragraph: a textarea is the
// one editing surface whose behaviour with Unikey/EVKey (Telex, VNI) is the same in WebView2 and
// WebKitGTK: the browser owns the text and the caret, we never rebuild the DOM under the user's
// fingers, and the native undo (Ctrl+Z) works. A contenteditable has to be normalised into runs
// and back, which is where duplicated or lost Vietnamese letters come from.

const ESCAPABLE = /[\\*^{}]/g;

function escapeText(t) {
  return t.replace(ESCAPABLE, (c) => "\\" + c);
}

/** Runs → one line of markup. */
export function runsToText(runs) {
  let out = "";
  for (const r of runs || []) {
    let t = r.figure ? `{{${r.figure.id}:${r.figure.show || "value"}}}` : escapeText(r.text || "");
    if (!t) continue;
    if (r.sup) t = `^${t}^`;
    if (r.italic) t = `*${t}*`;
    if (r.bold) t = `**${t}**`;
    out += t;
  }
  return out;
}

/** One line of markup → runs (adjacent runs of one style merged). */
export function textToRuns(line) {
  const runs = [];
  let bold = false, italic = false, sup = false, buf = "";
  const flush = () => {
    if (!buf) return;
    const last = runs[runs.length - 1];
    if (last && !last.figure && !!last.bold === bold && !!last.italic === italic && !!last.sup === sup) {
      last.text += buf;
    } else {
      const r = { text: buf };
      if (bold) r.bold = true;
      if (italic) r.italic = true;
      if (sup) r.sup = true;
      runs.push(r);
    }
    buf = "";
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "\\" && i + 1 < line.length) { buf += line[++i]; continue; }
    if (c === "*" && line[i + 1] === "*") { flush(); bold = !bold; i++; continue; }
    if (c === "*") { flush(); italic = !italic; continue; }
    if (c === "^") { flush(); sup = !sup; continue; }
    if (c === "{" && line[i + 1] === "{") {
      const end = line.indexOf("}}", i + 2);
      if (end > 0) {
        flush();
        const [id, show] = line.slice(i + 2, end).split(":");
        const r = { text: "", figure: { id: id.trim(), show: (show || "value").trim() } };
        if (bold) r.bold = true;
        if (italic) r.italic = true;
        runs.push(r);
        i = end + 1;
        continue;
      }
    }
    buf += c;
  }
  flush();
  return runs;
}

/**
 * Blocks → chunks for the form: consecutive paragraphs and lists become one text chunk (a
 * textarea, one paragraph per line, list items as "- " lines); each table is its own chunk.
 * `where[b]` tells for block b its chunk and first line, for the preview's link to the form.
 */
export function blocksToChunks(blocks) {
  const chunks = [];
  const where = [];
  let text = null;
  (blocks || []).forEach((b, bi) => {
    if (b.type === "table") {
      text = null;
      where[bi] = { chunk: chunks.length, line: 0 };
      chunks.push({ kind: "table", table: b });
      return;
    }
    if (!text) {
      text = { kind: "text", lines: [] };
      chunks.push(text);
    }
    where[bi] = { chunk: chunks.length - 1, line: text.lines.length };
    if (b.type === "list") {
      for (const it of b.items || []) text.lines.push("- " + runsToText(it));
    } else {
      text.lines.push(runsToText(b.runs));
    }
  });
  if (!chunks.length || chunks[chunks.length - 1].kind === "table") chunks.push({ kind: "text", lines: [] });
  return { chunks: chunks.map((c) => (c.kind === "text" ? { kind: "text", text: c.lines.join("\n") } : c)), where };
}

/** The text of one textarea → blocks. Blank lines are dropped: one line is one paragraph. */
export function textToBlocks(text) {
  const blocks = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^[-–•+]\s+(.*)$/.exec(line);
    if (m) {
      const last = blocks[blocks.length - 1];
      const runs = textToRuns(m[1]);
      if (last && last.type === "list") last.items.push(runs);
      else blocks.push({ type: "list", items: [runs] });
    } else {
      blocks.push({ type: "paragraph", runs: textToRuns(line) });
    }
  }
  return blocks;
}

/** Chunks from the form → blocks of the model. */
export function chunksToBlocks(chunks) {
  const blocks = [];
  for (const c of chunks) {
    if (c.kind === "table") blocks.push(c.table);
    else blocks.push(...textToBlocks(c.text));
  }
  return blocks;
}
