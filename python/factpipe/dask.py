"""factpipe on a Dask cluster: JSON lines in, `factpipe run --format jsonl` lines out, nothing lost when a worker dies.

    python3 -m factpipe.dask --scheduler tcp://HOST:8786 [--config FILE] INPUT.jsonl... -o OUTDIR

The client splits every input (a local path or any fsspec URL) into partitions of whole lines (at most
--partition-records records and --partition-mb MB each) and submits one task per partition, largest first and as
many at a time as the workers have threads (--in-flight). A worker loads the pipeline once (models, the fact-check
index; on its first partition, or while it starts with `--preload factpipe.dask_preload`) and keeps it for every
partition it is given. Each partition's
output is written under a temporary name and renamed into place, then its manifest (OUTDIR/part-*.manifest.json)
the same way: a re-run skips every partition whose manifest is there and matches (same input range, same
pipeline), so an interrupted run resumes where it stopped. The run ends with OUTDIR/manifest.json.

Every input record ends up exactly once: in OUTDIR/part-*.jsonl, byte for byte the line `factpipe run --format
jsonl` writes for it, or, when it failed, in the manifests' "failed" list with the command line's message.

Links between documents (crossref's "document" evidence) are made within a partition: before each partition the
worker's batch stages forget the earlier ones, so a partition's output does not depend on which worker ran it or
what it ran before. The manifest says so ("document_links": "per partition"). The fact-check index is only read by
the workers: give them an index built beforehand (`factpipe index`, --set crossref.db=PATH) on each machine or on a
shared file system (docs/cluster.md).
"""

import argparse
import hashlib
import json
import os
import sys
import threading
import time
import uuid

import fsspec

MANIFEST = "manifest.json"
FORMAT_VERSION = 1

# ----------------------------------------------------------------------------------------------- planning


def plan_partitions(inputs, partition_records=200, partition_bytes=64 << 20):
    """Splits each input into byte ranges of whole lines. Blank lines are not records (as in `factpipe run`)."""
    partitions = []
    for file_index, path in enumerate(inputs):
        fs, fs_path = fsspec.core.url_to_fs(path)
        stem = os.path.basename(fs_path)
        stem = stem[: -len(".jsonl")] if stem.endswith(".jsonl") else os.path.splitext(stem)[0]
        size = fs.size(fs_path)
        offset = start = 0
        line_no = first_line = records = 0
        ranges = []
        with fs.open(fs_path, "rb") as f:
            for line in f:
                line_no += 1
                if _is_record(line):
                    if records == 0:
                        start, first_line = offset, line_no
                    records += 1
                offset += len(line)
                if records and (records >= partition_records or offset - start >= partition_bytes):
                    ranges.append((start, offset, first_line, records))
                    records = 0
        if records:
            ranges.append((start, offset, first_line, records))
        for count, (start, end, first_line, records) in enumerate(ranges):
            partitions.append({"name": f"part-{file_index:05d}-{count:06d}", "input": path, "input_size": size,
                               "stem": stem, "start": start, "end": end, "first_line": first_line,
                               "records": records})
    return partitions


def _is_record(line):
    """As `factpipe run` reads JSON lines: a line of spaces and tabs (after its \\r\\n) is no record."""
    return bool(line.rstrip(b"\n").rstrip(b"\r").strip(b" \t"))


def pipeline_fingerprint(config, overrides):
    """What makes two runs' outputs comparable: the pipeline file's content and the overrides."""
    h = hashlib.sha256()
    if config:
        with open(config, "rb") as f:
            h.update(f.read())
    h.update(json.dumps(list(overrides)).encode())
    return h.hexdigest()


# ----------------------------------------------------------------------------------------------- workers

_pipelines = {}
_pipelines_lock = threading.Lock()


def pipeline_key(config, overrides, threads, max_document_mb):
    """What names one loaded pipeline in a worker: the client's run and a worker's preload (factpipe.dask_preload)
    must spell the same settings the same way to share it."""
    return (os.path.abspath(config) if config else None, tuple(str(o) for o in overrides), int(threads),
            float(max_document_mb))


def _worker_pipeline(config, overrides, threads, max_document_mb):
    """The worker process's pipeline for these settings, made on first use (or by the preload) and kept."""
    from factpipe import Pipeline

    key = pipeline_key(config, overrides, threads, max_document_mb)
    with _pipelines_lock:
        entry = _pipelines.get(key)
        if entry is None:
            started, cpu = time.time(), time.process_time()
            pipeline = Pipeline(key[0], list(key[1]), n_threads=key[2], max_document_mb=key[3])
            # Said once, in the manifest of the partition that paid for it (none when a preload did).
            entry = {"pipeline": pipeline, "lock": threading.Lock(), "used": False, "loaded_at": started,
                     "load_seconds": time.time() - started, "load_cpu_seconds": time.process_time() - cpu,
                     "load_reported": False}
            _pipelines[key] = entry
    return entry


def _read_range(path, start, end):
    fs, fs_path = fsspec.core.url_to_fs(path)
    with fs.open(fs_path, "rb") as f:
        f.seek(start)
        return f.read(end - start)


def _write_atomically(fs, path, data):
    """Temporary name, then rename: a reader sees the whole file or none of it."""
    tmp = f"{path}.tmp-{uuid.uuid4().hex}"
    if isinstance(fs, fsspec.implementations.local.LocalFileSystem):
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    else:
        with fs.open(tmp, "wb") as f:
            f.write(data)
        fs.mv(tmp, path)


def run_partition(spec, outdir, config, overrides, threads, max_document_mb, fingerprint):
    """One task: reads the partition's lines, runs them as one batch, writes part-*.jsonl and its manifest."""
    started, cpu_started = time.time(), time.process_time()
    entry = _worker_pipeline(config, overrides, threads, max_document_mb)
    data = _read_range(spec["input"], spec["start"], spec["end"])
    lines, line_no = [], spec["first_line"]
    for raw in data.split(b"\n"):
        if _is_record(raw):
            # bytes, not str: invalid UTF-8 fails this record alone, with the command line's message; the
            # command line's origin and fallback id: file:line and <stem>-<line>
            line = raw[:-1] if raw.endswith(b"\r") else raw
            lines.append((line, f"{spec['input']}:{line_no}", f"{spec['stem']}-{line_no}"))
        line_no += 1
    del data
    with entry["lock"]:
        pipeline = entry["pipeline"]
        if entry["used"]:
            pipeline.start_run()  # links stay within this partition
        entry["used"] = True
        loaded_here = not entry["load_reported"] and entry["loaded_at"] >= started
        entry["load_reported"] = True
        outcomes = pipeline.run_lines(lines, threads)
    pipeline_seconds = time.time() - started  # loading the pipeline included, on a worker's first partition
    del lines
    out, failed = [], []
    for document_id, origin, ok, payload, stage in outcomes:
        if ok:
            out.append(payload)
        else:
            failed.append({"id": document_id, "origin": origin, "stage": stage,
                           "error": f"{origin}: document '{document_id}' failed: {payload}"})
    written = time.time()
    body = ("\n".join(out) + "\n").encode() if out else b""
    fs, fs_outdir = fsspec.core.url_to_fs(outdir)
    _write_atomically(fs, f"{fs_outdir}/{spec['name']}.jsonl", body)
    finished = time.time()
    manifest = {
        "format": FORMAT_VERSION, "partition": spec, "fingerprint": fingerprint,
        "output": f"{spec['name']}.jsonl", "output_bytes": len(body), "output_sha256": hashlib.sha256(body).hexdigest(),
        "documents": len(out), "failed": failed, "seconds": round(finished - started, 3),
        "pipeline_seconds": round(pipeline_seconds, 3), "write_seconds": round(finished - written, 3),
        # The worker's timeline (epoch seconds) and what the task cost it: the pipeline's loading when this task
        # paid for it (0 after a preload or an earlier task), the worker process's CPU seconds while it ran.
        "started_at": round(started, 3), "finished_at": round(finished, 3),
        "load_seconds": round(entry["load_seconds"], 3) if loaded_here else 0.0,
        "load_cpu_seconds": round(entry["load_cpu_seconds"], 3) if loaded_here else 0.0,
        "cpu_seconds": round(time.process_time() - cpu_started, 3),
        "worker_pid": os.getpid(),
    }
    _write_atomically(fs, f"{fs_outdir}/{spec['name']}.manifest.json", json.dumps(manifest, indent=1).encode())
    return manifest


# ----------------------------------------------------------------------------------------------- the client


def _finished(fs, fs_outdir, spec, fingerprint):
    """The partition's manifest when it is there, matches this run and its output is whole; else None."""
    try:
        with fs.open(f"{fs_outdir}/{spec['name']}.manifest.json", "rb") as f:
            manifest = json.loads(f.read())
        if manifest.get("partition") != spec or manifest.get("fingerprint") != fingerprint:
            return None
        if fs.size(f"{fs_outdir}/{manifest['output']}") != manifest["output_bytes"]:
            return None
        return manifest
    except (FileNotFoundError, ValueError, KeyError):
        return None


def run(client, inputs, outdir, config=None, overrides=(), partition_records=200, partition_mb=64.0, threads=1,
        max_document_mb=32.0, log=None, in_flight=None):
    """Runs the pipeline over `inputs` on the cluster of `client` (a distributed.Client or a scheduler address)
    into `outdir`; returns the run's manifest (also written to OUTDIR/manifest.json).

    `in_flight`: partitions handed to the scheduler at a time. None (the default) keeps as many as the workers have
    threads, so each next-largest partition goes to whichever worker frees first; 0 submits every partition at once
    and leaves the placing to the scheduler."""
    import distributed

    log = log or (lambda message: print(f"factpipe.dask: {message}", file=sys.stderr, flush=True))
    own_client = not isinstance(client, distributed.Client)
    if own_client:
        client = distributed.Client(client)
    try:
        config = os.path.abspath(config) if config else None
        overrides = [str(o) for o in overrides]
        fingerprint = pipeline_fingerprint(config, overrides)
        fs, fs_outdir = fsspec.core.url_to_fs(outdir)
        fs.makedirs(fs_outdir, exist_ok=True)
        specs = plan_partitions(inputs, partition_records, int(partition_mb * (1 << 20)))
        done = {}
        for spec in specs:
            manifest = _finished(fs, fs_outdir, spec, fingerprint)
            if manifest:
                done[spec["name"]] = manifest
        todo = [s for s in specs if s["name"] not in done]
        log(f"{len(specs)} partitions, {len(done)} already done, {len(todo)} to run")
        started = time.time()
        token = uuid.uuid4().hex[:8]
        # Largest partitions first (bytes stand for cost), and no more at a time than the workers can run: the
        # scheduler would otherwise queue a second partition on a worker while another worker goes idle at the end
        # (Dask 2022.12 assigns up to ceil(1.1 x threads) tasks per worker), and the last ones are the small ones,
        # so the workers finish close together.
        pending = sorted(todo, key=lambda s: s["end"] - s["start"], reverse=True)
        running = distributed.as_completed()

        def submit_more():
            # The workers' threads are asked once per call (a round trip to the scheduler), not once per partition.
            if in_flight == 0:
                limit = len(pending) + running.count()
            else:
                limit = in_flight or max(1, sum(client.nthreads().values()))
            while pending and running.count() < limit:
                spec = pending.pop(0)
                running.add(client.submit(run_partition, spec, key=f"factpipe-{spec['name']}-{token}", outdir=outdir,
                                          config=config, overrides=overrides, threads=threads,
                                          max_document_mb=max_document_mb, fingerprint=fingerprint, retries=2,
                                          pure=False, priority=len(pending)))

        submit_more()
        documents = 0
        for n, future in enumerate(running, 1):
            manifest = future.result()
            submit_more()
            done[manifest["partition"]["name"]] = manifest
            documents += manifest["documents"] + len(manifest["failed"])
            seconds = time.time() - started
            log(f"{n}/{len(todo)} partitions, {documents} documents, {documents / max(seconds, 1e-9):.1f} documents/s")
        seconds = time.time() - started
        parts = [done[s["name"]] for s in specs]
        failed = [f for p in parts for f in p["failed"]]
        manifest = {
            "format": FORMAT_VERSION, "inputs": list(inputs), "config": config, "overrides": overrides,
            "fingerprint": fingerprint, "document_links": "per partition",
            "records": sum(p["partition"]["records"] for p in parts),
            "documents": sum(p["documents"] for p in parts), "failed": failed,
            "partitions": [{"name": p["partition"]["name"], "output": p["output"], "input": p["partition"]["input"],
                            "first_line": p["partition"]["first_line"], "records": p["partition"]["records"],
                            "documents": p["documents"], "failed": len(p["failed"])} for p in parts],
            "seconds_this_run": round(seconds, 3), "partitions_this_run": len(todo),
        }
        _write_atomically(fs, f"{fs_outdir}/{MANIFEST}", json.dumps(manifest, indent=1).encode())
        _remove_stale_temporaries(fs, fs_outdir)
        return manifest
    finally:
        if own_client:
            client.close()


def _remove_stale_temporaries(fs, fs_outdir):
    """Files a killed worker left half-written (every partition is whole by now)."""
    for path in fs.glob(f"{fs_outdir}/*.tmp-*"):
        try:
            fs.rm(path)
        except FileNotFoundError:
            pass


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m factpipe.dask", description=__doc__.split("\n\n")[0],
                                     epilog="Exit codes: 0 done, 1 done but some records failed (listed in the "
                                     "manifest), 2 bad input or output path, 3 the run did not finish (re-run to "
                                     "resume).")
    parser.add_argument("inputs", nargs="+", metavar="INPUT.jsonl", help="JSON lines files (local or fsspec URLs)")
    parser.add_argument("-o", "--output", required=True, metavar="OUTDIR")
    parser.add_argument("--scheduler", required=True, help="the Dask scheduler, tcp://HOST:PORT")
    parser.add_argument("-c", "--config", help="pipeline file, at the same path on every worker (default: the "
                        "default pipeline)")
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="STAGE.KEY=VALUE")
    parser.add_argument("--partition-records", type=int, default=200, help="records per partition (default 200)")
    parser.add_argument("--partition-mb", type=float, default=64.0, help="bytes per partition, at most (default 64 MB)")
    parser.add_argument("--threads", type=int, default=1, help="pipeline threads per task (default 1; run workers "
                        "with --nthreads 1 and give the cores here or to more workers)")
    parser.add_argument("--max-document-mb", type=float, default=32.0)
    parser.add_argument("--in-flight", type=int, default=None, metavar="N", help="partitions handed to the scheduler "
                        "at a time (default: as many as the workers have threads, largest first; 0: all at once)")
    args = parser.parse_args(argv)
    if args.partition_records < 1 or args.threads < 1:
        parser.error("--partition-records and --threads must be at least 1")
    if args.in_flight is not None and args.in_flight < 0:
        parser.error("--in-flight must be 0 or more")
    try:
        manifest = run(args.scheduler, args.inputs, args.output, args.config, args.overrides, args.partition_records,
                       args.partition_mb, args.threads, args.max_document_mb, in_flight=args.in_flight)
    except (OSError, ValueError) as e:  # an input or the output folder
        print(f"factpipe.dask: error: {e}", file=sys.stderr)
        return 2
    except Exception as e:  # the cluster gave up (a task failed too often, the scheduler went away): re-run to resume
        print(f"factpipe.dask: error: the run did not finish ({type(e).__name__}: {e}); finished partitions are kept, "
              "a re-run resumes", file=sys.stderr)
        return 3
    for f in manifest["failed"]:
        print(f"factpipe.dask: error: {f['error']}", file=sys.stderr)
    print(f"factpipe.dask: {manifest['records']} records, {manifest['documents']} written, "
          f"{len(manifest['failed'])} failed, {manifest['seconds_this_run']} s", file=sys.stderr)
    return 1 if manifest["failed"] else 0


if __name__ == "__main__":
    # Through the imported module, not __main__: the tasks must name factpipe.dask.run_partition, which the
    # workers import, rather than carry a copy of this script's function (and its unpicklable lock).
    from factpipe.dask import main as _main

    sys.exit(_main())
