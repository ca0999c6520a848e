import sys

from planck.runtime import few_collections

few_collections()  # before the imports below (see planck.cli.run)

try:
    from planck.cli import run
except KeyboardInterrupt:  # Ctrl-C while starting up: still no traceback
    sys.stderr.write("\ninterrupted / 已中断\n")
    sys.exit(130)

run()
