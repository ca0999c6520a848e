import sys

from planck.cli import main

sys.exit(main())
