"""Pages of the self-assessment, one module per part. Every read goes through
``queries`` and every change through ``actions``."""
