"""A term's short definition as plain text: what a linked term shows in its tooltip."""

import html
import re

from mailleurs.markdown import render_markdown

SUMMARY_LENGTH = 200
# Tags that end a block of text (a paragraph, a list item…).
BLOCK_TAG = re.compile(
    r"</?(?:p|li|ul|ol|h\d|blockquote|pre|table|thead|tbody|tr|th|td|br|hr)\b[^>]*>"
)
ANY_TAG = re.compile(r'<[^>"]*(?:"[^"]*"[^>"]*)*>')
# The end of the first sentence: a full stop followed by a capital, or by nothing.
SENTENCE_END = re.compile(r"[.!?…](?=\s+[«\"(]?[A-ZÀ-ÖØ-Þ]|\s*$)")


def plain_blocks(markdown_source: str) -> list[str]:
    """The text a reader sees once the Markdown is rendered (and sanitised), block by block
    (paragraphs, list items…), each on one line."""
    rendered = BLOCK_TAG.sub("\x1e", render_markdown(markdown_source))
    text = html.unescape(ANY_TAG.sub("", rendered))
    return [" ".join(block.split()) for block in text.split("\x1e") if block.strip()]


def short_definition(markdown_source: str, limit: int = SUMMARY_LENGTH) -> str:
    """The first sentence of a definition, cut between two words after `limit` characters."""
    blocks = plain_blocks(markdown_source)
    text = blocks[0] if blocks else ""
    end = SENTENCE_END.search(text)
    if end:
        text = text[: end.end()]
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"
