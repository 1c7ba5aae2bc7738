"""A profile-guided (PGO) build of newsgraph: the fastest binary this machine makes.

    python3 benches/pgo.py                 # builds this work tree; prints the binary's path
    python3 benches/pgo.py --rev HEAD~3    # builds an earlier revision the same way

Three steps, with the settings of the release-lto profile (fat LTO, one codegen unit):

1. an instrumented build (`RUSTFLAGS=-Cprofile-generate`), for the host target only, so that build
   scripts are not instrumented;
2. a training run of that build over a generated corpus (examples/gen_corpus.rs, seed 2, 10 MB:
   never the bench's seed 1) and the real articles of `seeds/` and `tests/fixtures/dev2/`; the
   profiles are merged with llvm-profdata;
3. the optimised build (`-Cprofile-use`), with `examples/extract_speed` and `examples/gen_corpus`
   when the revision has them.

The training inputs are always this work tree's, so two revisions are trained alike. llvm-profdata
must match rustc's LLVM: it comes from rustup's llvm-tools component (`rustup component add
llvm-tools`, done here when missing). Each build takes about four minutes on two cores.
"""

import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TRAIN_SEED = "2"
TRAIN_SIZE = "10M"


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw)


def host():
    return next(l.split(": ", 1)[1] for l in sh(["rustc", "-vV"]).stdout.splitlines()
                if l.startswith("host: "))


def llvm_profdata():
    """rustup's llvm-profdata, the one whose format matches rustc's LLVM."""
    sysroot = sh(["rustc", "--print", "sysroot"]).stdout.strip()
    tool = os.path.join(sysroot, "lib", "rustlib", host(), "bin", "llvm-profdata")
    if not os.path.exists(tool):
        sh(["rustup", "component", "add", "llvm-tools"])
    if not os.path.exists(tool):
        sys.exit(f"{tool} is missing: install it with `rustup component add llvm-tools`")
    return tool


def export(rev, work):
    """The source of git revision `rev`, exported into `work`; returns the folder and short commit."""
    commit = sh(["git", "rev-parse", "--short", rev], cwd=ROOT).stdout.strip()
    src = os.path.join(work, f"src-{commit}")
    if not os.path.exists(src):
        os.makedirs(src)
        archive = subprocess.Popen(["git", "archive", commit], cwd=ROOT, stdout=subprocess.PIPE)
        subprocess.run(["tar", "-x", "-C", src], stdin=archive.stdout, check=True)
        if archive.wait() != 0:
            sys.exit(f"git archive {rev} failed")
    return src, commit


def cargo(src, target_dir, rustflags, targets):
    env = {**os.environ, "CARGO_TARGET_DIR": target_dir, "RUSTFLAGS": rustflags,
           # the release-lto profile's settings, which an earlier revision may not define
           "CARGO_PROFILE_RELEASE_LTO": "fat", "CARGO_PROFILE_RELEASE_CODEGEN_UNITS": "1"}
    sh(["cargo", "build", "--release", "--target", host(), *targets], cwd=src, env=env)
    return os.path.join(target_dir, host(), "release")


def training_corpus(work):
    corpus = os.path.join(work, f"train-{TRAIN_SIZE}-seed{TRAIN_SEED}.jsonl")
    if not os.path.exists(corpus):
        sh(["cargo", "run", "--release", "-q", "--example", "gen_corpus", "--", "--size", TRAIN_SIZE,
            "--seed", TRAIN_SEED, "-o", corpus], cwd=ROOT)
    return corpus


def build_pgo(src, work, name):
    """Builds `src` with PGO into `work`; returns the folder of the optimised binaries."""
    profdata = llvm_profdata()
    corpus = training_corpus(work)
    raw = os.path.join(work, f"pgo-raw-{name}")
    shutil.rmtree(raw, ignore_errors=True)
    gen = cargo(src, os.path.join(work, f"target-pgo-gen-{name}"), f"-Cprofile-generate={raw}",
                ["--bin", "newsgraph"])
    out = tempfile.mkdtemp(prefix="newsgraph-pgo-train-")
    try:
        inputs = [corpus] + [p for p in (os.path.join(ROOT, "seeds"),
                                         os.path.join(ROOT, "tests", "fixtures", "dev2")) if os.path.isdir(p)]
        sh([os.path.join(gen, "newsgraph"), "build", *inputs, "-o", out, "--no-svg", "-q", "--force"])
    finally:
        shutil.rmtree(out, ignore_errors=True)
    merged = os.path.join(work, f"pgo-{name}.profdata")
    sh([profdata, "merge", "-o", merged, *glob.glob(os.path.join(raw, "*.profraw"))])
    targets = ["--bin", "newsgraph"] + [
        x for e in ("extract_speed", "gen_corpus")
        if os.path.exists(os.path.join(src, "examples", f"{e}.rs")) for x in ("--example", e)]
    # functions the training never ran have no profile: expected, not worth a warning each
    return cargo(src, os.path.join(work, f"target-pgo-{name}"),
                 f"-Cprofile-use={merged} -Cllvm-args=-pgo-warn-missing-function=false", targets)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rev", default=None, help="a git revision to build instead of the work tree")
    ap.add_argument("--dir", default=os.path.join(ROOT, "target", "pgo"),
                    help="where the builds and profiles go (default: target/pgo)")
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    src, name = export(a.rev, a.dir) if a.rev else (ROOT, "worktree")
    print(os.path.join(build_pgo(src, a.dir, name), "newsgraph"))


if __name__ == "__main__":
    main()
