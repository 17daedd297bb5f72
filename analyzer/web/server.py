"""``resume-analyzer serve``: run the app with uvicorn, on loopback unless a token guards it."""

from __future__ import annotations

import ipaddress
import logging

from analyzer.web.app import Settings, create_app

TOKEN_ENV = "RESUME_ANALYZER_TOKEN"


def is_loopback(host: str) -> bool:
    """Whether ``host`` is only reachable from this machine (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve until interrupted.

    Raises:
        ValueError: ``host`` is not a loopback address and ``settings.token`` is not set.
    """
    import uvicorn

    if not is_loopback(host) and not settings.token:
        raise ValueError(
            f"serving on {host} makes the app reachable from other machines: "
            f"give --token (or set {TOKEN_ENV})"
        )
    web_log = logging.getLogger("analyzer.web")
    web_log.setLevel(logging.INFO)
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        access_log=False,  # our own line per request: method, path, status, time; no addresses
        log_level="info",
        server_header=False,
    )
