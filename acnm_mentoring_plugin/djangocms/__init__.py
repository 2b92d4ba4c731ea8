"""django CMS integration: a plugin for each mentoring block.

Add ``"acnm_mentoring_plugin.djangocms"`` to ``INSTALLED_APPS`` of a django
CMS 5 site (beside ``"acnm_mentoring_plugin"``); the plugins appear under
"Mentoring" in the plugin picker. Each renders the core's block template
with the core's context, exactly as the Wagtail block does, and its forms
post to the core's URLs and come back to the page.
"""
