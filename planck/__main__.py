import sys

# Guarded: worker processes started the platform's default way (spawn, outside Linux) import
# this module again (as __mp_main__) and must not run the command line.
if __name__ == "__main__":
    from planck.runtime import few_collections

    few_collections()  # before the imports below (see planck.cli.run)

    try:
        from planck.cli import run
    except KeyboardInterrupt:  # Ctrl-C while starting up: still no traceback
        sys.stderr.write("\ninterrupted / 已中断\n")
        sys.exit(130)

    run()
