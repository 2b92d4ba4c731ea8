"""The mentor directory at scale: ``python -m benchmarks.directory``.

``seed`` fills a programme fast enough to measure 10,000 mentors, and
``pages`` names the pages measured, so the benchmark and the query-count
test (tests/test_directory_queries.py) look at the same thing.
"""
