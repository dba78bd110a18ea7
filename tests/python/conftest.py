"""Shared by the module's tests: where the repository, the fixtures and the built CLI are.

ctest sets GCMSIM_SOURCE_DIR and GCMSIM_BINARY and puts the freshly built package on PYTHONPATH.
"""
import os
from pathlib import Path

import pytest

SOURCE_DIR = Path(os.environ.get("GCMSIM_SOURCE_DIR", Path(__file__).resolve().parents[2]))
BASELINE = SOURCE_DIR / "scenarios" / "gcm-2017-2018.yaml"
CLASSROOM = SOURCE_DIR / "scenarios" / "classroom.yaml"
FIXTURES = SOURCE_DIR / "tests" / "models" / "loader" / "fixtures"


@pytest.fixture(scope="session")
def gcmsim_binary() -> Path:
    binary = os.environ.get("GCMSIM_BINARY")
    if not binary or not Path(binary).is_file():
        pytest.fail("GCMSIM_BINARY must name the built gcmsim (ctest sets it)")
    return Path(binary)
