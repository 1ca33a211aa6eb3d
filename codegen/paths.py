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

# One module per operation of the seed; a generator warning can silently drop some.
EXPECTED_ENDPOINTS = (
    "get_agent_websocket_authorization",
    "get_conversation",
    "get_conversation_multimedia_upload_url",
    "get_conversations",
    "join_conversation",
    "leave_conversation",
    "start_conversation",
)
