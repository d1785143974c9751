"""`python -m wrapped`: the same command line as `wrapped`."""

import sys

from wrapped.cli import main

sys.exit(main())
