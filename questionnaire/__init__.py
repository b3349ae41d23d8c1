"""openness: find out, and declare, how open an AI model release is."""

__version__ = "0.1.0"
