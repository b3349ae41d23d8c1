"""`openness serve`: the questionnaire app in browsers, for a workshop room (textual-serve).

Not part of the core: it drives textual-serve. Each browser connection gets its own app process
(`python -m questionnaire`) with its own draft folder, made under a temporary folder that is removed
when the server stops. It listens on the loopback address unless another host is asked for, and then
prints a clear line about what that exposes. Declarations saved in a browser are handed to that browser
as downloads (see `questionnaire.delivery`).
"""

from __future__ import annotations

import ipaddress
import os
import re
import shlex
import shutil
import sys
import tempfile
from typing import Any, Callable

from questionnaire.errors import UserError
from questionnaire.text import one_line

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
TITLE = "openness: how open is your AI model release?"
_HOST_HEADER = re.compile(r"^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$")


def is_loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def app_command(session_root: str | None) -> str:
    """The shell command textual-serve runs for each browser: the app, with a draft folder of its own."""
    python = shlex.quote(sys.executable)
    if session_root is None or os.name == "nt":
        return f"{python} -m questionnaire"
    folder = shlex.quote(os.path.join(session_root, "session-XXXXXX"))
    from questionnaire.delivery import SERVED_ENV
    from questionnaire.drafts import ENV_VAR

    return f'{ENV_VAR}="$(mktemp -d {folder})" {SERVED_ENV}=1 exec {python} -m questionnaire'


def exposure_line(host: str, port: int) -> str:
    url = f"http://{_url_host(host)}:{port}/"
    if is_loopback(host):
        return (f"Serving the questionnaire at {url} to this machine only (use --host to share it with a room). "
                "Each browser tab gets its own session. Stop with Ctrl+C.")
    try:
        import getpass

        user = getpass.getuser()
    except (ImportError, KeyError, OSError):
        user = "this user"
    if host in ("0.0.0.0", "::"):
        import socket

        where = "every network address of this machine"
        url = f"http://{one_line(socket.gethostname())}:{port}/ or this machine's address"
    else:
        where = one_line(host)
    return (f"WARNING: serving the questionnaire on {where}, port {port} ({url}): anyone who can reach it, "
            "for example everyone on this network, can open a session without a password. Each session is an "
            f"app process on this machine, running as {one_line(user)}; nothing else is served. "
            "Stop with Ctrl+C.")


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _make_server(host: str, port: int, command: str) -> Any:
    try:
        import aiohttp_jinja2
        from textual_serve.server import Server, to_int
    except ImportError:
        raise UserError("textual-serve is not installed: pip install textual-serve") from None

    class RoomServer(Server):
        async def on_startup(self, app: Any) -> None:  # our own line is printed before starting
            return None

        async def _index(self, request: Any) -> dict[str, Any]:
            # The page's URLs follow the address the browser used (so --host 0.0.0.0 works from other
            # machines); a Host header that is not a plain host[:port] falls back to the listening address.
            base = self.public_url
            if _HOST_HEADER.match(request.host or ""):
                base = f"{request.scheme}://{request.host}"
            router = request.app.router
            websocket = ("wss:" if base.startswith("https") else "ws:") + base.split(":", 1)[1] + str(
                router["websocket"].url_for())
            static = base + str(router["static"].url_for(filename="/")).rstrip("/") + "/"
            return {
                "font_size": to_int(request.query.get("fontsize", "16"), 16),
                "app_websocket_url": websocket,
                "config": {"static": {"url": static}},
                "application": {"name": self.title},
            }

        handle_index = aiohttp_jinja2.template("app_index.html")(_index)

    return RoomServer(command, host=host, port=port, title=TITLE,
                      public_url=f"http://{_url_host(host)}:{port}")


def serve(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *, say: Callable[[str], None] | None = None) -> int:
    """Run the server until Ctrl+C (or SIGTERM). Returns the exit code."""
    if not 0 < port < 65536:
        raise UserError(f"--port {port} is not a port number (1 to 65535)")
    if not host or any(ch.isspace() for ch in host):
        raise UserError(f"--host {one_line(host)!r} is not a host name or address")
    say = say or (lambda line: print(line, flush=True))
    session_root = tempfile.mkdtemp(prefix="openness-serve-")
    try:
        server = _make_server(host, port, app_command(session_root))
        say(exposure_line(host, port))
        try:
            server.serve()
        except OSError as error:
            raise UserError(f"cannot listen on {one_line(host)} port {port}: {error.strerror or error}") from None
    finally:
        shutil.rmtree(session_root, ignore_errors=True)
    return 0


__all__ = ["serve", "app_command", "exposure_line", "is_loopback", "DEFAULT_HOST", "DEFAULT_PORT"]
