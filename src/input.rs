//! Reading articles: plain-text files, folders of them, and JSON Lines files. A plain-text file may
//! have a sidecar `NAME.meta.json` with `published`, `url` and `title`.

use std::path::{Path, PathBuf};

use crate::date::Date;
use crate::error::Error;
use crate::extract::find_article_date;
use crate::knowledge::Knowledge;
use crate::text::Article;

/// An input problem that skips one article or file, without stopping the run.
#[derive(Debug, Clone)]
pub struct Skipped {
    /// Where.
    pub source: String,
    /// Why, and what to do.
    pub reason: String,
}

/// Lists the article files below `inputs` (folders recursively), sorted, so the result does not
/// depend on directory order.
pub fn collect_files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    for p in inputs {
        let meta = std::fs::metadata(p).map_err(|e| Error::Io {
            path: p.display().to_string(),
            message: format!("{e}; give an existing file or folder"),
        })?;
        if meta.is_dir() {
            walk(p, &mut out)?;
        } else {
            out.push(p.clone());
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
    let rd = std::fs::read_dir(dir).map_err(|e| Error::Io {
        path: dir.display().to_string(),
        message: e.to_string(),
    })?;
    for entry in rd {
        let entry = entry.map_err(|e| Error::Io {
            path: dir.display().to_string(),
            message: e.to_string(),
        })?;
        let p = entry.path();
        if p.is_dir() {
            walk(&p, out)?;
        } else if matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("txt" | "jsonl")
        ) {
            out.push(p);
        }
    }
    Ok(())
}

#[derive(serde::Deserialize, Default)]
struct Meta {
    id: Option<String>,
    text: Option<String>,
    url: Option<String>,
    title: Option<String>,
    published: Option<String>,
}

/// Reads the articles of one file. Problems with single records are returned as skips.
pub fn read_file(path: &Path, k: &Knowledge) -> Result<(Vec<Article>, Vec<Skipped>), Error> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Error::Io {
        path: shown.clone(),
        message: format!("{e}; check the path and its permissions"),
    })?;
    let is_jsonl = path.extension().and_then(|e| e.to_str()) == Some("jsonl");
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            return Ok((vec![], vec![Skipped {
                source: shown,
                reason: format!("not UTF-8 text (invalid byte at offset {}); convert it to UTF-8 (e.g. iconv) and run again", e.utf8_error().valid_up_to()),
            }]))
        }
    };
    if is_jsonl {
        return Ok(read_jsonl(&shown, &text, k));
    }
    let id = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("article")
        .to_string();
    if text.trim().is_empty() {
        return Ok((
            vec![],
            vec![Skipped {
                source: shown,
                reason: "empty file; nothing to extract".into(),
            }],
        ));
    }
    // sidecar metadata
    let sidecar = path.with_file_name(format!("{id}.meta.json"));
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
        Some(p) => Some(Date::parse_iso(p).ok_or_else(|| Error::Input {
            path: sidecar.display().to_string(),
            line: 1,
            message: format!("\"published\": {p:?} is not a date; write YYYY-MM-DD"),
        })?),
        None => None,
    };
    Ok((
        vec![make_article(
            id, shown, text, published, meta.url, meta.title, k,
        )],
        vec![],
    ))
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

fn read_jsonl(shown: &str, text: &str, k: &Knowledge) -> (Vec<Article>, Vec<Skipped>) {
    let mut arts = Vec::new();
    let mut skips = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let src = format!("{shown}:{}", i + 1);
        let m: Meta = match serde_json::from_str(line) {
            Ok(m) => m,
            Err(e) => {
                skips.push(Skipped {
                    source: src,
                    reason: format!(
                        "not a JSON object ({e}); each line needs {{\"id\": ..., \"text\": ...}}"
                    ),
                });
                continue;
            }
        };
        let (Some(id), Some(body)) = (m.id.clone(), m.text.clone()) else {
            skips.push(Skipped {
                source: src,
                reason: "missing \"id\" or \"text\"; each line needs both".into(),
            });
            continue;
        };
        let published = match m.published.as_deref() {
            Some(p) => match Date::parse_iso(p) {
                Some(d) => Some(d),
                None => {
                    skips.push(Skipped {
                        source: src,
                        reason: format!("\"published\": {p:?} is not a date; write YYYY-MM-DD"),
                    });
                    continue;
                }
            },
            None => None,
        };
        arts.push(make_article(id, src, body, published, m.url, m.title, k));
    }
    (arts, skips)
}
