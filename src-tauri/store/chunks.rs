//! Content-addressed storage of reports: a report is cut into chunks, one per block, one per
//! section (naming its blocks and subsections by chunk id), one per appendix, one for the
//! heading part (issuer, recipients, signer, settings) and a small root. A chunk is stored once,
//! under the hash of its bytes, whoever uses it.
//!
//! Why: a version must not copy what did not change. Editing one paragraph makes one new block
//! chunk, new chunks for the sections above it (a title and a list of ids each) and a new root;
//! everything else is shared with the previous version. Chunks are JSON taken from the model's own
//! serde form, so a field added to the model is stored without touching this file.
//!
//! Chunks nothing points to any more (intermediate autosaves, purged drafts) are swept by
//! [`Store::collect_garbage`], once a day and after a purge.
//!
//! A database is a file anyone can hand us (a backup from a colleague, a damaged disk), so the
//! reader trusts no id in it: a section that lists itself (or an ancestor), an outline deeper than
//! any report, or shared chunks that multiply into gigabytes end in a Vietnamese error, never in a
//! stack overflow or an exhausted memory. The garbage collector walks with its own stack for the
//! same reason.

use std::collections::{HashMap, HashSet};

use rusqlite::{OptionalExtension, Transaction};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::{storage_err, Store};
use crate::error::{Error, Result};
use crate::model::Report;

/// Bytes of SHA-256 kept as the address: 128 bits leave collisions out of reach for any number
/// of chunks a ward will ever write, at half the index size.
pub const HASH_LEN: usize = 16;

type Hash = [u8; HASH_LEN];

fn hash(data: &[u8]) -> Hash {
    let full = Sha256::digest(data);
    let mut h = [0u8; HASH_LEN];
    h.copy_from_slice(&full[..HASH_LEN]);
    h
}

/// Content hash → id of chunks this connection committed, so that an autosave of a report whose
/// blocks did not change does not even ask the database.
///
/// Another process (the `baocao` tool, a second window) may delete chunks behind our back: its
/// garbage collection, or a restore that replaces the whole database. A stale entry would make a
/// save point to a chunk that is gone and lose the report, so the cache is only trusted while
/// SQLite's `PRAGMA data_version` (which changes when another connection commits) is the one it
/// was filled under.
#[derive(Default)]
pub(crate) struct Cache {
    ids: HashMap<Hash, i64>,
    /// `PRAGMA data_version` when `ids` was last known to match the database.
    data_version: Option<i64>,
}

impl Cache {
    /// Forgets every entry (after this connection deleted or replaced chunks).
    pub(crate) fn clear(&mut self) {
        self.ids.clear();
    }

    /// The entries, after emptying them if another connection committed since they were made.
    /// When the version cannot be read, nothing is trusted.
    fn checked(&mut self, tx: &Transaction) -> &HashMap<Hash, i64> {
        let now: Option<i64> = tx.query_row("PRAGMA data_version", [], |r| r.get(0)).ok();
        if now.is_none() || now != self.data_version {
            self.ids.clear();
            self.data_version = now;
        }
        &self.ids
    }
}

/// Writes chunks within one transaction; the new (hash, id) pairs go into the store's cache only
/// once the caller has committed.
pub(crate) struct Writer<'a, 'c> {
    tx: &'a Transaction<'c>,
    known: &'a HashMap<Hash, i64>,
    pub(crate) added: Vec<(Hash, i64)>,
}

impl<'a, 'c> Writer<'a, 'c> {
    /// A writer in `tx`, using the store's `cache` of committed chunks once it is checked against
    /// the database (see [`Cache`]). Call it inside the transaction, so that the check and the
    /// writes see the same database.
    pub(crate) fn new(tx: &'a Transaction<'c>, cache: &'a mut Cache) -> Self {
        Writer {
            tx,
            known: cache.checked(tx),
            added: Vec::new(),
        }
    }

    fn put(&mut self, value: &Value) -> rusqlite::Result<i64> {
        // Serialising a serde_json::Value cannot fail.
        let data = serde_json::to_vec(value).unwrap_or_default();
        let h = hash(&data);
        if let Some(id) = self.known.get(&h) {
            return Ok(*id);
        }
        if let Some((_, id)) = self.added.iter().find(|(a, _)| *a == h) {
            return Ok(*id);
        }
        let found: Option<i64> = self
            .tx
            .prepare_cached("SELECT id FROM chunks WHERE hash = ?1")?
            .query_row([&h[..]], |r| r.get(0))
            .optional()?;
        let id = match found {
            Some(id) => id,
            None => {
                self.tx
                    .prepare_cached("INSERT INTO chunks(hash, data) VALUES(?1, ?2)")?
                    .execute((&h[..], &data))?;
                self.tx.last_insert_rowid()
            }
        };
        self.added.push((h, id));
        Ok(id)
    }

    fn put_blocks(&mut self, blocks: Value) -> rusqlite::Result<Value> {
        let mut ids = Vec::new();
        if let Value::Array(a) = blocks {
            for b in a {
                ids.push(Value::from(self.put(&b)?));
            }
        }
        Ok(Value::Array(ids))
    }

    fn put_sections(&mut self, sections: Value) -> rusqlite::Result<Value> {
        let mut ids = Vec::new();
        if let Value::Array(a) = sections {
            for s in a {
                ids.push(Value::from(self.put_node(s, SECTION)?));
            }
        }
        Ok(Value::Array(ids))
    }

    /// Stores a section or an appendix: its blocks and its sections become lists of chunk ids.
    fn put_node(&mut self, node: Value, keys: NodeKeys) -> rusqlite::Result<i64> {
        let mut n = into_object(node);
        let blocks = n.remove(keys.blocks).unwrap_or(Value::Null);
        n.insert(keys.blocks.into(), self.put_blocks(blocks)?);
        let sections = n.remove(keys.sections).unwrap_or(Value::Null);
        n.insert(keys.sections.into(), self.put_sections(sections)?);
        self.put(&Value::Object(n))
    }

    /// Stores `report` and returns the id of its root chunk.
    pub(crate) fn put_report(&mut self, report: &Report) -> Result<i64> {
        let v = serde_json::to_value(report)
            .map_err(|e| Error::internal(format!("Không chuyển được báo cáo để lưu ({e}).")))?;
        self.put_report_value(v)
            .map_err(|e| storage_err("lưu báo cáo", &e))
    }

    fn put_report_value(&mut self, v: Value) -> rusqlite::Result<i64> {
        let mut head = into_object(v);
        let intro = head.remove("intro").unwrap_or(Value::Null);
        let body = head.remove("body").unwrap_or(Value::Null);
        let appendices = head.remove("appendices").unwrap_or(Value::Null);
        let mut root = Map::new();
        root.insert("i".into(), self.put_blocks(intro)?);
        root.insert("b".into(), self.put_sections(body)?);
        let mut app_ids = Vec::new();
        if let Value::Array(a) = appendices {
            for ap in a {
                app_ids.push(Value::from(self.put_node(ap, APPENDIX)?));
            }
        }
        root.insert("a".into(), Value::Array(app_ids));
        root.insert("h".into(), Value::from(self.put(&Value::Object(head))?));
        self.put(&Value::Object(root))
    }
}

/// Where a node of the outline keeps its blocks and its sub-sections.
#[derive(Clone, Copy)]
struct NodeKeys {
    blocks: &'static str,
    sections: &'static str,
}

const SECTION: NodeKeys = NodeKeys {
    blocks: "blocks",
    sections: "children",
};
const APPENDIX: NodeKeys = NodeKeys {
    blocks: "intro",
    sections: "body",
};

fn into_object(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

fn ids(v: Option<&Value>) -> Vec<i64> {
    v.and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_i64).collect())
        .unwrap_or_default()
}

/// Deepest outline the reader follows. A report file or the window cannot nest deeper than
/// serde_json's recursion limit allows (128 levels of JSON, two per section), so a deeper
/// outline in the database was not written by Báo cáo.
pub const MAX_DEPTH: usize = 64;
/// Most chunks read for one report. The 19-page sample is 190 chunks (75 KB of chunk data), so a
/// report as large as the largest report file accepted (20 MB) is some 50,000; this is four times
/// that. Chunks shared many times over (a section listing the same sub-section twice, nested
/// forty deep) would otherwise multiply into billions of reads.
pub const MAX_READS: usize = 200_000;
/// Most bytes of chunk data read for one report: four times the largest report file.
pub const MAX_BYTES: usize = 4 * crate::model::file::MAX_FILE_BYTES;

/// Reads chunks back into a report.
pub(crate) struct Reader<'a> {
    conn: &'a rusqlite::Connection,
    /// Chunks and bytes read so far, against [`MAX_READS`] and [`MAX_BYTES`].
    reads: std::cell::Cell<(usize, usize)>,
}

fn damaged_chunk(id: i64) -> Error {
    Error::storage(format!(
        "Một phần nội dung đã lưu (khối {id}) bị thiếu hoặc hỏng. Hãy mở một phiên bản trước của bản nháp, hoặc khôi phục từ bản sao lưu."
    ))
}

/// A section that contains itself, directly or through its sub-sections: only a damaged or
/// hand-made database has one.
fn cyclic_chunk(id: i64) -> Error {
    Error::storage(format!(
        "Dữ liệu đã lưu bị hỏng: một mục (khối {id}) chứa chính nó nên không đọc được. Hãy mở một phiên bản trước của bản nháp, hoặc khôi phục từ một bản sao lưu khác."
    ))
}

fn oversized(why: &str) -> Error {
    Error::storage(format!(
        "Dữ liệu đã lưu bị hỏng: báo cáo {why}, vượt xa mọi báo cáo thật nên không đọc được. Hãy mở một phiên bản trước của bản nháp, hoặc khôi phục từ một bản sao lưu khác."
    ))
}

impl<'a> Reader<'a> {
    pub(crate) fn new(conn: &'a rusqlite::Connection) -> Self {
        Reader {
            conn,
            reads: Default::default(),
        }
    }

    fn data(&self, id: i64) -> Result<Vec<u8>> {
        let data: Option<Vec<u8>> = self
            .conn
            .prepare_cached("SELECT data FROM chunks WHERE id = ?1")
            .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional())
            .map_err(|e| storage_err("đọc báo cáo", &e))?;
        data.ok_or_else(|| damaged_chunk(id))
    }

    /// Chunk `id`, not counted against the limits of one report: the garbage collector reads each
    /// chunk at most once, so its reads are bounded by the table.
    fn get_unbounded(&self, id: i64) -> Result<Value> {
        serde_json::from_slice(&self.data(id)?).map_err(|_| damaged_chunk(id))
    }

    /// Chunk `id` as part of the report being read, counted against [`MAX_READS`] and
    /// [`MAX_BYTES`].
    fn get(&self, id: i64) -> Result<Value> {
        let data = self.data(id)?;
        let (n, bytes) = self.reads.get();
        let (n, bytes) = (n + 1, bytes.saturating_add(data.len()));
        if n > MAX_READS {
            return Err(oversized("có quá nhiều phần"));
        }
        if bytes > MAX_BYTES {
            return Err(oversized("quá lớn"));
        }
        self.reads.set((n, bytes));
        serde_json::from_slice(&data).map_err(|_| damaged_chunk(id))
    }

    fn blocks(&self, v: Option<&Value>) -> Result<Value> {
        ids(v)
            .into_iter()
            .map(|id| self.get(id))
            .collect::<Result<Vec<_>>>()
            .map(Value::Array)
    }

    /// The sections listed in `v`, under the chain of nodes `path` (outermost first).
    fn sections(&self, v: Option<&Value>, path: &mut Vec<i64>) -> Result<Value> {
        ids(v)
            .into_iter()
            .map(|id| self.node(id, SECTION, path))
            .collect::<Result<Vec<_>>>()
            .map(Value::Array)
    }

    /// A section or an appendix with its blocks and sections read back in place of their ids.
    /// `path` holds the nodes above it: meeting one of them again is a cycle.
    fn node(&self, id: i64, keys: NodeKeys, path: &mut Vec<i64>) -> Result<Value> {
        if path.contains(&id) {
            return Err(cyclic_chunk(id));
        }
        if path.len() >= MAX_DEPTH {
            return Err(oversized("lồng quá nhiều cấp mục"));
        }
        let mut n = into_object(self.get(id)?);
        let blocks = self.blocks(n.get(keys.blocks))?;
        path.push(id);
        let sections = self.sections(n.get(keys.sections), path);
        path.pop();
        n.insert(keys.blocks.into(), blocks);
        n.insert(keys.sections.into(), sections?);
        Ok(Value::Object(n))
    }

    /// The report whose root chunk is `root`, with every number that sizes something clamped
    /// (`Report::clamp_sizes`): a database is a file someone may have handed us.
    pub(crate) fn report(&self, root: i64) -> Result<Report> {
        self.reads.set((0, 0));
        let r = into_object(self.get(root)?);
        let head_id = r
            .get("h")
            .and_then(Value::as_i64)
            .ok_or_else(|| damaged_chunk(root))?;
        let mut head = into_object(self.get(head_id)?);
        let mut path = Vec::new();
        head.insert("intro".into(), self.blocks(r.get("i"))?);
        head.insert("body".into(), self.sections(r.get("b"), &mut path)?);
        let apps = ids(r.get("a"))
            .into_iter()
            .map(|id| self.node(id, APPENDIX, &mut path))
            .collect::<Result<Vec<_>>>()?;
        head.insert("appendices".into(), Value::Array(apps));
        let mut report: Report =
            serde_json::from_value(Value::Object(head)).map_err(|_| damaged_chunk(root))?;
        report.clamp_sizes();
        Ok(report)
    }
}

impl Store {
    /// Remembers chunks a committed transaction wrote.
    pub(crate) fn remember_chunks(&mut self, added: Vec<(Hash, i64)>) {
        // A bound keeps a long session from growing without end; a miss only costs a lookup.
        let ids = &mut self.chunk_ids.ids;
        if ids.len() > 200_000 {
            ids.clear();
        }
        ids.extend(added);
    }

    /// Deletes the chunks that no draft and no version points to any more; returns how many.
    ///
    /// Autosaves between two versions leave chunks behind that nothing needs; sweeping them once
    /// a day keeps the database the size of what the user can still open.
    pub fn collect_garbage(&mut self) -> Result<usize> {
        self.chunk_ids.clear();
        let tx = self
            .conn
            .transaction()
            .map_err(|e| storage_err("dọn cơ sở dữ liệu", &e))?;
        let roots: Vec<i64> = {
            let mut stmt = tx
                .prepare("SELECT root FROM drafts UNION SELECT root FROM versions")
                .map_err(|e| storage_err("dọn cơ sở dữ liệu", &e))?;
            let rows = stmt
                .query_map([], |r| r.get(0))
                .map_err(|e| storage_err("dọn cơ sở dữ liệu", &e))?;
            rows.collect::<rusqlite::Result<_>>()
                .map_err(|e| storage_err("dọn cơ sở dữ liệu", &e))?
        };
        let reader = Reader::new(&tx);
        let mut seen: HashSet<i64> = HashSet::new();
        for root in roots {
            mark_root(&reader, root, &mut seen)?;
        }
        let all: Vec<i64> = {
            let mut stmt = tx
                .prepare("SELECT id FROM chunks")
                .map_err(|e| storage_err("dọn cơ sở dữ liệu", &e))?;
            let rows = stmt
                .query_map([], |r| r.get(0))
                .map_err(|e| storage_err("dọn cơ sở dữ liệu", &e))?;
            rows.collect::<rusqlite::Result<_>>()
                .map_err(|e| storage_err("dọn cơ sở dữ liệu", &e))?
        };
        let mut n = 0;
        {
            let mut del = tx
                .prepare("DELETE FROM chunks WHERE id = ?1")
                .map_err(|e| storage_err("dọn cơ sở dữ liệu", &e))?;
            for id in all.into_iter().filter(|id| !seen.contains(id)) {
                n += del
                    .execute([id])
                    .map_err(|e| storage_err("dọn cơ sở dữ liệu", &e))?;
            }
        }
        tx.commit()
            .map_err(|e| storage_err("dọn cơ sở dữ liệu", &e))?;
        Ok(n)
    }
}

/// Marks every chunk reachable from `root`. A chunk already seen is not read again: what it points
/// to was marked with it, which makes a thousand versions sharing most chunks cheap to walk. The
/// walk keeps its own stack, so neither a cycle nor a deep outline in a damaged database can
/// overflow the thread's.
fn mark_root(reader: &Reader, root: i64, seen: &mut HashSet<i64>) -> Result<()> {
    if !seen.insert(root) {
        return Ok(());
    }
    let r = reader.get_unbounded(root)?;
    if let Some(h) = r.get("h").and_then(Value::as_i64) {
        seen.insert(h);
    }
    seen.extend(ids(r.get("i")));
    let mut todo: Vec<(i64, NodeKeys)> = ids(r.get("b"))
        .into_iter()
        .map(|s| (s, SECTION))
        .chain(ids(r.get("a")).into_iter().map(|a| (a, APPENDIX)))
        .collect();
    while let Some((id, keys)) = todo.pop() {
        if !seen.insert(id) {
            continue;
        }
        let n = reader.get_unbounded(id)?;
        seen.extend(ids(n.get(keys.blocks)));
        todo.extend(ids(n.get(keys.sections)).into_iter().map(|c| (c, SECTION)));
    }
    Ok(())
}
