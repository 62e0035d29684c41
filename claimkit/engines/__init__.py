"""Engines turn article text into attribution candidates; the pipeline does the rest."""
