"""Requests per second of the public list page against a minimal Django view.

    .venv/bin/python bench/list_throughput.py [--db /tmp/bench.sqlite3] [--requests 400]
                                             [--seconds 60] [--threads 4] [--port 0]

Starts Django's threaded development server (what `runserver --noreload`
runs, with DEBUG off) on 127.0.0.1 in a child process, serving bench_urls: the
project's URLs plus a minimal view returning a short HttpResponse. The one
change from runserver is TCP_NODELAY on each connection: without it, every
keep-alive response waits ~40 ms for a delayed ACK, and the minimal view would
measure that wait instead of Django.

Then, from this process, `--threads` client threads with keep-alive
http.client connections send GET requests to each path in turn (at most
--requests, and none started after --seconds), and the requests per second
are printed side by side with their ratio to the minimal view.
"""

import http.client
import itertools
import os
import socket
import subprocess
import sys
import threading
import time

from common import ROOT, arguments, machine, p50_p95

PATHS = ["/bench/minimal/", "/search/", "/search/?q=lawyer", "/search/?state=CHN&year=2019"]
HOST = "127.0.0.1"


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def serve(port):
    """Run the threaded server in this process (the child's side)."""
    import django
    from django.core.servers import basehttp
    from django.core.wsgi import get_wsgi_application

    class NoDelayServer(basehttp.WSGIServer):
        def get_request(self):
            connection, address = super().get_request()
            connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            return connection, address

    django.setup()
    basehttp.run(HOST, port, get_wsgi_application(), threading=True, server_cls=NoDelayServer)


def start_server(db, port):
    """The server in a child process; returned once the minimal view answers."""
    env = {**os.environ, "DATABASE_URL": f"sqlite://{db.resolve()}", "DEBUG": "false",
           "DJANGO_SETTINGS_MODULE": "bench_settings", "PYTHONPATH": str(ROOT)}  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(100):
        if server.poll() is not None:
            raise SystemExit(f"the server stopped (is port {port} taken?)")
        try:
            if get(http.client.HTTPConnection(HOST, port, timeout=5), PATHS[0]) == b"ok":
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not start")


def get(connection, path):
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise SystemExit(f"{path}: HTTP {response.status}")
    return body


def load(port, path, requests, threads, seconds):
    """(requests per second, latencies in ms) of GETs of `path`: `requests` of
    them, or as many as are started within `seconds`."""
    tickets, latencies = itertools.count(), []
    started = time.perf_counter()
    deadline = started + seconds

    def client():
        connection = http.client.HTTPConnection(HOST, port, timeout=600)
        while next(tickets) < requests and time.perf_counter() < deadline:
            sent = time.perf_counter()
            get(connection, path)
            latencies.append((time.perf_counter() - sent) * 1000)
        connection.close()

    workers = [threading.Thread(target=client) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return len(latencies) / (time.perf_counter() - started), latencies


def main():
    options = arguments(
        __doc__.splitlines()[0],
        requests=(int, 400, "requests per path, at most"),
        seconds=(float, 60, "seconds per path, at most"),
        threads=(int, 4, "client threads"),
        port=(int, 0, "server port (0: any free)"),
        serve=(int, 0, "internal: run the server on this port"),
    )
    if options.serve:
        return serve(options.serve)
    port = options.port or free_port()
    server = start_server(options.db, port)
    try:
        print(machine())
        print(f"{options.requests} requests per path, {options.threads} client threads, "
              f"Django's threaded server on {HOST}:{port}, {options.db}")  # fmt: skip
        print("| path | requests | requests/s | latency p50 / p95 ms | minimal/path |")
        print("|---|---|---|---|---|")
        floor = None
        for path in PATHS:
            load(port, path, options.threads, options.threads, options.seconds)  # warm-up
            rate, latencies = load(port, path, options.requests, options.threads, options.seconds)
            floor = floor or rate
            p50, p95 = p50_p95(latencies)
            cells = [path, len(latencies), f"{rate:.1f}", f"{p50:.1f} / {p95:.1f}"]
            print("| " + " | ".join(map(str, cells)) + f" | {floor / rate:.0f}× |")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
