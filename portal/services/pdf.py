"""PDF documents drawn on the server: an HTML page and its print stylesheets turned into a
PDF by WeasyPrint, with the machine's fonts (Noto Naskh Arabic shapes the Arabic, through
Pango and HarfBuzz; the Makefile installs ``fonts-noto-core``).

WeasyPrint runs in a child process (``python -m portal.services.pdf``), the page on its
standard input and the PDF on its output: loading it and laying out a long report takes
100 MB and more, which a web worker would keep for good; the child gives it back when it
ends, and a document that takes longer than ``TIMEOUT`` seconds is abandoned.

Only local files are read: the stylesheets by their path in the app's static folder, and
any resource the page names from there too (``file:`` and ``data:`` URLs); nothing is
fetched over the network, so a report renders the same on a closed intranet.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

# The protocols a page rendered to PDF may load resources by: files and inline data.
LOCAL_PROTOCOLS = ("file", "data")
TIMEOUT = 120  # seconds a document may take


class PdfError(RuntimeError):
    """The document could not be drawn (the child's error output says why)."""


def html_to_pdf(html: str, base_dir: str | Path, stylesheets: Iterable[str | Path] = ()) -> bytes:
    """The PDF of ``html``, its relative URLs resolved in ``base_dir``, styled by the given
    stylesheet files (read from disk, never over HTTP), drawn in a child process."""
    command = [sys.executable, "-m", "portal.services.pdf", str(Path(base_dir).resolve())]
    command += [str(Path(path).resolve()) for path in stylesheets]
    try:
        done = subprocess.run(  # noqa: S603 - our own interpreter and module, paths as arguments
            command, input=html.encode(), capture_output=True, timeout=TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise PdfError(f"no PDF after {TIMEOUT} s") from error
    if done.returncode != 0 or not done.stdout.startswith(b"%PDF"):
        raise PdfError(done.stderr.decode(errors="replace")[-2000:])
    return done.stdout


def _draw(html: str, base_dir: str, stylesheets: list[str]) -> bytes:
    """WeasyPrint's PDF of the page (in the child process)."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=LOCAL_PROTOCOLS)
    base_url = Path(base_dir).as_uri() + "/"
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    styles = [CSS(filename=path, url_fetcher=fetcher) for path in stylesheets]
    return document.write_pdf(stylesheets=styles)


if __name__ == "__main__":
    base, *sheets = sys.argv[1:]
    sys.stdout.buffer.write(_draw(sys.stdin.buffer.read().decode(), base, sheets))
