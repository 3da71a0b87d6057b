#!/usr/bin/env python3
"""Interrupts a running suite while worker processes (the process pool's) or silo processes (a cluster row's) are
busy, then checks that none of them outlived it. Two ways for each, each in its own run: as Ctrl+C in a terminal does
(SIGINT to the whole process group), and SIGINT to the suite's own process only (the children must then notice their
parent is gone). Exit code 0 when nothing was left."""
import os, shutil, signal, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
exe = os.path.join(root, "bench", "ConcurrencyBench.Benchmarks", "bin", "Release", "net10.0", "ConcurrencyBench.Benchmarks")
out = tempfile.mkdtemp(prefix="cb-interrupt-")

def workers(marker="ConcurrencyBench.Worker"):
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
            with open(f"/proc/{pid}/stat") as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker in cmd and state not in ("Z", "X"):
            found.append(int(pid))
    return found

def interrupt(whole_group, filter="*IoAggregation.ProcessPool*", marker="ConcurrencyBench.Worker", busy_count=5, what="worker"):
  before = set(workers(marker))
  # A new session, as a terminal gives a job; SIGINT at its default, as in a shell's foreground job.
  suite = subprocess.Popen(
      [exe, "--filter", filter, "--out", out],
      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
      preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
  deadline = time.time() + 240
  while time.time() < deadline and len(set(workers(marker)) - before) < busy_count:
      time.sleep(0.2)
  busy = set(workers(marker)) - before
  if not busy:
      suite.kill()
      print(f"interrupt check: no {what} started within 240 s; cannot check", file=sys.stderr)
      return False
  time.sleep(1)
  if whole_group:
      os.killpg(suite.pid, signal.SIGINT)
  else:
      os.kill(suite.pid, signal.SIGINT)
  try:
      suite.wait(timeout=60)
  except subprocess.TimeoutExpired:
      os.killpg(suite.pid, signal.SIGKILL)
      print("interrupt check: the suite did not stop within 60 s of SIGINT", file=sys.stderr)
      return False
  # A worker the signal missed (one the pool was starting as the signal came) sees its input close and exits: give
  # that a few seconds on a loaded 2-core machine before calling it an orphan.
  deadline = time.time() + 10
  left = set(workers(marker)) - before
  while left and time.time() < deadline:
      time.sleep(0.2)
      left = set(workers(marker)) - before
  if left:
      mode = "process group" if whole_group else "process only"
      print(f"interrupt check: FAILED (SIGINT to the {mode}), {len(left)} {what}(s) outlived the interrupted suite by 10 s: {sorted(left)}", file=sys.stderr)
      for pid in left:
          os.kill(pid, signal.SIGKILL)
      return False
  print(f"interrupt check: {len(busy)} busy {what}s, SIGINT to the suite's {'process group' if whole_group else 'process only'}, none left behind")
  return True

silos = dict(filter="*PrimeChecks.Cluster_2Silos*", marker="ConcurrencyBench.Silo", busy_count=2, what="silo")
try:
  ok = (interrupt(whole_group=True) and interrupt(whole_group=False)
        and interrupt(whole_group=True, **silos) and interrupt(whole_group=False, **silos))
finally:
  # The interrupted runs' results folder (BenchmarkDotNet's artifacts in it): the check leaves nothing behind either.
  shutil.rmtree(out, ignore_errors=True)
sys.exit(0 if ok else 1)
