"""Many articles at once: one JSON line per article, resumable after any stop, flat memory at any size.

``summarise_many`` runs a batch on this machine (``local``); ``batch.dask`` sends one to a ``dask.distributed``
cluster, one output part per partition; ``batch.provider`` sends the model calls through a provider's Batch API.
``process(settings, item)`` is the pure per-article step all of them map.
"""

from __future__ import annotations

from .items import BatchItem, count_items, iter_items
from .local import asummarise_many, process, summarise_many
from .output import IdSet, OutputFile, same_file
from .report import BatchReport, Progress, cost_line

__all__ = [
    "BatchItem",
    "BatchReport",
    "IdSet",
    "OutputFile",
    "Progress",
    "asummarise_many",
    "cost_line",
    "count_items",
    "iter_items",
    "process",
    "same_file",
    "summarise_many",
]
