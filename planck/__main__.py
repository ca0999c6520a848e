import sys

try:
    from planck.cli import run
except KeyboardInterrupt:  # Ctrl-C while starting up: still no traceback
    sys.stderr.write("\ninterrupted / 已中断\n")
    sys.exit(130)

run()
