"""What a member typed, kept across the redirect after a refused form.

Forms post to the plugin's URLs from wherever they are shown (its own pages,
a CMS page's block) and go back there: POST, redirect, GET. A form with
errors, or refused by the rules, travels back in the session so the page
shows it again with what was typed. Nothing typed is lost.
"""

from django.utils.datastructures import MultiValueDict


def _key(name, ident):
    return f"acnm-draft-{name}-{ident}"


def keep(request, name, ident, refusal=None):
    """Keep the POST of form ``name`` about ``ident`` for the next page."""
    data = {
        key: values if len(values) > 1 else values[0]
        for key, values in request.POST.lists()
        if key != "csrfmiddlewaretoken"
    }
    request.session[_key(name, ident)] = {
        "data": data,
        "refusal": str(refusal) if refusal else None,
    }


def take(request, name, ident):
    """(data, refusal) kept for this form, or (None, None); taken once.

    The data reads as the POST did: a field sent twice gives the form its
    last value, or all of them to a field that takes several.
    """
    saved = request.session.pop(_key(name, ident), None) or {}
    data = saved.get("data")
    if data is not None:
        data = MultiValueDict(
            {
                key: value if isinstance(value, list) else [value]
                for key, value in data.items()
            }
        )
    return data, saved.get("refusal")
