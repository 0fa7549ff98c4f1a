"""factpipe from Python: the host's pipeline in process, returning what `factpipe run` writes.

    import factpipe
    p = factpipe.Pipeline("config/default.yaml", overrides={"crossref.top_k": 3})
    doc = p("The council approved 12 new buses.", id="a1", meta={"published": "2026-03-11"})
    for doc in p.pipe(texts_or_dicts, batch_size=64, n_threads=2):
        ...

Documents come back as Python objects: exactly the JSON of `factpipe run --format json` (the C++ code
serialises them, json.loads reads them). The C++ pipeline runs with the GIL released.
"""

import itertools
import json
import os

from ._factpipe import ConfigError, Error, OutputError, PipelineHandle, PluginError
from ._factpipe import plugins as _plugins

__all__ = ["Pipeline", "plugins", "Error", "ConfigError", "PluginError", "OutputError", "StageError", "Failure"]


class StageError(Error):
    """A document failed; the message is the one `factpipe run` logs for it.

    Attributes: stage (the failing stage's name, "" when the input itself was bad), document_id, origin, reason
    (the error without the origin and id).
    """

    def __init__(self, message, stage, document_id, origin, reason):
        super().__init__(message)
        self.stage = stage
        self.document_id = document_id
        self.origin = origin
        self.reason = reason


class Failure:
    """What Pipeline.pipe(errors="return") yields for a failed document instead of raising."""

    def __init__(self, error):
        self.error = error
        self.id = error.document_id
        self.stage = error.stage

    def __repr__(self):
        return f"Failure({str(self.error)!r})"


def _failure(document_id, origin, reason, stage):
    # The command line's words: "{origin}: document '{id}' failed: {reason}"
    return StageError(f"{origin}: document '{document_id}' failed: {reason}", stage, document_id, origin, reason)


def _override_list(overrides):
    """{"crossref.top_k": 3} -> ["crossref.top_k=3"], the command line's --set; values as JSON (a YAML subset)."""
    if overrides is None:
        return []
    if isinstance(overrides, dict):
        return [f"{key}={json.dumps(value)}" for key, value in overrides.items()]
    return [str(o) for o in overrides]


def plugins(config=None):
    """The plugins the default search path (or the pipeline file's plugin_paths first) finds, as dicts."""
    return _plugins(os.fspath(config) if config else "")


class Pipeline:
    """A pipeline file made ready: plugins loaded and configured once, then any number of documents.

    config: a pipeline file (None: the default pipeline); overrides: {"STAGE.KEY": value} or ["STAGE.KEY=VALUE"]
    as `--set`; n_threads: worker threads (None: all cores, as `factpipe run`); max_document_mb: as the command
    line's --max-document-mb (0: no limit).
    Raises ConfigError (the `factpipe validate` messages) or PluginError.
    """

    def __init__(self, config=None, overrides=None, n_threads=None, max_document_mb=32.0):
        threads = n_threads if n_threads else (os.cpu_count() or 1)
        self._handle = PipelineHandle(os.fspath(config) if config else "", _override_list(overrides), threads,
                                      float(max_document_mb))
        self._count = 0

    @property
    def stages(self):
        return self._handle.stages

    @property
    def name(self):
        return self._handle.name

    @property
    def config(self):
        return self._handle.config

    @property
    def n_threads(self):
        return self._handle.threads

    def __call__(self, text, id=None, meta=None):
        """One document: `text` with an optional id and metadata (title, url, publisher, published, language).
        Returns the document dict; raises StageError when it fails."""
        (result,) = self.pipe([_document(text, id, meta)], batch_size=1)
        return result

    def pipe(self, documents, batch_size=None, n_threads=None, errors="raise"):
        """Streams documents (str texts, or dicts in the JSON form `factpipe run` reads from JSON lines) and
        yields each processed document in input order. A batch of `batch_size` documents is processed at a time
        (None: 32 per thread), as `factpipe run --batch-size`: crossref links a claim to the other documents of
        its batch and of earlier batches. errors="raise" raises StageError at a failed document; "return" yields
        a Failure in its place and goes on."""
        if errors not in ("raise", "return"):
            raise ValueError("errors must be 'raise' or 'return'")
        threads = n_threads if n_threads else self._handle.threads
        if threads > self._handle.threads:
            raise ValueError(f"n_threads={threads}: this pipeline was made for {self._handle.threads} threads "
                             "(Pipeline(..., n_threads=N))")
        size = batch_size if batch_size else 32 * threads
        items = iter(documents)
        while True:
            batch = list(itertools.islice(items, size))
            if not batch:
                return
            lines = [self._line(doc) for doc in batch]
            for document_id, origin, ok, payload, stage in self._handle.run(lines, threads):
                if ok:
                    yield json.loads(payload)
                    continue
                error = _failure(document_id, origin, payload, stage)
                if errors == "raise":
                    raise error
                yield Failure(error)

    def run_lines(self, lines, n_threads=None):
        """Low level, for factpipe.dask: one batch of (JSON line, origin, id when the line has none) tuples;
        returns (id, origin, ok, JSON text or error, failed stage) tuples in input order, the JSON text exactly
        as `factpipe run --format jsonl` writes the line."""
        return self._handle.run(list(lines), n_threads or self._handle.threads)

    def start_run(self):
        """Starts a new, independent run: stages forget the documents of earlier batches (crossref's links
        between documents), without loading anything again."""
        self._handle.start_run()

    restart_batch_stages = start_run  # its first name, kept for existing callers

    def _line(self, doc):
        self._count += 1
        origin = f"python:{self._count}"
        if isinstance(doc, str):
            return (json.dumps({"text": doc}, ensure_ascii=False), origin, f"doc-{self._count}")
        if isinstance(doc, dict):
            return (json.dumps(doc, ensure_ascii=False), origin, f"doc-{self._count}")
        raise TypeError(f"a document is a str or a dict, not {type(doc).__name__}")


def _document(text, id, meta):
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    doc = {"text": text}
    if id is not None:
        doc["id"] = str(id)
    if meta:
        doc["metadata"] = dict(meta)
    return doc
