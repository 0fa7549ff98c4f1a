#!/usr/bin/python3
"""End-to-end benchmark: `factpipe run` over a corpus folder, as a user runs it, printed as one JSON line.

    /usr/bin/python3 bench/e2e/pipeline_bench.py CORPUS_DIR [--factpipe build/bin/factpipe]
        [-c CONFIG] [-j N] [--no-crossref] [--repeat K] [--wink] [--jsonl]

Measures the whole command (reading the input, every stage, serialising and writing JSONL output):
MB/s and documents/s of wall time, the seconds per stage from `--stats`, the seconds spent outside the
stages (wall time less the stage times summed over workers, divided by the workers), the CPU seconds
(user + system) and the peak RSS of the process. `--jsonl` gives factpipe the same texts as one JSON-lines
file ({"id", "text"} per line, written to a temporary folder first and not timed) instead of the .txt files. `--repeat K` runs K times and reports the fastest run (the others are in "runs").
`--wink` also runs wink-nlp 2.4.0 (sentences, tokens, entities) over the same .txt files in the same
invocation and prints the ratio; it needs Node.js and npm, and installs the pinned packages of
bench/e2e/package-lock.json into $XDG_CACHE_HOME/factpipe/bench-node the first time.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent

SUMMARY = re.compile(r"(\d+) documents, (\d+) failed, ([\d.]+) s")
STAGE_ROW = re.compile(r"^\s+(\S+)\s+([\d.]+)\s+([\d.]+)\s*$")


def corpus_bytes(corpus: Path):
    files = sorted(p for p in corpus.rglob("*.txt") if not p.name.endswith(".meta.json"))
    return len(files), sum(p.stat().st_size for p in files)


def write_jsonl_corpus(corpus: Path, workdir: Path) -> Path:
    path = workdir / "corpus.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for p in sorted(corpus.rglob("*.txt")):
            out.write(json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n")
    return path


def run_factpipe(args, corpus: Path, workdir: Path):
    out = workdir / "out.jsonl"
    cmd = [args.factpipe, "run", str(corpus), "--format", "jsonl", "-o", str(out), "--stats",
           "-j", str(args.jobs)]
    if args.config:
        cmd += ["-c", args.config]
    if args.no_crossref:
        # The default pipeline less its last stage: written next to the output, paths kept absolute.
        cmd += ["-c", str(write_config_without_crossref(args.config, workdir))]
    for s in args.set or []:
        cmd += ["--set", s]
    err_path = workdir / "stderr.txt"
    with open(err_path, "w") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        # wait4 gives the rusage of this child alone (RUSAGE_CHILDREN would mix in earlier runs).
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = err_path.read_text()
    if proc.returncode != 0:
        sys.stderr.write(stderr)
        raise SystemExit(f"pipeline_bench: {' '.join(cmd)} exited {proc.returncode}")
    stages, documents, failed = {}, 0, 0
    for line in stderr.splitlines():
        m = SUMMARY.search(line)
        if m:
            documents, failed = int(m.group(1)), int(m.group(2))
            continue
        m = STAGE_ROW.match(line)
        if m and m.group(1) != "stage":
            stages[m.group(1)] = float(m.group(2))
    return {"wall_s": wall, "documents": documents, "failed": failed, "stage_s": stages,
            "output_bytes": out.stat().st_size if out.exists() else 0,
            "cpu_s": usage.ru_utime + usage.ru_stime,
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1)}



def write_config_without_crossref(config, workdir: Path) -> Path:
    src = Path(config) if config else REPO / "config" / "default.yaml"
    lines, skipping = [], False
    for line in src.read_text().splitlines():
        if re.match(r"^\s+- name: crossref\s*$", line):
            skipping = True
            continue
        if skipping and re.match(r"^\s+- name: ", line):
            skipping = False
        if skipping and (line.startswith("    ") or not line.strip()):
            continue
        skipping = False
        lines.append(line)
    path = workdir / "pipeline-without-crossref.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


def run_wink(corpus: Path):
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        return {"skipped": "node or npm not found"}
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "factpipe" / "bench-node"
    if not (cache / "node_modules" / "wink-nlp").exists():
        cache.mkdir(parents=True, exist_ok=True)
        for f in ("package.json", "package-lock.json"):
            shutil.copy(HERE / f, cache / f)
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--silent"], cwd=cache, check=True)
    env = dict(os.environ, NODE_PATH=str(cache / "node_modules"))
    out = subprocess.run([node, str(HERE / "wink_baseline.js"), str(corpus)], env=env, check=True,
                         capture_output=True, text=True)
    result = json.loads(out.stdout)
    result["mb_per_s"] = result["bytes"] / 1e6 / result["seconds"]
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, help="a folder of .txt files (read recursively)")
    ap.add_argument("--factpipe", default=str(REPO / "build" / "bin" / "factpipe"))
    ap.add_argument("-c", "--config", help="pipeline file (default: the factpipe default)")
    ap.add_argument("-j", "--jobs", type=int, default=1)
    ap.add_argument("--set", action="append", help="STAGE.KEY=VALUE, passed to factpipe run")
    ap.add_argument("--no-crossref", action="store_true", help="the default pipeline without crossref")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--wink", action="store_true", help="also run wink-nlp on the same texts")
    ap.add_argument("--jsonl", action="store_true", help="read the texts from one JSON-lines file")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        raise SystemExit(f"pipeline_bench: {args.corpus} is not a folder")
    files, size = corpus_bytes(args.corpus)
    if files == 0:
        raise SystemExit(f"pipeline_bench: no .txt files under {args.corpus}")

    runs = []
    with tempfile.TemporaryDirectory(prefix="factpipe-bench-") as tmp:
        source = write_jsonl_corpus(args.corpus, Path(tmp)) if args.jsonl else args.corpus
        for _ in range(max(1, args.repeat)):
            runs.append(run_factpipe(args, source, Path(tmp)))
    best = min(runs, key=lambda r: r["wall_s"])
    in_stages = sum(best["stage_s"].values()) / max(1, args.jobs)
    result = {
        "corpus": str(args.corpus), "input": "jsonl" if args.jsonl else "txt", "files": files, "bytes": size,
        "jobs": args.jobs,
        "documents": best["documents"], "failed": best["failed"],
        "wall_s": round(best["wall_s"], 4),
        "mb_per_s": round(size / 1e6 / best["wall_s"], 3),
        "docs_per_s": round(best["documents"] / best["wall_s"], 1),
        "stage_s": {k: round(v, 4) for k, v in best["stage_s"].items()},
        "outside_stages_s": round(best["wall_s"] - in_stages, 4),
        "cpu_s": round(best["cpu_s"], 3),
        "peak_rss_mb": best["peak_rss_mb"],
        "runs_wall_s": [round(r["wall_s"], 4) for r in runs],
        "load_average": os.getloadavg()[0],
    }
    if args.wink:
        wink = run_wink(args.corpus)
        result["wink"] = wink
        if "mb_per_s" in wink:
            result["ratio_to_wink"] = round(result["mb_per_s"] / wink["mb_per_s"], 2)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
