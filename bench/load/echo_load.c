/*
 * echo_load: the echo load generator of bench/run.mjs (Linux, epoll, one
 * thread). Built at bench time with `cc -O2 -o bench/.build/echo_load
 * bench/load/echo_load.c`.
 *
 *   echo_load -m pingpong -p PORT [-c 64] [-s 64] [-w 1] [-d 3] [-P PID] [-i IDLE] [-H]
 *   echo_load -m stream   -p PORT [-s 16384] [-w 1] [-d 3] [-P PID] [-H]
 *   echo_load -m latency  -p PORT [-s 64] [-w 1] [-d 3] [-P PID]
 *
 * pingpong: -c connections, each sends -s bytes, waits for them to come back
 *   (checked byte for byte), sends again; counts round trips.
 * stream: one connection writes -s byte chunks as fast as the server takes
 *   them while reading the echo (checked byte for byte); counts bytes echoed.
 *   At the end it stops writing and waits until every byte sent came back.
 * latency: one connection, one -s byte message in flight: sends it, waits
 *   for all of it to come back (checked byte for byte), sends the next; each
 *   round trip is timed from the send to the last byte of its echo.
 * -i IDLE: first opens IDLE more connections, in batches, each sending one
 *   byte and waiting for its echo (so the server has accepted and registered
 *   it), then leaves them idle for the whole run.
 * -w warm-up seconds, then -d measured seconds. -P: the server's PID; its
 *   CPU time (utime + stime, all threads, /proc/PID/stat) is read at the
 *   start and the end of the measured window.
 * -H: after printing the result, keep every connection open until a line
 *   (or end of file) arrives on stdin, so the caller can inspect the server.
 *
 * Prints `IDLE_READY n` once idle connections are open (with -i), then one
 * line `RESULT {"count":…,"bytes":…,"seconds":…,"serverCpu":…}`: count is
 * round trips (pingpong, latency) or bytes (stream) in the window; serverCpu
 * is in seconds (-1 without -P); latency adds "p50us" and "p99us", the
 * median and 99th percentile round trip in microseconds. Exits 1 with a
 * message on any error.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define PATTERN_PERIOD 251
#define READ_SIZE 65536
#define IDLE_BATCH 500

static void die(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "echo_load: ");
  vfprintf(stderr, fmt, ap);
  fprintf(stderr, "\n");
  va_end(ap);
  exit(1);
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds used so far by process `pid` (all threads), or -1 without one. */
static double server_cpu(int pid) {
  if (pid <= 0) return -1;
  char path[64], buf[1024];
  snprintf(path, sizeof path, "/proc/%d/stat", pid);
  FILE *f = fopen(path, "r");
  if (!f) die("cannot open %s: %s", path, strerror(errno));
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = 0;
  char *p = strrchr(buf, ')');
  if (!p) die("cannot parse %s", path);
  unsigned long long utime = 0, stime = 0;
  /* After ")": state(3) ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime(14) stime(15). */
  if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) != 2) {
    die("cannot parse %s", path);
  }
  return (double)(utime + stime) / (double)sysconf(_SC_CLK_TCK);
}

/* The byte at stream offset `k`: a period that no power-of-two chunk size divides. */
static unsigned char pattern[READ_SIZE + 2 * PATTERN_PERIOD];

/* A connected, non-blocking TCP socket to 127.0.0.1:port with TCP_NODELAY. */
static int connect_to(int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) die("socket: %s", strerror(errno));
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) die("connect to port %d: %s", port, strerror(errno));
  int one = 1;
  if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) < 0) die("TCP_NODELAY: %s", strerror(errno));
  int fl = fcntl(fd, F_GETFL);
  if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0) die("fcntl: %s", strerror(errno));
  return fd;
}

static void watch(int ep, int fd, uint32_t events, uint32_t index) {
  struct epoll_event ev = {.events = events | EPOLLET, .data.u32 = index};
  if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0) die("epoll_ctl: %s", strerror(errno));
}

static int wait_events(int ep, struct epoll_event *evs, int max, int timeout_ms) {
  int n = epoll_wait(ep, evs, max, timeout_ms);
  if (n < 0 && errno != EINTR) die("epoll_wait: %s", strerror(errno));
  return n < 0 ? 0 : n;
}

/* Reads up to `len` bytes; the count, 0 for WouldBlock; dies at end of stream or on an error. */
static size_t read_some(int fd, unsigned char *buf, size_t len) {
  for (;;) {
    ssize_t n = read(fd, buf, len);
    if (n > 0) return (size_t)n;
    if (n == 0) die("the server closed a connection");
    if (errno == EAGAIN) return 0;
    if (errno != EINTR) die("read: %s", strerror(errno));
  }
}

/* Writes up to `len` bytes; the count, 0 for WouldBlock; dies on an error. */
static size_t write_some(int fd, const unsigned char *buf, size_t len) {
  for (;;) {
    ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);
    if (n >= 0) return (size_t)n;
    if (errno == EAGAIN) return 0;
    if (errno != EINTR) die("send: %s", strerror(errno));
  }
}

/* Checks that `n` bytes read at stream offset `offset` are what was sent there. */
static void check_echo(const unsigned char *buf, size_t n, uint64_t offset) {
  if (memcmp(buf, pattern + offset % PATTERN_PERIOD, n) != 0) die("the echo differs from what was sent");
}

/* One ping-pong connection: bytes of the current message sent, and echoed back. */
typedef struct {
  int fd;
  size_t sent, got;
} conn_t;

static unsigned char rbuf[READ_SIZE];

/* Opens `count` connections that each echo one byte, `IDLE_BATCH` at a time, and leaves them open. */
static void open_idle(int port, int count) {
  int *fds = calloc((size_t)count, sizeof *fds);
  struct epoll_event evs[IDLE_BATCH];
  if (!fds) die("out of memory");
  int ep = epoll_create1(EPOLL_CLOEXEC);
  if (ep < 0) die("epoll_create1: %s", strerror(errno));
  for (int first = 0; first < count; first += IDLE_BATCH) {
    int last = first + IDLE_BATCH < count ? first + IDLE_BATCH : count;
    for (int i = first; i < last; i++) {
      fds[i] = connect_to(port);
      watch(ep, fds[i], EPOLLIN, (uint32_t)i);
      if (write_some(fds[i], pattern, 1) != 1) die("cannot send the first byte of idle connection %d", i);
    }
    double deadline = now() + 30;
    for (int echoed = 0; echoed < last - first;) {
      if (now() > deadline) die("idle connections: %d of %d echoes after 30 s", echoed, last - first);
      int n = wait_events(ep, evs, IDLE_BATCH, 100);
      for (int e = 0; e < n; e++) {
        if (read_some(fds[evs[e].data.u32], rbuf, 2) == 1) echoed++;
      }
    }
  }
  close(ep);
  free(fds);
}

/* Sends what is left of `c`'s message. */
static void pp_send(conn_t *c, size_t size) {
  size_t n;
  while (c->sent < size && (n = write_some(c->fd, pattern + c->sent, size - c->sent)) > 0) c->sent += n;
}

/* Reads `c`'s echo until WouldBlock; returns the round trips completed (each starts the next). */
static long pp_receive(conn_t *c, size_t size) {
  long done = 0;
  size_t n;
  while ((n = read_some(c->fd, rbuf, size - c->got)) > 0) {
    check_echo(rbuf, n, c->got);
    c->got += n;
    if (c->got == size) {
      done++;
      c->got = 0;
      c->sent = 0;
      pp_send(c, size);
    }
  }
  return done;
}

/* What one measured window gave; p50/p99: round-trip quantiles in µs (latency mode only, else -1). */
typedef struct {
  uint64_t count, bytes;
  double seconds, cpu, p50, p99;
} result_t;

static result_t pingpong(int port, int nconns, size_t size, double warmup, double seconds, int pid) {
  conn_t *conns = calloc((size_t)nconns, sizeof *conns);
  struct epoll_event evs[1024];
  if (!conns) die("out of memory");
  int ep = epoll_create1(EPOLL_CLOEXEC);
  if (ep < 0) die("epoll_create1: %s", strerror(errno));
  for (int i = 0; i < nconns; i++) {
    conns[i].fd = connect_to(port);
    watch(ep, conns[i].fd, EPOLLIN | EPOLLOUT, (uint32_t)i);
  }
  uint64_t total = 0, start_count = 0;
  double t0 = now(), start = t0 + warmup, end = start + seconds, cpu0 = 0, t = t0;
  int measuring = 0;
  for (;;) {
    t = now();
    if (!measuring && t >= start) {
      measuring = 1;
      start_count = total;
      cpu0 = server_cpu(pid);
      start = t;
    }
    if (t >= end) break;
    int n = wait_events(ep, evs, 1024, 10);
    for (int e = 0; e < n; e++) {
      conn_t *c = &conns[evs[e].data.u32];
      if (evs[e].events & EPOLLOUT) pp_send(c, size);
      if (evs[e].events & (EPOLLIN | EPOLLERR | EPOLLHUP)) total += (uint64_t)pp_receive(c, size);
    }
  }
  result_t r = {total - start_count, (total - start_count) * size, t - start, pid > 0 ? server_cpu(pid) - cpu0 : -1,
                -1, -1};
  close(ep);
  free(conns); /* the descriptors stay open until exit */
  return r;
}

static result_t stream(int port, size_t chunk, double warmup, double seconds, int pid) {
  int fd = connect_to(port);
  struct epoll_event evs[4];
  int ep = epoll_create1(EPOLL_CLOEXEC);
  if (ep < 0) die("epoll_create1: %s", strerror(errno));
  watch(ep, fd, EPOLLIN | EPOLLOUT, 0);
  uint64_t sent = 0, got = 0, start_got = 0, window = 0;
  double t0 = now(), start = t0 + warmup, end = start + seconds, cpu0 = 0, t = t0, cpu = -1;
  int measuring = 0, writing = 1;
  for (;;) {
    t = now();
    if (!measuring && t >= start) {
      measuring = 1;
      start_got = got;
      cpu0 = server_cpu(pid);
      start = t;
    }
    if (writing && t >= end) {
      writing = 0;
      end = t;
      cpu = pid > 0 ? server_cpu(pid) - cpu0 : -1;
      window = got - start_got;
    }
    if (!writing && got == sent) break;
    if (!writing && t > end + 30) die("stream: %llu of %llu bytes echoed 30 s after the end", (unsigned long long)got,
                                      (unsigned long long)sent);
    wait_events(ep, evs, 4, 10);
    size_t n;
    while ((n = read_some(fd, rbuf, sizeof rbuf)) > 0) {
      check_echo(rbuf, n, got);
      got += n;
    }
    while (writing && (n = write_some(fd, pattern + sent % PATTERN_PERIOD, chunk)) > 0) sent += n;
  }
  close(ep);
  result_t r = {window, window, end - start, cpu, -1, -1};
  return r; /* the connection stays open until exit */
}

static int compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* The `q` quantile of the `n` sorted values `xs` (the value at rank floor(q n)). */
static double quantile(const double *xs, size_t n, double q) {
  size_t i = (size_t)(q * (double)n);
  return xs[i < n ? i : n - 1];
}

static result_t latency(int port, size_t size, double warmup, double seconds, int pid) {
  int fd = connect_to(port);
  struct epoll_event evs[4];
  int ep = epoll_create1(EPOLL_CLOEXEC);
  if (ep < 0) die("epoll_create1: %s", strerror(errno));
  watch(ep, fd, EPOLLIN, 0);
  size_t cap = 1 << 16, n = 0;
  double *samples = malloc(cap * sizeof *samples);
  if (!samples) die("out of memory");
  double t0 = now(), start = t0 + warmup, end = start + seconds, cpu0 = 0, t = t0;
  int measuring = 0;
  for (;;) {
    t = now();
    if (!measuring && t >= start) {
      measuring = 1;
      cpu0 = server_cpu(pid);
      start = t;
    }
    if (t >= end) break;
    double sent_at = now();
    /* One message in flight: a 64-byte send always fits an empty socket buffer. */
    if (write_some(fd, pattern, size) != size) die("latency: the %zu-byte message did not fit at once", size);
    for (size_t got = 0; got < size;) {
      size_t k = read_some(fd, rbuf, size - got);
      if (k == 0) {
        wait_events(ep, evs, 4, 1000);
        if (now() > sent_at + 30) die("latency: no echo after 30 s");
        continue;
      }
      check_echo(rbuf, k, got);
      got += k;
    }
    if (measuring) {
      if (n == cap) {
        cap *= 2;
        samples = realloc(samples, cap * sizeof *samples);
        if (!samples) die("out of memory");
      }
      samples[n++] = (now() - sent_at) * 1e6;
    }
  }
  double cpu = pid > 0 ? server_cpu(pid) - cpu0 : -1;
  if (n == 0) die("latency: no round trip in the measured window");
  qsort(samples, n, sizeof *samples, compare_doubles);
  result_t r = {n, n * size, t - start, cpu, quantile(samples, n, 0.5), quantile(samples, n, 0.99)};
  free(samples);
  close(ep);
  return r; /* the connection stays open until exit */
}

static double number(const char *arg, const char *what) {
  char *end;
  double v = strtod(arg, &end);
  if (*arg == 0 || *end != 0 || !(v >= 0)) die("%s must be a non-negative number, got \"%s\"", what, arg);
  return v;
}

int main(int argc, char **argv) {
  const char *mode = NULL;
  int port = 0, nconns = 64, pid = 0, idle = 0, hold = 0, opt;
  double warmup = 1, seconds = 3;
  long size = -1;
  while ((opt = getopt(argc, argv, "m:p:c:s:w:d:P:i:H")) != -1) {
    switch (opt) {
      case 'm': mode = optarg; break;
      case 'p': port = (int)number(optarg, "-p"); break;
      case 'c': nconns = (int)number(optarg, "-c"); break;
      case 's': size = (long)number(optarg, "-s"); break;
      case 'w': warmup = number(optarg, "-w"); break;
      case 'd': seconds = number(optarg, "-d"); break;
      case 'P': pid = (int)number(optarg, "-P"); break;
      case 'i': idle = (int)number(optarg, "-i"); break;
      case 'H': hold = 1; break;
      default: die("usage: echo_load -m pingpong|stream|latency -p PORT [-c CONNS] [-s SIZE] [-w S] [-d S] [-P PID] [-i IDLE] [-H]");
    }
  }
  int is_stream = mode && strcmp(mode, "stream") == 0;
  int is_latency = mode && strcmp(mode, "latency") == 0;
  if (!mode || (!is_stream && !is_latency && strcmp(mode, "pingpong") != 0)) {
    die("-m must be pingpong, stream or latency");
  }
  if (port <= 0 || port > 65535) die("-p PORT is required (1-65535)");
  if (size < 0) size = is_stream ? 16384 : 64;
  if (size < 1 || size > READ_SIZE) die("-s must be 1-%d", READ_SIZE);
  if (nconns < 1) die("-c must be at least 1");
  for (size_t k = 0; k < sizeof pattern; k++) pattern[k] = (unsigned char)(k % PATTERN_PERIOD);

  if (idle > 0) {
    open_idle(port, idle);
    printf("IDLE_READY %d\n", idle);
    fflush(stdout);
  }
  result_t r = is_stream    ? stream(port, (size_t)size, warmup, seconds, pid)
               : is_latency ? latency(port, (size_t)size, warmup, seconds, pid)
                            : pingpong(port, nconns, (size_t)size, warmup, seconds, pid);
  printf("RESULT {\"count\":%llu,\"bytes\":%llu,\"seconds\":%.6f,\"serverCpu\":%.3f", (unsigned long long)r.count,
         (unsigned long long)r.bytes, r.seconds, r.cpu);
  if (is_latency) printf(",\"p50us\":%.2f,\"p99us\":%.2f", r.p50, r.p99);
  printf("}\n");
  fflush(stdout);
  if (hold) {
    char line[64];
    while (read(0, line, sizeof line) < 0 && errno == EINTR) {
    }
  }
  return 0; /* the kernel closes every connection */
}
