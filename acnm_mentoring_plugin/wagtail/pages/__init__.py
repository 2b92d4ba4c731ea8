"""Concrete page types for sites on Wagtail's default page model.

Leave this app out of INSTALLED_APPS if your site swaps its base page model
(``WAGTAIL_PAGE_MODEL``), and define the pages from the mixins in
``acnm_mentoring_plugin.wagtail.models`` instead.
"""
