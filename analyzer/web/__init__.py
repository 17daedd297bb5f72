"""The local web app and HTTP API (``resume-analyzer serve``): FastAPI pages and ``/v1`` endpoints
over the same library functions the CLI calls."""

from analyzer.web.app import Settings, create_app

__all__ = ["Settings", "create_app"]
