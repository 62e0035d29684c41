"""Output formats: a table, JSON, JSONL and Markdown (``text``), a self-contained HTML page (``html``),
schema.org JSON-LD (``jsonld``)."""
