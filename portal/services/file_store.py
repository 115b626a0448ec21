"""The one place uploaded files are kept, whatever their kind: signed convention documents,
diagnostic evidence, service request attachments, member imports waiting for confirmation.

Each kind has a folder under ``UPLOAD_DIR`` (outside the static folder, so a file is only
ever served by a route that checked who asks) and its files have names the store makes up, so
a name typed by a person never reaches the file system. When the portal runs on several
machines, this module is the single seam to swap for shared storage.
"""

from __future__ import annotations

import re
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

# A name made by ``save`` (32 hex digits, then the kind's suffix) or given to ``save_as``
# (letters, digits, "-" and "_", then an optional extension): never a path.
NAME = re.compile(r"^[A-Za-z0-9_-]{20,64}(\.[a-z0-9]{1,5})?$")


@dataclass(frozen=True)
class FileStore:
    """The files of one kind: ``folder`` under ``UPLOAD_DIR``, names ending with ``suffix``."""

    folder: str
    suffix: str = ""

    def directory(self) -> Path:
        """The folder of this kind of file (made if missing)."""
        directory = Path(current_app.config["UPLOAD_DIR"]) / self.folder
        directory.mkdir(parents=True, exist_ok=True)
        return directory

    def save(self, data: bytes) -> str:
        """Keep ``data`` under a new random name; return the name."""
        name = f"{uuid.uuid4().hex}{self.suffix}"
        self.save_as(name, data)
        return name

    def save_as(self, name: str, data: bytes) -> None:
        """Keep ``data`` under ``name`` (a name this module accepts); never overwrites."""
        if not NAME.match(name):
            raise ValueError(f"not a stored file name: {name!r}")
        with open(self.directory() / name, "xb") as target:
            target.write(data)

    def path(self, name: str | None) -> Path | None:
        """The file of a stored name, or None when the name is not one or the file is gone."""
        if not name or not NAME.match(name):
            return None
        path = self.directory() / name
        return path if path.is_file() else None

    def read(self, name: str | None) -> bytes | None:
        """The content of a stored file, or None."""
        path = self.path(name)
        return path.read_bytes() if path is not None else None

    def delete(self, name: str | None) -> None:
        """Remove a stored file (nothing happens when it is not there)."""
        path = self.path(name)
        if path is not None:
            path.unlink(missing_ok=True)

    def remove_older_than(self, seconds: int) -> None:
        """Remove the files of this kind kept for longer than ``seconds``."""
        limit = time.time() - seconds
        for path in self.directory().iterdir():
            try:
                if path.stat().st_mtime < limit:
                    path.unlink()
            except FileNotFoundError:  # another worker removed it first
                continue


CONVENTION_DOCUMENTS = FileStore("conventions", ".pdf")
EVIDENCE = FileStore("evidence")
REQUEST_ATTACHMENTS = FileStore("requests")
IMPORTS = FileStore("imports")
COMPLAINT_ATTACHMENTS = FileStore("complaints")
STEERING_MINUTES = FileStore("steering", ".pdf")
