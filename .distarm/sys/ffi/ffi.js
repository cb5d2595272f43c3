/**
 * The one interface every FFI backend implements. Nothing outside `sys/ffi/`
 * knows which JavaScript runtime is running; it asks this interface.
 *
 * @module
 */
export {};
