"""The package's version: the one place it is written.

Hatchling reads it for the distribution's metadata; `__version__`, the User-Agent
header and `ultracart-conversations --version` import it from here.
"""

__version__ = "2.0.0.dev0"
