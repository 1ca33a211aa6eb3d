"""One distribution, two typed import packages, installable in a fresh virtualenv."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from codegen.paths import EXPECTED_ENDPOINTS, ROOT


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return out


def test_wheel_holds_both_typed_packages_and_the_runtime_requirements(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        (metadata,) = (n for n in names if n.endswith(".dist-info/METADATA"))
        meta = zf.read(metadata).decode()
    assert "ultracart_conversations/py.typed" in names
    assert "ultracart_conversations_api/py.typed" in names
    for endpoint in EXPECTED_ENDPOINTS:
        assert f"ultracart_conversations_api/api/conversation/{endpoint}.py" in names
    assert not [n for n in names if n.startswith(("tests/", "codegen/", "generated/"))]
    assert "Requires-Python: >=3.11" in meta
    assert "Requires-Dist: httpx<0.29,>=0.23.1" in meta
    assert "Requires-Dist: attrs>=22.2" in meta


def test_sdist_carries_the_spec_and_the_pipeline(dist: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as tf:
        names = {name.split("/", 1)[1] for name in tf.getnames() if "/" in name}
    for needed in ("openapi.yaml", "pyproject.toml", "Makefile", "codegen/config.yaml"):
        assert needed in names
    assert "generated/ultracart_conversations_api/py.typed" in names
    assert "overrides/ultracart_conversations/py.typed" in names
    assert not [n for n in names if n.startswith(".venv/") or "__pycache__" in n]


def test_sdist_installs_into_a_fresh_virtualenv(dist: Path, tmp_path: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(sdist)],
        check=True,
        capture_output=True,
    )
    probe = (
        "import importlib.resources as r\n"
        "import ultracart_conversations as p, ultracart_conversations_api as g\n"
        "print(r.files(p).joinpath('py.typed').is_file(),"
        " r.files(g).joinpath('py.typed').is_file(),"
        " p.ConversationStartRequest is g.models.ConversationStartRequest)"
    )
    out = subprocess.run([str(python), "-c", probe], check=True, capture_output=True, text=True)
    assert out.stdout.split() == ["True", "True", "True"]
