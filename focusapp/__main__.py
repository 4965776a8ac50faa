"""`python -m focusapp` is the `focusapp` command."""

import sys

from focusapp.cli import main

sys.exit(main())
