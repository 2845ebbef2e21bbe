"""The command line: parse arguments, call the domain, render the result. Nothing else."""
