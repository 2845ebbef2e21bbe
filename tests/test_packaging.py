"""The sdist and wheel as they would be published: built once with ``python -m build`` (the sdist
from this tree, the wheel from that sdist, as PyPI's users get them), then their file lists and
metadata checked, and the build's output read for warnings.

Skipped where ``build`` is not installed (it is in the ``dev`` extra). Building needs the package
index for its isolated environment, as any ``pip install .`` does.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from email.message import Message
from email.parser import Parser
from pathlib import Path

import pytest

pytest.importorskip("build", reason="python -m build is in the dev extra")

REPO = Path(__file__).resolve().parents[1]
# Everything a person needs to test and rebuild from the sdist alone, besides the package.
SDIST_TREES = ("tests", "docs", "bench", "data")
SDIST_FILES = ("LICENSE", "README.md", "pyproject.toml", "MANIFEST.in", ".ci/run")
CACHES = {"__pycache__", ".hypothesis", ".pytest_cache", ".mypy_cache", ".ruff_cache"}


@dataclass
class Built:
    log: str
    sdist: list[str]  # names inside, without the leading peersup-X.Y.Z/
    wheel: list[str]
    metadata: Message


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("dist")
    # Byte-compiling switched off in the environment makes setuptools say so; that is this
    # machine, not the project.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    result = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(REPO)],
        env=env, capture_output=True, text=True, timeout=600, check=False,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    [sdist] = out.glob("*.tar.gz")
    [wheel] = out.glob("*.whl")
    with tarfile.open(sdist) as tar:
        names = [m.name.split("/", 1)[1] for m in tar.getmembers() if m.isfile()]
    with zipfile.ZipFile(wheel) as whl:
        wheel_names = whl.namelist()
        [meta] = [n for n in wheel_names if n.endswith(".dist-info/METADATA")]
        metadata = Parser().parsestr(whl.read(meta).decode("utf-8"))
    return Built(log, names, wheel_names, metadata)


def test_the_build_prints_no_warning(built: Built) -> None:
    said = [
        line for line in built.log.splitlines()
        if ("warning" in line.lower() or "deprecat" in line.lower() or line.strip() == "!!")
        and not line.startswith(("copying ", "adding "))
    ]
    assert said == [], built.log


def test_the_wheel_holds_the_data_the_fonts_and_both_licences(built: Built) -> None:
    names = set(built.wheel)
    dist_info = next(n.split("/")[0] for n in names if ".dist-info/" in n)
    for needed in (
        "peersup_cli/__main__.py",
        "peersup_cli/py.typed",
        "peersup_cli/data/guidelines.yaml",
        "peersup_cli/fonts/DejaVuSans.ttf",
        "peersup_cli/fonts/DejaVuSans-Bold.ttf",
        "peersup_cli/fonts/LICENSE.txt",
        f"{dist_info}/licenses/LICENSE",
        f"{dist_info}/licenses/src/peersup_cli/fonts/LICENSE.txt",
    ):
        assert needed in names, needed
    # Nothing of the development tree leaks into what people install.
    assert not [n for n in names if n.startswith(("tests/", "bench/", "docs/"))]
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]


def _tree_files() -> list[str]:
    found = [REPO / name for name in SDIST_FILES]
    for top in SDIST_TREES:
        found += [
            p for p in (REPO / top).rglob("*")
            if p.is_file() and not CACHES.intersection(p.parts) and p.suffix != ".pyc"
        ]
    return sorted(p.relative_to(REPO).as_posix() for p in found)


def test_the_sdist_holds_tests_docs_bench_data_and_licences(built: Built) -> None:
    names = set(built.sdist)
    missing = [name for name in _tree_files() if name not in names]
    assert missing == []
    assert "tests/conftest.py" in names and "tests/builders.py" in names
    assert "src/peersup_cli/fonts/LICENSE.txt" in names
    assert not [n for n in names if CACHES.intersection(n.split("/")) or n.endswith(".pyc")]


def test_the_metadata_is_fit_to_publish(built: Built) -> None:
    meta = built.metadata
    assert meta["Name"] == "peersup"
    assert meta["License-Expression"] == "MIT"
    # Every licence of what the wheel bundles: the code's, the fonts', the list of names'.
    assert meta.get_all("License-File") == [
        "LICENSE", "src/peersup_cli/fonts/LICENSE.txt",
        "src/peersup_cli/fonts/LICENSE-NotoEmoji.txt",
        "src/peersup_cli/sharing/first_names-LICENSE.txt"]
    classifiers = meta.get_all("Classifier") or []
    for needed in (
        "Development Status :: 4 - Beta",
        "Intended Audience :: Healthcare Industry",
        "Operating System :: Microsoft :: Windows",
        "Operating System :: MacOS",
        "Operating System :: POSIX :: Linux",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Programming Language :: Python :: 3.13",
    ):
        assert needed in classifiers, needed
    urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL") or [])
    assert {"Homepage", "Documentation", "Source"} <= set(urls)
    for url in urls.values():
        assert url.startswith("https://") and not any(
            word in url.lower() for word in ("example", "todo", "your-", "xxx")
        ), url
    assert meta["Requires-Python"] == ">=3.11"
    assert "peersup reflect" in meta.get_payload()  # the README is the long description


def test_every_classifier_is_one_pypi_accepts(built: Built) -> None:
    trove = pytest.importorskip("trove_classifiers")
    unknown = [c for c in built.metadata.get_all("Classifier") or [] if c not in trove.classifiers]
    assert unknown == []
