"""The floors job's guard: the runtime dependencies installed are exactly pyproject's floors.

Without it, a resolver that picked newer versions would let the job pass while proving
nothing about the floors the package declares.
"""

from __future__ import annotations

import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

pyproject = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
wrong = []
for line in pyproject["project"]["dependencies"]:
    requirement = Requirement(line)
    (floor,) = (Version(s.version) for s in requirement.specifier if s.operator == ">=")
    installed = Version(version(requirement.name))
    print(f"{requirement.name}: floor {floor}, installed {installed}")
    if installed != floor:
        wrong.append(requirement.name)
if wrong:
    sys.exit(f"check_floors: not at the declared floor: {', '.join(wrong)}")
