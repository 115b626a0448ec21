"""PDF documents drawn on the server: an HTML page and its print stylesheets turned into a
PDF by WeasyPrint, with the machine's fonts (Noto Naskh Arabic shapes the Arabic, through
Pango and HarfBuzz; the Makefile installs ``fonts-noto-core``).

Only local files are read: the stylesheets by their path in the app's static folder, and
any resource the page names from there too (``file:`` and ``data:`` URLs); nothing is
fetched over the network, so a report renders the same on a closed intranet.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

# The protocols a page rendered to PDF may load resources by: files and inline data.
LOCAL_PROTOCOLS = ("file", "data")


def html_to_pdf(html: str, base_dir: str | Path, stylesheets: Iterable[str | Path] = ()) -> bytes:
    """The PDF of ``html``, its relative URLs resolved in ``base_dir``, styled by the given
    stylesheet files (read from disk, never over HTTP)."""
    # WeasyPrint is imported when a PDF is drawn (about 40 MB a worker, and half a second).
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=LOCAL_PROTOCOLS)
    base_url = Path(base_dir).resolve().as_uri() + "/"
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    styles = [CSS(filename=str(path), url_fetcher=fetcher) for path in stylesheets]
    return document.write_pdf(stylesheets=styles)
