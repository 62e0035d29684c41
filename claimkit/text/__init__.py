"""Text with exact offsets: tokens, quotations, sentences (``spans``), words located by code (``grounding``),
the article's language (``language``), page furniture (``boilerplate``) and content words (``words``)."""
