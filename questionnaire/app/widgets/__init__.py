"""The widgets of the app, one a file, each with its own DEFAULT_CSS."""
