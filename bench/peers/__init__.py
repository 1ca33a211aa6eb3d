"""The typed peers `make bench` measures ours against, written (or generated) for the
bench only: none of this is part of the package."""
