"""The click that typer runs on: ``from peersup_cli.cli.clicklib import click``."""
