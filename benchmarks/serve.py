"""Serve a built site on 127.0.0.1 with gzip, as static hosts do, for Lighthouse.

    python benchmarks/serve.py site/            # prints the address; Ctrl-C stops it

Text files (HTML, CSS, scripts, JSON, SVG) are sent gzipped when the browser asks for it, with a
``Cache-Control`` of an hour; everything else as it is. The standard library's server sends no
compression at all, which is not how the site is published, and Lighthouse scores it lower for
that alone.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import threading
from pathlib import Path
from typing import ClassVar

COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".webmanifest", ".txt", ".map")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text ones gzipped (level 6, as common hosts) when ``Accept-Encoding``
    allows it; every gzipped body is kept in memory after its first request."""

    _cache: ClassVar[dict[Path, bytes]] = {}
    _lock = threading.Lock()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "public, max-age=3600")
        super().end_headers()

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants and path.suffix in COMPRESSED and path.is_file()):
            super().do_GET()
            return
        with self._lock:
            body = self._cache.get(path)
            if body is None:
                body = self._cache[path] = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


GzipHandler.extensions_map = {
    **GzipHandler.extensions_map,
    ".webmanifest": "application/manifest+json",
    ".js": "text/javascript",
    ".json": "application/json",
}


class GzipServer:
    """A built ``site/`` served with gzip on a free port, in a thread."""

    def __init__(self, folder: Path) -> None:
        handler = functools.partial(GzipHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    server = GzipServer(parser.parse_args().folder)
    print(server.url, flush=True)
    try:
        server.thread.join()
    except KeyboardInterrupt:
        server.close()


if __name__ == "__main__":
    main()
