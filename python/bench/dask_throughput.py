"""Throughput of factpipe.dask with 1 and 2 workers against the single-process command line, on the same input.

    PYTHONPATH=build/python /usr/bin/python3 python/bench/dask_throughput.py [--documents N] [--partition-records P]
        [--workers 1|2 ...]

Input: the first N PolNeAR train articles (../shared/datasets, as JSON lines in a temporary folder; never
committed), else the bundled example articles repeated. Every configuration runs the default pipeline with
the same batches: `factpipe run --batch-size P` (one process, -j 1 and -j 2) and factpipe.dask with partitions of P
records on a real `dask-scheduler` with 1 or 2 `dask-worker --nthreads 1` processes. Wall time of the whole
command, pipeline loading included (the Dask cluster is started beforehand, as it would be). Prints JSON; overhead =
Dask / command line with as many cores - 1 (target <= 0.10), in wall time (what counts on a free machine) and in
CPU seconds of every process of the run (client, scheduler and workers for Dask), which a busy machine does not
distort.
"""
import argparse
import json
import os
import pathlib
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time

SOURCE = pathlib.Path(__file__).resolve().parents[2]
POLNEAR = SOURCE.parent / "shared" / "datasets" / "polnear"


def corpus(path, count):
    """JSON lines of `count` news articles; returns where they came from."""
    records = []
    texts = sorted((POLNEAR / "train" / "text").glob("*.txt"))
    if texts:
        meta = {}
        for row in (POLNEAR / "metadata.tsv").read_text().splitlines()[1:]:
            cols = row.split("\t")
            meta[cols[1]] = {"publisher": cols[4], "published": cols[5], "title": cols[7]}
        for txt in texts[:count]:
            records.append({"id": txt.stem, "text": txt.read_text(), **meta.get(txt.stem, {})})
        origin = f"PolNeAR train, first {len(records)} articles"
    else:
        sys.path.insert(0, str(SOURCE / "python" / "tests"))
        from conftest import example_records

        records = example_records(count)
        origin = f"bundled examples, {count} variants"
    with open(path, "w") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return origin, len(records), path.stat().st_size


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sets(overrides):
    return [a for o in overrides for a in ("--set", o)]


def children_cpu_s():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def process_cpu_s(pids):
    import psutil

    return sum(sum(psutil.Process(pid).cpu_times()[:2]) for pid in pids)


def cli(exe, config, overrides, inputs, out, jobs, batch):
    cpu = children_cpu_s()
    start = time.perf_counter()
    # inputs first: --set takes every value after it
    proc = subprocess.run([exe, "run", str(inputs), "-c", config, "--format", "jsonl", "-o", str(out), "-j", str(jobs),
                           "--batch-size", str(batch), *sets(overrides)], capture_output=True, text=True)
    wall = time.perf_counter() - start
    cpu = children_cpu_s() - cpu
    if proc.returncode not in (0, 1):
        raise RuntimeError(proc.stderr)
    m = re.search(r"factpipe: (\d+) documents, (\d+) failed, ([\d.]+) s", proc.stderr)
    return {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3), "processing_wall_s": float(m.group(3)),
            "documents": int(m.group(1))}


def dask_run(workers, config, overrides, inputs, outdir, batch, env):
    """Two runs on one fresh cluster: "cold" (each worker loads the pipeline on its first partition) and
    "warm" (the same workers again, pipelines loaded: a long-lived cluster's every later run)."""
    import distributed
    import psutil

    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    scratch = tempfile.mkdtemp(prefix="factpipe-bench-dask-")
    procs = [subprocess.Popen([sys.executable, shutil.which("dask-scheduler"), "--host", "127.0.0.1", "--port",
                               str(port), "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env=env, cwd=scratch)]
    try:
        for i in range(workers):
            procs.append(subprocess.Popen([sys.executable, shutil.which("dask-worker"), address, "--nthreads", "1",
                                           "--no-nanny", "--no-dashboard", "--host", "127.0.0.1",
                                           "--local-directory", f"{scratch}/w{i}"],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=scratch))
        results = {}
        with distributed.Client(address, timeout=60) as client:
            client.wait_for_workers(workers, timeout=60)
            scheduler, worker_pids = procs[0].pid, [p.pid for p in procs[1:]]
            for run in ("cold", "warm"):
                out = pathlib.Path(f"{outdir}-{run}")
                before = {"scheduler": process_cpu_s([scheduler]), "workers": process_cpu_s(worker_pids),
                          "client": children_cpu_s()}
                start = time.perf_counter()
                proc = subprocess.run([sys.executable, "-m", "factpipe.dask", "--scheduler", address, "-c", config,
                                       *sets(overrides), str(inputs), "-o", str(out), "--partition-records",
                                       str(batch)], capture_output=True, text=True, env=env)
                wall = time.perf_counter() - start
                cpu = {"scheduler": process_cpu_s([scheduler]) - before["scheduler"],
                       "workers": process_cpu_s(worker_pids) - before["workers"],
                       "client": children_cpu_s() - before["client"]}
                if proc.returncode not in (0, 1):
                    raise RuntimeError(proc.stderr)
                manifest = json.load(open(out / "manifest.json"))
                parts = [json.load(open(out / f"{p['name']}.manifest.json")) for p in manifest["partitions"]]
                results[run] = {"wall_s": round(wall, 3), "cpu_s": round(sum(cpu.values()), 3),
                                "cpu_s_by_process": {k: round(v, 3) for k, v in cpu.items()},
                                "documents": manifest["documents"],
                                # inside the tasks: the pipeline (loading included) and the writing
                                "task_pipeline_s": round(sum(p["pipeline_seconds"] for p in parts), 3),
                                "task_write_s": round(sum(p["write_seconds"] for p in parts), 3)}
            rss = client.run(lambda: psutil.Process().memory_info().rss)
        for r in results.values():
            r["worker_rss_mb"] = sorted(round(v / 1e6) for v in rss.values())
        return results
    finally:
        for p in reversed(procs):  # the workers, then the scheduler
            p.terminate()
        for p in procs:
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:  # a worker still trying to reach the scheduler
                p.kill()
                p.wait(10)
        shutil.rmtree(scratch, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=800)
    parser.add_argument("--partition-records", type=int, default=50)
    parser.add_argument("--workers", type=int, choices=(1, 2), action="append",
                        help="only these worker counts (repeatable; default both): each compared with -j as many")
    args = parser.parse_args()
    workers = sorted(set(args.workers or (1, 2)))
    exe = os.environ.get("FACTPIPE_EXE", str(SOURCE / "build" / "bin" / "factpipe"))
    config = str(SOURCE / "config" / "default.yaml")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(os.path.abspath(p) for p in
                                        env.get("PYTHONPATH", str(SOURCE / "build" / "python")).split(os.pathsep) if p)
    work = pathlib.Path(tempfile.mkdtemp(prefix="factpipe-bench-"))
    try:
        origin, records, size = corpus(work / "news.jsonl", args.documents)
        # The fact-check index built once (and the page cache warmed); every run after only reads it.
        index = work / "index.sqlite"
        cli(exe, config, [f"crossref.db={index}", f"crossref.sources=[{SOURCE / 'examples' / 'sources'}]"],
            work / "news.jsonl", work / "warm.jsonl", 2, args.partition_records)
        overrides = ["crossref.sources=[]", f"crossref.db={index}"]
        result = {"input": origin, "documents": records, "megabytes": round(size / 1e6, 2),
                  "partition_records": args.partition_records, "cores": os.cpu_count(),
                  "load_average_before": os.getloadavg()[0]}
        data, batch = work / "news.jsonl", args.partition_records
        names = {1: "dask_1_worker", 2: "dask_2_workers"}
        for n in workers:
            result[f"cli_j{n}"] = cli(exe, config, overrides, data, work / f"cli{n}.jsonl", n, batch)
            for run, r in dask_run(n, config, overrides, data, work / f"d{n}", batch, env).items():
                result[f"{names[n]}_{run}"] = r
        keys = [k for k in result if k.startswith(("cli_", "dask_"))]
        for key in keys:
            r = result[key]
            r["documents_per_s"] = round(r["documents"] / r["wall_s"], 2)
            r["documents_per_cpu_s"] = round(r["documents"] / r["cpu_s"], 2)
        # Wall time says it all on a free machine; on a shared one CPU seconds are what the run itself cost.
        for n in workers:
            cli_key, dask_key = f"cli_j{n}", names[n]
            for run in ("cold", "warm"):
                d = result[f"{dask_key}_{run}"]
                result[f"overhead_{n}_{run}_wall"] = round(d["wall_s"] / result[cli_key]["wall_s"] - 1, 3)
                result[f"overhead_{n}_{run}_cpu"] = round(d["cpu_s"] / result[cli_key]["cpu_s"] - 1, 3)
        # Pipeline loading included (about a second of CPU): a conservative per-core rate.
        if 1 in workers:
            result["per_core_documents_per_cpu_s"] = result["cli_j1"]["documents_per_cpu_s"]
        result["load_average_after"] = os.getloadavg()[0]
        print(json.dumps(result, indent=1))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
