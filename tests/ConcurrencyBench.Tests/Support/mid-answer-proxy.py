#!/usr/bin/env python3
"""A worker that dies in the middle of an answer, at a point chosen in advance.

Started by a pool in place of the worker: runs the real worker (the rest of the command line) and relays the
pool's input to it and its frames back. The first proxy to claim the folder's "cut" file (the pool's replacements
relay everything) sends the header and half the body of the worker's Nth response frame, writes
"<bytes sent> <frame bytes> <worker pid>" into the file, then SIGKILLs the worker and itself: the pool sees its
worker die with part of an answer read.

usage: mid-answer-proxy.py FOLDER N WORKER [ARGS...]
"""
import os
import signal
import struct
import subprocess
import sys
import threading

RESPONSE = 4  # FrameType.Response
HEADER = 5    # u32 length (of what follows it), then the type byte


def read_exactly(fd, count):
    data = b""
    while len(data) < count:
        chunk = os.read(fd, count - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def write_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def relay_input(worker):
    # The pool's input to the worker; when the pool closes it, so does the worker's.
    while True:
        chunk = os.read(0, 1 << 16)
        if not chunk:
            break
        write_all(worker.stdin.fileno(), chunk)
    worker.stdin.close()


def main():
    folder, nth, command = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    worker = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
    threading.Thread(target=relay_input, args=(worker,), daemon=True).start()
    out = worker.stdout.fileno()
    responses = 0
    while True:
        header = read_exactly(out, HEADER)
        if header is None:
            break
        (length,) = struct.unpack("<I", header[:4])
        body = read_exactly(out, length - 1)
        if body is None:
            break
        if header[4] == RESPONSE:
            responses += 1
            if responses == nth and claim(folder):
                half = header + body[: len(body) // 2]
                write_all(1, half)
                with open(os.path.join(folder, "cut"), "w") as f:
                    f.write(f"{len(half)} {len(header) + len(body)} {worker.pid}\n")
                os.kill(worker.pid, signal.SIGKILL)
                os.kill(os.getpid(), signal.SIGKILL)
        write_all(1, header + body)
    worker.wait()
    sys.exit(worker.returncode if worker.returncode >= 0 else 128 - worker.returncode)


def claim(folder):
    try:
        os.close(os.open(os.path.join(folder, "cut"), os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        return True
    except FileExistsError:
        return False


if __name__ == "__main__":
    main()
