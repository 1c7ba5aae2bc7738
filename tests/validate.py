#!/usr/bin/env python3
"""Independent consumers of newsgraph's outputs.

usage: validate.py OUT_DIR ONTOLOGY_DIR

Parses graph.ttl and graph.nq with rdflib, validates graph.ttl against ontology/shapes.ttl with
pySHACL, loads graph.json with networkx's node_link_graph and graph.graphml with read_graphml. Prints one line per check and exits 1
on the first failure, 3 when a Python module is missing (the Rust test reports it as skipped).
"""
import json
import sys

try:
    import networkx as nx
    import rdflib
    from pyshacl import validate
except ImportError as e:  # the Rust test turns this into "skipped" (or a failure on CI)
    print(f"missing python module: {e.name}")
    sys.exit(3)


def fail(msg):
    print(f"FAIL {msg}")
    sys.exit(1)


def main():
    out, onto = sys.argv[1], sys.argv[2]
    g = rdflib.Graph()
    g.parse(f"{out}/graph.ttl", format="turtle")
    if len(g) == 0:
        fail("graph.ttl has no triples")
    print(f"ok rdflib parsed graph.ttl: {len(g)} triples")

    ds = rdflib.Dataset()
    ds.parse(f"{out}/graph.nq", format="nquads")
    named = [c for c in ds.graphs() if c.identifier != rdflib.term.URIRef("urn:x-rdflib:default")]
    if len([c for c in named if len(c) > 0]) == 0:
        fail("graph.nq has no named graph with statements")
    print(f"ok rdflib parsed graph.nq: {sum(len(c) for c in ds.graphs())} quads in {len(named)} graphs")

    shapes = rdflib.Graph().parse(f"{onto}/shapes.ttl", format="turtle")
    vocab = rdflib.Graph().parse(f"{onto}/newsgraph.ttl", format="turtle")
    conforms, _, text = validate(g, shacl_graph=shapes, ont_graph=vocab, inference="rdfs")
    if not conforms:
        fail("SHACL validation of graph.ttl:\n" + text[:4000])
    print("ok pySHACL: graph.ttl conforms to ontology/shapes.ttl")

    data = json.load(open(f"{out}/graph.json", encoding="utf-8"))
    G = nx.node_link_graph(data, edges="links")
    if G.number_of_nodes() != len(data["nodes"]) or G.number_of_edges() != len(data["links"]):
        fail("networkx lost nodes or links")
    for n, attrs in G.nodes(data=True):
        if attrs.get("type") not in {"Person", "Organization", "Place", "Meeting"}:
            fail(f"node {n} has type {attrs.get('type')!r}")
    print(f"ok networkx loaded graph.json: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges")

    import os
    if os.path.exists(f"{out}/graph.graphml"):
        H = nx.read_graphml(f"{out}/graph.graphml")
        if H.number_of_nodes() != G.number_of_nodes() or H.number_of_edges() != G.number_of_edges():
            fail(f"graph.graphml has {H.number_of_nodes()} nodes and {H.number_of_edges()} edges, "
                 f"graph.json {G.number_of_nodes()} and {G.number_of_edges()}")
        for n, attrs in H.nodes(data=True):
            if G.nodes[n]["label"] != attrs.get("label") or not isinstance(attrs.get("article_count"), int):
                fail(f"graph.graphml node {n}: {attrs}")
        for u, v, attrs in H.edges(data=True):
            if not isinstance(attrs.get("confidence"), float) or not attrs.get("relation"):
                fail(f"graph.graphml edge {u} -> {v}: {attrs}")
        print(f"ok networkx read graph.graphml: {H.number_of_nodes()} nodes, {H.number_of_edges()} edges, typed attributes")


if __name__ == "__main__":
    main()
