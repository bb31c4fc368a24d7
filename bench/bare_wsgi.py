"""The ceiling for the benchmark: a WSGI app that answers every request with a fixed page.

Served by the same gunicorn configuration as the platform, it measures what the server,
the loopback network and wrk cost on this machine with no Django at all.
"""

BODY = b"<!doctype html><title>ok</title><p>ok</p>\n"
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
