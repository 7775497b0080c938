"""The one timing helper of the benchmarks: median and maximum of repeated calls, in ms."""
import statistics
import time


def timed(fn, repeat: int):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), max(times)
