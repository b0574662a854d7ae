"""`python -m imm_tui.cli`: the same as the `imm` command (imm web starts its app sessions this way)."""

import sys

from imm_tui.cli import main

sys.exit(main())
