"""Wagtail integration: blocks, page mixins and the "Mentoring" admin menu.

A thin skin over the core app: blocks render the core panels and post to
the core URLs; admin views call the core services.
"""
