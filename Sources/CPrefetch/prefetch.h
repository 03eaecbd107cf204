// A cache-line prefetch for Swift: a hint that a load will come, which (unlike a
// plain load whose value is not used yet) does not hold up the instructions after it.
// Header only; nothing to link.
static inline void impact_prefetch(const void *address) {
    __builtin_prefetch(address, 1, 3);
}
