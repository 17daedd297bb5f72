"""A self-contained HTML report: score gauge and component bars (inline SVG/CSS), the resume's
lines with evidence highlighted, and each suggestion beside the line it is about. No network assets."""

from __future__ import annotations

from html import escape

from analyzer.models.analysis import Analysis
from analyzer.render.common import (
    metric_value,
    money,
    position_label,
    position_note,
)

_CSS = """
:root{--ink:#1d2330;--mute:#667085;--line:#e4e7ec;--good:#12805c;--warn:#b54708;--bad:#b42318;--accent:#2e5aac}
*{box-sizing:border-box}body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:var(--ink);margin:0;background:#f6f7f9}
main{max-width:1100px;margin:0 auto;padding:24px}
header{display:flex;gap:24px;align-items:center;background:#fff;border:1px solid var(--line);border-radius:12px;padding:20px}
h1{font-size:22px;margin:0}h2{font-size:17px;margin:24px 0 8px}.mute{color:var(--mute)}
.card{background:#fff;border:1px solid var(--line);border-radius:12px;padding:16px 20px;margin-top:16px}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:16px}
.bar{height:10px;background:#eef0f3;border-radius:5px;overflow:hidden}.bar>span{display:block;height:100%}
.comp{display:grid;grid-template-columns:200px 1fr 40px;gap:10px;align-items:center;margin:6px 0}
.chips span{display:inline-block;border:1px solid var(--line);border-radius:14px;padding:2px 10px;margin:2px 4px 2px 0;font-size:13px;background:#fafbfc}
.status-in_progress,.status-lapsed,.status-mentioned{opacity:.65;border-style:dashed!important}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top;font-size:14px}
.doc{display:grid;grid-template-columns:44px minmax(0,1fr) minmax(0,330px);font-size:14px}
.doc>div{padding:3px 8px;border-bottom:1px solid #f0f1f3}.ln{color:var(--mute);text-align:right;font-variant-numeric:tabular-nums}
.sec{background:#f3f5f8;font-weight:600;text-transform:uppercase;font-size:12px;letter-spacing:.05em}
.note{font-size:13px;background:#fffaeb;border-left:3px solid var(--warn)}.note.high{border-color:var(--bad)}.note.low{border-color:var(--line)}
mark{border-radius:3px;padding:0 2px}mark.metric{background:#d1fadf}mark.credential{background:#dbe8ff}
mark.code_set{background:#f2e6ff}.metric-line{background:#ecfdf3;box-shadow:inset 3px 0 0 #12805c;padding-left:4px}
.metric-tag{font-size:11px;color:#05603a;background:#d1fadf;border-radius:8px;padding:0 6px;white-space:nowrap}mark.tool{background:#e0f2fe}mark.specialty{background:#fef0c7}
.legend mark{margin-right:8px}.sugg li{margin:6px 0}.ex{color:var(--good);font-size:14px}
@media (max-width:800px){.grid{grid-template-columns:1fr}.doc{grid-template-columns:36px 1fr}.doc .note,.doc .blank{grid-column:2}}
"""


def _color(score: int) -> str:
    return "var(--good)" if score >= 75 else "var(--warn)" if score >= 50 else "var(--bad)"


def _gauge(score: int) -> str:
    r, c = 52, 2 * 3.14159 * 52
    dash = c * score / 100
    return (
        f'<svg width="132" height="132" viewBox="0 0 132 132" role="img" aria-label="score {score} of 100">'
        f'<circle cx="66" cy="66" r="{r}" fill="none" stroke="#eef0f3" stroke-width="14"/>'
        f'<circle cx="66" cy="66" r="{r}" fill="none" stroke="{_color(score)}" stroke-width="14" '
        f'stroke-dasharray="{dash:.1f} {c:.1f}" transform="rotate(-90 66 66)" stroke-linecap="round"/>'
        f'<text x="66" y="74" text-anchor="middle" font-size="30" font-weight="700" fill="#1d2330">{score}</text></svg>'
    )


def _highlight(text: str, spans: list[tuple[int, int, str, str]]) -> str:
    out, pos = [], 0
    for start, end, cls, title in sorted(spans):
        if start < pos or end > len(text):
            continue
        out.append(escape(text[pos:start]))
        out.append(f'<mark class="{cls}" title="{escape(title)}">{escape(text[start:end])}</mark>')
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def render_html(analysis: Analysis, view: str = "score") -> str:
    r = analysis.report
    title = escape(r.candidate.name or r.file)
    head = f'<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Resume analysis: {title}</title><style>{_CSS}</style></head><body><main>'
    if r.error:
        return (
            head
            + f'<div class="card"><h1>Could not analyse {escape(r.file)}</h1><p>{escape(r.error.message)} (<code>{r.error.code}</code>)</p></div></main></body></html>\n'
        )
    st, sc, c = r.stage, r.score, r.candidate
    parts = [head, "<header>", _gauge(sc.overall), "<div>", f"<h1>{title}</h1>"]
    contact = " · ".join(escape(x) for x in (c.email, c.phone, c.location) if x)
    parts.append(f'<div class="mute">{contact}</div>')
    band = st.salary_band
    parts.append(
        f"<p><strong>{st.level.title()}</strong>"
        + (f" · {escape(st.track)}" if st.track else "")
        + (
            f" · BLS {band.percentiles} percentile {money(band.low)}–{money(band.high)}"
            if band
            else ""
        )
        + f' <span class="mute">(confidence {st.confidence:.2f}; as of {r.as_of}; scoring v{escape(sc.version)})</span></p>'
    )
    if r.domain and not r.domain.medical_coding:
        parts.append(
            f'<p style="color:var(--bad)"><strong>Not a medical-coding resume.</strong> {escape("; ".join(r.domain.reasons))}</p>'
        )
    parts.append("</div></header>")
    if view == "match" and r.match:
        from analyzer.render.match import match_html

        parts.append(match_html(r))

    parts.append('<div class="grid"><section class="card"><h2>Score components</h2>')
    for name, comp in sc.components.items():
        parts.append(
            f'<div class="comp"><div>{(comp.label or name)} <span class="mute">×{comp.weight:.2f}</span></div>'
            f'<div class="bar" title="{escape("; ".join(comp.reasons))}"><span style="width:{comp.score}%;background:{_color(comp.score)}"></span></div>'
            f"<div>{comp.score}</div></div>"
        )
        parts.append(
            f'<div class="mute" style="font-size:13px;margin:-2px 0 8px">{escape("; ".join(comp.reasons))}</div>'
        )
    parts.append(
        '</section><section class="card"><h2>Stage</h2><ul>'
        + "".join(f"<li>{escape(x)}</li>" for x in st.reasons)
        + "</ul>"
    )
    if st.next_steps:
        parts.append(
            "<h2>Next steps</h2><ul>"
            + "".join(f"<li>{escape(x)}</li>" for x in st.next_steps)
            + "</ul>"
        )
    parts.append("</section></div>")

    parts.append('<section class="card"><h2>What was found</h2><div class="chips">')
    for label, chips in (
        (
            "Credentials",
            [
                (f"{x.id} · {x.status.replace('_', ' ')}", f"status-{x.status}")
                for x in r.credentials
            ],
        ),
        ("Code sets", [(x.id, "") for x in r.code_sets]),
        ("Tools", [(f"{x.id} · {x.category}", "") for x in r.tools]),
        ("Specialties", [(x.id, "") for x in r.specialties]),
    ):
        parts.append(
            f"<p><strong>{label}:</strong> "
            + (
                "".join(f'<span class="{cls}">{escape(t)}</span>' for t, cls in chips)
                or '<em class="mute">none</em>'
            )
            + "</p>"
        )
    parts.append("</div>")
    if r.metrics:
        parts.append("<table><tr><th>Metric</th><th>Value</th><th>Line</th><th>From</th></tr>")
        for m in r.metrics:
            parts.append(
                f"<tr><td>{m.kind.replace('_', ' ')}</td><td>{escape(metric_value(m))}</td><td>{m.evidence[0].line + 1}</td><td>{escape(m.text)}</td></tr>"
            )
        parts.append("</table>")
    parts.append(
        f"<p><strong>Experience:</strong> {r.experience.years:g} years of coding/HIM work</p><ul>"
    )
    for p in r.experience.positions:
        note = "" if p.counted else f" <span class='mute'>— {escape(position_note(p))}</span>"
        parts.append(f"<li>{escape(position_label(p))}{note}</li>")
    parts.append("</ul></section>")

    general = [s for s in r.suggestions if s.line is None]
    parts.append('<section class="card sugg"><h2>Suggestions</h2><ol>')
    for s in general:
        parts.append(
            f"<li><strong>[{s.priority}]</strong> {escape(s.message)}"
            + (f'<div class="ex">e.g. {escape(s.example)}</div>' if s.example else "")
            + "</li>"
        )
    parts.append("</ol></section>")

    doc = analysis.document
    if doc is not None:
        spans: dict[int, list[tuple[int, int, str, str]]] = {}
        for cls, items in (
            ("credential", r.credentials),
            ("code_set", r.code_sets),
            ("tool", r.tools),
            ("specialty", r.specialties),
        ):
            for item in items:
                for e in item.evidence:
                    spans.setdefault(e.line, []).append((e.start, e.end, cls, e.explanation))
        metric_lines: dict[int, list[str]] = {}
        for m in r.metrics:
            for e in m.evidence:
                metric_lines.setdefault(e.line, []).append(
                    f"{m.kind.replace('_', ' ')}: {metric_value(m)}"
                )
        notes: dict[int, list] = {}
        for s in r.suggestions:
            if s.line is not None:
                notes.setdefault(s.line, []).append(s)
        parts.append(
            '<section class="card"><h2>Your resume as the parser read it</h2><p class="legend mute">'
            '<span class="metric-line">quantified result</span> <mark class="credential">credential</mark><mark class="code_set">code set</mark>'
            '<mark class="tool">tool</mark><mark class="specialty">specialty</mark> Notes on the right are suggestions for that line.</p><div class="doc">'
        )
        for line in doc.lines:
            if line.heading:
                parts.append(
                    f'<div class="ln sec">{line.index + 1}</div><div class="sec">{escape(line.text)}</div><div class="sec"></div>'
                )
                continue
            text = ("• " if line.bullet else "") + _highlight(line.text, spans.get(line.index, []))
            if line.index in metric_lines:
                text = f'<span class="metric-line" title="{escape("; ".join(metric_lines[line.index]))}">{text}</span>'
                text += "".join(
                    f' <span class="metric-tag">{escape(t)}</span>'
                    for t in metric_lines[line.index]
                )
            note = "".join(
                f"<div><strong>{escape(s.priority)}:</strong> {escape(s.message)}"
                + (f'<div class="ex">{escape(s.example)}</div>' if s.example else "")
                + "</div>"
                for s in notes.get(line.index, [])
            )
            cls = f"note {notes[line.index][0].priority}" if note else "blank"
            parts.append(
                f'<div class="ln">{line.index + 1}</div><div>{text}</div><div class="{cls}">{note}</div>'
            )
        parts.append("</div></section>")
    parts.append(
        '<p class="mute" style="font-size:12px">Generated offline by resume-analyzer; no resume text left this machine.</p></main></body></html>\n'
    )
    return "".join(parts)
