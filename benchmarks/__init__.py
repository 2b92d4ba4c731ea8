"""Performance claims, each with the command that reproduces it.

Results are ratios against a baseline measured in the same run, so they
hold from one machine to another; docs/performance.md keeps them.
"""
