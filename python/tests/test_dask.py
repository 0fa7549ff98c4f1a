"""factpipe.dask: partitions, resuming, and a real cluster (scheduler + two worker processes) losing a worker."""
import glob
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest

from conftest import BUILD_DIR, DEFAULT_CONFIG, SOURCE_DIR, cli_jsonl, comparable, example_records, write_jsonl
from factpipe import dask as fdask

distributed = pytest.importorskip("distributed")

RECORDS = 26
PARTITION = 4
BAD_LINE = '{"id": "broken", "text": 5}'


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """26 articles, a blank line and a bad record, and the command line's output per partition of 4 records:
    what every Dask run must reproduce (links between documents are made within a partition). The fact-check
    index is built first and only read by every run after (as on a cluster: docs/cluster.md)."""
    root = tmp_path_factory.mktemp("corpus")
    index = root / "index.sqlite"
    write_jsonl(root / "one.jsonl", example_records(1))
    sources = SOURCE_DIR / "examples" / "sources"
    _, stderr, code = cli_jsonl([root / "one.jsonl"], "-c", DEFAULT_CONFIG, "--set", f"crossref.db={index}",
                                "--set", f"crossref.sources=[{sources}]")
    assert code == 0 and index.exists(), stderr
    overrides = ["crossref.sources=[]", f"crossref.db={index}"]
    records = example_records(RECORDS)
    lines = [json.dumps(r) for r in records]
    lines.insert(9, "")
    lines.insert(14, BAD_LINE)
    path = root / "news.jsonl"
    path.write_text("\n".join(lines) + "\n")
    expected = {}
    for spec in fdask.plan_partitions([str(path)], PARTITION):
        with open(path, "rb") as f:
            f.seek(spec["start"])
            chunk = f.read(spec["end"] - spec["start"])
        part = root / f"{spec['name']}.jsonl"
        part.write_bytes(chunk)
        out, _, _ = cli_jsonl([part], "-c", DEFAULT_CONFIG, *[a for o in overrides for a in ("--set", o)])
        for line in out:
            expected[json.loads(line)["id"]] = line
    assert len(expected) == RECORDS
    return {"path": path, "records": records, "expected": expected, "overrides": overrides}


def output_documents(outdir):
    lines = []
    for part in sorted(glob.glob(os.path.join(outdir, "part-*.jsonl"))):
        with open(part) as f:
            lines += [line.rstrip("\n") for line in f if line.strip()]
    return lines


def check_complete(outdir, corpus):
    """Every input record exactly once: written as the CLI writes it, or listed as failed."""
    manifest = json.load(open(os.path.join(outdir, "manifest.json")))
    lines = output_documents(outdir)
    ids = [json.loads(line)["id"] for line in lines]
    assert sorted(ids) == sorted(corpus["expected"])  # each written once
    for line in lines:
        document = json.loads(line)
        assert comparable(line) == comparable(corpus["expected"][document["id"]]), document["id"]
    assert [f["id"] for f in manifest["failed"]] == [f"{corpus['path']}:15"]
    origin = f"{corpus['path']}:15"
    assert manifest["failed"][0]["error"].startswith(f"{origin}: document '{origin}' failed: ")
    assert manifest["records"] == RECORDS + 1 and manifest["documents"] == RECORDS
    assert manifest["document_links"] == "per partition"
    assert not glob.glob(os.path.join(outdir, "*.tmp-*"))
    return manifest


def test_partitions_are_whole_lines_with_their_line_numbers(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"text":"a"}\n\n{"text":"b"}\r\n \t\n{"text":"c"}\n{"text":"d"}')
    parts = fdask.plan_partitions([str(path)], 2)
    assert [(p["first_line"], p["records"]) for p in parts] == [(1, 2), (5, 2)]
    data = path.read_bytes()
    assert data[parts[0]["start"]:parts[0]["end"]] == b'{"text":"a"}\n\n{"text":"b"}\r\n'
    assert data[parts[1]["start"]:parts[1]["end"]] == b'{"text":"c"}\n{"text":"d"}'
    assert [p["records"] for p in fdask.plan_partitions([str(path)], 10, partition_bytes=20)] == [2, 2]


def test_a_rerun_skips_finished_partitions_and_resumes_the_rest(corpus, tmp_path):
    outdir = str(tmp_path / "out")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            first = fdask.run(client, [str(corpus["path"])], outdir, DEFAULT_CONFIG, corpus["overrides"],
                              partition_records=PARTITION)
            assert first["partitions_this_run"] == len(first["partitions"]) == 7
            check_complete(outdir, corpus)
            before = {p: open(p, "rb").read() for p in glob.glob(os.path.join(outdir, "part-*.jsonl"))}
            again = fdask.run(client, [str(corpus["path"])], outdir, DEFAULT_CONFIG, corpus["overrides"],
                              partition_records=PARTITION)
            assert again["partitions_this_run"] == 0
            # An interrupted run: one partition never finished (no manifest), a killed writer's temporary file.
            os.remove(os.path.join(outdir, "part-00000-000003.manifest.json"))
            open(os.path.join(outdir, "part-00000-000004.jsonl.tmp-dead"), "w").write("half")
            resumed = fdask.run(client, [str(corpus["path"])], outdir, DEFAULT_CONFIG, corpus["overrides"],
                              partition_records=PARTITION)
            assert resumed["partitions_this_run"] == 1
            check_complete(outdir, corpus)
            after = {p: open(p, "rb").read() for p in glob.glob(os.path.join(outdir, "part-*.jsonl"))}
            assert [comparable_lines(after[p]) for p in sorted(after)] == [comparable_lines(before[p]) for p in sorted(before)]
            # Another pipeline (an override) is another output: nothing is skipped.
            other = fdask.run(client, [str(corpus["path"])], outdir, DEFAULT_CONFIG,
                              corpus["overrides"] + ["crossref.top_k=2"], partition_records=PARTITION)
            assert other["partitions_this_run"] == 7


def partition_manifests(outdir):
    return [json.load(open(p)) for p in sorted(glob.glob(os.path.join(outdir, "part-*.manifest.json")))]


def test_partitions_go_largest_first_and_no_more_at_a_time_than_in_flight(corpus, tmp_path):
    """Two workers, one partition in flight: they run one after another, largest first (so with as many in flight
    as threads, the next largest goes to whichever worker frees first). All at once, both workers run together."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            one = str(tmp_path / "one")
            fdask.run(client, [str(corpus["path"])], one, DEFAULT_CONFIG, corpus["overrides"],
                      partition_records=PARTITION, in_flight=1)
            check_complete(one, corpus)
            parts = sorted(partition_manifests(one), key=lambda m: m["started_at"])
            assert len(parts) == 7
            for before, after in zip(parts, parts[1:]):
                assert after["started_at"] >= before["finished_at"], (before["partition"], after["partition"])
            sizes = [m["partition"]["end"] - m["partition"]["start"] for m in parts]
            assert sizes == sorted(sizes, reverse=True)
            every = str(tmp_path / "all")
            fdask.run(client, [str(corpus["path"])], every, DEFAULT_CONFIG, corpus["overrides"],
                      partition_records=PARTITION, in_flight=0)
            check_complete(every, corpus)
            spans = sorted((m["started_at"], m["finished_at"]) for m in partition_manifests(every))
            assert any(b[0] < a[1] for a, b in zip(spans, spans[1:])), "no two partitions ran at the same time"


def comparable_lines(data):
    return [comparable(line) for line in data.decode().split("\n") if line]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dask_command(name):
    found = shutil.which(name, path="/usr/bin") or shutil.which(name)
    if not found:
        pytest.fail(f"{name} not found: install python3-distributed (scripts/setup.sh)")
    return [sys.executable, found]


def stop(procs):
    """The workers (and the run), then the scheduler: the last started first."""
    for p in reversed(procs):
        if p.poll() is None:
            p.terminate()
    for p in procs:
        try:
            p.wait(20)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait(5)


def test_a_worker_killed_mid_run_loses_nothing(corpus, tmp_path):
    # The workers run in another folder: the package's path must not be relative.
    paths = os.environ.get("PYTHONPATH", str(BUILD_DIR / "python")).split(os.pathsep)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(os.path.abspath(p) for p in paths if p))
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = open(tmp_path / "cluster.log", "w")
    procs = []

    def start(args):
        procs.append(subprocess.Popen(args, stdout=logs, stderr=subprocess.STDOUT, env=env, cwd=tmp_path,
                                      start_new_session=True))
        return procs[-1]

    try:
        start(dask_command("dask-scheduler") + ["--host", "127.0.0.1", "--port", str(port), "--no-dashboard"])
        workers = [start(dask_command("dask-worker") + [address, "--nthreads", "1", "--no-nanny", "--no-dashboard",
                                                        "--host", "127.0.0.1", "--death-timeout", "60",
                                                        "--local-directory", str(tmp_path / f"w{i}")])
                   for i in range(2)]
        with distributed.Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=60)
        outdir = tmp_path / "out"
        command = [sys.executable, "-m", "factpipe.dask", "--scheduler", address, "-c", str(DEFAULT_CONFIG),
                   str(corpus["path"]), "-o", str(outdir), "--partition-records", str(PARTITION)]
        command += [a for o in corpus["overrides"] for a in ("--set", o)]
        run = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        procs.append(run)
        # As soon as a worker has finished a partition it is busy with its next one: kill it then.
        deadline = time.time() + 240
        victim = None
        while victim is None and time.time() < deadline and run.poll() is None:
            for m in glob.glob(str(outdir / "part-*.manifest.json")):
                pid = json.load(open(m))["worker_pid"]
                victim = next((w for w in workers if w.pid == pid), None)
                if victim:
                    break
            time.sleep(0.05)
        if victim is None:
            run.kill()
            pytest.fail(f"no partition finished in time: {run.communicate()[1]}\n{open(tmp_path / 'cluster.log').read()}")
        victim.send_signal(signal.SIGKILL)
        killed_at = time.time()
        victim.wait(10)
        stdout, stderr = run.communicate(timeout=300)
        assert run.returncode == 1, stderr  # 1: the bad record failed, as `factpipe run` says
        assert (outdir / "manifest.json").exists(), stderr
        manifest = check_complete(str(outdir), corpus)
        assert manifest["partitions_this_run"] == 7
        survivor = next(w for w in workers if w is not victim)
        by_survivor_after_kill = [p for p in glob.glob(str(outdir / "part-*.manifest.json"))
                                  if json.load(open(p))["worker_pid"] == survivor.pid and os.path.getmtime(p) >= killed_at]
        assert by_survivor_after_kill, "the surviving worker finished the rest"
    finally:
        stop(procs)
        logs.close()


def part_manifests(outdir):
    return [json.load(open(p)) for p in sorted(glob.glob(os.path.join(outdir, "part-*.manifest.json")))]


def test_a_fresh_worker_loads_the_pipeline_on_its_first_partition_and_says_so(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(fdask, "_pipelines", {})  # a fresh worker process (this one is the in-process worker)
    outdir = str(tmp_path / "out")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            fdask.run(client, [str(corpus["path"])], outdir, DEFAULT_CONFIG, corpus["overrides"],
                      partition_records=PARTITION)
    check_complete(outdir, corpus)
    parts = sorted(part_manifests(outdir), key=lambda m: m["started_at"])
    assert [m["load_seconds"] > 0 for m in parts] == [True] + [False] * (len(parts) - 1)
    assert parts[0]["load_cpu_seconds"] > 0 and parts[0]["pipeline_seconds"] >= parts[0]["load_seconds"]
    assert all(m["cpu_seconds"] > 0 and m["finished_at"] >= m["started_at"] for m in parts)
    # One worker thread: one partition after the other, the largest (in bytes) first.
    assert all(a["finished_at"] <= b["started_at"] for a, b in zip(parts, parts[1:]))
    sizes = [m["partition"]["end"] - m["partition"]["start"] for m in parts]
    assert sizes == sorted(sizes, reverse=True) and sizes != [m["partition"]["end"] - m["partition"]["start"] for m in
                                                               sorted(parts, key=lambda m: m["partition"]["name"])]


def test_the_preload_loads_the_pipeline_once_per_worker_and_partitions_use_it(corpus, tmp_path, monkeypatch):
    from factpipe import dask_preload

    def pipelines_loaded():  # run in the worker (a local function: sent by value, not imported from this file)
        from factpipe import dask as worker_fdask

        return sorted((list(key), entry["loaded_at"]) for key, entry in worker_fdask._pipelines.items())

    paths = os.environ.get("PYTHONPATH", str(BUILD_DIR / "python")).split(os.pathsep)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(os.path.abspath(p) for p in paths if p))
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = open(tmp_path / "cluster.log", "w")
    # As docs/cluster.md starts them: the run's pipeline file and overrides given to the worker's preload.
    preload = ["--preload", "factpipe.dask_preload", "--factpipe-config", str(DEFAULT_CONFIG)]
    preload += [a for o in corpus["overrides"] for a in ("--factpipe-set", o)]
    procs = [subprocess.Popen(command, stdout=logs, stderr=subprocess.STDOUT, env=env, cwd=tmp_path)
             for command in (dask_command("dask-scheduler") + ["--host", "127.0.0.1", "--port", str(port),
                                                               "--no-dashboard"],
                             dask_command("dask-worker") + [address, "--nthreads", "1", "--no-nanny", "--no-dashboard",
                                                            "--host", "127.0.0.1", "--death-timeout", "60",
                                                            "--local-directory", str(tmp_path / "w"), *preload])]
    try:
        with distributed.Client(address, timeout=60) as client:
            client.wait_for_workers(1, timeout=120)
            # Registered means preloaded: the pipeline is there before any task asked for it.
            (before,) = client.run(pipelines_loaded).values()
            key = list(fdask.pipeline_key(str(DEFAULT_CONFIG), corpus["overrides"], 1, 32.0))
            assert [k for k, _ in before] == [key], open(tmp_path / "cluster.log").read()
            outdir = str(tmp_path / "out")
            fdask.run(client, [str(corpus["path"])], outdir, DEFAULT_CONFIG, corpus["overrides"],
                      partition_records=PARTITION)
            check_complete(outdir, corpus)
            parts = part_manifests(outdir)
            assert {m["worker_pid"] for m in parts} == {procs[1].pid}
            assert [m["load_seconds"] for m in parts] == [0.0] * len(parts)
            (after,) = client.run(pipelines_loaded).values()
            assert after == before  # used, not loaded again
        # In this process: a second preload with the same settings loads nothing.
        monkeypatch.setattr(fdask, "_pipelines", {})
        assert dask_preload.preload(DEFAULT_CONFIG, ["crossref.top_k=2"] + corpus["overrides"]) > 0
        assert dask_preload.preload(DEFAULT_CONFIG, ["crossref.top_k=2"] + corpus["overrides"]) == 0.0
    finally:
        stop(procs)
        logs.close()
