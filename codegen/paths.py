"""Where things live, so that every tool agrees."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi.yaml"
CONFIG = ROOT / "codegen" / "config.yaml"
RUFF_CONFIG = ROOT / "codegen" / "ruff.toml"
TEMPLATES = ROOT / "codegen" / "templates"
GENERATED_DIR = ROOT / "generated"
PACKAGE = "ultracart_conversations_api"
TARGET = GENERATED_DIR / PACKAGE
# The hand-written package (codegen reads the client classes' names from its source).
OVERRIDES = ROOT / "overrides" / "ultracart_conversations"
