"""`next` redirects stay on this site."""

import pytest

from portal.urls import is_safe_next


@pytest.mark.parametrize("target", ["/home", "/account/?tab=1", "/a/b#c"])
def test_local_paths_are_safe(target):
    assert is_safe_next(target)


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/x",
        "/\\evil.example",
        "\\\\evil",
        "javascript:alert(1)",
        "http:/evil",
        "",
        None,
        "home",
        "/\nLocation: x",
        "/" + "a" * 3000,
    ],
)
def test_other_targets_are_not(target):
    assert not is_safe_next(target)
