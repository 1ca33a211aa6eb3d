"""The drift tool against hostile input (issue 14: D9, D10, D12, D20, D32): bounded time
and memory, and exit 2 with one line naming the input at fault, never a traceback."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from codegen.__main__ import main
from codegen.drift.load import load_document
from codegen.drift.normalize import Document

AUTH = "/conversation/agent/auth"


FIXTURES = Path(__file__).parent / "fixtures" / "drift"
# The drift tool's tests run against a frozen pair: our spec and UltraCart's as they were
# in 2022 (and the deviations of then), so that their fixtures keep meaning the same
# changes whatever openapi.yaml becomes. test_drift_repository checks the live files.
SNAPSHOT = FIXTURES / "upstream_2022.swagger.json"
OURS_2022 = FIXTURES / "ours_2022.yaml"
DEVIATIONS_2022 = FIXTURES / "deviations_2022.yaml"


def drift(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["drift", "--spec", str(OURS_2022), "--deviations", str(DEVIATIONS_2022), *args])
    out, err = capsys.readouterr()
    return code, out, err


def assert_bad_input(result: tuple[int, str, str], *expected: str) -> None:
    code, out, err = result
    assert (code, out) == (2, ""), err
    assert err.count("\n") == 1, err
    assert err.startswith("drift: error: ")
    for text in expected:
        assert text in err


def alias_bomb(levels: int, fan_out: int = 10) -> str:
    """A Swagger 2.0 document of about 100 bytes per level whose response schema, with
    its YAML aliases expanded, has fan_out ** levels nodes."""
    lines = ["swagger: '2.0'", "info: {title: t, version: '1'}", "definitions:"]
    lines.append("  L0: &l0 {type: string}")
    for level in range(1, levels + 1):
        properties = ", ".join(f"p{i}: *l{level - 1}" for i in range(fan_out))
        lines.append(f"  L{level}: &l{level} {{type: object, properties: {{{properties}}}}}")
    lines += [
        "paths:",
        f"  {AUTH}:",
        "    put:",
        "      operationId: getAgentWebsocketAuthorization",
        "      responses:",
        "        '200': {description: ok, schema: *l" + str(levels) + "}",
    ]
    return "\n".join(lines) + "\n"


def test_d9_alias_bomb_past_the_size_limit_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(alias_bomb(levels=9))  # 10**9 nodes expanded, from 1 KB
    assert len(bomb.read_bytes()) < 1500
    assert_bad_input(drift(capsys, str(bomb)), "bomb.yaml: YAML aliases expand it beyond")


def test_d9_alias_bomb_within_the_limit_is_compared_without_expanding_shared_nodes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(alias_bomb(levels=6))  # 10**6 nodes expanded: under the size limit
    code, out, err = drift(capsys, str(bomb), "--json")
    assert (code, err) == (1, "")
    assert "optional property p0 added upstream" in out
    # One Schema per node of the document, however many aliases lead to it.
    document = Document(load_document(str(bomb)), "bomb.yaml")
    schema = document.operation(("PUT", AUTH)).responses["200"].body
    assert schema is not None
    top = schema.media["application/json"]
    assert top is not None
    assert top.properties["p0"] is top.properties["p9"]
    assert top.properties["p0"].properties["p3"] is top.properties["p5"].properties["p7"]


def ref_chain(links: int) -> str:
    """The snapshot, with our agent auth response behind a chain of `links` $refs."""
    document = json.loads(SNAPSHOT.read_text())
    definitions = document["definitions"]
    response = document["paths"][AUTH]["put"]["responses"]["200"]
    target = response["schema"]["$ref"]
    for i in range(links):
        following = f"#/definitions/Link{i + 1}" if i + 1 < links else target
        definitions[f"Link{i}"] = {"$ref": following}
    response["schema"] = {"$ref": "#/definitions/Link0"}
    return json.dumps(document)


def test_d12_a_long_ref_chain_resolves_in_linear_time(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    chained = tmp_path / "chain.json"
    chained.write_text(ref_chain(200_000))
    started = time.monotonic()
    code, _, err = drift(capsys, str(chained))
    elapsed = time.monotonic() - started
    assert (code, err) == (0, ""), err  # the chain ends at the same schema: no drift
    # Linear resolution takes a second or two; the quadratic one took minutes.
    assert elapsed < 30, f"{elapsed:.1f} s for a 200,000-link $ref chain"


def test_d12_a_ref_chain_that_loops_is_reported_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    document = json.loads(ref_chain(1000))
    document["definitions"]["Link999"] = {"$ref": "#/definitions/Link500"}
    looped = tmp_path / "loop.json"
    looped.write_text(json.dumps(document))
    assert_bad_input(drift(capsys, str(looped)), "$ref cycle", "#/definitions/Link500")


def test_d20_an_endless_file_exits_2_at_the_size_limit(capsys: pytest.CaptureFixture[str]) -> None:
    assert_bad_input(
        drift(capsys, "/dev/zero", "--max-size", "1M"),
        "/dev/zero: larger than the size limit (1048576 bytes; see --max-size)",
    )


def test_d20_the_size_limit_is_configurable_and_generous_by_default(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    size = SNAPSHOT.stat().st_size
    assert drift(capsys, str(SNAPSHOT))[0] == 0
    assert_bad_input(drift(capsys, str(SNAPSHOT), "--max-size", str(size - 1)), "size limit")
    assert drift(capsys, str(SNAPSHOT), "--max-size", str(size))[0] == 0
    with pytest.raises(SystemExit) as exited:  # argparse: usage, then the error
        main(["drift", str(SNAPSHOT), "--max-size", "lots"])
    assert exited.value.code == 2
    assert "--max-size: not a size: 'lots'" in capsys.readouterr().err


# -- hostile HTTP servers ------------------------------------------------------------------


Behaviour = Callable[[socket.socket, threading.Event], None]


@pytest.fixture
def hostile() -> Iterator[Callable[[Behaviour], str]]:
    """Serve raw-socket behaviours on 127.0.0.1; the URL of the latest one."""
    stop = threading.Event()
    listeners: list[socket.socket] = []
    threads: list[threading.Thread] = []

    def serve(behaviour: Behaviour) -> str:
        listener = socket.create_server(("127.0.0.1", 0))
        listener.settimeout(0.1)
        listeners.append(listener)

        def loop() -> None:
            while not stop.is_set():
                try:
                    conn, _ = listener.accept()
                except TimeoutError:
                    continue
                except OSError:
                    return
                with conn:
                    conn.recv(65536)  # the request
                    # OSError: the client gave up, which is what a hostile server expects.
                    with contextlib.suppress(OSError):
                        behaviour(conn, stop)

        thread = threading.Thread(target=loop, daemon=True)
        thread.start()
        threads.append(thread)
        return f"http://127.0.0.1:{listener.getsockname()[1]}/upstream.json"

    yield serve
    stop.set()
    for thread in threads:
        thread.join()
    for listener in listeners:
        listener.close()


def drip(conn: socket.socket, stop: threading.Event) -> None:
    """A status line and headers that never end: one byte every 0.1 s, for 15 s."""
    for byte in (b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"a" * 1000)[:150]:
        if stop.wait(0.1):
            return
        conn.sendall(bytes([byte]))


def endless_body(conn: socket.socket, stop: threading.Event) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n")
    chunk = b" " * 65536
    while not stop.is_set():
        conn.sendall(chunk)  # raises once the client has gone


def test_d10_a_url_dripping_bytes_hits_the_overall_deadline(
    capsys: pytest.CaptureFixture[str], hostile: Callable[[Behaviour], str]
) -> None:
    url = hostile(drip)
    assert_bad_input(
        drift(capsys, url, "--fetch-timeout", "1"),
        f"{url}: not fetched within 1 s (see --fetch-timeout)",
    )


def test_d20_an_endless_url_body_exits_2_at_the_size_limit(
    capsys: pytest.CaptureFixture[str], hostile: Callable[[Behaviour], str]
) -> None:
    url = hostile(endless_body)
    assert_bad_input(
        drift(capsys, url, "--max-size", "2M"),
        f"{url}: larger than the size limit (2097152 bytes; see --max-size)",
    )


def test_d32_a_non_utf8_deviations_file_is_named_as_the_culprit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    deviations = tmp_path / "deviations.yaml"
    deviations.write_bytes("deviations: []\n# r\xe9vis\xe9\n".encode("latin-1"))
    code, out, err = drift(capsys, str(SNAPSHOT), "--deviations", str(deviations))
    assert_bad_input((code, out, err), f"{deviations}: is not UTF-8 text")
    assert "rest_api_v2" not in err  # the upstream document is not to blame
