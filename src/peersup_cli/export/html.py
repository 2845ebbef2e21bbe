"""The Document as one self-contained HTML file: inline CSS, nothing fetched, print-ready.

Every piece of text goes through ``esc`` (html.escape), so markup in a custom guidelines file or
in someone's answer is shown as text and never run. Print CSS sets the paper size, starts each
value on a new page, keeps each checklist item whole and each Rating box with its value, and
puts the running footer (framework, source, page numbers) in the @page bottom margin boxes, the
page's own margin, where no line of text can run under it. (A ``position: fixed`` footer, as
before, is painted over the page's last lines instead.) Browsers without margin boxes still
print the footer once, at the end.
"""

from __future__ import annotations

from html import escape

from . import model
from .model import Block, Document, Section

PAPER_CSS = {"a4": "A4", "letter": "letter"}

CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Segoe UI", system-ui, -apple-system, sans-serif;
  font-size: 11pt; line-height: 1.45; color: #111; background: #fff;
  max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.7em; margin: 0 0 .2em; }
h2 { font-size: 1.3em; margin: 1.4em 0 .4em; }
h3 { font-size: 1.1em; margin: 1.1em 0 .3em; }
.role-title { font-size: 1.35em; margin: 1.6em 0 .4em; padding-bottom: .15em;
  border-bottom: 2px solid #333; }
.value-title { font-size: 1.3em; margin: .2em 0 .4em; }
.sub { font-size: 1em; margin: 1.1em 0 .3em; }
.subtitle { color: #444; margin: 0 0 .3em; }
.credit { color: #555; font-size: .8em; margin: 0 0 1em; }
.intro { margin: 0 0 1.5em; }
.practice { font-weight: normal; color: #333; }
.kicker { margin: 2.5em 0 0; font-size: .8em; letter-spacing: .06em; text-transform: uppercase;
  color: #555; }
.hint { margin: 0 0 .4em; color: #555; font-size: .9em; }
.description p { margin: 0 0 .6em; }
ul.checklist, ul.scale { list-style: none; padding: 0; margin: 0; }
ul.checklist li { margin: .35em 0; }
ul.checklist label, ul.scale label { display: flex; gap: .6em; align-items: flex-start; }
ul.scale { display: flex; flex-wrap: wrap; gap: .4em 1.4em; }
input[type="checkbox"], input[type="radio"] { appearance: none; -webkit-appearance: none;
  flex: none; width: 1em; height: 1em; margin: .22em 0 0; border: 1.5px solid #222;
  border-radius: 2px; background: #fff;
  print-color-adjust: exact; -webkit-print-color-adjust: exact; }
input[type="radio"] { border-radius: 50%; }
input:checked { background: #222; box-shadow: inset 0 0 0 2.5px #fff; }
.prompt .q { margin: .7em 0 .2em; font-weight: bold; }
.lines div { height: 2.1em; border-bottom: 1px solid #888; }
.answer { white-space: pre-wrap; margin: .2em 0 .8em; padding-left: .8em;
  border-left: 3px solid #bbb; }
.empty { color: #555; font-style: italic; }
.q .empty { font-weight: normal; }
.skipped-values { margin: 1.5em 0 0; color: #444; }
fieldset.rating { margin: 1.1em 0 0; padding: .4em .8em .6em; border: 1px solid #aaa;
  border-radius: 4px; break-before: avoid; page-break-before: avoid; }
fieldset.rating legend { font-weight: bold; padding: 0 .3em; }
.chosen { font-weight: bold; }
.sign { margin: 1.6em 0 .3em; max-width: 24rem; font-size: .85em; color: #555; }
.sign .line { display: block; height: 2em; border-bottom: 1px solid #222; }
footer.running { margin-top: 3em; padding-top: .4em; border-top: 1px solid #ccc;
  font-size: 8pt; color: #555; }
li, .prompt, fieldset, .answer, .lines div, .sign { break-inside: avoid; page-break-inside: avoid; }
h2, h3, h4, .kicker, .prompt .q { break-after: avoid; page-break-after: avoid; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  .value { padding-bottom: 12mm; }
  .value:not(.part-start), .role.new-page { break-before: page; page-break-before: always; }
  .value .kicker { margin-top: 0; }
  footer.running { margin-top: 8mm; }
}
"""


def esc(text: str) -> str:
    return escape(text, quote=True)


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string. Everything but letters, digits and spaces is a hex
    escape, so neither a quote nor "</style>" from a guidelines file can end it early."""
    body = "".join(
        # The space after an escape ends it and is not shown: a space in the text survives.
        ch if ch.isascii() and (ch.isalnum() or ch == " ") else f"\\{ord(ch):06x} " for ch in text
    )
    return f'"{body}"'


def render_html(doc: Document, paper: str = "a4") -> str:
    size = PAPER_CSS.get(paper.lower(), "A4")
    footer_text = " · ".join(t for t in (doc.framework_title, doc.footer_credit) if t)
    margin_font = 'font-family: "DejaVu Sans", "Segoe UI", system-ui, sans-serif; color: #555;'
    page_css = (
        f"@page {{ size: {size}; margin: 16mm 16mm 22mm;\n"
        f"  @bottom-left {{ content: {css_string(footer_text)}; {margin_font} font-size: 7pt;"
        " vertical-align: top; padding-top: 3mm; width: 75%; }\n"
        '  @bottom-right { content: "Page " counter(page) " of " counter(pages);'
        f" {margin_font} font-size: 8pt; vertical-align: top; padding-top: 3mm; }} }}"
    )
    out: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(doc.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="peersup">',
        f"<title>{esc(doc.title)}</title>",
        f"<style>{CSS}{page_css}\n</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{esc(doc.title)}</h1>",
        f'<p class="subtitle">{esc(doc.subtitle)}</p>',
    ]
    if doc.credit:
        out.append(f'<p class="credit">{esc(doc.credit)}</p>')
    if doc.intro:
        out.append(f'<p class="intro">{esc(doc.intro)}</p>')
    out += ["</header>", "<main>"]
    for block in doc.before:
        _block(out, block, 2)
    several = len(doc.parts) > 1
    level = 3 if several else 2
    for p, part in enumerate(doc.parts):
        new_page = " new-page" if p > 0 or doc.before else ""
        out.append(f'<section class="role{new_page}" aria-label="{esc(part.label)}">')
        if several:
            out.append(f'<h2 class="role-title">{esc(part.label)}</h2>')
        for n, section in enumerate(part.sections):
            _section(out, section, level, doc.filled, f"p{p + 1}-v{n + 1}", first=n == 0)
        if part.skipped:
            out.append(f'<p class="skipped-values">{esc(part.skipped_line)}</p>')
        out.append("</section>")
    for block in doc.after:
        _block(out, block, 2)
    footer = " · ".join(esc(t) for t in (doc.framework_title, doc.footer_credit) if t)
    out += ["</main>", f'<footer class="running">{footer}</footer>', "</body>", "</html>", ""]
    return "\n".join(out)


def _section(out: list[str], s: Section, level: int, filled: bool, key: str, first: bool) -> None:
    start = " part-start" if first else ""
    out.append(f'<section class="value{start}" aria-labelledby="{key}">')
    out.append(f'<p class="kicker">{esc(s.role_label)}</p>')
    out.append(
        f'<h{level} class="value-title" id="{key}">{esc(s.heading)} '
        f'<span class="practice">— {esc(s.practice)}</span></h{level}>'
    )
    sub = level + 1
    if s.description:
        paras = "".join(f"<p>{esc(p)}</p>" for p in s.description.split("\n\n"))
        out.append(f'<div class="description">{paras}</div>')
    if s.items:
        hint = model.GUIDELINES_FILLED if filled else model.GUIDELINES_BLANK
        out.append(f'<h{sub} class="sub">{model.GUIDELINES}</h{sub}>')
        out.append(f'<p class="hint">{esc(hint)}</p>')
        _checklist(out, s.items, filled)
    if s.prompts:
        out.append(f'<h{sub} class="sub">{model.PROMPTS}</h{sub}>')
        for prompt in s.prompts:
            if filled and prompt.answer is None:
                out.append(
                    f'<div class="prompt"><p class="q">{esc(prompt.text)} '
                    f'<span class="empty">{esc(model.SKIPPED_PROMPT)}</span></p></div>'
                )
                continue
            out.append(f'<div class="prompt"><p class="q">{esc(prompt.text)}</p>')
            if not filled:
                out.append(_lines(3))
            elif prompt.answer is not None:
                out.append(f'<blockquote class="answer">{esc(_joined(prompt.answer))}</blockquote>')
            out.append("</div>")
    _rating(out, s, filled, key)
    if not filled:
        out.append(f'<h{sub} class="sub">{model.NOTES}</h{sub}>')
        out.append(_lines(5))
    out.append("</section>")


def _rating(out: list[str], s: Section, filled: bool, key: str) -> None:
    out.append(f'<fieldset class="rating">\n<legend>{model.RATING}</legend>')
    if filled:
        if s.rating is None:
            out.append(f'<p class="empty">{model.NOT_RATED}.</p>')
        else:
            label = f" — {esc(s.rating_label)}" if s.rating_label else ""
            out.append(f'<p class="chosen">{s.rating}{label}</p>')
    else:
        out.append(f'<p class="hint">{model.RATING_BLANK}</p>')
    if s.scale:
        out.append('<ul class="scale">')
        for p in s.scale:
            checked = " checked" if filled and p.number == s.rating else ""
            state = " disabled" if filled else ""
            out.append(
                f'<li><label><input type="radio" name="rating-{key}" value="{p.number}"'
                f"{checked}{state}> <span>{p.number} · {esc(p.label)}</span></label></li>"
            )
        out.append("</ul>")
    out.append("</fieldset>")


def _checklist(out: list[str], items: tuple[model.Item, ...], filled: bool) -> None:
    out.append('<ul class="checklist">')
    for item in items:
        state = (" checked" if item.checked else "") + (" disabled" if filled else "")
        out.append(
            f'<li><label><input type="checkbox"{state}> <span>{esc(item.text)}</span></label></li>'
        )
    out.append("</ul>")


def _block(out: list[str], block: Block, level: int) -> None:
    out.append(f'<section class="block">\n<h{level}>{esc(block.heading)}</h{level}>')
    if block.hint:
        out.append(f'<p class="hint">{esc(block.hint)}</p>')
    if block.text is not None:
        out.append(f'<blockquote class="answer">{esc(_joined(block.text))}</blockquote>')
    if block.items:
        _checklist(out, block.items, filled=True)
    for child in block.children:
        _block(out, child, level + 1)
    for label in block.sign:
        out.append(f'<div class="sign"><span class="line"></span>{esc(label)}</div>')
    if block.is_empty:
        out.append(f'<p class="empty">{esc(block.empty)}</p>')
    out.append("</section>")


def _joined(text: str) -> str:
    return "\n".join(model.text_lines(text))


def _lines(n: int) -> str:
    return '<div class="lines" aria-hidden="true">' + "<div></div>" * n + "</div>"
