"""`openness serve`: the app in browsers, loopback unless asked; saved declarations download."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from questionnaire import delivery, serve
from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "questionnaire", "serve", *args], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})


def stop(process: subprocess.Popen[str]) -> tuple[str, str]:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        return process.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.communicate()


def fetch(port: int, host_header: str | None = None, deadline: float = 20.0) -> str:
    """GET / until the server answers (bounded: `deadline` seconds)."""
    end = time.monotonic() + deadline
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/", headers={"Host": host_header} if host_header else {})
            response = connection.getresponse()
            body = response.read().decode("utf-8")
            connection.close()
            assert response.status == 200
            return body
        except OSError:
            if time.monotonic() > end:
                raise
            time.sleep(0.2)


def test_serves_the_app_page_on_loopback() -> None:
    port = free_port()
    process = start("--port", str(port))
    try:
        page = fetch(port)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            assert response.status == 200
        proxied = fetch(port, host_header=f"workshop.example:{port}")
        hostile = fetch(port, host_header='x" onload="alert(1)')
    finally:
        out, err = stop(process)
    assert "textual" in page.lower() and "openness" in page
    assert f'data-session-websocket-url="ws://127.0.0.1:{port}/ws"' in page
    assert f"ws://workshop.example:{port}/ws" in proxied  # the page follows the address the browser used
    assert "onload" not in hostile and f"ws://127.0.0.1:{port}/ws" in hostile
    assert f"http://127.0.0.1:{port}/ to this machine only" in out
    assert "Traceback" not in err
    assert process.returncode is not None


def test_other_hosts_only_when_asked_and_said_plainly() -> None:
    assert serve.DEFAULT_HOST == "127.0.0.1"
    for host in ("127.0.0.1", "localhost", "::1", "127.1.2.3"):
        assert serve.is_loopback(host), host
    for host in ("0.0.0.0", "192.168.1.10", "::", "workshop.local"):
        assert not serve.is_loopback(host), host
    line = serve.exposure_line("0.0.0.0", 8000)
    assert line.startswith("WARNING") and "every network address" in line and "without a password" in line
    assert "\n" not in line
    assert "this machine only" in serve.exposure_line("127.0.0.1", 8000)


def test_each_session_gets_its_own_draft_folder() -> None:
    command = serve.app_command("/tmp/room")
    assert command.endswith("-m questionnaire")
    assert 'OPENNESS_DATA_DIR="$(mktemp -d /tmp/room/session-XXXXXX)"' in command
    assert "OPENNESS_SERVED=1" in command


@pytest.mark.parametrize("args, words", [
    (["--port", "0"], "not a port number"),
    (["--port", "70000"], "not a port number"),
    (["--port", "many"], "invalid int value"),
])
def test_bad_arguments_exit_2(args: list[str], words: str) -> None:
    process = start(*args)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 2 and words in err and "Traceback" not in err


def test_port_in_use_is_one_line() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = start("--port", str(port))
        out, err = process.communicate(timeout=30)
    assert process.returncode == 2
    assert f"cannot listen on 127.0.0.1 port {port}" in err and "Traceback" not in err


# ------------------------------------------------------------------ delivery


class FakeApp:
    def __init__(self, is_web: bool) -> None:
        self.is_web = is_web
        self.delivered: list[tuple[str, dict]] = []

    def deliver_text(self, file, **options):  # the signature of textual.app.App.deliver_text
        self.delivered.append((file.read(), options))
        return "key-1"


def test_deliver_declaration_downloads_in_the_browser_only() -> None:
    web = FakeApp(is_web=True)
    assert delivery.deliver_declaration(web, Path("/srv/room/my model.toml"), "schema_version = 1\n") == "key-1"
    text, options = web.delivered[0]
    assert text == "schema_version = 1\n"
    assert options["save_filename"] == "my-model.toml" and options["open_method"] == "download"
    assert options["mime_type"] == "application/toml"
    terminal = FakeApp(is_web=False)
    assert delivery.deliver_declaration(terminal, "decl.toml", "x") is None and terminal.delivered == []


@pytest.mark.parametrize("path, name", [
    ("decl.toml", "decl.toml"),
    ("../../etc/passwd", "passwd.toml"),
    ('we"ird;name.toml', "we-ird-name.toml"),
    (None, "model-openness.toml"),
    ("", "model-openness.toml"),
])
def test_download_names_are_safe(path, name) -> None:
    assert delivery.download_name(path) == name


def test_session_folder_only_when_served(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("OPENNESS_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("OPENNESS_SERVED", raising=False)
    assert delivery.session_folder() is None and not delivery.is_served()
    monkeypatch.setenv("OPENNESS_SERVED", "1")
    assert delivery.session_folder() == tmp_path and delivery.is_served()


DELIVERING_APP = """
from textual.app import App
from questionnaire.delivery import deliver_declaration

class Saved(App):
    def on_mount(self) -> None:
        deliver_declaration(self, "/srv/room/my decl.toml", 'schema_version = 1\\nname = "Modèle"\\n')

Saved().run()
"""


def test_a_declaration_saved_in_the_browser_downloads(tmp_path: Path) -> None:
    """Through the room server, as a browser does: open the websocket, wait for the app to offer the file,
    download it. No browser needed: this is textual-serve's own protocol."""
    import asyncio
    import json

    import aiohttp

    script = tmp_path / "saved_app.py"
    script.write_text(DELIVERING_APP, encoding="utf-8")
    port = free_port()
    command = f"{sys.executable} {script}"
    server = subprocess.Popen(
        [sys.executable, "-c", f"from questionnaire.serve import _make_server\n"
                               f"_make_server('127.0.0.1', {port}, {command!r}).serve()"],
        cwd=ROOT, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)})

    async def browser() -> tuple[int, str, str]:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=20)) as session:
            async with session.ws_connect(f"http://127.0.0.1:{port}/ws?width=80&height=24") as ws:
                async def offered() -> str:
                    async for message in ws:
                        if message.type == aiohttp.WSMsgType.TEXT:
                            envelope = json.loads(message.data)
                            if envelope[0] == "deliver_file_start":
                                return envelope[1]
                    raise AssertionError("the session ended without offering a download")

                key = await asyncio.wait_for(offered(), 20)
                drain = asyncio.create_task(ws.receive())  # keep the session's socket read while downloading
                async with session.get(f"http://127.0.0.1:{port}/download/{key}") as response:
                    result = response.status, response.headers["Content-Disposition"], await response.text()
                drain.cancel()
                return result

    try:
        fetch(port)
        status, disposition, text = asyncio.run(browser())
    finally:
        stop(server)
    assert status == 200
    assert disposition == "attachment; filename=my-decl.toml"
    assert text == 'schema_version = 1\nname = "Modèle"\n'


def test_delivery_with_a_real_textual_app_in_a_terminal_does_nothing() -> None:
    import asyncio

    from textual.app import App

    async def main() -> None:
        app = App()
        async with app.run_test():
            assert delivery.deliver_declaration(app, "decl.toml", "x") is None

    asyncio.run(main())
