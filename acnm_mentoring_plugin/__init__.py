"""An association's mentoring programme, online, inside the CMS it already runs."""

__version__ = "0.1.0"
