#!/usr/bin/env python
"""Run the demo identity provider: ``python example_site/demo_idp/manage.py``."""

import os
import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.demo_idp.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
