"""The web pages' templates: the app's own (``analyzer/web/templates``) over the report templates
the CLI's HTML output uses (``analyzer/render/templates``), one autoescaped Jinja2 environment."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

import jinja2

from analyzer.models.analysis import Analysis
from analyzer.render.html import TEMPLATES as REPORT_TEMPLATES
from analyzer.render.html import report_view

WEB_TEMPLATES = files("analyzer.web") / "templates"
STATIC = files("analyzer.web") / "static"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.FileSystemLoader(str(WEB_TEMPLATES)),
                jinja2.FileSystemLoader(str(REPORT_TEMPLATES)),
            ]
        ),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def page(name: str, **context) -> str:
    """Render the page template ``name`` (CSS and scripts linked from ``/static``)."""
    context.setdefault("static", "/static")
    context.setdefault("problem", None)
    return environment().get_template(name).render(standalone=False, **context)


def report_fragment(analysis: Analysis, view: str = "score") -> str:
    """The report's body (score, components, evidence, suggestions beside their lines, match) as
    an HTML fragment for a page; the same macro the CLI's ``--format html`` renders."""
    macro = environment().get_template("report_body.html").module.report_body
    return str(macro(report_view(analysis, view)))
