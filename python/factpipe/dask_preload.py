"""A Dask worker preload: a fresh worker loads the pipeline while it starts, not on its first partition.

    dask-worker tcp://SCHEDULER:8786 --nthreads 1 --preload factpipe.dask_preload \\
        --factpipe-config /opt/factpipe/config/default.yaml --factpipe-set crossref.db=/srv/factpipe/crossref.sqlite

The worker registers with the scheduler only once the pipeline is loaded (Dask runs preloads before that), so no
partition waits for plugins, models and the index. A pipeline that cannot load is logged by the worker (Dask goes on
without the preload) and each task then fails with the same error, as without a preload. The
settings must be those of the run (`python3 -m factpipe.dask -c ... --set ...`, --threads, --max-document-mb):
the run's tasks then find this pipeline loaded; with other settings they load their own on first use, as without a
preload. The loading is not free, only earlier: docs/cluster.md measures both ways.
"""

import logging
import time

import click

from factpipe import dask as _fdask

logger = logging.getLogger("distributed.preloading")  # shown with Dask's own preload messages


def preload(config=None, overrides=(), threads=1, max_document_mb=32.0):
    """Loads the pipeline for these settings into this process (once); returns its load seconds (0 when it was
    already loaded)."""
    key = _fdask.pipeline_key(config, overrides, threads, max_document_mb)
    loaded = key in _fdask._pipelines
    started = time.time()
    _fdask._worker_pipeline(config, overrides, threads, max_document_mb)
    return 0.0 if loaded else time.time() - started


@click.command()
@click.option("--factpipe-config", default=None, help="the pipeline file, as the run's -c (default: the default pipeline)")
@click.option("--factpipe-set", "overrides", multiple=True, metavar="STAGE.KEY=VALUE", help="as the run's --set (repeatable)")
@click.option("--factpipe-threads", default=1, type=int, show_default=True, help="as the run's --threads")
@click.option("--factpipe-max-document-mb", default=32.0, type=float, show_default=True,
              help="as the run's --max-document-mb")
def dask_setup(worker, factpipe_config, overrides, factpipe_threads, factpipe_max_document_mb):
    # Dask runs this before the worker registers with the scheduler.
    seconds = preload(factpipe_config, overrides, factpipe_threads, factpipe_max_document_mb)
    logger.info("factpipe pipeline loaded in %.2f s (%s)", seconds, factpipe_config or "default pipeline")
