"""How the review page's list answers while many wrong logins arrive at once (issue #14: 40 parallel wrong
logins took the list from 7 ms to over 1 s for everyone).

Starts `sangkien serve` (the code on PYTHONPATH) in a fresh home with two accounts, logs one in, then times the
list (`/`, sequential requests) alone, and while `--count` wrong logins are posted in parallel:
- "one name": all for the same name from this machine (the issue's case);
- "many names": each for another name from another address (X-Forwarded-For, which uvicorn trusts from
  127.0.0.1), so no per-name or per-address delay applies and every password is really verified.
Usage: .venv/bin/python bench/logins.py [--count 40]
"""

from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
from common import ROOT, SANGKIEN, size_argument

PASSWORD = "mat-khau-thu-nghiem"


def _csrf(client: httpx.Client) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)


def _serve(env: dict) -> tuple[subprocess.Popen, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([*SANGKIEN, "serve", "--port", str(port)], cwd=ROOT, env=env,
                              stdout=sys.stderr, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(url + "/login", timeout=1)
            return server, url
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError("sangkien serve did not start")


def _list_times(client: httpx.Client, until: threading.Event, least: int = 5) -> list[float]:
    times = []
    while not until.is_set() or len(times) < least:
        started = time.perf_counter()
        assert client.get("/").status_code == 200
        times.append((time.perf_counter() - started) * 1000)
    return times


def _burst(url: str, count: int, many_names: bool) -> tuple[list[float], float, dict]:
    """List times (ms) while `count` wrong logins run at once; the burst's seconds; its status codes."""
    reader = httpx.Client(base_url=url, timeout=120)
    reader.post("/login", data={"username": "lan", "password": PASSWORD, "csrf_token": _csrf(reader)})
    guessers = []
    for number in range(count):
        headers = {"X-Forwarded-For": f"10.1.{number // 250}.{number % 250 + 1}"} if many_names else {}
        guesser = httpx.Client(base_url=url, timeout=300, headers=headers)
        guessers.append((guesser, f"khach{number}" if many_names else "minh", _csrf(guesser)))
    go, done = threading.Event(), threading.Event()

    def guess(args) -> int:
        client, name, token = args
        go.wait()
        return client.post("/login", data={"username": name, "password": "sai-mat-khau", "csrf_token": token}
                           ).status_code

    with ThreadPoolExecutor(count) as pool:
        answers = [pool.submit(guess, args) for args in guessers]
        times: list[float] = []
        reading = threading.Thread(target=lambda: times.extend(_list_times(reader, done)))
        started = time.perf_counter()
        go.set()
        reading.start()
        codes = [answer.result() for answer in answers]
        seconds = time.perf_counter() - started
        done.set()
        reading.join()
    return times, seconds, {code: codes.count(code) for code in sorted(set(codes))}


def main() -> None:
    count = size_argument(__doc__, "count", 40)
    home = tempfile.mkdtemp(prefix="bench-logins-")
    env = {**os.environ, "SANGKIEN_HOME": home, "PYTHONPATH": os.environ.get("PYTHONPATH", str(ROOT))}
    for name, role in (("lan", "admin"), ("minh", "reviewer")):
        subprocess.run([*SANGKIEN, "user", "add", name, "--role", role], cwd=ROOT, check=True, capture_output=True,
                       env=env | {"SANGKIEN_PASSWORD": PASSWORD})
    server, url = _serve(env)
    try:
        reader = httpx.Client(base_url=url, timeout=60)
        reader.post("/login", data={"username": "lan", "password": PASSWORD, "csrf_token": _csrf(reader)})
        stop = threading.Event()
        threading.Timer(2, stop.set).start()
        alone = _list_times(reader, stop)
        print(f"list alone: median {statistics.median(alone):.1f} ms, max {max(alone):.1f} ms ({len(alone)} requests)")
        for many in (False, True):
            times, seconds, codes = _burst(url, count, many)
            print(f"{count} wrong logins, {'many names' if many else 'one name'}: took {seconds:.1f} s {codes}; "
                  f"list median {statistics.median(times):.1f} ms, max {max(times):.1f} ms ({len(times)} requests)")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
