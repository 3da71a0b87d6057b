/* transport-floor.c: plain C on both ends of an echo through a pipe or a Unix domain socket, the floor that
 * IpcPayloadSweep's echo rows are read against (PlainCPipeEcho, PlainCSocketEcho), measured in the same trials.
 *
 * The suite builds it twice with the C compiler it finds ($CC, else cc; -O2): as a shared library whose
 * cbfloor_echo the benchmark process calls for the parent's side (no .NET code between the two system calls of an
 * echo), and as the program it starts for the child's side. By hand:
 *   cc -O2 -o /tmp/floor scripts/transport-floor.c && /tmp/floor measure 1048576
 * prints the pipe and socket echo at that size in GB/s (both directions counted, as the suite counts them).
 *
 * The echo streams: up to the pipe's 1 MiB buffer at a time, the child sending each piece back as soon as it has
 * read it while the parent goes on writing (poll), as the suite's transports do, so a payload larger than a buffer
 * does not wait for its whole self. At 64 KiB and less (less than any pipe's or socket's buffer), the parent writes
 * the whole payload, then reads the whole echo: the fewest system calls a round trip takes. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PIPE_BYTES (1 << 20)
#define WHOLE_BYTES (64 << 10)

static int write_all(int fd, const unsigned char *p, long n)
{
    for (long done = 0; done < n;) {
        ssize_t r = write(fd, p + done, (size_t)(n - done));
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return r < 0 ? -errno : -EPIPE;
        done += r;
    }
    return 0;
}

static int read_all(int fd, unsigned char *p, long n)
{
    for (long done = 0; done < n;) {
        ssize_t r = read(fd, p + done, (size_t)(n - done));
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return r < 0 ? -errno : -EPIPE;
        done += r;
    }
    return 0;
}

static int set_nonblocking(int fd, int on)
{
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) return -errno;
    return fcntl(fd, F_SETFL, on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK) < 0 ? -errno : 0;
}

/* Makes fd blocking (a runtime may have opened it non-blocking): the echo's calls wait in the kernel. 0 or -errno. */
int cbfloor_blocking(int fd)
{
    return set_nonblocking(fd, 0);
}

/* Sends n bytes of payload through wfd and receives their echo into reply through rfd (the same descriptor for a
 * socket). Returns 0, or a negative errno (-EPIPE: the child is gone). Blocks until done: the caller ends a call that
 * takes too long by killing the child, which ends the call with -EPIPE. */
int cbfloor_echo(int wfd, int rfd, const unsigned char *payload, unsigned char *reply, long n)
{
    if (n <= WHOLE_BYTES) {
        int r = write_all(wfd, payload, n);
        return r ? r : read_all(rfd, reply, n);
    }

    int r = set_nonblocking(wfd, 1);
    if (!r && rfd != wfd) r = set_nonblocking(rfd, 1);
    long sent = 0, got = 0;
    while (!r && got < n) {
        struct pollfd p[2];
        int count;
        if (rfd == wfd) {
            p[0] = (struct pollfd){ .fd = rfd, .events = POLLIN | (sent < n ? POLLOUT : 0) };
            count = 1;
        } else {
            p[0] = (struct pollfd){ .fd = rfd, .events = POLLIN };
            p[1] = (struct pollfd){ .fd = wfd, .events = POLLOUT };
            count = sent < n ? 2 : 1;
        }
        if (poll(p, (nfds_t)count, -1) < 0) {
            if (errno != EINTR) r = -errno;
            continue;
        }
        short out = rfd == wfd ? p[0].revents : count == 2 ? p[1].revents : 0;
        if (sent < n && (out & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t w = write(wfd, payload + sent, (size_t)(n - sent));
            if (w > 0) sent += w;
            else if (w < 0 && errno != EAGAIN && errno != EINTR) r = -errno;
        }
        if (!r && (p[0].revents & (POLLIN | POLLERR | POLLHUP))) {
            ssize_t g = read(rfd, reply + got, (size_t)(n - got));
            if (g > 0) got += g;
            else if (g == 0) r = -EPIPE;
            else if (errno != EAGAIN && errno != EINTR) r = -errno;
        }
    }

    int restored = set_nonblocking(wfd, 0);
    if (rfd != wfd) {
        int other = set_nonblocking(rfd, 0);
        if (!restored) restored = other;
    }
    return r ? r : restored;
}

#ifndef CBFLOOR_LIBRARY
/* The child's side: echoes what comes in on in to out, a buffer's worth at a time, until the input ends. */
static int echo_loop(int in, int out)
{
    unsigned char *buf = malloc(PIPE_BYTES);
    if (!buf) return 1;
    for (;;) {
        ssize_t r = read(in, buf, PIPE_BYTES);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        if (write_all(out, buf, r)) break;
    }
    free(buf);
    return 0;
}

static int connect_to(const char *path)
{
    struct sockaddr_un address = { .sun_family = AF_UNIX };
    if (strlen(path) >= sizeof address.sun_path) return -1;
    strcpy(address.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    if (connect(fd, (struct sockaddr *)&address, sizeof address) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

/* By hand: both echoes at one size, the child forked, about a second each. */
static int measure(long n)
{
    unsigned char *payload = malloc((size_t)n), *reply = malloc((size_t)n);
    if (!payload || !reply) return 1;
    memset(payload, 3, (size_t)n);
    for (int kind = 0; kind < 2; kind++) {
        int down[2], up[2], wfd, rfd;
        pid_t child;
        if (kind == 0) {
            if (pipe(down) || pipe(up)) return 1;
            fcntl(down[1], F_SETPIPE_SZ, PIPE_BYTES);
            fcntl(up[1], F_SETPIPE_SZ, PIPE_BYTES);
            if ((child = fork()) == 0) {
                close(down[1]);
                close(up[0]);
                _exit(echo_loop(down[0], up[1]));
            }
            close(down[0]);
            close(up[1]);
            wfd = down[1];
            rfd = up[0];
        } else {
            if (socketpair(AF_UNIX, SOCK_STREAM, 0, down)) return 1;
            if ((child = fork()) == 0) {
                close(down[0]);
                _exit(echo_loop(down[1], down[1]));
            }
            close(down[1]);
            wfd = rfd = down[0];
        }
        long reps = 0;
        double start = now(), elapsed;
        do {
            if (cbfloor_echo(wfd, rfd, payload, reply, n)) return 1;
            reps++;
        } while ((elapsed = now() - start) < 1.0);
        printf("%s echo, %ld bytes: %.3f GB/s (%ld echoes)\n", kind == 0 ? "pipe  " : "socket", n, 2.0 * n * reps / elapsed / 1e9, reps);
        close(wfd);
        if (rfd != wfd) close(rfd);
        waitpid(child, NULL, 0);
    }
    free(payload);
    free(reply);
    return 0;
}

int main(int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN);
    if (argc == 2 && strcmp(argv[1], "pipe") == 0) {
        /* The parent enlarged both pipes already; asking again costs nothing and covers a parent that could not. */
        fcntl(0, F_SETPIPE_SZ, PIPE_BYTES);
        fcntl(1, F_SETPIPE_SZ, PIPE_BYTES);
        return echo_loop(0, 1);
    }
    if (argc == 3 && strcmp(argv[1], "socket") == 0) {
        int fd = connect_to(argv[2]);
        if (fd < 0) {
            fprintf(stderr, "transport-floor: cannot connect to %s: %s\n", argv[2], strerror(errno));
            return 2;
        }
        return echo_loop(fd, fd);
    }
    if (argc == 3 && strcmp(argv[1], "measure") == 0) {
        long n = atol(argv[2]);
        if (n < 1) {
            fprintf(stderr, "transport-floor: the size must be a positive number of bytes\n");
            return 2;
        }
        return measure(n);
    }
    fprintf(stderr, "usage: transport-floor pipe | socket PATH | measure BYTES\n");
    return 2;
}
#endif
