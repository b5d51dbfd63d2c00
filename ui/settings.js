// The settings view: the open report's layout, the presets every new report takes (agency,
// signers, recipient lists, archive line, layout defaults), the data folder and its backups.

import { call } from "./api.js";
import { el } from "./dom.js";
import { confirmAction } from "./dialogs.js";
import { layoutField, presets, presetSection } from "./presets.js";
import { showTestPage } from "./print.js";

const $ = (id) => document.getElementById(id);

let layoutFields = null;
/**
 * The layout settings as the engine defines them (asked once): the numbers with their ranges,
 * then the choices with their options.
 */
export async function getLayoutFields() {
  if (!layoutFields) {
    const [numbers, choices] = await Promise.all([call("layout_fields"), call("layout_choices")]);
    layoutFields = [...numbers, ...choices];
  }
  return layoutFields;
}

/**
 * Fills the settings view. `ctx`: { report (open draft or null), onReportChange(report),
 * showError, notice, flush, afterRestore() }.
 */
export async function renderSettings(ctx) {
  const fields = await getLayoutFields();
  await presets.refresh();
  const grid = $("layout-settings");
  grid.replaceChildren();
  const report = ctx.report;
  if (!report) {
    grid.append(el("p", { className: "quiet" }, "Hãy mở một báo cáo để chỉnh lề, cỡ chữ và giãn dòng của báo cáo đó."));
  } else {
    for (const f of fields) {
      grid.append(layoutField(f, report.settings, () => ctx.onReportChange(report), ctx.showError));
    }
    const asDefault = el("button", { type: "button", textContent: "Dùng cách trình bày này cho báo cáo mới" });
    asDefault.id = "layout-as-default";
    asDefault.onclick = () => saveLayoutDefault(report, ctx).catch(ctx.showError);
    grid.append(el("div", { className: "row" }, asDefault));
  }

  const box = $("preset-sections");
  const pctx = { ...ctx, layoutFields: fields };
  box.replaceChildren(...["agency", "signer", "recipients", "archive", "layout", "dictionary"].map((k) => presetSection(k, pctx)));

  const p = await call("get_prefs");
  $("data-dir").textContent = p.data_dir || "";
  await refreshBackups(ctx);
}

/** The open report's layout becomes the default layout preset (one, updated in place). */
async function saveLayoutDefault(report, ctx) {
  const existing = presets.of("layout").find((p) => p.is_default);
  const id = await call("save_preset", {
    id: existing ? existing.id : null,
    name: existing ? existing.name : "Trình bày của phường",
    preset: { kind: "layout", data: { ...report.settings } },
  });
  await call("set_default_preset", { id });
  await renderSettings(ctx);
  ctx.notice("Báo cáo mới sẽ dùng cách trình bày này.");
}

async function refreshBackups(ctx) {
  const [list, folder] = await Promise.all([call("list_backups"), call("backup_folder")]);
  $("backup-folder").textContent = folder || "chưa chọn";
  $("btn-backup-folder-clear").hidden = !folder;
  const ul = $("backup-list");
  ul.replaceChildren();
  if (!list.length) ul.append(el("li", { className: "quiet" }, "Chưa có bản sao lưu nào."));
  const restore = async (choice, what) => {
    try {
      const ok = await confirmAction({
        title: "Khôi phục bản sao lưu",
        text: `Khôi phục ${what}? Dữ liệu hiện tại được cất riêng thành một bản sao lưu, không bị xóa.`,
        okLabel: "Khôi phục",
      });
      if (!ok) return;
      await ctx.flush();
      if (!(await call("restore_backup", { choice }))) return;
      await ctx.afterRestore();
      ctx.notice("Đã khôi phục bản sao lưu.");
    } catch (e) { ctx.showError(e); }
  };
  for (const b of list) {
    const button = el("button", { type: "button", textContent: "Khôi phục" });
    button.onclick = () => restore({ kind: "listed", id: b.id }, `bản sao lưu lúc ${formatTime(b.created)}`);
    const where = folder && b.path.startsWith(folder) ? " (thư mục sao lưu đã chọn)" : "";
    const li = el("li", {}, `${formatTime(b.created)} — ${b.kind}${where} `, button);
    li.dataset.id = b.id;
    ul.append(li);
  }
  $("btn-restore-file").onclick = () => restore({ kind: "file" }, "từ một tệp sao lưu bạn chọn");
  $("btn-test-page").onclick = () => showTestPage(ctx).catch(ctx.showError);
  $("btn-backup").onclick = async () => {
    try {
      await ctx.flush();
      const paths = await call("backup_now");
      await refreshBackups(ctx);
      ctx.notice(`Đã sao lưu: ${paths.join("; ")}`);
    } catch (e) { ctx.showError(e); }
  };
  $("btn-backup-file").onclick = async () => {
    try {
      await ctx.flush();
      const path = await call("backup_to_file");
      if (!path) return;
      ctx.notice(`Đã sao lưu ra tệp: ${path}`, [["Mở thư mục", () => call("reveal_path", { path })]]);
    } catch (e) { ctx.showError(e); }
  };
  const setFolder = async (clear) => {
    try {
      await call("set_backup_folder", { clear });
      await refreshBackups(ctx);
    } catch (e) { ctx.showError(e); }
  };
  $("btn-backup-folder").onclick = () => setFolder(false);
  $("btn-backup-folder-clear").onclick = () => setFolder(true);
}

/** "2026-11-27 10:42:00" → "10:42 27/11/2026". */
export function formatTime(s) {
  const m = /^(\d+)-(\d+)-(\d+) (\d+):(\d+)/.exec(s || "");
  return m ? `${m[4]}:${m[5]} ${m[3]}/${m[2]}/${m[1]}` : s || "";
}
