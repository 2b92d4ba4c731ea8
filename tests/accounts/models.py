from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A custom user model, as many association sites have."""

    preferred_name = models.CharField(max_length=100, blank=True)
