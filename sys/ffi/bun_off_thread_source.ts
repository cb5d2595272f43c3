/**
 * The C source of Bun's native caller threads (see bun_off_thread.ts), one
 * for POSIX threads and one for Windows threads, kept in this module so it
 * travels with the code that compiles it: into `dist/`, into a bundle, and
 * into a `bun build --compile` executable, where no file sits beside
 * `import.meta.url`. `bun:ffi`'s `cc` (TinyCC, part of Bun) compiles it at
 * first use, from a temporary file.
 *
 * The protocol, the same on both:
 * - A hub (`offthread_hub_new`, one per JavaScript realm: the main thread or
 *   a Worker) holds an N-API thread-safe function that calls the realm's
 *   JavaScript `done(id, result)` on its event loop. N-API runs the hub's
 *   finalizer on that realm's thread when the realm ends (`process.exit()`,
 *   `worker.terminate()`, `self.close()`, the process's end), before the
 *   thread-safe function is destroyed; the finalizer marks the hub dead
 *   under the hub's lock.
 * - A caller (`offthread_new`) is one thread parked on a condition variable.
 *   `offthread_call` hands it a C function and six integer-class arguments
 *   (every parameter type of sys/ffi/ffi.ts is one: int, unsigned int,
 *   size_t, pointer; extra arguments are ignored by the callee in the
 *   x86_64, aarch64 and Windows x64 C calling conventions); the thread makes
 *   the call, then, under the hub's lock, queues (id, result) to the
 *   thread-safe function if the hub is alive. Once it is dead the thread
 *   ends instead: nothing ever calls into a realm that has ended. The
 *   finalizer also wakes the idle callers, which end at once.
 * - The hub is freed by whichever of its finalizer and its callers' threads
 *   lets go of it last.
 * - A call's buffer arguments point into its caller's scratch memory
 *   (\`offthread_scratch\`), which belongs to the thread and is freed when the
 *   thread ends: JavaScript copies each buffer in before the call and back
 *   out when its result arrives. A call that returns after its realm ended
 *   (a completion port closed at the realm's exit, a timeout) writes into
 *   memory that is still there, never into the realm's freed buffers.
 *
 * Neither #includes anything. POSIX: it compiles with `-nostdlib` (a
 * machine without libc's development files has no libc.so for TinyCC to
 * link); the pthread types are opaque storage larger and at least as
 * aligned as any libc's (Linux: mutex 40 or 48 bytes, condition 48; macOS:
 * 64 and 48); the pthread and N-API functions are looked up at run time in
 * the process's global symbols (Bun exports N-API for addons); only dlopen,
 * dlsym, calloc and free are left for TinyCC to resolve, from the running
 * process. Windows: TinyCC resolves the kernel32 functions declared from
 * kernel32.dll, and the N-API functions are looked up in bun.exe.
 *
 * @module
 */

/** The N-API declarations both sources share (types as opaque pointers; `size_t` as `unsigned long long`). */
const NAPI = `
typedef struct napi_env__ *napi_env;
typedef struct napi_value__ *napi_value;
typedef struct napi_threadsafe_function__ *napi_threadsafe_function;
typedef void (*napi_call_js)(napi_env env, napi_value js_callback, void *context, void *data);
typedef void (*napi_finalize)(napi_env env, void *data, void *hint);

static int (*napi_create_threadsafe_function_)(napi_env env, napi_value func, napi_value async_resource,
                                               napi_value async_resource_name, unsigned long long max_queue_size,
                                               unsigned long long initial_thread_count, void *finalize_data,
                                               napi_finalize finalize_cb, void *context, napi_call_js call_js,
                                               napi_threadsafe_function *result);
static int (*napi_call_threadsafe_function_)(napi_threadsafe_function func, void *data, int is_blocking);
static int (*napi_unref_threadsafe_function_)(napi_env env, napi_threadsafe_function func);
static int (*napi_create_string_utf8_)(napi_env env, const char *text, unsigned long long length, napi_value *result);
static int (*napi_create_int32_)(napi_env env, int value, napi_value *result);
static int (*napi_get_undefined_)(napi_env env, napi_value *result);
static int (*napi_call_function_)(napi_env env, napi_value recv, napi_value func, unsigned long long argc,
                                  const napi_value *argv, napi_value *result);

/* napi_tsfn_nonblocking: the queue is unbounded, so a call never waits. */
#define OFFTHREAD_NONBLOCKING 0

/* Looks the N-API functions up with \`find\`; 0 if one is missing. */
static int offthread_link_napi(void *(*find)(const char *name)) {
  napi_create_threadsafe_function_ = find("napi_create_threadsafe_function");
  napi_call_threadsafe_function_ = find("napi_call_threadsafe_function");
  napi_unref_threadsafe_function_ = find("napi_unref_threadsafe_function");
  napi_create_string_utf8_ = find("napi_create_string_utf8");
  napi_create_int32_ = find("napi_create_int32");
  napi_get_undefined_ = find("napi_get_undefined");
  napi_call_function_ = find("napi_call_function");
  return napi_create_threadsafe_function_ && napi_call_threadsafe_function_ && napi_unref_threadsafe_function_ &&
         napi_create_string_utf8_ && napi_create_int32_ && napi_get_undefined_ && napi_call_function_;
}
`;

/** The part both share after the platform's lock and thread primitives are defined. */
const COMMON = `
/* One JavaScript realm's way back: its thread-safe function, and whether the realm still lives. */
struct offthread_hub {
  offthread_lock lock;
  int alive;
  /* The finalizer's hold plus one per caller thread; the last to let go frees the hub. */
  int holds;
  napi_threadsafe_function done;
  /* The caller threads, linked through \`next\`. */
  struct offthread_caller *callers;
};

struct offthread_caller {
  offthread_lock lock;
  offthread_condition condition;
  int armed;
  /* Set once the hub's realm has ended: the thread ends. */
  int quit;
  int id;
  int result;
  offthread_fn fn;
  offthread_word args[6];
  /* The memory the calls' buffer arguments point into, the thread's own: freed when the thread ends. */
  void *scratch;
  struct offthread_hub *hub;
  struct offthread_caller *next;
};

static int offthread_start(struct offthread_caller *c);

/* Lets go of one hold on \`hub\`, freeing it after the last. */
static void offthread_hub_release(struct offthread_hub *hub) {
  offthread_lock_acquire(&hub->lock);
  int left = --hub->holds;
  offthread_lock_release(&hub->lock);
  if (left == 0) offthread_free(hub);
}

/*
 * On the realm's thread, once its thread-safe function is being destroyed: no call reaches it after this,
 * and each caller thread ends (an idle one at once, a busy one when its call returns).
 */
static void offthread_hub_finalize(napi_env env, void *data, void *hint) {
  struct offthread_hub *hub = data;
  offthread_lock_acquire(&hub->lock);
  hub->alive = 0;
  for (struct offthread_caller *c = hub->callers; c; c = c->next) {
    offthread_lock_acquire(&c->lock);
    c->quit = 1;
    offthread_condition_signal(&c->condition);
    offthread_lock_release(&c->lock);
  }
  offthread_lock_release(&hub->lock);
  offthread_hub_release(hub);
}

/* On the realm's thread: calls JavaScript's done(id, result) for the caller queued. */
static void offthread_hub_call_js(napi_env env, napi_value done, void *context, void *data) {
  struct offthread_caller *c = data;
  napi_value recv, argv[2];
  if (!env || !done) return;
  if (napi_get_undefined_(env, &recv) != 0 || napi_create_int32_(env, c->id, &argv[0]) != 0 ||
      napi_create_int32_(env, c->result, &argv[1]) != 0)
    return;
  napi_call_function_(env, recv, done, 2, argv, 0);
}

/* The caller threads' loop; ends once the hub's realm has ended. */
static void offthread_serve(struct offthread_caller *c) {
  struct offthread_hub *hub = c->hub;
  for (;;) {
    offthread_lock_acquire(&c->lock);
    while (!c->armed && !c->quit) offthread_condition_wait(&c->condition, &c->lock);
    int armed = c->armed;
    c->armed = 0;
    offthread_lock_release(&c->lock);
    if (armed) c->result = (int)c->fn(c->args[0], c->args[1], c->args[2], c->args[3], c->args[4], c->args[5]);
    offthread_lock_acquire(&hub->lock);
    int alive = hub->alive;
    if (alive && armed) napi_call_threadsafe_function_(hub->done, c, OFFTHREAD_NONBLOCKING);
    if (!alive) {
      struct offthread_caller **link = &hub->callers;
      while (*link != c) link = &(*link)->next;
      *link = c->next;
    }
    offthread_lock_release(&hub->lock);
    if (!alive) break;
  }
  if (c->scratch) offthread_free(c->scratch);
  offthread_free(c);
  offthread_hub_release(hub);
}

/*
 * Makes the hub of the calling JavaScript realm, reporting to \`done\` (a function of (id, result)); 0 if it
 * cannot. Its thread-safe function does not keep the event loop alive.
 */
void *offthread_hub_new(napi_env env, napi_value done) {
  if (!offthread_link()) return 0;
  struct offthread_hub *hub = offthread_alloc(sizeof(struct offthread_hub));
  if (!hub) return 0;
  offthread_lock_init(&hub->lock);
  hub->alive = 1;
  hub->holds = 1;
  napi_value name;
  if (napi_create_string_utf8_(env, "mio-ts off-thread call", 22, &name) != 0 ||
      napi_create_threadsafe_function_(env, done, 0, name, 0, 1, hub, offthread_hub_finalize, hub,
                                        offthread_hub_call_js, &hub->done) != 0) {
    offthread_free(hub);
    return 0;
  }
  napi_unref_threadsafe_function_(env, hub->done);
  return hub;
}

/* Starts a caller thread that reports its calls to \`hub\` with \`id\`; 0 if it cannot. */
void *offthread_new(void *hub, int id) {
  struct offthread_hub *h = hub;
  struct offthread_caller *c = offthread_alloc(sizeof(struct offthread_caller));
  if (!c) return 0;
  c->id = id;
  c->hub = h;
  offthread_lock_init(&c->lock);
  offthread_condition_init(&c->condition);
  offthread_lock_acquire(&h->lock);
  h->holds++;
  c->next = h->callers;
  h->callers = c;
  offthread_lock_release(&h->lock);
  if (!offthread_start(c)) {
    offthread_lock_acquire(&h->lock);
    h->callers = c->next;
    offthread_lock_release(&h->lock);
    offthread_free(c);
    offthread_hub_release(h);
    return 0;
  }
  return c;
}

/*
 * Gives idle caller \`caller\` \`size\` bytes of zeroed scratch memory (in place of what it had); their address,
 * or 0 if it cannot.
 */
void *offthread_scratch(void *caller, unsigned long long size) {
  struct offthread_caller *c = caller;
  if (c->scratch) offthread_free(c->scratch);
  c->scratch = offthread_alloc(size);
  return c->scratch;
}

/* Makes idle caller \`caller\` call \`fn\` with the six arguments. */
void offthread_call(void *caller, void *fn, offthread_word a0, offthread_word a1, offthread_word a2,
                    offthread_word a3, offthread_word a4, offthread_word a5) {
  struct offthread_caller *c = caller;
  offthread_lock_acquire(&c->lock);
  c->fn = (offthread_fn)fn;
  c->args[0] = a0;
  c->args[1] = a1;
  c->args[2] = a2;
  c->args[3] = a3;
  c->args[4] = a4;
  c->args[5] = a5;
  c->armed = 1;
  offthread_condition_signal(&c->condition);
  offthread_lock_release(&c->lock);
}
`;

/** POSIX threads (Linux, macOS, the BSDs); compile with `-nostdlib`. */
export const POSIX_SOURCE =
  `/* mio-ts: Bun's native caller threads, POSIX (sys/ffi/bun_off_thread_source.ts). */
typedef long offthread_word;
typedef long (*offthread_fn)(long, long, long, long, long, long);

void *calloc(unsigned long count, unsigned long size);
void free(void *p);
void *dlopen(const char *file, int mode);
void *dlsym(void *handle, const char *name);

/* RTLD_NOW on Linux and macOS. */
#define OFFTHREAD_RTLD_NOW 2
${NAPI}
typedef struct { long long storage[16]; } offthread_lock;
typedef struct { long long storage[16]; } offthread_condition;

static int (*pthread_create_)(void *thread, const void *attr, void *(*start)(void *), void *arg);
static int (*pthread_detach_)(unsigned long thread);
static int (*pthread_mutex_init_)(void *mutex, const void *attr);
static int (*pthread_mutex_lock_)(void *mutex);
static int (*pthread_mutex_unlock_)(void *mutex);
static int (*pthread_cond_init_)(void *cond, const void *attr);
static int (*pthread_cond_wait_)(void *cond, void *mutex);
static int (*pthread_cond_signal_)(void *cond);
static void *offthread_self;

static void *offthread_find(const char *name) {
  return dlsym(offthread_self, name);
}

/* Looks the pthread and N-API functions up in the process; 0 if one is missing. */
static int offthread_link(void) {
  if (pthread_cond_signal_) return 1;
  offthread_self = dlopen(0, OFFTHREAD_RTLD_NOW);
  if (!offthread_self || !offthread_link_napi(offthread_find)) return 0;
  pthread_create_ = offthread_find("pthread_create");
  pthread_detach_ = offthread_find("pthread_detach");
  pthread_mutex_init_ = offthread_find("pthread_mutex_init");
  pthread_mutex_lock_ = offthread_find("pthread_mutex_lock");
  pthread_mutex_unlock_ = offthread_find("pthread_mutex_unlock");
  pthread_cond_init_ = offthread_find("pthread_cond_init");
  pthread_cond_wait_ = offthread_find("pthread_cond_wait");
  pthread_cond_signal_ = offthread_find("pthread_cond_signal");
  return pthread_create_ && pthread_detach_ && pthread_mutex_init_ && pthread_mutex_lock_ &&
         pthread_mutex_unlock_ && pthread_cond_init_ && pthread_cond_wait_ && pthread_cond_signal_;
}

static void *offthread_alloc(unsigned long size) { return calloc(1, size); }
static void offthread_free(void *p) { free(p); }
static void offthread_lock_init(offthread_lock *l) { pthread_mutex_init_(l, 0); }
static void offthread_lock_acquire(offthread_lock *l) { pthread_mutex_lock_(l); }
static void offthread_lock_release(offthread_lock *l) { pthread_mutex_unlock_(l); }
static void offthread_condition_init(offthread_condition *c) { pthread_cond_init_(c, 0); }
static void offthread_condition_wait(offthread_condition *c, offthread_lock *l) { pthread_cond_wait_(c, l); }
static void offthread_condition_signal(offthread_condition *c) { pthread_cond_signal_(c); }
${COMMON}
static void *offthread_run(void *arg) {
  offthread_serve(arg);
  return 0;
}

/* Starts \`c\`'s thread, detached; 0 if it cannot. */
static int offthread_start(struct offthread_caller *c) {
  unsigned long thread;
  if (pthread_create_(&thread, 0, offthread_run, c) != 0) return 0;
  pthread_detach_(thread);
  return 1;
}

/* The address of \`name\` in \`library\` (opened once more, never closed), or 0. */
void *offthread_symbol(const char *library, const char *name) {
  void *handle = dlopen(library, OFFTHREAD_RTLD_NOW);
  return handle ? dlsym(handle, name) : 0;
}
`;

/** Windows threads; TinyCC links kernel32.dll. */
export const WINDOWS_SOURCE =
  `/* mio-ts: Bun's native caller threads, Windows (sys/ffi/bun_off_thread_source.ts). */
typedef long long offthread_word;
typedef long long (*offthread_fn)(long long, long long, long long, long long, long long, long long);

void *GetProcessHeap(void);
void *HeapAlloc(void *heap, unsigned long flags, unsigned long long bytes);
int HeapFree(void *heap, unsigned long flags, void *memory);
void *CreateThread(void *attributes, unsigned long long stack, unsigned long (*start)(void *), void *arg,
                   unsigned long flags, unsigned long *id);
int CloseHandle(void *handle);
void InitializeSRWLock(void *lock);
void AcquireSRWLockExclusive(void *lock);
void ReleaseSRWLockExclusive(void *lock);
void InitializeConditionVariable(void *condition);
int SleepConditionVariableSRW(void *condition, void *lock, unsigned long milliseconds, unsigned long flags);
void WakeConditionVariable(void *condition);
void *LoadLibraryA(const char *file);
void *GetModuleHandleA(const char *name);
void *GetProcAddress(void *module, const char *name);

#define OFFTHREAD_HEAP_ZERO_MEMORY 0x8
#define OFFTHREAD_INFINITE 0xffffffffUL
${NAPI}
/* SRWLOCK and CONDITION_VARIABLE: one pointer each. */
typedef struct { void *storage; } offthread_lock;
typedef struct { void *storage; } offthread_condition;

static void *offthread_find(const char *name) {
  return GetProcAddress(GetModuleHandleA(0), name);
}

/* Looks the N-API functions up in bun.exe; 0 if one is missing. */
static int offthread_link(void) {
  return napi_call_function_ || offthread_link_napi(offthread_find);
}

static void *offthread_alloc(unsigned long long size) {
  return HeapAlloc(GetProcessHeap(), OFFTHREAD_HEAP_ZERO_MEMORY, size);
}
static void offthread_free(void *p) { HeapFree(GetProcessHeap(), 0, p); }
static void offthread_lock_init(offthread_lock *l) { InitializeSRWLock(l); }
static void offthread_lock_acquire(offthread_lock *l) { AcquireSRWLockExclusive(l); }
static void offthread_lock_release(offthread_lock *l) { ReleaseSRWLockExclusive(l); }
static void offthread_condition_init(offthread_condition *c) { InitializeConditionVariable(c); }
static void offthread_condition_wait(offthread_condition *c, offthread_lock *l) {
  SleepConditionVariableSRW(c, l, OFFTHREAD_INFINITE, 0);
}
static void offthread_condition_signal(offthread_condition *c) { WakeConditionVariable(c); }
${COMMON}
static unsigned long offthread_run(void *arg) {
  offthread_serve(arg);
  return 0;
}

/* Starts \`c\`'s thread; 0 if it cannot. */
static int offthread_start(struct offthread_caller *c) {
  void *thread = CreateThread(0, 0, offthread_run, c, 0, 0);
  if (!thread) return 0;
  CloseHandle(thread);
  return 1;
}

/* The address of \`name\` in \`library\` (loaded once more, never freed), or 0. */
void *offthread_symbol(const char *library, const char *name) {
  void *module = LoadLibraryA(library);
  return module ? GetProcAddress(module, name) : 0;
}
`;
