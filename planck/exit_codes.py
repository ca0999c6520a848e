"""Process exit codes (SPEC §4). One place, so the CLI and the tests agree."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    INPUT = 2
    INTERRUPTED = 130  # Ctrl-C (SIGINT)
    TERMINATED = 143  # SIGTERM, as CI runners and `timeout` stop a job: 128 + 15
