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
 * It compiles without system headers or libraries (`-nostdlib`: a machine
 * without libc's development files has no libc.so for TinyCC to link):
 * nothing is #included, the pthread types are opaque storage larger and at
 * least as aligned as any libc's (Linux: mutex 40 or 48 bytes, condition
 * 48; macOS: 64 and 48), and the pthread functions are looked up at run
 * time in the process's global symbols. Only dlopen, dlsym, calloc and
 * free are left for TinyCC to resolve, from the running process.
 */
typedef long (*offthread_fn)(long, long, long, long, long, long);
typedef void (*offthread_done)(int, int);

void *calloc(unsigned long count, unsigned long size);
void free(void *p);
void *dlopen(const char *file, int mode);
void *dlsym(void *handle, const char *name);

/* RTLD_NOW on Linux and macOS. */
#define OFFTHREAD_RTLD_NOW 2

static int (*pthread_create_)(void *thread, const void *attr, void *(*start)(void *), void *arg);
static int (*pthread_detach_)(unsigned long thread);
static int (*pthread_mutex_init_)(void *mutex, const void *attr);
static int (*pthread_mutex_lock_)(void *mutex);
static int (*pthread_mutex_unlock_)(void *mutex);
static int (*pthread_cond_init_)(void *cond, const void *attr);
static int (*pthread_cond_wait_)(void *cond, void *mutex);
static int (*pthread_cond_signal_)(void *cond);

/* Looks the pthread functions up in the process (libc, or libpthread where it is separate); 0 if one is missing. */
static int offthread_link(void) {
  if (pthread_cond_signal_) return 1;
  void *self = dlopen(0, OFFTHREAD_RTLD_NOW);
  if (!self) return 0;
  pthread_create_ = dlsym(self, "pthread_create");
  pthread_detach_ = dlsym(self, "pthread_detach");
  pthread_mutex_init_ = dlsym(self, "pthread_mutex_init");
  pthread_mutex_lock_ = dlsym(self, "pthread_mutex_lock");
  pthread_mutex_unlock_ = dlsym(self, "pthread_mutex_unlock");
  pthread_cond_init_ = dlsym(self, "pthread_cond_init");
  pthread_cond_wait_ = dlsym(self, "pthread_cond_wait");
  pthread_cond_signal_ = dlsym(self, "pthread_cond_signal");
  return pthread_create_ && pthread_detach_ && pthread_mutex_init_ && pthread_mutex_lock_ &&
         pthread_mutex_unlock_ && pthread_cond_init_ && pthread_cond_wait_ && pthread_cond_signal_;
}

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
    pthread_mutex_lock_(c->mutex);
    while (!c->armed) pthread_cond_wait_(c->cond, c->mutex);
    c->armed = 0;
    pthread_mutex_unlock_(c->mutex);
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
  if (!offthread_link()) return 0;
  struct offthread_caller *c = calloc(1, sizeof(struct offthread_caller));
  if (!c) return 0;
  c->id = id;
  c->done = (offthread_done)done;
  unsigned long thread;
  if (pthread_mutex_init_(c->mutex, 0) != 0 || pthread_cond_init_(c->cond, 0) != 0 ||
      pthread_create_(&thread, 0, offthread_run, c) != 0) {
    free(c);
    return 0;
  }
  pthread_detach_(thread);
  return c;
}

/* Makes idle caller `caller` call `fn` with the six arguments. */
void offthread_call(void *caller, void *fn, long a0, long a1, long a2, long a3, long a4, long a5) {
  struct offthread_caller *c = caller;
  pthread_mutex_lock_(c->mutex);
  c->fn = (offthread_fn)fn;
  c->args[0] = a0;
  c->args[1] = a1;
  c->args[2] = a2;
  c->args[3] = a3;
  c->args[4] = a4;
  c->args[5] = a5;
  c->armed = 1;
  pthread_cond_signal_(c->cond);
  pthread_mutex_unlock_(c->mutex);
}
