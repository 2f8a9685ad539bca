"""The shape every simple edit page shares: show the form, save through a service when it is
valid, say so, go to the saved object; a refused form comes back with 400 and its messages."""

from django.contrib import messages
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.utils.text import capfirst


def form_values(form, *, without: tuple[str, ...] = ()) -> dict:
    """A valid model form's typed values for its own fields, as plain data for a service."""
    return {
        name: form.cleaned_data[name]
        for name in form.fields
        if name in form.cleaned_data and name not in without
    }


def form_page(request, *, form, template: str, context: dict, save, saved_message, next_url=None):
    """`save(form)` runs only for a valid POST and returns the saved object; the page then
    redirects to `next_url`, or to the object's own page."""
    if request.method == "POST" and form.is_valid():
        saved = save(form)
        messages.success(
            request, saved_message(saved) if callable(saved_message) else saved_message
        )
        return redirect(next_url or saved.get_absolute_url())
    return render(
        request,
        template,
        {"form": form, **context},
        status=400 if request.method == "POST" else 200,
    )


def typed_form(post) -> dict:
    """The submitted form as it was typed, kept with a proposal to be validated again."""
    return {key: post.getlist(key) for key in post if key != "csrfmiddlewaretoken"}


def retyped_form(typed: dict) -> QueryDict:
    """A form kept by `typed_form`, as the POST it came from, to be validated again."""
    data = QueryDict(mutable=True)
    for key, values in typed.items():
        data.setlist(key, values)
    return data


def input_id(bound) -> str:
    """The id a link can move focus to: the field's input, a group's first box, or "" for a
    field with nothing to focus (a hidden field)."""
    if bound.is_hidden:
        return ""
    if bound.use_fieldset:
        boxes = bound.subwidgets
        return boxes[0].id_for_label if boxes else ""
    return bound.id_for_label


def _formset_title(formset) -> str:
    """What one row of the formset is called: its `title`, else its model's name."""
    title = getattr(formset, "title", "")
    return capfirst(title or formset.model._meta.verbose_name)


def error_items(form=None, formsets=()) -> list[dict]:
    """Every error of a form and its formsets, as the summary at the top of the page lists
    them: the message, the label of its field and the id of the input it links to (none for
    an error about the whole form)."""
    found = []
    if form is not None:
        found += [{"id": "", "label": "", "error": e} for e in form.non_field_errors()]
        for bound in form:
            # A hidden field's error (an expired form…) concerns the whole form: no link.
            link, label = ("", "") if bound.is_hidden else (input_id(bound), bound.label)
            found += [{"id": link, "label": label, "error": e} for e in bound.errors]
    for formset in formsets:
        title = _formset_title(formset)
        found += [{"id": "", "label": title, "error": e} for e in formset.non_form_errors()]
        for number, row in enumerate(formset.forms, start=1):
            found += [
                {**item, "label": f"{title} n° {number} — {item['label']}".rstrip(" —")}
                for item in error_items(row)
            ]
    return found
