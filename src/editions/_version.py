"""The package version: the one place it is written (pyproject.toml reads it from here).

A literal, not read from the installed metadata: every command needs it (cache keys, manifests), and asking
``importlib.metadata`` cost each command 40 ms before it could start the voice.
"""
__version__ = "0.3.0"
