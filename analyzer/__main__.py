"""``python -m analyzer`` runs the command line."""

import sys

from analyzer.cli import main

# Guarded: the web app's worker processes start by importing the main module.
if __name__ == "__main__":
    sys.exit(main())
