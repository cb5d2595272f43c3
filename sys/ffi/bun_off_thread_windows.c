/*
 * Native caller threads for mio-ts on Bun on Windows: the same protocol as
 * bun_off_thread.c (see bun_off_thread.ts), with Windows threads. Compiled
 * at first use by bun:ffi's `cc` (TinyCC, part of Bun), which resolves the
 * kernel32 functions declared below from kernel32.dll: nothing is
 * #included and nothing is downloaded.
 *
 * A caller is one thread (CreateThread) parked on a condition variable
 * under a slim reader/writer lock. `offthread_call` hands it a C function
 * and six integer-class arguments (`long long`: Windows is LLP64, `long` is
 * 32 bits; extra arguments are ignored by the callee in the Windows x64
 * calling convention, where the caller owns the stack); the thread makes
 * the call and reports (caller id, int result) through `done`, a
 * thread-safe JSCallback. Callers are never destroyed: each parks again for
 * the next call, and the process's exit ends them.
 */
typedef long long (*offthread_fn)(long long, long long, long long, long long, long long, long long);
typedef void (*offthread_done)(int, int);

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
void *GetProcAddress(void *module, const char *name);

#define OFFTHREAD_HEAP_ZERO_MEMORY 0x8
#define OFFTHREAD_INFINITE 0xffffffffUL

struct offthread_caller {
  void *lock;      /* SRWLOCK: one pointer */
  void *condition; /* CONDITION_VARIABLE: one pointer */
  int armed;
  int id;
  offthread_fn fn;
  long long args[6];
  offthread_done done;
};

static unsigned long offthread_run(void *arg) {
  struct offthread_caller *c = arg;
  for (;;) {
    AcquireSRWLockExclusive(&c->lock);
    while (!c->armed) SleepConditionVariableSRW(&c->condition, &c->lock, OFFTHREAD_INFINITE, 0);
    c->armed = 0;
    ReleaseSRWLockExclusive(&c->lock);
    int result = (int)c->fn(c->args[0], c->args[1], c->args[2], c->args[3], c->args[4], c->args[5]);
    c->done(c->id, result);
  }
  return 0;
}

/* The address of `name` in `library` (loaded once more, never freed), or 0. */
void *offthread_symbol(const char *library, const char *name) {
  void *module = LoadLibraryA(library);
  return module ? GetProcAddress(module, name) : 0;
}

/* Starts a caller thread that reports its calls to `done` with `id`; 0 if it cannot. */
void *offthread_new(int id, void *done) {
  void *heap = GetProcessHeap();
  struct offthread_caller *c = HeapAlloc(heap, OFFTHREAD_HEAP_ZERO_MEMORY, sizeof(struct offthread_caller));
  if (!c) return 0;
  c->id = id;
  c->done = (offthread_done)done;
  InitializeSRWLock(&c->lock);
  InitializeConditionVariable(&c->condition);
  void *thread = CreateThread(0, 0, offthread_run, c, 0, 0);
  if (!thread) {
    HeapFree(heap, 0, c);
    return 0;
  }
  CloseHandle(thread);
  return c;
}

/* Makes idle caller `caller` call `fn` with the six arguments. */
void offthread_call(void *caller, void *fn, long long a0, long long a1, long long a2, long long a3, long long a4,
                    long long a5) {
  struct offthread_caller *c = caller;
  AcquireSRWLockExclusive(&c->lock);
  c->fn = (offthread_fn)fn;
  c->args[0] = a0;
  c->args[1] = a1;
  c->args[2] = a2;
  c->args[3] = a3;
  c->args[4] = a4;
  c->args[5] = a5;
  c->armed = 1;
  WakeConditionVariable(&c->condition);
  ReleaseSRWLockExclusive(&c->lock);
}
