"""Member-facing pages, under the one URL include of ``acnm_mentoring_plugin.urls``."""
