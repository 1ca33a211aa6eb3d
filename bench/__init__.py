"""`make bench`: this package against raw httpx and UltraCart's official SDK."""
