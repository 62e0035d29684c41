from __future__ import annotations

import socket

import pytest


def test_tests_cannot_leave_the_machine() -> None:
    with pytest.raises(OSError, match="only the loopback"), socket.socket() as s:
        s.connect(("93.184.216.34", 80))
