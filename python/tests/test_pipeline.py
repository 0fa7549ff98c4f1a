"""factpipe.Pipeline returns what `factpipe run` writes, runs without the GIL, and reports errors like the CLI."""
import json
import threading
import time

import pytest

import factpipe
from conftest import (DEFAULT_CONFIG, FIXTURE_PLUGIN_DIR, cli_jsonl, comparable, example_records, write_jsonl)


def test_one_document_is_the_cli_document(pipeline, tmp_path):
    record = example_records(1)[0]
    (expected,), _, code = cli_jsonl([write_jsonl(tmp_path / "one.jsonl", [record])], "-c", DEFAULT_CONFIG)
    assert code == 0
    meta = {k: record[k] for k in ("title", "url", "publisher", "published")}
    pipeline.start_run()  # a fresh run: no documents of earlier tests to link to
    got = pipeline(record["text"], id=record["id"], meta=meta)
    assert got["id"] == record["id"]
    assert got["claims"], "the example article has check-worthy claims"
    assert comparable(got) == comparable(expected)


def test_pipe_is_the_cli_batch_in_input_order(pipeline, tmp_path):
    records = example_records(6)
    expected, _, code = cli_jsonl([write_jsonl(tmp_path / "six.jsonl", records)], "-c", DEFAULT_CONFIG)
    assert code == 0
    # One batch of six, as the command line makes of one input: crossref links the documents to each other.
    pipeline.start_run()
    got = list(pipeline.pipe(iter(records), batch_size=6, n_threads=2))
    assert [d["id"] for d in got] == [r["id"] for r in records]
    assert [comparable(d) for d in got] == [comparable(e) for e in expected]
    links = [link for d in got for c in d["claims"] for link in c.get("extra", {}).get("crossref", {}).get("links", [])]
    assert {link["kind"] for link in links} == {"document"}, "claims shared by the batch's documents are linked"


def test_pipe_takes_plain_texts_and_gives_them_ids(pipeline):
    got = list(pipeline.pipe(["The council approved 12 new buses on Monday.", "Fares rose by 5 percent."],
                             n_threads=1))
    assert len(got) == 2
    assert all(d["id"].startswith("doc-") for d in got) and got[0]["id"] != got[1]["id"]
    assert [s["stage"] for s in got[0]["provenance"]["stages"]] == pipeline.stages


def test_bad_input_fails_alone_with_the_cli_message(pipeline, tmp_path):
    records = [{"id": "good", "text": "The council approved 12 new buses."}, {"id": "bad", "text": 5}]
    _, stderr, code = cli_jsonl([write_jsonl(tmp_path / "bad.jsonl", records)], "-c", DEFAULT_CONFIG)
    assert code == 1
    got = list(pipeline.pipe(records, errors="return"))
    assert got[0]["id"] == "good"
    failure = got[1]
    assert isinstance(failure, factpipe.Failure)
    assert failure.stage == ""  # the input, not a stage
    assert failure.error.reason and failure.error.reason in stderr
    with pytest.raises(factpipe.StageError) as raised:
        list(pipeline.pipe(records))
    assert failure.error.reason in str(raised.value)


@pytest.mark.skipif(not FIXTURE_PLUGIN_DIR, reason="FACTPIPE_FIXTURE_PLUGIN_DIR (the host's test plugins) not given")
def test_a_failing_stage_is_named(tmp_path):
    config = tmp_path / "boom.yaml"
    config.write_text(f"pipeline: boom\nplugin_paths: [{FIXTURE_PLUGIN_DIR}]\n"
                      "stages:\n  - name: exploder\n    plugin: fx_boom\n")
    p = factpipe.Pipeline(config, n_threads=1)
    assert p("calm text")["extra"]["fx_boom"] == "survived"
    with pytest.raises(factpipe.StageError) as raised:
        p("a BOOM here", id="d1")
    _, stderr, code = cli_jsonl([write_jsonl(tmp_path / "b.jsonl", [{"id": "d1", "text": "a BOOM here"}])],
                                "-c", config)
    assert code == 1
    assert raised.value.stage == "exploder"
    assert raised.value.document_id == "d1"
    assert raised.value.reason in stderr  # "stage 'exploder' failed on document 'd1': found BOOM in the text"
    assert "found BOOM in the text" in raised.value.reason


def test_config_errors_carry_the_cli_message(tmp_path):
    import subprocess

    from conftest import FACTPIPE_EXE

    with pytest.raises(factpipe.ConfigError) as raised:
        factpipe.Pipeline(DEFAULT_CONFIG, overrides={"claims.no_such_key": 1})
    proc = subprocess.run([str(FACTPIPE_EXE), "validate", str(DEFAULT_CONFIG), "--set", "claims.no_such_key=1"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert str(raised.value).strip() == proc.stderr.strip()
    assert "no_such_key" in str(raised.value)
    with pytest.raises(factpipe.ConfigError, match="no stage"):
        factpipe.Pipeline(DEFAULT_CONFIG, overrides=["nostage.x=1"])


def test_plugins_lists_the_default_stages():
    names = {p["name"]: p for p in factpipe.plugins()}
    for stage in ("segmenter", "entities", "quotes", "claims", "crossref"):
        assert stage in names
    assert names["crossref"]["prepare_batch"] is True
    assert "claims" in names["claims"]["provides"]


def test_the_gil_is_released_while_cpp_runs(pipeline):
    # One long C++ call in a thread; this thread keeps running Python meanwhile. Were the GIL held, no step of
    # this loop could run during the call: the longest pause would be the whole call.
    lines = [(json.dumps(r), f"gil:{i}", f"gil-{i}") for i, r in enumerate(example_records(40))]
    call = {}

    def work():
        call["start"] = time.perf_counter()
        pipeline.run_lines(lines, 1)
        call["end"] = time.perf_counter()

    thread = threading.Thread(target=work)
    stamps = []
    thread.start()
    while thread.is_alive():
        stamps.append(time.perf_counter())
    thread.join()
    duration = call["end"] - call["start"]
    inside = [t for t in stamps if call["start"] <= t <= call["end"]]
    assert duration > 0.05, "the call is long enough to tell"
    gaps = [b - a for a, b in zip([call["start"]] + inside, inside + [call["end"]])]
    assert len(inside) > 100 and max(gaps) < duration / 2
