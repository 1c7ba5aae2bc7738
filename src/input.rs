//! Reading articles as a stream: plain-text files, folders of them, JSON Lines files (one article
//! a line), either of them gzip-compressed, and standard input (`-`). A plain-text file may have a
//! sidecar `NAME.meta.json` with `published`, `url` and `title`.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::date::Date;
use crate::error::Error;
use crate::extract::find_article_date;
use crate::knowledge::Knowledge;
use crate::text::Article;

/// An input problem that skips one article or file, without stopping the run.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Skipped {
    /// Where.
    pub source: String,
    /// Why, and what to do.
    pub reason: String,
}

/// What reading yields, in input order.
#[derive(Debug)]
pub enum Item {
    /// An article.
    Article(Article),
    /// A file or record that was skipped.
    Skipped(Skipped),
}

/// The path that stands for standard input.
pub const STDIN: &str = "-";

/// A file's name lowercased, without a `.gz` suffix, for its extension (a name that is not UTF-8
/// is read with its other bytes replaced).
fn plain_name(p: &Path) -> String {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    name.strip_suffix(".gz").map(str::to_string).unwrap_or(name)
}

/// File names read from a folder: plain text and JSON Lines, optionally gzip-compressed, in any
/// case (`.TXT` too).
fn is_article_file(p: &Path) -> bool {
    let name = plain_name(p);
    [".txt", ".jsonl", ".ndjson"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

fn is_jsonl(p: &Path) -> bool {
    let name = plain_name(p);
    name.ends_with(".jsonl") || name.ends_with(".ndjson")
}

/// A file's name without a `.gz` suffix (in any case) and its extension, as the name's own bytes.
fn stem_bytes(path: &Path) -> &[u8] {
    let raw = path.file_name().unwrap_or_default().as_encoded_bytes();
    let raw = if raw.to_ascii_lowercase().ends_with(b".gz") {
        &raw[..raw.len() - 3]
    } else {
        raw
    };
    raw.iter()
        .rposition(|&c| c == b'.')
        .map_or(raw, |i| &raw[..i])
}

/// A file to read, and the input folder it was found in: the id of a text file is its path below
/// that folder without the extensions (`x/a` for `in/x/a.txt` found in `in`), so that two files of
/// one name in two folders are two articles; a file named directly is named by its name alone.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct InputFile {
    /// The file (`-` for standard input).
    pub path: PathBuf,
    /// The input folder it was found in by walking; none for a file named directly.
    pub found_in: Option<PathBuf>,
}

impl InputFile {
    /// A file named directly (or `-`).
    pub fn named(path: impl Into<PathBuf>) -> InputFile {
        InputFile {
            path: path.into(),
            found_in: None,
        }
    }

    /// The id of the article of a text file: its name without the extensions, after its folders
    /// below the input folder it was found in, joined by `/`. An id that is not UTF-8 keeps every
    /// byte: its other bytes, and `%`, are written `%XX`, so two paths never share an id.
    pub fn id(&self) -> String {
        let mut id = Vec::new();
        let folders = self
            .found_in
            .as_ref()
            .and_then(|top| self.path.parent()?.strip_prefix(top).ok());
        for c in folders.into_iter().flat_map(Path::components) {
            id.extend_from_slice(c.as_os_str().as_encoded_bytes());
            id.push(b'/');
        }
        id.extend_from_slice(stem_bytes(&self.path));
        match String::from_utf8(id) {
            Ok(s) => s,
            Err(e) => percent_bytes(e.as_bytes()),
        }
    }
}

/// The sidecar of a text file: `STEM.meta.json` beside it, STEM its name's own bytes without the
/// extensions.
fn sidecar_of(path: &Path) -> PathBuf {
    let mut name = stem_bytes(path).to_vec();
    name.extend_from_slice(b".meta.json");
    #[cfg(unix)]
    let name = {
        use std::os::unix::ffi::OsStrExt;
        std::ffi::OsStr::from_bytes(&name).to_os_string()
    };
    #[cfg(not(unix))]
    let name = std::ffi::OsString::from(String::from_utf8_lossy(&name).into_owned());
    path.with_file_name(name)
}

/// Bytes as text: valid UTF-8 runs as they are, `%` and every other byte as `%XX`.
fn percent_bytes(mut b: &[u8]) -> String {
    let mut out = String::new();
    while !b.is_empty() {
        match std::str::from_utf8(b) {
            Ok(s) => {
                out.push_str(&s.replace('%', "%25"));
                break;
            }
            Err(e) => {
                let (ok, rest) = b.split_at(e.valid_up_to());
                out.push_str(
                    &std::str::from_utf8(ok)
                        .unwrap_or_default()
                        .replace('%', "%25"),
                );
                let bad = e.error_len().unwrap_or(rest.len());
                for byte in &rest[..bad] {
                    out.push_str(&format!("%{byte:02X}"));
                }
                b = &rest[bad..];
            }
        }
    }
    out
}

/// Lists the article files below `inputs` (folders recursively, following symbolic links but never
/// round a loop), sorted, so the result does not depend on directory order; a file reached twice
/// is read once, as named directly if it was, else as found in the first folder by path. `-`
/// (standard input) is kept, first. A folder or link that cannot be read below an input is a
/// skip; an input that does not exist is an error.
pub fn collect_files(inputs: &[PathBuf]) -> Result<(Vec<InputFile>, Vec<Skipped>), Error> {
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    let mut stdin = false;
    let mut seen = std::collections::BTreeSet::new();
    for p in inputs {
        if p.as_os_str() == STDIN {
            stdin = true;
            continue;
        }
        let meta = std::fs::metadata(p).map_err(|e| Error::Io {
            path: p.display().to_string(),
            message: format!("{e}; give an existing file or folder, or - for standard input"),
        })?;
        if meta.is_dir() {
            walk(p, &mut out, &mut skipped, &mut seen);
        } else if meta.is_file() {
            out.push(InputFile::named(p));
        } else {
            skipped.push(Skipped {
                source: p.display().to_string(),
                reason: "not a regular file (a FIFO, socket or device); not read; give a file, a \
                         folder, or - for standard input"
                    .into(),
            });
        }
    }
    out.sort();
    out.dedup_by(|b, a| a.path == b.path);
    if stdin {
        out.insert(0, InputFile::named(STDIN));
    }
    Ok((out, skipped))
}

/// What identifies a folder however it is reached: its device and inode where the system has
/// them (one `stat`, not a path resolution per component), else its canonical path.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum FolderId {
    #[cfg_attr(not(unix), allow(dead_code))]
    Inode(u64, u64),
    #[cfg_attr(unix, allow(dead_code))]
    Path(PathBuf),
}

fn folder_id(dir: &Path) -> std::io::Result<FolderId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(dir)?;
        Ok(FolderId::Inode(m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        std::fs::canonicalize(dir).map(FolderId::Path)
    }
}

/// Lists the article files below `top`, folder by folder from a stack (no recursion, so depth
/// costs neither stack nor a path resolution per level).
fn walk(
    top: &Path,
    out: &mut Vec<InputFile>,
    skipped: &mut Vec<Skipped>,
    seen: &mut std::collections::BTreeSet<FolderId>,
) {
    let skip = |p: &Path, reason: String| Skipped {
        source: p.display().to_string(),
        reason,
    };
    let mut stack = vec![top.to_path_buf()];
    while let Some(dir) = stack.pop() {
        // a folder reached twice (a link back up the tree) is read once
        match folder_id(&dir) {
            Ok(id) => {
                if !seen.insert(id) {
                    continue;
                }
            }
            Err(e) => {
                skipped.push(skip(&dir, format!("{e}; the folder is not read")));
                continue;
            }
        }
        let rd = match std::fs::read_dir(&dir) {
            Ok(rd) => rd,
            Err(e) => {
                skipped.push(skip(
                    &dir,
                    format!("{e}; the folder is not read (check its permissions)"),
                ));
                continue;
            }
        };
        for entry in rd {
            let p = match entry {
                Ok(entry) => entry.path(),
                Err(e) => {
                    skipped.push(skip(
                        &dir,
                        format!("{e}; an entry of the folder is not read"),
                    ));
                    continue;
                }
            };
            match std::fs::metadata(&p) {
                Ok(m) if m.is_dir() => stack.push(p),
                // (a FIFO would block the run: only regular files are opened)
                Ok(m) if is_article_file(&p) && !m.is_file() => skipped.push(skip(
                    &p,
                    "not a regular file (a FIFO, socket or device); not read".into(),
                )),
                Ok(_) if is_article_file(&p) => out.push(InputFile {
                    path: p,
                    found_in: Some(top.to_path_buf()),
                }),
                Ok(_) => {}
                Err(e) if is_article_file(&p) || p.is_symlink() => skipped.push(skip(
                    &p,
                    format!("{e}; a broken symbolic link or a file that vanished, not read"),
                )),
                Err(_) => {}
            }
        }
    }
}

#[derive(serde::Deserialize, Default)]
struct Meta {
    id: Option<String>,
    text: Option<String>,
    url: Option<String>,
    title: Option<String>,
    published: Option<String>,
}

/// Counts the bytes read from the underlying file (compressed bytes for gzip), for progress.
struct Counting<'a, R> {
    inner: R,
    count: &'a AtomicU64,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Opens a file or standard input, decompressing gzip (recognised by its magic bytes).
fn open<'a>(path: &Path, count: &'a AtomicU64) -> std::io::Result<Box<dyn BufRead + 'a>> {
    let raw: Box<dyn Read + 'a> = if path.as_os_str() == STDIN {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(path)?)
    };
    let mut r = BufReader::with_capacity(1 << 16, Counting { inner: raw, count });
    let gz = r.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    Ok(if gz {
        Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::bufread::MultiGzDecoder::new(r),
        ))
    } else {
        Box::new(r)
    })
}

/// Reads every article of `files` in order and hands each article or skip to `sink`; an article
/// of more than `max_bytes` of text (a file, or a JSON Lines line) is a skip, never held whole.
/// `count` grows with the bytes read. Problems with a file or a record are skips; only a failing
/// `sink` stops the reading (it returns `false`).
pub fn read_inputs(
    files: &[InputFile],
    k: &Knowledge,
    max_bytes: usize,
    count: &AtomicU64,
    mut sink: impl FnMut(Item) -> bool,
) {
    for file in files {
        let f = file.path.as_path();
        let shown = if f.as_os_str() == STDIN {
            "<stdin>".to_string()
        } else {
            f.display().to_string()
        };
        let skip = |reason: String| {
            Item::Skipped(Skipped {
                source: shown.clone(),
                reason,
            })
        };
        let mut r = match open(f, count) {
            Ok(r) => r,
            Err(e) => {
                if sink(skip(format!("{e}; check the path and its permissions"))) {
                    continue;
                }
                return;
            }
        };
        let jsonl = if f.as_os_str() == STDIN {
            // standard input is JSON Lines when it starts with an object, else one article
            match r.fill_buf() {
                Ok(b) => b.iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'{'),
                Err(_) => false,
            }
        } else {
            is_jsonl(f)
        };
        let go_on = if jsonl {
            read_jsonl(&shown, r, k, max_bytes, &mut sink)
        } else {
            let item = read_text(file, &shown, r, k, max_bytes);
            let item = item.unwrap_or_else(|e| skip(e.to_string()));
            sink(item)
        };
        if !go_on {
            return;
        }
    }
}

/// Reads the articles of one file (all of them at once; see [`read_inputs`] for a stream).
pub fn read_file(path: &Path, k: &Knowledge) -> Result<(Vec<Article>, Vec<Skipped>), Error> {
    let (mut arts, mut skips) = (Vec::new(), Vec::new());
    let (file, count) = (InputFile::named(path), AtomicU64::new(0));
    read_inputs(&[file], k, MAX_ARTICLE_BYTES, &count, |item| {
        match item {
            Item::Article(a) => arts.push(a),
            Item::Skipped(s) => skips.push(s),
        }
        true
    });
    Ok((arts, skips))
}

fn read_text(
    file: &InputFile,
    shown: &str,
    mut r: impl Read,
    k: &Knowledge,
    max_bytes: usize,
) -> Result<Item, Error> {
    let path = file.path.as_path();
    let io = |e: std::io::Error| Error::Io {
        path: shown.to_string(),
        message: format!("{e}; check the file (a truncated .gz file cannot be read)"),
    };
    let skip = |reason: String| {
        Ok(Item::Skipped(Skipped {
            source: shown.to_string(),
            reason,
        }))
    };
    // the head decides whether it is text before the rest is read (a gzip bomb, a disk image)
    let mut bytes = Vec::new();
    (&mut r)
        .take(BINARY_HEAD as u64)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if let Some(why) = binary(&bytes) {
        return skip(format!(
            "a binary file, not text ({why}); give plain-text or JSON Lines articles"
        ));
    }
    // at most the limit, and one byte more to tell that there is more
    r.take(max_bytes.saturating_sub(bytes.len()) as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() > max_bytes {
        return skip(format!(
            "larger than {}, the most one article may be; split it into articles (one per file, \
             or JSON Lines), or raise --max-article-mb",
            megabytes(max_bytes)
        ));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => return skip(format!("not UTF-8 text (invalid byte at offset {}); convert it to UTF-8 (e.g. iconv) and run again", e.utf8_error().valid_up_to())),
    };
    if text.trim().is_empty() {
        return skip("empty file; nothing to extract".into());
    }
    if path.as_os_str() == STDIN {
        return Ok(Item::Article(make_article(
            "stdin".into(),
            shown.into(),
            text,
            None,
            None,
            None,
            k,
        )));
    }
    if String::from_utf8_lossy(stem_bytes(path)).trim().is_empty() {
        return skip("a file name with nothing before its extension gives no id; rename it".into());
    }
    let id = file.id();
    let sidecar = sidecar_of(path);
    let mut meta = Meta::default();
    if sidecar.exists() {
        let s = std::fs::read_to_string(&sidecar).map_err(|e| Error::Io {
            path: sidecar.display().to_string(),
            message: e.to_string(),
        })?;
        meta = serde_json::from_str(&s).map_err(|e| Error::Input {
            path: sidecar.display().to_string(),
            line: e.line(),
            message: format!("{e}; a sidecar is a JSON object with optional \"published\" (YYYY-MM-DD), \"url\", \"title\""),
        })?;
    }
    let published = match meta.published.as_deref() {
        Some(p) => Some(parse_published(p).map_err(|message| Error::Input {
            path: sidecar.display().to_string(),
            line: 1,
            message,
        })?),
        None => None,
    };
    Ok(Item::Article(make_article(
        id,
        shown.into(),
        text,
        published,
        meta.url,
        meta.title,
        k,
    )))
}

/// The most bytes of text one article may have (decompressed) unless told otherwise
/// (`--max-article-mb`): a larger one is skipped, not read whole (a gzip bomb, a disk image
/// renamed `.txt`).
pub const MAX_ARTICLE_BYTES: usize = 64 << 20;

/// A size of text for a message: whole megabytes as `64 MB`, else bytes.
fn megabytes(bytes: usize) -> String {
    match bytes % (1 << 20) {
        0 => format!("{} MB", bytes >> 20),
        _ => format!("{bytes} bytes"),
    }
}

/// How much of a file is checked for binary content before the rest is read.
const BINARY_HEAD: usize = 1 << 16;

/// Reads one line into `buf` (cleared by the caller), at most `cap` bytes of it: the bytes read,
/// and whether the line was longer (its rest is read past and dropped, never held).
fn read_line_capped(
    r: &mut impl BufRead,
    buf: &mut Vec<u8>,
    cap: usize,
) -> std::io::Result<(usize, bool)> {
    let n = r.by_ref().take(cap as u64 + 1).read_until(b'\n', buf)?;
    if buf.len() <= cap || buf.ends_with(b"\n") {
        return Ok((n, false));
    }
    buf.clear();
    let mut total = n;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            return Ok((total, true));
        }
        match memchr::memchr(b'\n', chunk) {
            Some(i) => {
                r.consume(i + 1);
                return Ok((total + i + 1, true));
            }
            None => {
                let len = chunk.len();
                r.consume(len);
                total += len;
            }
        }
    }
}

/// The first publication date accepted.
pub const FIRST_PUBLISHED: Date = Date {
    year: 1900,
    month: 1,
    day: 1,
};

/// A `published` value: `YYYY-MM-DD` from 1900-01-01 to a year after today (a later or earlier
/// one is a typo or a placeholder such as 9999-12-31, and would write dates no RDF reader takes).
pub fn parse_published(p: &str) -> Result<Date, String> {
    let d = Date::parse_iso(p)
        .ok_or_else(|| format!("\"published\": {p:?} is not a date; write YYYY-MM-DD"))?;
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |t| t.as_secs());
    let last = Date::from_days(i64::try_from(secs / 86_400).unwrap_or(0) + 366);
    if d < FIRST_PUBLISHED || d > last {
        return Err(format!(
            "\"published\": {p:?} is outside {FIRST_PUBLISHED} to {last} (a year from today); \
             give the article's real date"
        ));
    }
    Ok(d)
}

/// Why the bytes look binary, if they do: a NUL byte, or many control characters in the first
/// 64 KB (text has tabs and line ends, not bells and escapes).
fn binary(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(1 << 16)];
    if let Some(at) = head.iter().position(|&b| b == 0) {
        return Some(format!("a NUL byte at offset {at}"));
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    (control * 20 > head.len())
        .then(|| format!("{control} control bytes in the first {} bytes", head.len()))
}

fn make_article(
    id: String,
    source: String,
    text: String,
    published: Option<Date>,
    url: Option<String>,
    title: Option<String>,
    k: &Knowledge,
) -> Article {
    let (published, inferred) = match published {
        Some(d) => (Some(d), false),
        // a date in the page's head that its story contradicts is a re-post timestamp: not used
        None => (
            find_article_date(&text, k)
                .filter(|d| crate::extract::plausible_article_date(&text, k, *d)),
            true,
        ),
    };
    Article {
        id,
        source,
        text,
        published,
        published_inferred: inferred && published.is_some(),
        url,
        title,
    }
}

/// Reads JSON Lines one line at a time; returns `false` when the sink asked to stop.
fn read_jsonl(
    shown: &str,
    mut r: impl BufRead,
    k: &Knowledge,
    max_bytes: usize,
    sink: &mut impl FnMut(Item) -> bool,
) -> bool {
    let mut buf = Vec::new();
    let mut n = 0usize;
    loop {
        buf.clear();
        n += 1;
        let src = format!("{shown}:{n}");
        let skip = |reason: String| {
            Item::Skipped(Skipped {
                source: src.clone(),
                reason,
            })
        };
        match read_line_capped(&mut r, &mut buf, max_bytes) {
            Ok((0, _)) => return true,
            Ok((_, false)) => {}
            Ok((_, true)) => {
                let why = format!(
                    "a line of more than {}, the most one article may be; not read (raise \
                     --max-article-mb to read it)",
                    megabytes(max_bytes)
                );
                if !sink(skip(why)) {
                    return false;
                }
                continue;
            }
            Err(e) => {
                return sink(skip(format!(
                    "{e}; the rest of the file is not read (a truncated .gz file?)"
                )))
            }
        }
        let line = match std::str::from_utf8(&buf) {
            Ok(l) => l,
            Err(e) => {
                if !sink(skip(format!("not UTF-8 (invalid byte at column {}); convert the file to UTF-8 and run again", e.valid_up_to() + 1))) {
                    return false;
                }
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let item = match serde_json::from_str::<Meta>(line) {
            Err(e) => skip(format!(
                "not a JSON object ({e}); each line needs {{\"id\": ..., \"text\": ...}}"
            )),
            Ok(Meta { id: Some(id), .. }) if id.trim().is_empty() => {
                skip("an empty or blank \"id\"; give each record an id of its own".into())
            }
            Ok(Meta {
                id: Some(id),
                text: Some(body),
                url,
                title,
                published,
            }) => match published.as_deref().map(parse_published) {
                Some(Err(why)) => skip(why),
                other => Item::Article(make_article(
                    id,
                    src.clone(),
                    body,
                    other.and_then(Result::ok),
                    url,
                    title,
                    k,
                )),
            },
            Ok(_) => skip("missing \"id\" or \"text\"; each line needs both".into()),
        };
        if !sink(item) {
            return false;
        }
    }
}
