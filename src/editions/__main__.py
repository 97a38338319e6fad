"""``python -m editions`` runs the command line."""
from .cli import entry

entry()
