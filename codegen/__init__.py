"""Maintainer tools: regenerate `generated/` from `openapi.yaml`, check it, validate the spec.

Run as `python -m codegen <command>`; the Makefile wraps each command.
"""
