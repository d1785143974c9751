import sys

from wrapped.cli import main

sys.exit(main())
