//! A real triple-store server: the Oxigraph server (the `oxigraph` command of the PyPI package, which
//! CI installs) on 127.0.0.1, `out/graph.nq` uploaded over the SPARQL 1.1 Graph Store Protocol and
//! queried over the SPARQL Protocol, as the README tells a user to do.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// One HTTP/1.0 request (so the answer is not chunked) on a fresh connection; returns (status, body).
fn http(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut req = format!(
        "{method} {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut resp = Vec::new();
    s.read_to_end(&mut resp).unwrap();
    let text = String::from_utf8_lossy(&resp).to_string();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let chunked = head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked");
    (
        status,
        if chunked {
            dechunk(body)
        } else {
            body.to_string()
        },
    )
}

/// The body of a chunked HTTP response.
fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn oxigraph_server_loads_and_answers_over_http() {
    if !common::have("oxigraph") {
        return;
    }
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let _server = Server(
        common::command("oxigraph")
            .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the server did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // upload over the Graph Store Protocol: N-Quads keep one named graph per article
    let nq = std::fs::read(common::fresh_build().join("graph.nq")).unwrap();
    let (status, body) = http(
        port,
        "POST",
        "/store",
        &[("Content-Type", "application/n-quads")],
        &nq,
    );
    assert!((200..300).contains(&status), "upload: {status} {body}");
    // which article says that Biden warned Putin, over the SPARQL Protocol
    let q = "PREFIX ng: <https://w3id.org/newsgraph/ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> \
             SELECT ?who ?whom ?article WHERE { GRAPH ?article { ?a ng:warned ?b } ?a rdfs:label ?who . ?b rdfs:label ?whom } ORDER BY ?article";
    let (status, csv) = http(
        port,
        "POST",
        "/query",
        &[
            ("Content-Type", "application/sparql-query"),
            ("Accept", "text/csv"),
        ],
        q.as_bytes(),
    );
    assert_eq!(status, 200, "{csv}");
    assert!(csv.starts_with("who,whom,article"), "{csv}");
    let rows: Vec<&str> = csv.lines().skip(1).filter(|l| !l.is_empty()).collect();
    assert!(
        rows.iter()
            .any(|r| r
                .starts_with("Joe Biden,Vladimir Putin,https://w3id.org/newsgraph/id/article/")),
        "{csv}"
    );
    assert_eq!(rows.len(), 5, "{csv}");
    // who warned whom, without GRAPH: over N-Quads the default graph is empty of them unless the
    // query asks for the union of the named graphs (?union-default-graph), as the README shows
    let q = "PREFIX ng: <https://w3id.org/newsgraph/ns#> SELECT DISTINCT ?a ?b WHERE { ?a ng:warned ?b }";
    let ask = |path: &str| {
        http(
            port,
            "POST",
            path,
            &[
                ("Content-Type", "application/sparql-query"),
                ("Accept", "text/csv"),
            ],
            q.as_bytes(),
        )
    };
    let (status, plain) = ask("/query");
    assert_eq!(status, 200, "{plain}");
    assert_eq!(
        plain.lines().filter(|l| !l.is_empty()).count(),
        1,
        "{plain}"
    );
    let (status, union) = ask("/query?union-default-graph");
    assert_eq!(status, 200, "{union}");
    assert_eq!(
        union.lines().filter(|l| !l.is_empty()).count(),
        1 + 3,
        "{union}"
    );
}
