"""Running a check: in this process, or shared among worker processes (planck.engine.pool)."""
