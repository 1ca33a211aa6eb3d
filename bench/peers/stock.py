"""Stock openapi-python-client: our openapi.yaml through the generator's default
templates (the version pinned in the dev group), generated into a temporary folder at
bench time and imported from there. Nothing of it is committed."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from codegen.paths import SPEC

PACKAGE = "stock_oapc_client"
# Only the package's name is set (ours is taken): templates and everything else stock.
CONFIG = f"package_name_override: {PACKAGE}\nproject_name_override: stock-oapc-client\n"


def generate(workdir: Path) -> ModuleType:
    """Generate the stock client into `workdir` and import it."""
    config = workdir / "config.yaml"
    config.write_text(CONFIG)
    generator = Path(sys.executable).parent / "openapi-python-client"
    subprocess.run(
        [
            str(generator),
            "generate",
            "--path",
            str(SPEC),
            "--config",
            str(config),
            "--meta",
            "none",
            "--output-path",
            str(workdir / PACKAGE),
        ],
        check=True,
        capture_output=True,
    )
    sys.path.insert(0, str(workdir))
    return importlib.import_module(PACKAGE)


def endpoint(package: ModuleType) -> ModuleType:
    return importlib.import_module(f"{package.__name__}.api.conversation.get_conversations")


def response_model(package: ModuleType) -> type:
    models = importlib.import_module(f"{package.__name__}.models")
    model: type = models.ConversationsResponse
    return model
