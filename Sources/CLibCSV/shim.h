#include <csv.h>

/* Spaces are data: libcsv asks this for every byte whether it is a space to
   trim. A C function here keeps that call out of Swift. */
static inline int impact_csv_no_space(unsigned char c) {
    (void)c;
    return 0;
}

#include <malloc.h>
#include <stdlib.h>
#include <string.h>

/* libcsv grows its field buffer through this, 128 bytes at a time. While the
   buffer is small (as for ordinary fields) each block is aligned to 128 bytes
   and rounded up to a multiple of 128, so that parsers on several cores never
   write one cache line (see CacheLineMemory.swift); a large buffer (a huge
   field) grows through realloc, which grows in place instead of copying.
   libcsv frees with free(). */
static inline void *impact_csv_realloc(void *old, size_t size) {
    if (size > 4096) return realloc(old, size);
    size_t rounded = (size + 127) & ~(size_t)127;
    void *fresh = NULL;
    if (rounded == 0) rounded = 128;
    if (posix_memalign(&fresh, 128, rounded) != 0) return NULL;
    if (old != NULL) {
        size_t had = malloc_usable_size(old);
        memcpy(fresh, old, had < rounded ? had : rounded);
        free(old);
    }
    return fresh;
}
