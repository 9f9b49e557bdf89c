"""Turn a saved web page or a Markdown file into the plain text factcheck labels.

A fact-checker's article rarely arrives as clean text: it is a saved page,
menus, cookie banners and "most read" lists included, or a Markdown/CMS
export. Labelling the boilerplate would bury the article's claims, and
labelling raw Markdown would read "**" and link targets as words. So the
whole document is converted first, and every offset factcheck reports is an
offset into the converted text (``factcheck extract FILE`` prints it):

- HTML: trafilatura finds the article's main text and drops navigation,
  headers, footers and asides; the title leads, then each paragraph, heading
  and list item as a paragraph of its own;
- Markdown: parsed by markdown-it (CommonMark); emphasis, links, images,
  code marks and list and quote markers are dropped, headings, list items
  and table rows become paragraphs of their own, code blocks and struck-out
  text are left out.

Paragraphs are separated by a blank line, which the splitter never crosses,
so a headline or a list item is never glued to the sentence after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.errors import FactcheckError

HTML_EXTRA = "pip install 'factcheck[html]'"


@dataclass(frozen=True)
class Converted:
    """A document's text after conversion, and a one-line account of what was taken from it."""

    text: str
    summary: str


def html_to_text(html: str, name: str) -> Converted:
    """The article's title and main text, extracted from a page by trafilatura."""
    try:
        import trafilatura
    except ImportError:
        raise FactcheckError(
            f"{name}: reading HTML needs the trafilatura extraction library: {HTML_EXTRA}"
        ) from None
    # Precision over recall: a menu item labelled as a claim costs more than a lost aside.
    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
    )
    # Not as_dict, so a trafilatura Document (or None), whatever its annotation allows.
    body = (getattr(document, "text", None) or "") if document is not None else ""
    # trafilatura marks a list item "- "; the item is a paragraph of its own without it, as in Markdown.
    paragraphs = [line.strip().removeprefix("- ") for line in body.splitlines() if line.strip()]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        raise FactcheckError(f"{name}: no article text found in the HTML page")
    title = (getattr(document, "title", None) or "").strip()
    if title and paragraphs[0] != title:
        paragraphs.insert(0, title)
    text = "\n\n".join(paragraphs)
    return Converted(text, f"main text extracted from HTML: {_count(paragraphs)}, {len(text):,} characters")


# A CMS export's metadata block (Jekyll and Hugo: YAML between "---", TOML between "+++"): not prose.
_FRONT_MATTER = re.compile(r"\A\ufeff?(---|\+\+\+)[ \t]*\r?\n.*?\r?\n\1[ \t]*(?:\r?\n|\Z)", re.DOTALL)
# A footnote's marker in the text ("[^1]") and at the head of its note ("[^1]: "): the note's words stay.
_FOOTNOTE_MARK = re.compile(r"\[\^[^\]\s]+\](?::[ \t]*)?")


def markdown_to_text(markdown: str, name: str) -> Converted:
    """Markdown without its markup: one paragraph per paragraph, heading, list item or table row."""
    from markdown_it import MarkdownIt

    blocks: list[str] = []
    cells: list[str] | None = None
    markdown = _FOOTNOTE_MARK.sub("", _FRONT_MATTER.sub("", markdown, count=1))
    for token in MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(markdown):
        if token.type == "tr_open":
            cells = []
        elif token.type == "tr_close" and cells is not None:
            if cells:
                blocks.append(" | ".join(cells))
            cells = None
        elif token.type == "inline" and (text := " ".join(_plain(token.children or []).split())):
            (blocks if cells is None else cells).append(text)
    if not blocks:
        raise FactcheckError(f"{name}: no text left once the Markdown markup is removed")
    text = "\n\n".join(blocks)
    summary = f"text of the Markdown without its markup: {_count(blocks)}, {len(text):,} characters"
    return Converted(text, summary)


def _plain(children: list) -> str:
    """An inline run's words: text and code kept, marks dropped, images and struck-out text left out."""
    parts = []
    struck = 0
    for child in children:
        if child.type in ("s_open", "s_close"):  # struck-out words are what the writer withdrew
            struck += 1 if child.type == "s_open" else -1
        elif struck:
            continue
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def _count(paragraphs: list[str]) -> str:
    return f"{len(paragraphs)} paragraph{'s' if len(paragraphs) != 1 else ''}"
