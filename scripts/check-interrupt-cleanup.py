#!/usr/bin/env python3
"""Interrupts a running suite while worker processes (the process pool's) or silo processes (a cluster row's) are
busy, then checks that none of them outlived it. Two ways for each, each in its own run: as Ctrl+C in a terminal does
(SIGINT to the whole process group), and SIGINT to the suite's own process only (the children must then notice their
parent is gone). Exit code 0 when nothing was left. Also reports (without failing) any runtime files the run's .NET
processes left in the temp folder (a diagnostics socket and debugger pipes, which a process removes when it exits
and cannot when it is killed), and removes them."""
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

def session_members(sid):
    """The pids of the live processes in session sid: the suite (a session of its own here) and its descendants."""
    found = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        if int(fields[3]) == sid:
            found[int(pid)] = cmd
    return found

def runtime_file_owner(name):
    """The pid in the name of one of the runtime's files (dotnet-diagnostic-PID-..., clr-debug-pipe-PID-...), or None."""
    for prefix in ("dotnet-diagnostic-", "clr-debug-pipe-"):
        if name.startswith(prefix):
            pid = name[len(prefix):].split("-", 1)[0]
            return int(pid) if pid.isdigit() else None
    return None

def runtime_files(pids, since):
    """The runtime's files of these pids in the temp folder, made since the run started."""
    tmp = tempfile.gettempdir()
    left = []
    for name in os.listdir(tmp):
        if runtime_file_owner(name) in pids:
            try:
                if os.lstat(os.path.join(tmp, name)).st_mtime >= since:
                    left.append(name)
            except OSError:
                pass
    return sorted(left)

def interrupt(whole_group, filter="*IoAggregation.ProcessPool*", marker="ConcurrencyBench.Worker", busy_count=5, what="worker"):
  before = set(workers(marker))
  started = time.time() - 1
  # A new session, as a terminal gives a job; SIGINT at its default, as in a shell's foreground job.
  suite = subprocess.Popen(
      [exe, "--filter", filter, "--out", out],
      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
      preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
  deadline = time.time() + 240
  members = {}
  while time.time() < deadline and len(set(workers(marker)) - before) < busy_count:
      members.update(session_members(suite.pid))
      time.sleep(0.2)
  members.update(session_members(suite.pid))
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
  # Reported, not failed: BenchmarkDotNet kills its benchmark process on an interrupt, and the suite's handler that
  # lets it end on its own first (ChildShutdown) does not win every time yet.
  files = runtime_files(members, started)
  if files:
      mode = "process group" if whole_group else "process only"
      owners = sorted({runtime_file_owner(n) for n in files})
      print(f"interrupt check: note (SIGINT to the {mode}): the run's processes left {len(files)} runtime file(s) in the temp folder, removed now: "
            + "; ".join(f"{pid}: {members.get(pid, '?')[:100]}" for pid in owners))
      for name in files:
          try:
              os.unlink(os.path.join(tempfile.gettempdir(), name))
          except OSError:
              pass
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
