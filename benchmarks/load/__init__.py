"""The example site under load: ``python -m benchmarks.load``.

``prepare`` seeds the site and signs in the members the load comes from,
``settings`` are the production settings as the benchmark serves them, and
``report.lua`` is what wrk runs to send a form and count what it saw.
"""

#: Where gunicorn listens, and the host every request names.
HOST = "127.0.0.1"
