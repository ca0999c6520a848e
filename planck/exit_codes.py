"""Process exit codes (SPEC §4). One place, so the CLI and the tests agree."""

from enum import IntEnum

from planck.model import SEVERITY_RANK, Severity


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    INPUT = 2
    INTERRUPTED = 130  # Ctrl-C (SIGINT)
    TERMINATED = 143  # SIGTERM, as CI runners and `timeout` stop a job: 128 + 15


def exit_code_of(has_errors: bool, worst_rank: int, strict: bool = False) -> ExitCode:
    """SPEC §4 from what decides it: any input error, and the worst severity's rank."""
    if has_errors:
        return ExitCode.INPUT
    limit = SEVERITY_RANK[Severity.WARNING] if strict else SEVERITY_RANK[Severity.ERROR]
    return ExitCode.FINDINGS if worst_rank >= limit else ExitCode.OK
