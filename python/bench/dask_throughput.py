"""Throughput of factpipe.dask with 1 and 2 workers against the single-process command line, on the same input.

    PYTHONPATH=build/python /usr/bin/python3 python/bench/dask_throughput.py [--documents N] [--partition-records P]
        [--workers 1|2 ...] [--repeats R]

Input: the first N PolNeAR train articles (../shared/datasets, as JSON lines in a temporary folder; never
committed), else the bundled example articles repeated. Every configuration runs the default pipeline with
the same batches: `factpipe run --batch-size P` (one process, -j 1 and -j 2) and factpipe.dask with partitions of P
records on a real `dask-scheduler` with 1 or 2 `dask-worker --nthreads 1` processes:

* cold: a fresh cluster, each worker loads the pipeline on its first partition; timed as the command line is, from
  the client's start to its end (the cluster started beforehand), and again "with start-up": from spawning the
  scheduler and workers to the end of the run, CPU of every process since it started;
* warm: the same workers again (pipelines loaded: a long-lived cluster's every later run);
* preload: a fresh cluster whose workers load the pipeline while they start (factpipe.dask_preload), timed both
  ways as cold: the client's window no longer contains the loading, the window with start-up does.

Each round runs every configuration once, in turn (CLI, Dask cold and warm, Dask preload, ...), so a slow spell on
a shared machine falls on all of them; --repeats rounds. Prints JSON: every round (wall and CPU seconds, CPU per
process, each worker's timeline: process start, pipeline loading, each partition's start and end, idle time at
the tail) and a summary with the median, minimum and maximum of each figure and of each overhead = Dask / command
line with as many cores - 1 (each round against its own command line run; target <= 0.10), in wall time (what
counts on a free machine) and in CPU seconds of every process of the run, which a busy machine distorts less.
"""
import argparse
import json
import os
import pathlib
import re
import resource
import shutil
import socket
import statistics
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


class Cluster:
    """A fresh `dask-scheduler` and `workers` `dask-worker --nthreads 1` processes on loopback, optionally with the
    factpipe preload (the pipeline loaded while each worker starts). `spawned` is when the first process was
    started, `ready` when every worker had registered: the start-up a cold run pays besides the run itself."""

    def __init__(self, workers, env, preload=()):
        self.workers, self.env, self.preload = workers, env, list(preload)

    def __enter__(self):
        import distributed

        port = free_port()
        self.address = f"tcp://127.0.0.1:{port}"
        self.scratch = tempfile.mkdtemp(prefix="factpipe-bench-dask-")
        self.spawned = time.time()
        self.procs = [subprocess.Popen([sys.executable, shutil.which("dask-scheduler"), "--host", "127.0.0.1",
                                        "--port", str(port), "--no-dashboard"], stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, env=self.env, cwd=self.scratch)]
        for i in range(self.workers):
            self.procs.append(subprocess.Popen(
                [sys.executable, shutil.which("dask-worker"), self.address, "--nthreads", "1", "--no-nanny",
                 "--no-dashboard", "--host", "127.0.0.1", "--local-directory", f"{self.scratch}/w{i}", *self.preload],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=self.env, cwd=self.scratch))
        try:
            self.client = distributed.Client(self.address, timeout=60)
            self.client.wait_for_workers(self.workers, timeout=120)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        self.ready = time.time()
        self.scheduler_pid, self.worker_pids = self.procs[0].pid, [p.pid for p in self.procs[1:]]
        return self

    def __exit__(self, *exc):
        if getattr(self, "client", None):
            self.client.close()
        for p in reversed(self.procs):  # the workers, then the scheduler
            p.terminate()
        for p in self.procs:
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:  # a worker still trying to reach the scheduler
                p.kill()
                p.wait(10)
        shutil.rmtree(self.scratch, ignore_errors=True)

    def cpu_s(self):
        """CPU seconds each process has used since it started."""
        return {"scheduler": process_cpu_s([self.scheduler_pid]),
                **{f"worker{i}": process_cpu_s([pid]) for i, pid in enumerate(self.worker_pids)}}


def worker_loads(client):
    """Per worker pid: when its pipeline was loaded (epoch), in how many wall and CPU seconds."""
    import psutil

    def loads():
        from factpipe import dask as fdask

        return [(e["loaded_at"], e["load_seconds"], e["load_cpu_seconds"]) for e in fdask._pipelines.values()]

    out = client.run(lambda: (psutil.Process().pid, psutil.Process().create_time(), loads()))
    return {pid: {"process_started": created, "loads": entries} for pid, created, entries in out.values()}


def timeline(parts, run_started, run_ended, cluster, loads):
    """Per worker, seconds from the client's start: process start, pipeline loaded, each partition's start and end,
    idle time before its first partition and after its last (the tail: the other worker still busy)."""
    rel = lambda t: round(t - run_started, 2)  # noqa: E731
    last_end = max(p["finished_at"] for p in parts)
    out = {}
    for i, pid in enumerate(cluster.worker_pids):
        mine = sorted((p for p in parts if p["worker_pid"] == pid), key=lambda p: p["started_at"])
        info = loads.get(pid, {"process_started": None, "loads": []})
        load = info["loads"][0] if info["loads"] else None
        out[f"worker{i}"] = {
            "process_started": rel(info["process_started"]) if info["process_started"] else None,
            "pipeline_load": [rel(load[0]), rel(load[0] + load[1])] if load else None,
            "pipeline_load_cpu_s": round(load[2], 3) if load else None,
            "partitions": [[p["partition"]["name"][-3:], rel(p["started_at"]), rel(p["finished_at"]),
                            p["cpu_seconds"]] for p in mine],
            "busy_s": round(sum(p["finished_at"] - p["started_at"] for p in mine), 2),
            "idle_before_first_s": rel(mine[0]["started_at"]) if mine else None,
            "idle_tail_s": round(last_end - mine[-1]["finished_at"], 2) if mine else None,
        }
    out["client_after_last_partition_s"] = round(run_ended - last_end, 2)
    return out


def dask_run(cluster, config, overrides, inputs, out, batch, extra=()):
    """One `python3 -m factpipe.dask` run on `cluster`: wall and CPU seconds of the run (client, scheduler and
    each worker apart), the partition manifests' sums and the workers' timeline."""
    before = cluster.cpu_s()
    client_cpu = children_cpu_s()
    start = time.time()
    proc = subprocess.run([sys.executable, "-m", "factpipe.dask", "--scheduler", cluster.address, "-c", config,
                           *sets(overrides), str(inputs), "-o", str(out), "--partition-records", str(batch), *extra],
                          capture_output=True, text=True, env=cluster.env)
    ended = time.time()
    after = cluster.cpu_s()
    cpu = {k: after[k] - before[k] for k in after}
    cpu["client"] = children_cpu_s() - client_cpu
    if proc.returncode not in (0, 1):
        raise RuntimeError(proc.stderr)
    manifest = json.load(open(out / "manifest.json"))
    parts = [json.load(open(out / f"{p['name']}.manifest.json")) for p in manifest["partitions"]]
    return {"wall_s": round(ended - start, 3), "cpu_s": round(sum(cpu.values()), 3),
            "cpu_s_by_process": {k: round(v, 3) for k, v in cpu.items()}, "documents": manifest["documents"],
            # inside the tasks: the pipeline (its loading included when the task paid for it) and the writing
            "task_pipeline_s": round(sum(p["pipeline_seconds"] for p in parts), 3),
            "task_load_s": round(sum(p["load_seconds"] for p in parts), 3),
            "task_write_s": round(sum(p["write_seconds"] for p in parts), 3),
            "timeline": timeline(parts, start, ended, cluster, worker_loads(cluster.client)),
            "_window": (start, ended, after, cpu["client"])}


def with_startup(run, cluster):
    """The same run with the cluster's start-up counted: wall from spawning the scheduler to the end of the run,
    CPU of every process since it started (the workers' Python and Dask start, their pipeline loading)."""
    start, ended, after, client_cpu = run.pop("_window")
    cpu = dict(after, client=client_cpu)
    return {"wall_s": round(ended - cluster.spawned, 3), "cpu_s": round(sum(cpu.values()), 3),
            "cpu_s_by_process": {k: round(v, 3) for k, v in cpu.items()}, "documents": run["documents"],
            "cluster_start_s": round(cluster.ready - cluster.spawned, 3)}


def spread(values):
    return {"median": round(statistics.median(values), 3), "min": round(min(values), 3),
            "max": round(max(values), 3), "values": [round(v, 3) for v in values]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=800)
    parser.add_argument("--partition-records", type=int, default=50)
    parser.add_argument("--workers", type=int, choices=(1, 2), action="append",
                        help="only these worker counts (repeatable; default both): each compared with -j as many")
    parser.add_argument("--repeats", type=int, default=3, help="rounds; each runs every configuration once, in turn")
    parser.add_argument("--all-at-once", action="store_true", help="also a cold run that submits every partition at "
                        "once (--in-flight 0, the scheduler places them) against the default (as many as threads)")
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
        preload = ["--preload", "factpipe.dask_preload", "--factpipe-config", config,
                   *[a for o in overrides for a in ("--factpipe-set", o)]]
        result = {"input": origin, "documents": records, "megabytes": round(size / 1e6, 2),
                  "partition_records": args.partition_records, "cores": os.cpu_count(), "rounds": []}
        data, batch = work / "news.jsonl", args.partition_records
        names = {1: "dask_1_worker", 2: "dask_2_workers"}
        # Interleaved: every round runs each configuration once, so a slow spell of a shared machine falls on
        # all of them rather than on one configuration's repeats.
        for r in range(args.repeats):
            rnd = {}
            for n in workers:
                rnd[f"load_average_before_{n}"] = os.getloadavg()[0]
                rnd[f"cli_j{n}"] = cli(exe, config, overrides, data, work / f"cli{n}.jsonl", n, batch)
                d = names[n]
                with Cluster(n, env) as cluster:  # cold: each worker loads the pipeline on its first partition
                    rnd[f"{d}_cold"] = dask_run(cluster, config, overrides, data, work / f"d{n}-{r}-cold", batch)
                    rnd[f"{d}_cold_with_startup"] = with_startup(rnd[f"{d}_cold"], cluster)
                    rnd[f"{d}_warm"] = dask_run(cluster, config, overrides, data, work / f"d{n}-{r}-warm", batch)
                    rnd[f"{d}_warm"].pop("_window")
                    rss = cluster.client.run(lambda: __import__("psutil").Process().memory_info().rss)
                    rnd[f"{d}_warm"]["worker_rss_mb"] = sorted(round(v / 1e6) for v in rss.values())
                if args.all_at_once:
                    with Cluster(n, env) as cluster:
                        rnd[f"{d}_cold_all_at_once"] = dask_run(cluster, config, overrides, data,
                                                                work / f"d{n}-{r}-all", batch, ["--in-flight", "0"])
                        rnd[f"{d}_cold_all_at_once"].pop("_window")
                with Cluster(n, env, preload) as cluster:  # cold, the pipeline preloaded while the workers start
                    rnd[f"{d}_preload"] = dask_run(cluster, config, overrides, data, work / f"d{n}-{r}-pre", batch)
                    rnd[f"{d}_preload_with_startup"] = with_startup(rnd[f"{d}_preload"], cluster)
                for key in [k for k in rnd if k.startswith(("cli_", "dask_"))]:
                    rnd[key]["documents_per_s"] = round(rnd[key]["documents"] / rnd[key]["wall_s"], 2)
                    rnd[key]["documents_per_cpu_s"] = round(rnd[key]["documents"] / rnd[key]["cpu_s"], 2)
            result["rounds"].append(rnd)
            print(f"round {r + 1}/{args.repeats} done, load {os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)
        # Overhead = Dask / command line with as many cores - 1, each round against its own command line run; wall
        # time says it all on a free machine, CPU seconds are what the run itself cost on a shared one.
        summary = {}
        for n in workers:
            kinds = ["cold", "cold_with_startup", "warm", "preload", "preload_with_startup"]
            for kind in kinds + (["cold_all_at_once"] if args.all_at_once else []):
                key = f"{names[n]}_{kind}"
                for unit in ("wall", "cpu"):
                    summary[f"overhead_{n}_{kind}_{unit}"] = spread(
                        [rnd[key][f"{unit}_s"] / rnd[f"cli_j{n}"][f"{unit}_s"] - 1 for rnd in result["rounds"]])
            for key in [f"cli_j{n}"] + [f"{names[n]}_{k}" for k in ("cold", "warm", "preload")]:
                for unit in ("wall_s", "cpu_s"):
                    summary[f"{key}_{unit}"] = spread([rnd[key][unit] for rnd in result["rounds"]])
        if 1 in workers:  # pipeline loading included (about a second of CPU): a conservative per-core rate
            summary["per_core_documents_per_cpu_s"] = spread([rnd["cli_j1"]["documents_per_cpu_s"]
                                                              for rnd in result["rounds"]])
        result["summary"] = summary
        result["load_average_after"] = os.getloadavg()[0]
        print(json.dumps(result, indent=1))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
