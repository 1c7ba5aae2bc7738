//! SPARQL 1.1 over a built graph, in an embedded in-memory Oxigraph store: results as a table for a
//! person, or as the W3C CSV, TSV and JSON result formats for programs.

use std::io::Write;
use std::path::{Path, PathBuf};

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNode, Term};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;

use crate::error::Error;
use crate::export::{DEFAULT_BASE, NG};

/// The named graph a previous build is loaded into (see [`GraphStore::with_previous`]).
pub const PREVIOUS: &str = "urn:newsgraph:previous";

/// How results are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultFormat {
    /// Aligned columns, IRIs shortened with the usual prefixes.
    Table,
    /// SPARQL 1.1 Query Results CSV.
    Csv,
    /// SPARQL 1.1 Query Results TSV.
    Tsv,
    /// SPARQL 1.1 Query Results JSON.
    Json,
}

impl ResultFormat {
    /// Parses `table`, `csv`, `tsv` or `json`.
    pub fn parse(s: &str) -> Option<ResultFormat> {
        Some(match s {
            "table" => ResultFormat::Table,
            "csv" => ResultFormat::Csv,
            "tsv" => ResultFormat::Tsv,
            "json" => ResultFormat::Json,
            _ => return None,
        })
    }
}

/// A built graph loaded for querying: an output folder's `graph.ttl`, or a `graph.ttl` or
/// `graph.nq`, in an in-memory Oxigraph store, answering SPARQL 1.1 with the usual prefixes
/// declared (`ng:`, `id:`, `rdfs:`, ...). Results are written as a table or in the W3C result
/// formats; a query stops at a time limit and a row limit ([`GraphStore::limits`]).
///
/// ```no_run
/// use newsgraph::{GraphStore, ResultFormat};
///
/// let store = GraphStore::open(std::path::Path::new("out"))?;
/// let rows = store.query(
///     "SELECT ?who ?whom WHERE { ?a ng:warned ?b . ?a rdfs:label ?who . ?b rdfs:label ?whom }",
///     ResultFormat::Csv,
///     std::io::stdout(),
/// )?;
/// println!("{rows} rows");
/// # Ok::<(), newsgraph::Error>(())
/// ```
pub struct GraphStore {
    store: Store,
    /// (prefix, namespace) pairs for the base in use, made once.
    prefixes: Vec<(&'static str, String)>,
    /// How long a query may run.
    timeout: std::time::Duration,
    /// How many result rows a query may give.
    max_rows: usize,
}

/// How long a query may run unless told otherwise.
pub const QUERY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);
/// How many rows a query may give unless told otherwise.
pub const QUERY_MAX_ROWS: usize = 100_000;

fn prefixes(base: &str) -> [(&'static str, String); 12] {
    [
        ("ng", NG.to_string()),
        ("id", base.to_string()),
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#".into()),
        ("rdfs", "http://www.w3.org/2000/01/rdf-schema#".into()),
        ("xsd", "http://www.w3.org/2001/XMLSchema#".into()),
        ("owl", "http://www.w3.org/2002/07/owl#".into()),
        ("skos", "http://www.w3.org/2004/02/skos/core#".into()),
        ("schema", "https://schema.org/".into()),
        ("prov", "http://www.w3.org/ns/prov#".into()),
        ("wd", "http://www.wikidata.org/entity/".into()),
        ("wgs", "http://www.w3.org/2003/01/geo/wgs84_pos#".into()),
        ("geo", "http://www.opengis.net/ont/geosparql#".into()),
    ]
}

/// The RDF file of a build: `graph.ttl` in an output folder, or the file given.
fn rdf_file(path: &Path) -> PathBuf {
    if path.is_dir() {
        path.join("graph.ttl")
    } else {
        path.to_path_buf()
    }
}

fn load(store: &Store, path: &Path, graph: GraphName) -> Result<(), Error> {
    let file = rdf_file(path);
    let shown = file.display().to_string();
    let format = match file.extension().and_then(|e| e.to_str()) {
        Some("nq") => RdfFormat::NQuads,
        Some("ttl") => RdfFormat::Turtle,
        _ => {
            return Err(Error::Config(format!(
                "{shown}: give a newsgraph output folder, a graph.ttl or a graph.nq"
            )))
        }
    };
    let bytes = std::fs::read(&file).map_err(|e| Error::Io {
        path: shown.clone(),
        message: format!("{e}; build the graph first (newsgraph build ... -o DIR)"),
    })?;
    let mut parser = RdfParser::from_format(format).with_default_graph(graph.clone());
    if graph != GraphName::DefaultGraph {
        parser = parser.without_named_graphs();
    }
    let bad = |e: &dyn std::fmt::Display| Error::Input {
        path: shown.clone(),
        line: 0,
        message: format!("{e}; the file is not the RDF newsgraph writes"),
    };
    if format != RdfFormat::NQuads || graph != GraphName::DefaultGraph {
        return store
            .load_from_reader(parser, bytes.as_slice())
            .map_err(|e| bad(&e));
    }
    // N-Quads keep an article's statements in its named graph; the default graph of a query is
    // their merge (one statement once, as in graph.ttl), and GRAPH ?article still finds each
    let mut quads = Vec::new();
    for q in parser.for_slice(bytes.as_slice()) {
        let q = q.map_err(|e| bad(&e))?;
        if q.graph_name != GraphName::DefaultGraph {
            let mut merged = q.clone();
            merged.graph_name = GraphName::DefaultGraph;
            quads.push(merged);
        }
        quads.push(q);
    }
    store.extend(quads).map_err(|e| bad(&e))
}

impl GraphStore {
    /// Loads a build: an output folder (its `graph.ttl`), a `graph.ttl`, or a `graph.nq` (whose
    /// statements then sit in one named graph per article, as written, and all of them, merged,
    /// in the default graph, so that a query without GRAPH answers as over `graph.ttl`).
    pub fn open(path: &Path) -> Result<GraphStore, Error> {
        let store = Store::new().map_err(|e| Error::Config(format!("cannot open a store: {e}")))?;
        load(&store, path, GraphName::DefaultGraph)?;
        Ok(GraphStore {
            store,
            prefixes: prefixes(DEFAULT_BASE).into(),
            timeout: QUERY_TIMEOUT,
            max_rows: QUERY_MAX_ROWS,
        })
    }

    /// Loads another build into the named graph `<urn:newsgraph:previous>`, to ask what changed.
    pub fn with_previous(self, path: &Path) -> Result<GraphStore, Error> {
        load(
            &self.store,
            path,
            GraphName::NamedNode(NamedNode::new_unchecked(PREVIOUS)),
        )?;
        Ok(self)
    }

    /// Stops a query after `timeout`, and one that gives more than `max_rows` rows, with an error
    /// that says so (a cross product would otherwise run, and grow, until killed).
    pub fn limits(mut self, timeout: std::time::Duration, max_rows: usize) -> Self {
        self.timeout = timeout;
        self.max_rows = max_rows;
        self
    }

    /// Uses this base for the `id:` prefix (the `--base` of the build).
    pub fn base_iri(mut self, base: &str) -> Self {
        self.prefixes = prefixes(base).into();
        self
    }

    /// Number of quads loaded.
    pub fn len(&self) -> usize {
        self.store.len().unwrap_or(0)
    }

    /// Whether nothing was loaded.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Runs a SPARQL query (the prefixes `ng:`, `id:`, `rdf:`, `rdfs:`, `xsd:`, `owl:`, `skos:`,
    /// `schema:`, `prov:`, `wd:`, `wgs:` and `geo:` are declared) and writes its results; returns the number of
    /// rows (1 for ASK, the number of triples for CONSTRUCT and DESCRIBE).
    pub fn query(
        &self,
        sparql: &str,
        format: ResultFormat,
        mut w: impl Write,
    ) -> Result<usize, Error> {
        let mut evaluator = SparqlEvaluator::new();
        for (p, iri) in &self.prefixes {
            evaluator = evaluator
                .with_prefix(*p, iri.as_str())
                .map_err(|e| Error::Config(format!("prefix {p}: {e}")))?;
        }
        // a watchdog cancels the evaluation at the timeout; it ends with the query
        let token = oxigraph::sparql::CancellationToken::new();
        let (done, wait) = std::sync::mpsc::channel::<()>();
        let (t, timeout) = (token.clone(), self.timeout);
        let watchdog = std::thread::spawn(move || {
            if wait.recv_timeout(timeout) == Err(std::sync::mpsc::RecvTimeoutError::Timeout) {
                t.cancel();
            }
        });
        let result = self.run(
            evaluator.with_cancellation_token(token),
            sparql,
            format,
            &mut w,
        );
        drop(done);
        let _ = watchdog.join();
        result
    }

    fn run(
        &self,
        evaluator: SparqlEvaluator,
        sparql: &str,
        format: ResultFormat,
        mut w: impl Write,
    ) -> Result<usize, Error> {
        let secs = self.timeout.as_secs_f64();
        let failed = |e: &dyn std::fmt::Display| {
            let e = e.to_string();
            if e.to_lowercase().contains("cancel") {
                Error::Config(format!(
                    "query: stopped after {secs} s; narrow it (a LIMIT, fewer joins) or give a longer --timeout"
                ))
            } else {
                Error::Config(format!("query: {e}"))
            }
        };
        let prepared = evaluator
            .parse_query(sparql)
            .map_err(|e| Error::Config(self.syntax_error(sparql, &e.to_string())))?;
        let results = prepared
            .on_store(&self.store)
            .execute()
            .map_err(|e| failed(&e))?;
        let io = |e: std::io::Error| Error::Io {
            path: "<stdout>".into(),
            message: e.to_string(),
        };
        let serializer = |f: ResultFormat| {
            QueryResultsSerializer::from_format(match f {
                ResultFormat::Csv => QueryResultsFormat::Csv,
                ResultFormat::Tsv => QueryResultsFormat::Tsv,
                _ => QueryResultsFormat::Json,
            })
        };
        match results {
            QueryResults::Boolean(b) => {
                if format == ResultFormat::Table {
                    writeln!(w, "{b}").map_err(io)?;
                } else {
                    serializer(format)
                        .serialize_boolean_to_writer(&mut w, b)
                        .map_err(io)?;
                }
                Ok(1)
            }
            QueryResults::Solutions(solutions) => {
                let vars = solutions.variables().to_vec();
                let mut rows: Vec<Vec<Option<Term>>> = Vec::new();
                for s in solutions {
                    let s = s.map_err(|e| failed(&e))?;
                    if rows.len() == self.max_rows {
                        return Err(Error::Config(format!(
                            "query: more than {} rows; add a LIMIT, or give a larger --max-rows",
                            self.max_rows
                        )));
                    }
                    rows.push(vars.iter().map(|v| s.get(v).cloned()).collect());
                }
                if format == ResultFormat::Table {
                    let head: Vec<String> = vars.iter().map(|v| v.as_str().to_string()).collect();
                    let cells: Vec<Vec<String>> = rows
                        .iter()
                        .map(|r| r.iter().map(|t| self.show(t.as_ref())).collect())
                        .collect();
                    table(&head, &cells, &mut w).map_err(io)?;
                } else {
                    let mut ser = serializer(format)
                        .serialize_solutions_to_writer(&mut w, vars.clone())
                        .map_err(io)?;
                    for r in &rows {
                        ser.serialize(
                            vars.iter()
                                .zip(r)
                                .filter_map(|(v, t)| t.as_ref().map(|t| (v, t))),
                        )
                        .map_err(io)?;
                    }
                    ser.finish().map_err(io)?;
                }
                Ok(rows.len())
            }
            QueryResults::Graph(triples) => {
                let mut n = 0;
                for t in triples {
                    let t = t.map_err(|e| failed(&e))?;
                    if n == self.max_rows {
                        return Err(Error::Config(format!(
                            "query: more than {} triples; add a LIMIT, or give a larger --max-rows",
                            self.max_rows
                        )));
                    }
                    writeln!(w, "{t} .").map_err(io)?;
                    n += 1;
                }
                Ok(n)
            }
        }
    }

    /// A query's syntax error in one line: an undefined prefix is named with the declared ones,
    /// and the parser's list of expected characters is cut.
    fn syntax_error(&self, sparql: &str, e: &str) -> String {
        let declared = || {
            self.prefixes
                .iter()
                .map(|(p, _)| format!("{p}:"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        if e.contains("Prefix not found") {
            let at = e
                .strip_prefix("error at ")
                .and_then(|r| r.split_once(':'))
                .and_then(|(line, r)| {
                    Some((
                        line.parse::<usize>().ok()?,
                        r.split_once(':')?.0.parse::<usize>().ok()?,
                    ))
                });
            // the prefix is the name that ends where the parser stopped
            let name = at.and_then(|(line, col)| {
                let text = sparql.lines().nth(line.checked_sub(1)?)?;
                let before: String = text.chars().take(col.saturating_sub(1)).collect();
                let token: String = before
                    .chars()
                    .rev()
                    .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'))
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let name = token.split(':').next().unwrap_or_default().to_string();
                (!name.is_empty() && token.contains(':')).then_some(name)
            });
            return match name {
                Some(n) => format!(
                    "query: the prefix {n}: is not declared; declare it (PREFIX {n}: <...>) or use one of {}",
                    declared()
                ),
                None => format!(
                    "query: a prefix is not declared; declare it (PREFIX p: <...>) or use one of {}",
                    declared()
                ),
            };
        }
        // the parser lists every character it could take next: name the place instead
        match e.split_once("expected one of") {
            Some((at, _)) => format!(
                "query: syntax {}the query breaks off or has an unexpected character there",
                at.trim_end().trim_end_matches(',').to_string() + " "
            ),
            None => format!("query: {}", e.lines().next().unwrap_or(e)),
        }
    }

    /// A term for a person to read: IRIs shortened with the prefixes, literals as their text.
    fn show(&self, t: Option<&Term>) -> String {
        match t {
            None => String::new(),
            Some(Term::NamedNode(n)) => {
                let iri = n.as_str();
                self.prefixes
                    .iter()
                    .filter(|(_, ns)| iri.starts_with(ns.as_str()))
                    .max_by_key(|(_, ns)| ns.len())
                    .map_or_else(
                        || format!("<{iri}>"),
                        |(p, ns)| format!("{p}:{}", &iri[ns.len()..]),
                    )
            }
            Some(Term::Literal(l)) => {
                crate::error::printable(&l.value().replace(['\n', '\r', '\t'], " ")).into_owned()
            }
            Some(t) => t.to_string(),
        }
    }
}

fn table(head: &[String], rows: &[Vec<String>], w: &mut impl Write) -> std::io::Result<()> {
    let width = |s: &str| s.chars().count();
    let mut widths: Vec<usize> = head.iter().map(|h| width(h)).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(width(c)).min(80);
        }
    }
    let line = |cells: &[String], w: &mut dyn Write| -> std::io::Result<()> {
        let parts: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, &n)| {
                let c: String = c.chars().take(n).collect();
                format!("{c}{}", " ".repeat(n - width(&c)))
            })
            .collect();
        writeln!(w, "{}", parts.join(" | ").trim_end())
    };
    line(head, w)?;
    writeln!(
        w,
        "{}",
        widths
            .iter()
            .map(|&n| "-".repeat(n))
            .collect::<Vec<_>>()
            .join("-+-")
    )?;
    for r in rows {
        line(r, w)?;
    }
    writeln!(
        w,
        "({} row{})",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    )
}
