"""Instructions per stage of a build, counted by callgrind: a measure of work that does not move
with this shared machine's load, for comparing two commits when wall times cannot.

    python3 benches/instructions.py                  # this build, on one pass of the real stream
    python3 benches/instructions.py --against HEAD~3 # and an earlier commit, with the ratio
    python3 benches/instructions.py --synthetic      # on the generated 10M corpus instead
    python3 benches/instructions.py --corpus FILE    # on any JSON Lines corpus

Runs `valgrind --tool=callgrind newsgraph build CORPUS -o DIR --no-svg -q -j 1` (every default
format, one worker thread) and reads the inclusive instruction count of each stage's function from
callgrind's call records: reading (JSON Lines), extraction, the fold, resolving, and each file. A
stage whose function the compiler inlined into its caller shows as "-". The corpus is the bench's
real 10M: one pass of the real news stream (`../shared/corpus/news-2022.jsonl.gz`, or --stream
FILE) with fresh ids, written into the work folder, never into the project; or, with --synthetic,
the bench's generated 10M corpus (examples/gen_corpus.rs, seed 1); or `--corpus FILE`. Builds are
the bench's: the release-lto profile, and its settings for an earlier revision. Takes about a minute
a build. Needs valgrind (`apt install valgrind`) and the bench's tools (cargo, git).
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import BIN, PROFILE, ROOT, STREAM, build_revision, check_stream, real_corpus, sh  # noqa: E402

# (stage, function whose inclusive cost is the stage's, or the names it had in earlier revisions
# too, so that --against still finds it there)
STAGES = [
    ("read", "newsgraph::input::read_inputs"),
    ("extract", "newsgraph::extract::extract"),
    ("fold", ("newsgraph::graph::fold::GraphBuilder::add", "newsgraph::graph::GraphBuilder::add")),
    # an inherent method written outside its type's module is named by its impl
    ("resolve", ("newsgraph::graph::resolve::<impl newsgraph::graph::fold::GraphBuilder>::finish",
                 "newsgraph::graph::GraphBuilder::finish")),
    ("graph.ttl", "newsgraph::export::rdf::write_turtle"),
    ("graph.nq", "newsgraph::export::rdf::write_nquads"),
    ("graph.json", "newsgraph::export::json::write_json"),
    ("index.html", "newsgraph::export::html::write_html"),
    ("graph.graphml", "newsgraph::export::graphml::write_graphml"),
    ("graph.dot", "newsgraph::export::dot::write_dot"),
    ("merges.json", "newsgraph::export::json::write_merges"),
]


def count(binary, corpus, work, name):
    """Instructions of the whole run and of each stage, for one build."""
    out_file = os.path.join(work, f"callgrind-{name}.out")
    out_dir = os.path.join(work, f"out-instructions-{name}")
    p = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out_file}", binary,
                        "build", corpus, "-o", out_dir, "--no-svg", "--force", "-q", "-j", "1"],
                       text=True, capture_output=True)
    if p.returncode != 0:
        sys.exit(f"callgrind run of {binary} failed: {p.stderr[-2000:]}")
    return inclusive(out_file)


def inclusive(path):
    """The run's total and each stage's inclusive cost: the sum of the costs of all calls into the
    stage's function, read from callgrind's own file (its call records carry inclusive costs)."""
    names, total = {}, 0
    wanted = {fn: stage for stage, fns in STAGES
              for fn in ((fns,) if isinstance(fns, str) else fns)}
    found = {stage: None for stage, _ in STAGES}

    def name(v):
        m = re.match(r"\((\d+)\)(?: (.*))?", v)
        if not m:
            return v
        if m.group(2):
            names[m.group(1)] = m.group(2)
        return names.get(m.group(1), v)

    caller = callee = None
    pending = False
    with open(path, errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("fn="):
                caller, pending = name(line[3:]), False
            elif line.startswith("cfn="):
                callee = name(line[4:])
            elif line.startswith("calls="):
                pending = True
            elif pending and line[:1].isdigit() or pending and line[:1] in "+-*":
                pending = False
                stage = wanted.get(callee)
                if stage and caller != callee:
                    found[stage] = (found[stage] or 0) + int(line.split()[1])
            elif line.startswith("summary:") or line.startswith("totals:"):
                total = max(total, int(line.split()[1]))
    return total, found


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    which = ap.add_mutually_exclusive_group()
    which.add_argument("--corpus", default=None,
                       help="a JSON Lines corpus (default: one pass of the real stream, the bench's real 10M)")
    which.add_argument("--synthetic", action="store_true",
                       help="the bench's generated 10M corpus (examples/gen_corpus.rs, seed 1) instead")
    ap.add_argument("--stream", default=STREAM, help="the real news stream (default: %(default)s)")
    ap.add_argument("--dir", default=None, help="where corpora and builds go (default: a temporary folder)")
    ap.add_argument("--against", default=None, metavar="REV", help="a git revision to count as well")
    a = ap.parse_args()
    if not shutil.which("valgrind"):
        sys.exit("valgrind is needed (apt install valgrind)")
    if not a.corpus and not a.synthetic:
        check_stream(a.stream)
    sh(["cargo", "build", "--profile", PROFILE, "--bin", "newsgraph"]
       + (["--example", "gen_corpus"] if a.synthetic else []), cwd=ROOT)
    work = a.dir or tempfile.mkdtemp(prefix="newsgraph-instructions-")
    os.makedirs(work, exist_ok=True)
    if a.corpus:
        corpus, name = a.corpus, f"`{os.path.basename(a.corpus)}`"
    elif a.synthetic:
        corpus, name = os.path.join(work, "corpus-10M.jsonl"), "the synthetic 10M corpus (gen_corpus, seed 1)"
        if not os.path.exists(corpus):
            sh([os.path.join(BIN, "examples/gen_corpus"), "--size", "10M", "--seed", "1",
                "-o", corpus + ".part"])
            os.replace(corpus + ".part", corpus)
    else:
        corpus = real_corpus(work, 1, a.stream)
        name = f"one pass of the real news stream `{os.path.basename(a.stream)}` (the bench's real 10M)"
    builds = [("this build", os.path.join(BIN, "newsgraph"))]
    if a.against:
        binary, commit = build_revision(a.against, work)
        builds.append((f"`{commit}`", binary))
    counts = [count(b, corpus, work, str(i)) for i, (_, b) in enumerate(builds)]

    mb = os.path.getsize(corpus) / 1e6
    head = ["stage", *[n for n, _ in builds]] + (["ratio"] if a.against else [])
    print(f"Instructions (millions) on {name}, {mb:.1f} MB, callgrind, one worker thread:\n")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    rows = [("whole run", [t for t, _ in counts])]
    rows += [(s, [f[s] for _, f in counts]) for s, _ in STAGES]
    for stage, vals in rows:
        cells = ["-" if v is None else f"{v / 1e6:,.0f}" for v in vals]
        if a.against:
            ours, theirs = vals
            cells.append(f"{ours / theirs:.2f}" if ours and theirs else "-")
        print(f"| {stage} | " + " | ".join(cells) + " |")
    print(f"\nPer byte of corpus, whole run: {counts[0][0] / (mb * 1e6):.0f} instructions.")


if __name__ == "__main__":
    main()
