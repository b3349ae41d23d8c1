"""Build-time README for package indexes: relative links made absolute from one setting.

A package index shows the README away from the repository, so `screenshots/welcome.svg` or
`docs/workshop.md` lead nowhere there. When `[project.urls]` has a `Source` (the repository's public
address, on GitHub, where the action in action.yml must live), the README in the package metadata gets
images from `<Source>/raw/HEAD/<path>` and links to `<Source>/blob/HEAD/<path>`; the README in the
repository is untouched. Without a `Source` the README is packaged as it is.
"""

from __future__ import annotations

import re
from pathlib import Path

try:
    from hatchling.metadata.plugin.interface import MetadataHookInterface
except ImportError:  # imported by the tests for `absolute_links` alone
    MetadataHookInterface = object  # type: ignore[assignment,misc]

# A Markdown link or image whose target is a relative path: not a URL, an anchor or a site-absolute path.
_RELATIVE = re.compile(r"(?P<bang>!?)\[(?P<text>[^\]]*)\]\((?P<path>(?![a-zA-Z][a-zA-Z0-9+.-]*:|#|/)[^)\s]+)\)")


def absolute_links(readme: str, source: str) -> str:
    """The README with each relative image and link made absolute under the repository `source`."""
    base = source.rstrip("/")
    if not base:
        return readme

    def absolute(found: re.Match[str]) -> str:
        kind = "raw" if found["bang"] else "blob"
        return f"{found['bang']}[{found['text']}]({base}/{kind}/HEAD/{found['path']})"

    return _RELATIVE.sub(absolute, readme)


class ReadmeHook(MetadataHookInterface):  # type: ignore[misc,valid-type]
    PLUGIN_NAME = "custom"

    def update(self, metadata: dict) -> None:
        readme = (Path(self.root) / "README.md").read_text(encoding="utf-8")
        source = metadata.get("urls", {}).get("Source", "")
        metadata["readme"] = {"content-type": "text/markdown", "text": absolute_links(readme, source)}
