"""What a member typed, kept across the redirect after a refused form.

Forms post to the plugin's URLs from wherever they are shown (its own pages,
a CMS page's block) and go back there: POST, redirect, GET. A form with
errors, or refused by the rules, travels back in the session so the page
shows it again with what was typed. Nothing typed is lost.
"""


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
    """(data, refusal) kept for this form, or (None, None); taken once."""
    saved = request.session.pop(_key(name, ident), None) or {}
    return saved.get("data"), saved.get("refusal")
