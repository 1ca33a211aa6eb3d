"""Spec drift: compare openapi.yaml with UltraCart's published OpenAPI document.

`python -m codegen drift UPSTREAM` loads both documents (load), maps them onto one model
(normalize, model), compares our operations one by one (compare, schemas), drops the
reviewed deviations (allowlist) and prints the findings (report). cli ties them together.
"""
