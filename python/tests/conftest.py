"""Shared fixtures: where the build is, the bundled example articles as JSON lines, and the command line's output
for the same records (the reference every Python and Dask result is compared with)."""
import json
import os
import pathlib
import subprocess

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("FACTPIPE_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
BUILD_DIR = SOURCE_DIR / "build"
FACTPIPE_EXE = pathlib.Path(os.environ.get("FACTPIPE_EXE", BUILD_DIR / "bin" / "factpipe"))
FIXTURE_PLUGIN_DIR = os.environ.get("FACTPIPE_FIXTURE_PLUGIN_DIR", "")
DEFAULT_CONFIG = SOURCE_DIR / "config" / "default.yaml"


def example_records(count):
    """`count` distinct articles made from the two bundled examples (paragraphs rotated), with metadata: the
    same claims recur across records, so crossref links documents to each other."""
    articles = []
    for txt in sorted((SOURCE_DIR / "examples" / "articles").glob("*.txt")):
        meta = json.loads(txt.with_suffix("").with_suffix(".meta.json").read_text())
        articles.append((meta, [p for p in txt.read_text().split("\n\n") if p.strip()]))
    assert len(articles) == 2, "the bundled example articles are missing"
    records = []
    for i in range(count):
        meta, paragraphs = articles[i % 2]
        turn = (i // 2) % len(paragraphs)
        text = "\n\n".join(paragraphs[turn:] + paragraphs[:turn])
        records.append({"id": f"{meta['id']}-v{i}", "text": text, "title": meta["title"], "url": meta["url"],
                        "publisher": meta["publisher"], "published": meta["published"]})
    return records


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return path


def cli_jsonl(inputs, *args, check=True):
    """`factpipe run --format jsonl -o -` over `inputs`: (lines, stderr, exit code)."""
    proc = subprocess.run([str(FACTPIPE_EXE), "run", *map(str, inputs), "--format", "jsonl", "-o", "-", "-q", *args],
                          capture_output=True, text=True, timeout=300)
    if check and proc.returncode not in (0, 1):
        raise AssertionError(f"factpipe run failed ({proc.returncode}): {proc.stderr}")
    return [line for line in proc.stdout.split("\n") if line], proc.stderr, proc.returncode


def comparable(document):
    """A document without what differs between two runs of the same input: the seconds each stage took."""
    doc = json.loads(document) if isinstance(document, str) else json.loads(json.dumps(document))
    for stage in doc["provenance"]["stages"]:
        stage.pop("seconds")
    return doc


@pytest.fixture(scope="session")
def pipeline():
    """The default pipeline, loaded once for the session (2 threads)."""
    import factpipe

    return factpipe.Pipeline(DEFAULT_CONFIG, n_threads=2)
