#!/usr/bin/env python3
"""The suite's original exercises in CPython, measured the way the C# benchmarks are, so that REPORT.md can set
CPython's models beside .NET's: the dashboard's slow API calls (sequential, a thread pool, asyncio), the prime checks
(sequential, threads, a process pool), a pipe echo between two processes (multiprocessing.Pipe), and a process start
and join. Standard library only (python3 >= 3.10).

Every measured call's answer is checked against answers computed apart from the measured code (Miller-Rabin for the
primes, the API's answers written out, the echoed bytes compared with the payload); a wrong answer ends the script with
exit code 1. Each benchmark takes a warmup, then repeated samples of at least 50 ms (a sample runs the operation as
often as it takes); every sample is kept.

Writes into --out: cpython-report-full.json (the shape of BenchmarkDotNet's full JSON export: every sample, in
nanoseconds per operation) and cpython-run.json (the interpreter's facts, one record per class and per benchmark, for
the suite's run.json). Usage: cpython-exercises.py --out DIR [--profile quick|full] [--launch K] [--samples N]

A trial run of the suite runs the script once per trial, at a random point of the trial's order, with --launch set to
the trial (the samples' LaunchIndex) and fewer samples: its rows then get the trials' intervals as the .NET rows do.
"""
import argparse
import asyncio
import concurrent.futures
import json
import math
import multiprocessing
import os
import platform
import sys
import sysconfig
import time

try:
    import resource  # Unix only: without it, the rows' cost is "not measured"
except ImportError:
    resource = None

# The 20 classic numbers of the C# PrimeChecks class (src/ConcurrencyBench/Workloads/PrimeNumbers.cs), in order.
CLASSIC = [
    2, 142702110479723, 299593572317531, 3333333333333301, 3333333333333333, 3333335652092209, 4444444444444423,
    4444444444444444, 4444444488888889, 5555553133149889, 5555555555555503, 5555555555555555, 6666666666666666,
    6666666666666719, 6666667141414921, 7777777536340681, 7777777777777753, 7777777777777777, 9999999999999917,
    9999999999999999,
]
# The quick profile's subset (a CPython pass over all 20 takes 10-30 s): the cheap numbers, the primes below 10^15
# and two of the composites whose smallest factor is large, so that the items are as unequal as the full list's.
QUICK_SUBSET = [2, 142702110479723, 299593572317531, 3333333333333333, 4444444444444444, 5555555555555555,
                6666666666666666, 7777777777777777, 9999999999999999]
LATENCY_S = 0.050
WORKERS = 64  # the C# IoAggregation's K: at most this many calls wait at once in the thread pool
MIN_SAMPLE_NS = 50_000_000
# What the parameters set, as run.json's typed "inputs" (the report's rules read these, never a parameter's name).
INPUTS = {"N": "items", "K": "atOnce", "PayloadBytes": "payloadBytes", "Passes": "passes", "LatencyMs": "latencyMilliseconds"}


class WrongAnswer(Exception):
    pass


# ---- the workloads, as the C# ones do them ----

def is_prime(n):
    """Trial division by 2, then by odd divisors up to the integer square root (PrimeCheckWorkload.IsPrime)."""
    if n < 2:
        return False
    if n < 4:
        return True
    if n % 2 == 0:
        return False
    limit = math.isqrt(n)
    d = 3
    while d <= limit:
        if n % d == 0:
            return False
        d += 2
    return True


def divisions(n):
    """The divisions is_prime makes for n: its work, for the ideal time and the schedule bounds."""
    if n < 4 or n % 2 == 0:
        return 0
    limit = math.isqrt(n)
    if limit < 3:
        return 0
    if known_prime(n):
        return (limit - 3) // 2 + 1
    d, count = 3, 0
    while d <= limit:
        count += 1
        if n % d == 0:
            break
        d += 2
    return count


def known_prime(n):
    """Deterministic Miller-Rabin for 64-bit numbers: the independent answer the prime checks are checked against."""
    if n < 2:
        return False
    bases = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37)
    for p in bases:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for a in bases:
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def fetch(i):
    """The blocking API call: the thread sleeps through the latency."""
    time.sleep(LATENCY_S)
    return "data-" + str(i)


async def fetch_async(i):
    await asyncio.sleep(LATENCY_S)
    return "data-" + str(i)


def api_expected(n):
    return ["data-%d" % i for i in range(n)]


def _echo_worker(conn, other_end):
    # A forked child inherits the parent's end of the pipe too: close it, or the parent's close never reaches this
    # end as EOF (the join would then wait out its timeout and kill the worker).
    other_end.close()
    try:
        while True:
            conn.send_bytes(conn.recv_bytes())
    except EOFError:
        pass


def _noop():
    pass


# ---- what a benchmark cost beside its time (Linux: getrusage and /proc) ----

def _descendants():
    """The processes below this one (a pool's workers, the pipe's echo worker), from /proc's parent links."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry) as f:
                    stat = f.read()
                children.setdefault(int(stat[stat.rindex(")") + 2:].split()[1]), []).append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    tree, todo = [], [os.getpid()]
    while todo:
        for child in children.get(todo.pop(), []):
            tree.append(child)
            todo.append(child)
    return tree


def _live_process(pid):
    """A live process's CPU seconds (its own and its waited-for children's: utime+cutime, stime+cstime, in ticks of
    1/100 s) and its live threads' context switches; None when it has gone."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            stat = f.read()
        fields = stat[stat.rindex(")") + 2:].split()
        user = (int(fields[11]) + int(fields[13])) / 100.0
        system = (int(fields[12]) + int(fields[14])) / 100.0
        voluntary = involuntary = 0
        for task in os.listdir("/proc/%d/task" % pid):
            with open("/proc/%d/task/%s/status" % (pid, task)) as f:
                for line in f:
                    if line.startswith("voluntary_ctxt_switches:"):
                        voluntary += int(line.split()[1])
                    elif line.startswith("nonvoluntary_ctxt_switches:"):
                        involuntary += int(line.split()[1])
        return user, system, voluntary, involuntary
    except (OSError, ValueError, IndexError):
        return None


def _peak_bytes(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def tree_reading(reset_peaks=False):
    """This process and every process below it, as the suite's cost diagnoser reads a benchmark's tree: CPU time
    and context switches from getrusage (every thread, ended ones included, and the children waited for: a process
    per start) plus the live processes below (their /proc ticks and live threads); a process that ends in between
    counts through this one, which waited for it. None without /proc (not Linux): "not measured"."""
    if resource is None or not os.path.isdir("/proc/self/task"):
        return None
    own, reaped = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    reading = {"user": own.ru_utime + reaped.ru_utime, "system": own.ru_stime + reaped.ru_stime,
               "voluntary": own.ru_nvcsw + reaped.ru_nvcsw, "involuntary": own.ru_nivcsw + reaped.ru_nivcsw,
               "pids": [os.getpid()] + _descendants()}
    for pid in reading["pids"][1:]:
        live = _live_process(pid)
        if live:
            reading["user"] += live[0]
            reading["system"] += live[1]
            reading["voluntary"] += live[2]
            reading["involuntary"] += live[3]
    if reset_peaks:
        for pid in reading["pids"]:
            try:
                with open("/proc/%d/clear_refs" % pid, "w") as f:
                    f.write("5")
            except OSError:
                reading["peaks_reset"] = False
        reading.setdefault("peaks_reset", True)
    return reading


def cost_of(before, after, operations):
    """The suite's facts.cost for one launch: per operation, from two tree readings around the measured samples."""
    if before is None or after is None or operations <= 0:
        return None
    user, system = after["user"] - before["user"], after["system"] - before["system"]
    voluntary, involuntary = after["voluntary"] - before["voluntary"], after["involuntary"] - before["involuntary"]
    if min(user, system, voluntary, involuntary) < 0:
        return None
    peaks = [_peak_bytes(pid) for pid in after["pids"]]
    peak = sum(p for p in peaks if p) if before.get("peaks_reset") and peaks[0] else None
    return {"cpuUserNanosecondsPerOperation": [user * 1e9 / operations],
            "cpuSystemNanosecondsPerOperation": [system * 1e9 / operations],
            "peakResidentBytes": None if peak is None else [float(peak)],
            "cpuTicks": [round((user + system) * 100)],
            "voluntarySwitchesPerOperation": [voluntary / operations],
            "involuntarySwitchesPerOperation": [involuntary / operations]}


# ---- measuring ----

def sample(operation, check, reps_hint=None):
    """One sample: the operation run as often as it takes to fill MIN_SAMPLE_NS (at least once), every answer checked;
    returns (total nanoseconds, operations)."""
    reps = reps_hint or 1
    while True:
        start = time.perf_counter_ns()
        answers = [operation() for _ in range(reps)]
        elapsed = time.perf_counter_ns() - start
        for answer in answers:
            check(answer)
        if elapsed >= MIN_SAMPLE_NS or reps_hint is not None:
            return elapsed, reps
        reps = max(reps * 2, int(reps * MIN_SAMPLE_NS / max(elapsed, 1)) + 1)


class Samples(list):
    """The samples of a benchmark, (nanoseconds, operations) each, with what they cost over the process tree."""
    cost = None


def measure(operation, check, samples, warmup=True):
    """A warmup sample that also settles how many operations one sample runs, then `samples` samples, with the tree's
    cost read around them (not around the warmup). Operations of a second or so skip the warmup: CPython has no JIT
    to warm, and its specializing interpreter settles within the first call."""
    reps = sample(operation, check)[1] if warmup else 1
    measurements = Samples()
    before = tree_reading(reset_peaks=True)
    for _ in range(samples):
        ns, ops = sample(operation, check, reps)
        measurements.append((ns, ops))
    measurements.cost = cost_of(before, tree_reading(), sum(ops for _, ops in measurements))
    return measurements


class Results:
    def __init__(self, launch=1):
        self.launch = launch
        self.benchmarks = []
        self.records = []
        self.classes = []

    def add_class(self, type_name, question, kind, order, ideal=None, items=None, notes=None):
        self.classes.append({"type": type_name, "question": question, "kind": kind, "order": order,
                             "idealTime": ideal, "itemsPerOperation": items, "notes": notes or []})

    def add(self, type_name, method, parameters, measurements, baseline=False, workers=None, waits=None,
            bytes_moved=None, compared_with=None, floor=False, beside=None, skipped=None):
        params = [{"name": k, "value": str(v)} for k, v in parameters]
        text = ", ".join("%s: %s" % (k, v) for k, v in parameters)
        full_name = "CPython.%s.%s(%s)" % (type_name, method, text)
        group = ", ".join("%s=%s" % (k, v) for k, v in parameters)
        record = {
            "id": full_name, "type": type_name, "method": method, "parameters": params, "group": group,
            "isBaseline": baseline, "categories": ["CPython"], "comparedWith": compared_with, "isFloor": floor,
            "workers": workers, "waits": waits, "bytesPerOperation": bytes_moved, "wireBytes": None,
            "status": "Skipped" if skipped else "Measured", "reason": skipped, "beside": beside,
        }
        inputs = {INPUTS[k]: v for k, v in parameters if k in INPUTS}
        if inputs:
            record["inputs"] = inputs
        if measurements and getattr(measurements, "cost", None):
            record["facts"] = {"cost": measurements.cost}
        if measurements:
            record["validation"] = {"checkedCalls": sum(ops for _, ops in measurements) , "checkedIterations": 0,
                                    "invokedCalls": sum(ops for _, ops in measurements), "iterations": len(measurements)}
            per_op = [ns / ops for ns, ops in measurements]
            self.benchmarks.append({
                "FullName": full_name, "Type": type_name, "Method": method,
                "Statistics": {"Mean": sum(per_op) / len(per_op), "ConfidenceInterval": {"Margin": ""}},
                "Measurements": [{"IterationMode": "Workload", "IterationStage": "Result", "LaunchIndex": self.launch,
                                  "IterationIndex": i + 1, "Operations": ops, "Nanoseconds": ns}
                                 for i, (ns, ops) in enumerate(measurements)],
            })
        self.records.append(record)


def check_equal(expected):
    def check(answer):
        if answer != expected:
            raise WrongAnswer("answer %r, expected %r" % (str(answer)[:80], str(expected)[:80]))
    return check


# ---- the exercises ----

def waiting_work(results, quick, samples):
    t = "CPythonWaitingWork"
    results.add_class(t, "CPython beside .NET, waiting work: N slow API calls of 50 ms", "StrategyComparison", 11,
                      ideal={"model": "OneLatency", "latencyParameter": "LatencyMs", "cores": os.cpu_count()})
    for n in (5, 100):
        params = [("N", n), ("LatencyMs", int(LATENCY_S * 1000))]
        expected = api_expected(n)
        check = check_equal(expected)
        if quick and n > 5:
            results.add(t, "Sequential", params, None, baseline=True, workers="One", waits="Blocking",
                        beside="IoAggregation.Sequential",
                        skipped="one call takes at least %.0f s by its parameters alone, over the quick profile's budget of 1 s a call" % (n * LATENCY_S))
        else:
            results.add(t, "Sequential", params, measure(lambda: [fetch(i) for i in range(n)], check, samples),
                        baseline=True, workers="One", waits="Blocking", beside="IoAggregation.Sequential")
        with concurrent.futures.ThreadPoolExecutor(max_workers=WORKERS) as pool:
            list(pool.map(fetch, range(min(n, WORKERS))))  # start the pool's threads before measuring
            results.add(t, "ThreadPoolExecutor", params, measure(lambda: list(pool.map(fetch, range(n))), check, samples),
                        workers="K", waits="BlockingPool", beside="IoAggregation.ParallelForEach")

        async def gather():
            return list(await asyncio.gather(*(fetch_async(i) for i in range(n))))
        loop = asyncio.new_event_loop()
        try:
            results.add(t, "AsyncioGather", params, measure(lambda: loop.run_until_complete(gather()), check, samples),
                        workers="PerItem", waits="Async", beside="IoAggregation.TaskWhenAll")
        finally:
            loop.close()


def computing_work(results, quick, samples):
    t = "CPythonComputingWork"
    numbers = QUICK_SUBSET if quick else CLASSIC
    cores = os.cpu_count() or 1
    note = ("the quick profile checks %d of the 20 numbers (%s); the full profile checks all 20" % (len(numbers), ", ".join(map(str, numbers)))
            if quick else "all 20 classic numbers, as the C# PrimeChecks class")
    results.add_class(t, "CPython beside .NET, computing work: trial-division prime checks", "StrategyComparison", 12,
                      ideal={"model": "WorkOverCores", "cores": cores, "itemCosts": [float(divisions(n)) for n in numbers],
                             "costUnit": "trial divisions"},
                      notes=[note])
    expected = [known_prime(n) for n in numbers]
    check = check_equal(expected)
    params = [("Numbers", len(numbers)), ("K", cores)]
    results.add(t, "Sequential", params, measure(lambda: [is_prime(n) for n in numbers], check, samples, warmup=False),
                baseline=True, workers="One", waits="Blocking", beside="PrimeChecks.Sequential")
    with concurrent.futures.ThreadPoolExecutor(max_workers=cores) as pool:
        results.add(t, "ThreadPoolExecutor", params, measure(lambda: list(pool.map(is_prime, numbers)), check, samples, warmup=False),
                    workers="K", waits="BlockingPool", beside="PrimeChecks.FixedThreads")
    with concurrent.futures.ProcessPoolExecutor(max_workers=cores) as pool:
        list(pool.map(is_prime, [2] * cores))  # start the workers before measuring, as the C# pool is
        results.add(t, "ProcessPoolExecutor", params, measure(lambda: list(pool.map(is_prime, numbers)), check, samples, warmup=False),
                    workers="K", waits="Process", beside="PrimeChecks.ProcessPool")


def pipes(results, quick, samples):
    t = "CPythonPipeEcho"
    results.add_class(t, "CPython beside .NET, moving data: a pipe echo to another process (multiprocessing.Pipe)", "DataMovement", 14)
    parent, child = multiprocessing.Pipe(duplex=True)
    worker = multiprocessing.Process(target=_echo_worker, args=(child, parent), daemon=True)
    worker.start()
    child.close()
    try:
        for size in (1 << 10, 1 << 16, 1 << 20, 1 << 24):
            payload = os.urandom(size)
            check = check_equal(payload)

            def echo():
                parent.send_bytes(payload)
                return parent.recv_bytes()
            results.add(t, "MultiprocessingPipeEcho", [("PayloadBytes", size)], measure(echo, check, samples),
                        bytes_moved=2.0 * size, beside="IpcPayloadSweep.PipeEcho")
    finally:
        parent.close()
        worker.join(timeout=10)
        if worker.is_alive():
            worker.kill()
            print("cpython-exercises: warning: the pipe's echo worker did not exit within 10 s of its input closing; it was killed", file=sys.stderr)


def process_start(results, quick, samples):
    t = "CPythonProcessStart"
    results.add_class(t, "CPython beside .NET, starting processes: a process started and joined", "BaselineComparison", 13)

    def start_join():
        p = multiprocessing.Process(target=_noop)
        p.start()
        p.join()
        return p.exitcode
    results.add(t, "ProcessStartJoin", [], measure(start_join, check_equal(0), samples * 2),
                beside="ProcessStartup.StartHandshakeExit_AotWorker")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="the results folder")
    parser.add_argument("--answers", action="store_true",
                        help="print the workloads' answers as JSON (the quick subset's primality, the API's answers for N=5) and exit")
    parser.add_argument("--profile", choices=("quick", "full"), default="quick")
    parser.add_argument("--launch", type=int, default=1, help="the launch (a trial run's trial) the samples belong to")
    parser.add_argument("--samples", type=int, help="samples per benchmark (default 8 quick, 12 full; a trial run asks for fewer)")
    parser.add_argument("--only", choices=("waiting", "computing", "pipes", "start"), action="append",
                        help="run only these exercises (for tests)")
    args = parser.parse_args()
    if args.answers:
        print(json.dumps({"primes": {str(n): is_prime(n) for n in QUICK_SUBSET}, "api": [fetch(i) for i in range(5)]}))
        return 0
    if not args.out:
        parser.error("--out DIR is required")
    if args.launch < 1:
        parser.error("--launch must be 1 or more")
    if args.samples is not None and args.samples < 2:
        parser.error("--samples must be 2 or more")
    quick = args.profile == "quick"
    samples = args.samples or (8 if quick else 12)
    # A pass over all 20 numbers takes 10-30 s: 8 samples, the least that gives every figure of one launch its 99%
    # interval; a trial run's intervals come from its trials, so it may ask for fewer.
    computing_samples = args.samples or 8
    started = time.time()
    results = Results(args.launch)
    gil = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else True
    exercises = {"waiting": waiting_work, "computing": computing_work, "start": process_start, "pipes": pipes}
    try:
        for name, exercise in exercises.items():
            if not args.only or name in args.only:
                exercise(results, quick, computing_samples if exercise is computing_work else samples)
    except WrongAnswer as e:
        print("cpython-exercises: a wrong answer: %s" % e, file=sys.stderr)
        return 1
    os.makedirs(args.out, exist_ok=True)
    interpreter = {
        "implementation": platform.python_implementation(),
        "version": platform.python_version(),
        "gilEnabled": gil,
        "freeThreadedBuild": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
        "startMethod": multiprocessing.get_start_method(),
        "executable": sys.executable,
        "seconds": round(time.time() - started, 1),
    }
    for name, data in (("cpython-report-full.json", {"Title": "CPython", "Benchmarks": results.benchmarks}),
                       ("cpython-run.json", {"schema": 1, "interpreter": interpreter, "profile": args.profile,
                                             "classes": results.classes, "benchmarks": results.records})):
        path = os.path.join(args.out, name)
        with open(path + ".tmp", "w") as f:
            json.dump(data, f, indent=1)
        os.replace(path + ".tmp", path)
    print("cpython-exercises: %d benchmarks in %.1f s (%s %s, GIL %s, start method %s)" % (
        len(results.benchmarks), interpreter["seconds"], interpreter["implementation"], interpreter["version"],
        "enabled" if gil else "disabled", interpreter["startMethod"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
