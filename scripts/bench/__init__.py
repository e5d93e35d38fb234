"""The parts of `scripts/perf.py`: a production-like site to measure (site.py), wrk runs
(wrk.py), the long-tail URLs (paths.py), cold renders (cold.py), cold loads in Chromium
(weight.py) and the benchmark that puts them together (run.py).

They use the site only from outside: public URLs, `manage.py` commands, settings through
environment variables, and the ORM in a subprocess to edit content (cold.py).
"""
