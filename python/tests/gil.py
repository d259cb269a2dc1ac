"""Measuring whether a call into the Rust half releases the GIL."""

from __future__ import annotations

import threading
import time


def progress_during(call) -> int:
    """How far a counting Python thread gets while `call` runs on this thread."""
    count = [0]
    stop = threading.Event()

    def counter():
        while not stop.is_set():
            count[0] += 1

    thread = threading.Thread(target=counter)
    thread.start()
    time.sleep(0.05)
    before = count[0]
    call()
    after = count[0]
    stop.set()
    thread.join()
    return after - before
