"""scripts/package-extension: the Chrome and Firefox zips, and what it refuses to package."""

from __future__ import annotations

__all__: list[str] = []

import json
import subprocess
import zipfile
from pathlib import Path

import pytest

from protocol import EXTENSION_PUBLIC_KEY

from .conftest import REPO, make_test_extension

SCRIPT = REPO / "scripts" / "package-extension"

pytestmark = pytest.mark.timeout(120)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args], cwd=REPO, capture_output=True, text=True, timeout=110, check=False
    )


def _manifest(zip_path: Path) -> dict[str, object]:
    with zipfile.ZipFile(zip_path) as z:
        manifest: dict[str, object] = json.loads(z.read("manifest.json"))
        return manifest


def test_builds_chrome_and_firefox_zips(tmp_path: Path) -> None:
    """Both zips hold every extension file; Chrome keeps the key, Firefox drops it; no host permissions."""
    result = _run("extension", str(tmp_path))
    assert result.returncode == 0, result.stderr
    shipped = sorted(
        p.relative_to(REPO / "extension").as_posix()
        for p in (REPO / "extension").rglob("*")
        if p.is_file() and p.suffix in {".js", ".html", ".css", ".json", ".png"}
    )
    for browser in ("chrome", "firefox"):
        with zipfile.ZipFile(tmp_path / f"linklens-{browser}.zip") as z:
            assert sorted(z.namelist()) == shipped, browser
    chrome = _manifest(tmp_path / "linklens-chrome.zip")
    firefox = _manifest(tmp_path / "linklens-firefox.zip")
    assert chrome["key"] == EXTENSION_PUBLIC_KEY
    assert "key" not in firefox
    assert chrome["background"] == {"service_worker": "background.js", "type": "module"}
    assert firefox["background"] == {"scripts": ["background.js"], "type": "module"}
    assert "browser_specific_settings" in firefox
    for manifest in (chrome, firefox):
        assert "host_permissions" not in manifest
        assert manifest["permissions"] == ["activeTab", "alarms", "scripting", "storage"]
        # Desktop notifications of the backlink monitor: asked for only when turned on.
        assert manifest["optional_permissions"] == ["notifications"]


def test_refuses_a_manifest_with_host_permissions(tmp_path: Path) -> None:
    """The tests' host permission can never end up in a zip."""
    copy = make_test_extension(tmp_path / "ext")
    result = _run(str(copy), str(tmp_path / "out"))
    assert result.returncode != 0
    assert "host_permissions" in result.stderr
    assert not (tmp_path / "out" / "linklens-chrome.zip").exists()
