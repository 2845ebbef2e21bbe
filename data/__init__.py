"""The packaged guidelines (guidelines.yaml), found with importlib.resources."""
