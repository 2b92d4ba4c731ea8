"""The participant export at scale: ``python -m benchmarks.exports``.

``seed`` fills a programme of 100,000 participants fast enough to measure,
and ``paths`` names the three exports compared, so the benchmark and its
test (tests/test_export_benchmark.py) look at the same thing.
"""
