"""The file store keeps every kind of upload under names it makes up, outside static."""

import pytest

from portal.services.file_store import FileStore


def test_a_file_is_kept_under_a_made_up_name_read_back_and_removed(app, tmp_path, monkeypatch):
    store = FileStore("tests", ".pdf")
    with app.app_context():
        monkeypatch.setitem(app.config, "UPLOAD_DIR", str(tmp_path))
        name = store.save(b"%PDF-1.4\n%%EOF\n")
        assert name.endswith(".pdf") and len(name) == 36
        assert (tmp_path / "tests" / name).read_bytes() == b"%PDF-1.4\n%%EOF\n"
        assert store.read(name) == b"%PDF-1.4\n%%EOF\n"
        with pytest.raises(FileExistsError):
            store.save_as(name, b"other")
        store.delete(name)
        assert store.read(name) is None and store.path(name) is None


def test_a_name_that_is_a_path_is_never_used(app, tmp_path, monkeypatch):
    store = FileStore("tests")
    (tmp_path / "secret.txt").write_bytes(b"secret")
    with app.app_context():
        monkeypatch.setitem(app.config, "UPLOAD_DIR", str(tmp_path / "store"))
        for name in ("../secret.txt", "/etc/passwd", "a/b", "", None, "x" * 10):
            assert store.path(name) is None
            assert store.read(name) is None
        with pytest.raises(ValueError):
            store.save_as("../../escape-from-the-store-folder", b"x")
