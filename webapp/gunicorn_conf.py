"""The production server settings: `gunicorn -c webapp/gunicorn_conf.py` (README "Running in production").

Passed as a file, not as `python:webapp.gunicorn_conf`: importing the webapp
package into the master before gevent patches it left the workers' logging
with unpatched locks (errors at every shutdown).

gevent workers, because merchants' browsers and proxies hold connections
open: with gunicorn's sync or gthread workers, two sockets that connect and
send nothing, or a few dozen that send their headers slowly, left every other
client unanswered for 30-40 s (measured with `make bench`, section "faults").
Under gevent each connection is a greenlet waiting on its socket; a search
itself never yields (about a millisecond of CPU), so it behaves as in a sync
worker. Up to `worker_connections` clients per worker may be slow at once;
beyond that, put a buffering proxy (nginx) in front.
"""

import os

wsgi_app = "webapp:create_app()"
bind = "0.0.0.0:8000"  # `-b HOST:PORT` on the command line overrides it
# One worker per core: on 2 cores, more workers or threads served no more searches (README "Performance").
workers = int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 2))
worker_class = "gevent"
worker_connections = 1000
keepalive = 5
# A request is short: the line, a few headers and at most 16 KB of body (webapp.guards).
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
timeout = 30
graceful_timeout = 10


def on_starting(server):
    """Check the KB_ settings once in the master: a typo stops start-up with one line, not a traceback per worker."""
    from kb import settings  # kb.settings imports nothing but the standard library

    try:
        settings.from_env()
    except settings.SettingsError as err:
        raise SystemExit(f"设置错误：{err}") from None
# gunicorn's control socket is one fixed path per user: two servers on one
# machine (tests, benchmarks, a second site) would take it from each other.
control_socket_disable = True
