"""`{% term_discussion term as thread %}`: the discussion under a term as the page's user sees
it, read in `glossary.discussion.selectors` (no rule in templates), with the message form: the
one refused when the page comes back with its errors (`comment_form`), else an empty one. The
term page's view stays as it is: the discussion brings its own reads."""

from django import template

from glossary.discussion.forms import CommentForm
from glossary.discussion.selectors import Thread, thread_of

register = template.Library()


@register.simple_tag(takes_context=True)
def term_discussion(context, term) -> Thread:
    thread = thread_of(term=term, user=context["user"])
    if thread.writable:
        refused = context.get("comment_form")
        thread.form = refused if isinstance(refused, CommentForm) else CommentForm()
    return thread
