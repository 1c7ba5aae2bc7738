//! Exports: RDF (Turtle, N-Quads), Graphviz DOT (and SVG through `dot` when installed), node-link
//! JSON and the merge log. Files are written to temporary names and renamed only when all are
//! complete, so an interrupted run leaves the previous output in place.

mod dot;
mod json;
mod rdf;

use std::path::{Path, PathBuf};

pub use dot::write_dot;
pub use json::{write_json, write_merges};
pub use rdf::{write_nquads, write_turtle, DEFAULT_BASE, NG};

use crate::error::Error;
use crate::graph::KnowledgeGraph;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// `graph.ttl`.
    Turtle,
    /// `graph.nq`.
    NQuads,
    /// `graph.dot`, and `graph.svg` when Graphviz is installed.
    Dot,
    /// `graph.json`.
    Json,
    /// `merges.json`.
    Merges,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 5] = [
        Format::Turtle,
        Format::NQuads,
        Format::Dot,
        Format::Json,
        Format::Merges,
    ];

    /// The file name it writes.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Turtle => "graph.ttl",
            Format::NQuads => "graph.nq",
            Format::Dot => "graph.dot",
            Format::Json => "graph.json",
            Format::Merges => "merges.json",
        }
    }

    /// Parses a format name (`ttl`, `nq`, `dot`, `json`, `merges`).
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "ttl" | "turtle" => Format::Turtle,
            "nq" | "nquads" => Format::NQuads,
            "dot" => Format::Dot,
            "json" => Format::Json,
            "merges" => Format::Merges,
            _ => return None,
        })
    }
}

/// What writing produced.
#[derive(Debug, Default)]
pub struct Written {
    /// Files written.
    pub files: Vec<PathBuf>,
    /// A note for the user (e.g. that Graphviz is missing so no SVG was rendered).
    pub notes: Vec<String>,
}

fn render(g: &KnowledgeGraph, f: Format, base: &str) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    match f {
        Format::Turtle => write_turtle(g, base, &mut buf)?,
        Format::NQuads => write_nquads(g, base, &mut buf)?,
        Format::Dot => write_dot(g, &mut buf)?,
        Format::Json => write_json(g, base, &mut buf)?,
        Format::Merges => write_merges(g, &mut buf)?,
    }
    Ok(buf)
}

/// Writes the chosen formats into `dir` (created if needed), atomically.
pub fn write_all(
    g: &KnowledgeGraph,
    dir: &Path,
    formats: &[Format],
    base: &str,
    svg: bool,
) -> Result<Written, Error> {
    let io = |p: &Path, e: std::io::Error| Error::Io {
        path: p.display().to_string(),
        message: format!("{e}; check that the output folder is writable and the disk has room"),
    };
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let stage =
        |name: &str, bytes: &[u8], staged: &mut Vec<(PathBuf, PathBuf)>| -> Result<(), Error> {
            let fin = dir.join(name);
            let tmp = dir.join(format!(".{name}.tmp{}", std::process::id()));
            std::fs::write(&tmp, bytes).map_err(|e| io(&tmp, e))?;
            staged.push((tmp, fin));
            Ok(())
        };
    let mut notes = Vec::new();
    let result = (|| -> Result<(), Error> {
        for &f in formats {
            let bytes = render(g, f, base).map_err(|e| io(&dir.join(f.file_name()), e))?;
            stage(f.file_name(), &bytes, &mut staged)?;
            if f == Format::Dot && svg {
                match render_svg(&bytes) {
                    Ok(Some(svg)) => stage("graph.svg", &svg, &mut staged)?,
                    Ok(None) => notes.push("graph.svg not rendered: Graphviz `dot` is not on the PATH (apt-get install graphviz)".to_string()),
                    Err(e) => notes.push(format!("graph.svg not rendered: {e}")),
                }
            }
        }
        Ok(())
    })();
    if let Err(e) = result {
        for (tmp, _) in &staged {
            let _ = std::fs::remove_file(tmp);
        }
        return Err(e);
    }
    let mut files = Vec::new();
    for (tmp, fin) in staged {
        std::fs::rename(&tmp, &fin).map_err(|e| io(&fin, e))?;
        files.push(fin);
    }
    Ok(Written { files, notes })
}

/// Renders DOT to SVG with Graphviz; `None` when `dot` is not installed.
fn render_svg(dot: &[u8]) -> Result<Option<Vec<u8>>, String> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    let mut stdin = child.stdin.take().ok_or("no stdin for dot")?;
    let input = dot.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let _ = writer.join();
    if !out.status.success() {
        return Err(format!(
            "dot failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(Some(out.stdout))
}
