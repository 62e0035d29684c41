"""Prompt templates shipped with claimkit (installed as the package ``claimkit.prompt_files``)."""
