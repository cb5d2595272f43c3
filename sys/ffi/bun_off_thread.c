/*
 * Native caller threads for mio-ts on Bun (see bun_off_thread.ts), compiled
 * at first use by bun:ffi's `cc` (TinyCC, part of Bun).
 *
 * A caller is one thread parked on a condition variable. `offthread_call`
 * hands it a C function and six integer-class arguments (every parameter
 * type of sys/ffi/ffi.ts is one: int, unsigned int, size_t, pointer; extra
 * arguments are ignored by the callee in the x86_64 and aarch64 C calling
 * conventions); the thread makes the call and reports (caller id, int
 * result) through `done`, a thread-safe JSCallback, which Bun queues to
 * the JavaScript thread. Callers are never destroyed: each parks again for
 * the next call, and the process's exit ends them.
 *
 * Nothing is #included, so no system headers are needed: the few libc
 * functions are declared here, and the pthread types are opaque storage
 * larger and at least as aligned as any libc's (Linux: mutex 40 or 48
 * bytes, condition 48; macOS: 64 and 48).
 */
typedef long (*offthread_fn)(long, long, long, long, long, long);
typedef void (*offthread_done)(int, int);

int pthread_create(void *thread, const void *attr, void *(*start)(void *), void *arg);
int pthread_detach(unsigned long thread);
int pthread_mutex_init(void *mutex, const void *attr);
int pthread_mutex_lock(void *mutex);
int pthread_mutex_unlock(void *mutex);
int pthread_cond_init(void *cond, const void *attr);
int pthread_cond_wait(void *cond, void *mutex);
int pthread_cond_signal(void *cond);
void *calloc(unsigned long count, unsigned long size);
void free(void *p);
void *dlopen(const char *file, int mode);
void *dlsym(void *handle, const char *name);

/* RTLD_NOW on Linux and macOS. */
#define OFFTHREAD_RTLD_NOW 2

struct offthread_caller {
  long long mutex[16];
  long long cond[16];
  int armed;
  int id;
  offthread_fn fn;
  long args[6];
  offthread_done done;
};

static void *offthread_run(void *arg) {
  struct offthread_caller *c = arg;
  for (;;) {
    pthread_mutex_lock(c->mutex);
    while (!c->armed) pthread_cond_wait(c->cond, c->mutex);
    c->armed = 0;
    pthread_mutex_unlock(c->mutex);
    int result = (int)c->fn(c->args[0], c->args[1], c->args[2], c->args[3], c->args[4], c->args[5]);
    c->done(c->id, result);
  }
  return 0;
}

/* The address of `name` in `library` (opened once more, never closed), or 0. */
void *offthread_symbol(const char *library, const char *name) {
  void *handle = dlopen(library, OFFTHREAD_RTLD_NOW);
  return handle ? dlsym(handle, name) : 0;
}

/* Starts a caller thread that reports its calls to `done` with `id`; 0 if it cannot. */
void *offthread_new(int id, void *done) {
  struct offthread_caller *c = calloc(1, sizeof(struct offthread_caller));
  if (!c) return 0;
  c->id = id;
  c->done = (offthread_done)done;
  unsigned long thread;
  if (pthread_mutex_init(c->mutex, 0) != 0 || pthread_cond_init(c->cond, 0) != 0 ||
      pthread_create(&thread, 0, offthread_run, c) != 0) {
    free(c);
    return 0;
  }
  pthread_detach(thread);
  return c;
}

/* Makes idle caller `caller` call `fn` with the six arguments. */
void offthread_call(void *caller, void *fn, long a0, long a1, long a2, long a3, long a4, long a5) {
  struct offthread_caller *c = caller;
  pthread_mutex_lock(c->mutex);
  c->fn = (offthread_fn)fn;
  c->args[0] = a0;
  c->args[1] = a1;
  c->args[2] = a2;
  c->args[3] = a3;
  c->args[4] = a4;
  c->args[5] = a5;
  c->armed = 1;
  pthread_cond_signal(c->cond);
  pthread_mutex_unlock(c->mutex);
}
