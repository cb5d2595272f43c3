/*
 * Thread-safety check of the simulated kqueue, run by
 * tests/simulated_abi.test.ts: one thread waits in kevent() (no timeout)
 * the whole time, as mio-ts's off-thread wait does, while the main thread
 * registers, triggers, deletes and closes descriptors on the same kqueue.
 * Every round the main thread triggers an EVFILT_USER event and waits
 * until the waiting thread has reported it, so a lost wake-up hangs the
 * program (the test's time limit fails it) and a wrong event fails it at
 * once. Usage: stress <library> <darwin|freebsd> <rounds>; exit status 0
 * and "ok <rounds>" on success.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct kev {
  uint64_t ident;
  int16_t filter;
  uint16_t flags;
  uint32_t fflags;
  int64_t data;
  uint64_t udata;
  uint64_t ext[4];
} __attribute__((packed, aligned(4)));

static int (*kq_kevent)(int, const void *, int, void *, int, const void *);
static int (*kq_pipe)(int *);
static int (*kq_close)(int);
static long (*kq_write)(int, const void *, size_t);
static int *(*kq_error)(void);
static size_t size;
static int16_t EVFILT_USER;
static int kq;

enum { EV_ADD = 1, EV_DELETE = 2, EV_CLEAR = 0x20, EV_RECEIPT = 0x40, EV_ERROR = 0x4000 };
#define NOTE_TRIGGER 0x01000000u
#define STOP_IDENT 2
#define ROUND_IDENT 1

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static long rounds_seen;

static void set(void *list, int i, uint64_t ident, int16_t filter, uint16_t flags, uint32_t fflags, uint64_t udata) {
  struct kev e;
  memset(&e, 0, sizeof e);
  e.ident = ident;
  e.filter = filter;
  e.flags = flags;
  e.fflags = fflags;
  e.udata = udata;
  memcpy((char *)list + (size_t)i * size, &e, size);
}

static struct kev get(const void *list, int i) {
  struct kev e;
  memset(&e, 0, sizeof e);
  memcpy(&e, (const char *)list + (size_t)i * size, size);
  return e;
}

static void change(uint64_t ident, int16_t filter, uint16_t flags, uint32_t fflags, uint64_t udata) {
  char buf[sizeof(struct kev)];
  set(buf, 0, ident, filter, flags | EV_RECEIPT, fflags, udata);
  int n = kq_kevent(kq, buf, 1, buf, 1, NULL);
  struct kev r = get(buf, 0);
  if (n != 1 || !(r.flags & EV_ERROR) || r.data != 0) {
    fprintf(stderr, "change %llu/%d flags %x: n=%d data=%lld errno=%d\n", (unsigned long long)ident, filter, flags, n,
            (long long)r.data, *kq_error());
    exit(1);
  }
}

static void *waiter(void *arg) {
  (void)arg;
  char events[64 * sizeof(struct kev)];
  for (;;) {
    int n = kq_kevent(kq, NULL, 0, events, 64, NULL);
    if (n < 0) {
      fprintf(stderr, "kevent wait: errno %d\n", *kq_error());
      exit(1);
    }
    for (int i = 0; i < n; i++) {
      struct kev e = get(events, i);
      if (e.filter == EVFILT_USER && e.ident == STOP_IDENT) return NULL;
      if (e.filter == EVFILT_USER && e.ident == ROUND_IDENT) {
        pthread_mutex_lock(&mu);
        rounds_seen = (long)e.data;
        pthread_cond_signal(&cv);
        pthread_mutex_unlock(&mu);
      } else if (e.filter != -1) {
        fprintf(stderr, "unexpected event %llu/%d\n", (unsigned long long)e.ident, e.filter);
        exit(1);
      }
    }
  }
}

int main(int argc, char **argv) {
  if (argc != 4) return 2;
  void *h = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (h == NULL) {
    fprintf(stderr, "%s\n", dlerror());
    return 1;
  }
  int darwin = strcmp(argv[2], "darwin") == 0;
  size = darwin ? 32 : 64;
  EVFILT_USER = darwin ? -10 : -11;
  long rounds = atol(argv[3]);
  int (*kq_new)(void) = (int (*)(void))dlsym(h, "kqueue");
  kq_kevent = (int (*)(int, const void *, int, void *, int, const void *))dlsym(h, "kevent");
  kq_pipe = (int (*)(int *))dlsym(h, "pipe");
  kq_close = (int (*)(int))dlsym(h, "close");
  kq_write = (long (*)(int, const void *, size_t))dlsym(h, "write");
  kq_error = (int *(*)(void))dlsym(h, "__error");
  kq = kq_new();
  change(ROUND_IDENT, EVFILT_USER, EV_ADD | EV_CLEAR, 0, 0);
  change(STOP_IDENT, EVFILT_USER, EV_ADD | EV_CLEAR, 0, 0);
  pthread_t t;
  pthread_create(&t, NULL, waiter, NULL);
  for (long r = 1; r <= rounds; r++) {
    int fds[2];
    if (kq_pipe(fds) != 0) return 1;
    change((uint64_t)fds[0], -1, EV_ADD | EV_CLEAR, 0, (uint64_t)r);
    kq_write(fds[1], "x", 1);
    if (r % 2) change((uint64_t)fds[0], -1, EV_DELETE, 0, 0);
    kq_close(fds[0]);
    kq_close(fds[1]);
    /* NOTE_FFCOPY-free trigger carrying the round number in data. */
    char buf[sizeof(struct kev)];
    set(buf, 0, ROUND_IDENT, EVFILT_USER, EV_RECEIPT, NOTE_TRIGGER, 0);
    struct kev e = get(buf, 0);
    e.data = r;
    memcpy(buf, &e, size);
    if (kq_kevent(kq, buf, 1, buf, 1, NULL) != 1) return 1;
    pthread_mutex_lock(&mu);
    while (rounds_seen < r) pthread_cond_wait(&cv, &mu);
    pthread_mutex_unlock(&mu);
  }
  change(STOP_IDENT, EVFILT_USER, 0, NOTE_TRIGGER, 0);
  pthread_join(t, NULL);
  kq_close(kq);
  printf("ok %ld\n", rounds);
  return 0;
}
