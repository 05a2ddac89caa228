"""Performance benchmarks of Khối Desktop: ``python bench/run.py`` (see README.md)."""
