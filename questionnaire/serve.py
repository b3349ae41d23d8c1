"""`openness serve`: the questionnaire app in browsers, for a workshop room (textual-serve).

Not part of the core: it drives textual-serve. Each browser connection gets its own app process
(`python -m questionnaire`) with its own session folder, made under a temporary folder that is removed
when the server stops; the app reads and writes only there (and reads the shipped examples): see
`questionnaire.sandbox`. At most `max_sessions` app processes run at once; a browser over the limit gets
a short "the room is full" page (HTTP 503). It listens on the loopback address unless another host is
asked for, and then prints a clear line about what that exposes, once the port is bound. Our own page
(questionnaire/data/serve/) has a title and fetches nothing from outside the server, so a room without
internet works. Declarations saved in a browser are handed to that browser as downloads (see
`questionnaire.delivery`).
"""

from __future__ import annotations

import asyncio
import ipaddress
import os
import re
import shlex
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable
from typing import Any

from questionnaire.errors import UserError
from questionnaire.resources import data_file
from questionnaire.text import one_line, quoted

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_SESSIONS = 40  # a workshop room; each session is an app process (about 45 MB on the welcome screen)
PAGES = data_file("serve")  # our page (offline, titled) and the room-full page
TITLE = "openness: how open is your AI model release?"
_HOST_HEADER = re.compile(r"^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$")
# The terminal a browser may ask for: a session's memory grows with its area (16000 x 16000 took 1.3 GB)
MIN_COLUMNS, MAX_COLUMNS = 20, 400
MIN_ROWS, MAX_ROWS = 6, 200
# Seconds a connection has to send a whole request (and an idle kept-alive one to send the next). Without a
# limit, a client that opens connections and sends nothing, or its headers a byte at a time, held each one for
# an hour (aiohttp's keep-alive default): a few thousand such connections use up the server's open files, and
# the room's pages no longer load. aiohttp closes such a connection after its keep-alive time from 3.14.4 on.
REQUEST_WAIT = 20.0


def terminal_size(width: object, height: object) -> tuple[int, int] | None:
    """The terminal size a browser asks for (a number or its text), kept within the room's bounds; None when
    either is not a whole number."""
    sizes = []
    for value, low, high in ((width, MIN_COLUMNS, MAX_COLUMNS), (height, MIN_ROWS, MAX_ROWS)):
        if isinstance(value, bool):
            return None
        try:
            number = int(value)  # type: ignore[call-overload]
        except (TypeError, ValueError, OverflowError):
            return None
        sizes.append(min(max(number, low), high))
    return sizes[0], sizes[1]


def same_origin(origin: str | None, host: str | None) -> bool:
    """A websocket opened by the room's own page: its Origin header names the address the page was read from
    (the Host header). A page of another site (which any browser in the room may have open) is refused; a
    client that sends no Origin is not a browser page, and is let in as any client would be."""
    if origin is None:
        return True
    scheme, _, rest = origin.partition("://")
    return scheme in ("http", "https") and bool(host) and rest.rstrip("/").lower() == (host or "").lower()


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

    # (a folder that cannot be made ends the session there: the app never starts without its own folder)
    return f'folder="$(mktemp -d {folder})" && {ENV_VAR}="$folder" {SERVED_ENV}=1 exec {python} -m questionnaire'


def exposure_line(host: str, port: int, max_sessions: int = DEFAULT_MAX_SESSIONS) -> str:
    url = f"http://{_url_host(host)}:{port}/"
    sessions = f"Each browser tab gets its own session, at most {max_sessions} at a time."
    if is_loopback(host):
        return (
            f"Serving the questionnaire at {url} to this machine only (use --host to share it with a room). "
            f"{sessions} Stop with Ctrl+C."
        )
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
    return (
        f"WARNING: serving the questionnaire on {where}, port {port} ({url}): anyone who can reach it, "
        "for example everyone on this network, can open a session without a password. Each session is an "
        f"app process on this machine, running as {one_line(user)}; a session opens and saves files only in a "
        f"folder of its own, and nothing else is served. {sessions} Stop with Ctrl+C."
    )


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _make_server(
    host: str, port: int, command: str, max_sessions: int = DEFAULT_MAX_SESSIONS, request_wait: float = REQUEST_WAIT
) -> Any:
    try:
        import aiohttp_jinja2
        import jinja2
        from aiohttp import web
        from textual_serve.app_service import AppService
        from textual_serve.server import Server, to_int
    except ImportError:
        raise UserError("textual-serve is not installed: pip install textual-serve") from None

    class RoomServer(Server):
        """textual-serve's server with our own page (offline, titled), a limit on live sessions, and a
        serving loop that says it serves only once the port is bound."""

        def __init__(self) -> None:
            super().__init__(
                command,
                host=host,
                port=port,
                title=TITLE,
                public_url=f"http://{_url_host(host)}:{port}",
                templates_path=PAGES,
            )
            self.max_sessions = max_sessions
            self.live = 0  # app sessions running now: each is an app process
            self._sessions: set[asyncio.Task[Any]] = set()
            self._full_page = (
                jinja2.Environment(autoescape=True)
                .from_string((PAGES / "full.html").read_text(encoding="utf-8"))
                .render(application={"name": TITLE}, max_sessions=max_sessions)
            )

        async def _make_app(self) -> Any:
            app = web.Application()
            aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path), autoescape=True)
            app.add_routes(
                [
                    web.get("/", self.handle_index, name="index"),
                    web.get("/ws", self.handle_websocket, name="websocket"),
                    web.get("/download/{key}", self.handle_download, name="download"),
                    web.static("/static", self.statics_path, show_index=False, name="static"),
                ]
            )
            app.on_shutdown.append(self._end_sessions)
            return app

        def _full(self) -> Any:
            return web.Response(
                status=503,
                text=self._full_page,
                content_type="text/html",
                headers={"Retry-After": "60", "Cache-Control": "no-store"},
            )

        async def handle_index(self, request: Any) -> Any:
            if self.live >= self.max_sessions:
                return self._full()
            # The page's URLs follow the address the browser used (so --host 0.0.0.0 works from other
            # machines); a Host header that is not a plain host[:port] falls back to the listening address.
            base = self.public_url
            if _HOST_HEADER.match(request.host or ""):
                base = f"{request.scheme}://{request.host}"
            router = request.app.router
            websocket = (
                ("wss:" if base.startswith("https") else "ws:")
                + base.split(":", 1)[1]
                + str(router["websocket"].url_for())
            )
            static = base + str(router["static"].url_for(filename="/")).rstrip("/") + "/"
            return aiohttp_jinja2.render_template(
                "index.html",
                request,
                {
                    "font_size": to_int(request.query.get("fontsize", "16"), 16),
                    "app_websocket_url": websocket,
                    "config": {"static": {"url": static}},
                    "application": {"name": self.title},
                },
            )

        async def handle_websocket(self, request: Any) -> Any:
            """One browser session: an app process, driven through the websocket, until either side ends."""
            websocket = web.WebSocketResponse(heartbeat=15, timeout=2.0)
            # Not a websocket (a crawler, a health check: a plain GET or HEAD), or opened by a page of another
            # site: refused before a place is taken (a plain GET took one for good, and the room filled up)
            if not websocket.can_prepare(request).ok:
                return web.Response(status=400, text="a websocket is expected here\n")
            if not same_origin(request.headers.get("Origin"), request.host):
                return web.Response(status=403, text="a websocket from another site's page is refused\n")
            # Checked and counted with no await in between: two browsers never take the last place both.
            if self.live >= self.max_sessions:
                return self._full()
            self.live += 1
            task = asyncio.current_task()
            if task is not None:
                self._sessions.add(task)
            app: AppService | None = None
            try:
                await websocket.prepare(request)
                app = AppService(
                    self.command,
                    write_bytes=websocket.send_bytes,
                    write_str=websocket.send_str,
                    close=websocket.close,
                    download_manager=self.download_manager,
                )
                size = terminal_size(request.query.get("width", "80"), request.query.get("height", "24"))
                await app.start(*(size or (80, 24)))
                await self._process_messages(websocket, app)
            except asyncio.CancelledError:
                pass  # the server is stopping: end the session below
            except Exception as error:  # one line in the server's output; the other sessions go on
                print(f"a session ended on an error: {one_line(error)}", file=sys.stderr, flush=True)
            finally:
                try:
                    if app is not None:
                        await _end(app)
                    if websocket.prepared:
                        await websocket.close()
                finally:
                    self.live -= 1  # the place is free only once the app process is gone
                    self._sessions.discard(task)  # type: ignore[arg-type]
            return websocket

        async def _process_messages(self, websocket: Any, app: Any) -> None:
            """What the browser sends, checked before the app gets it: a message that is not what the page
            sends ends the session (not the server), and a resize stays within the room's terminal sizes."""
            async for message in websocket:
                if message.type != web.WSMsgType.TEXT:
                    continue
                try:
                    kind, data = message.json()
                except (ValueError, TypeError):
                    raise ValueError("the browser sent a message that is not [kind, data]") from None
                if kind == "stdin" and isinstance(data, str):
                    await app.send_bytes(data.encode("utf-8", "replace"))
                elif kind == "resize" and isinstance(data, dict):
                    size = terminal_size(data.get("width"), data.get("height"))
                    if size is None:
                        raise ValueError("the browser asked for a terminal size that is not a number")
                    await app.set_terminal_size(*size)
                elif kind == "ping":
                    await websocket.send_json(["pong", data])
                elif kind == "blur":
                    await app.blur()
                elif kind == "focus":
                    await app.focus()

        async def _end_sessions(self, app: Any) -> None:
            """On Ctrl+C: end every session now (each app process is told to quit) rather than wait."""
            for task in list(self._sessions):
                task.cancel()

        def serve(self, debug: bool = False, *, ready: Callable[[], None] | None = None) -> None:
            """Serve until SIGINT or SIGTERM; `ready` is called once the port is bound. OSError (a port in
            use, an address not of this machine, an unknown host name) is raised before `ready`."""
            asyncio.run(self._serve(ready))

        async def _serve(self, ready: Callable[[], None] | None) -> None:
            runner = web.AppRunner(
                await self._make_app(),
                handle_signals=False,
                access_log=None,
                shutdown_timeout=5.0,
                keepalive_timeout=request_wait,
            )
            await runner.setup()
            try:
                await web.TCPSite(runner, self.host, self.port).start()
                if ready is not None:
                    ready()
                stop = asyncio.Event()
                loop = asyncio.get_running_loop()
                for number in (signal.SIGINT, signal.SIGTERM):
                    loop.add_signal_handler(number, stop.set)
                await stop.wait()
            finally:
                await runner.cleanup()

    return RoomServer()


async def _end(app: Any) -> None:
    """Tell the session's app to quit, and wait until its process is gone (killed if it does not go)."""
    process = getattr(app, "_process", None)  # textual-serve keeps the asyncio process here
    try:
        await asyncio.wait_for(app.stop(), 10)
    except TimeoutError:
        if process is not None and process.returncode is None:
            process.kill()
    if process is not None:
        await process.wait()


def serve(
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    max_sessions: int = DEFAULT_MAX_SESSIONS,
    say: Callable[[str], None] | None = None,
) -> int:
    """Run the server until Ctrl+C (or SIGTERM). Returns the exit code. The line that says where it serves
    is said once the port is bound; a port in use or a bad host is a UserError before anything is said."""
    if not 0 < port < 65536:
        raise UserError(f"--port {port} is not a port number (1 to 65535)")
    if not host or any(ch.isspace() for ch in host):
        raise UserError(f"--host {quoted(host)} is not a host name or address")
    if max_sessions < 1:
        raise UserError(f"--max-sessions {max_sessions} is not a number of sessions (1 or more)")
    say = say or (lambda line: print(line, flush=True))
    session_root = tempfile.mkdtemp(prefix="openness-serve-")
    try:
        server = _make_server(host, port, app_command(session_root), max_sessions)
        try:
            server.serve(ready=lambda: say(exposure_line(host, port, max_sessions)))
        except OSError as error:
            raise UserError(
                f"cannot listen on {one_line(host)} port {port}: {one_line(error.strerror or error)}"
            ) from None
    finally:
        shutil.rmtree(session_root, ignore_errors=True)
    return 0


__all__ = [
    "serve",
    "app_command",
    "exposure_line",
    "is_loopback",
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "DEFAULT_MAX_SESSIONS",
]
