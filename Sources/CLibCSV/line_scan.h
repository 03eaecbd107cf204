/* The CSV reader's pass over a line before libcsv parses it (CSVDriver): how many
   quotes it holds, whether it is all ASCII, how many delimiters it holds and where
   the delimiters it asks for lie. Sixteen bytes at a time with SSE2 (part of every
   x86-64 processor); the last 1 to 15 bytes of a line of 16 or more in one more load
   that ends at the line's end (the bytes seen twice masked out), so nothing is read
   past the line. Elsewhere, and for lines under 16 bytes, a byte loop. Header only. */
#include <stddef.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

typedef struct {
    long quotes;
    long delimiters;
    /* All bytes below 0x80. */
    int ascii;
} impact_line_scan;

/* The delimiters asked for: `count` ordinals (1-based, ascending) in `wants`; the offset
   of each goes to `found` (-1 when the line has fewer delimiters). `next`: the first
   not found yet. With `count` 0, `wants` and `found` may be NULL. */
typedef struct {
    const long *wants;
    long count;
    long *found;
    long next;
} impact_line_wants;

/* Adds the delimiters flagged in `bits` (bit k: byte `at + k`) to the count, noting where
   the ones asked for lie. */
static inline void impact_line_scan_delimiters(impact_line_scan *scan, impact_line_wants *w, unsigned bits, long at) {
    long count = __builtin_popcount(bits);
    while (w->next < w->count && scan->delimiters + count >= w->wants[w->next]) {
        unsigned b = bits;
        for (long k = w->wants[w->next] - scan->delimiters - 1; k > 0; k--) b &= b - 1;
        w->found[w->next] = at + __builtin_ctz(b);
        w->next++;
    }
    scan->delimiters += count;
}

static inline impact_line_scan impact_scan_line(const unsigned char *line, size_t length, unsigned char delimiter,
                                                const long *wants, long count, long *found) {
    impact_line_scan scan = {0, 0, 1};
    impact_line_wants w = {wants, count, found, 0};
    for (long k = 0; k < count; k++) found[k] = -1;
    size_t i = 0;
#if defined(__SSE2__)
    if (length >= 16) {
        const __m128i quote = _mm_set1_epi8('"');
        const __m128i delim = _mm_set1_epi8((char)delimiter);
        unsigned high = 0;
        for (; i + 16 <= length; i += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(line + i));
            unsigned quotes = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote));
            unsigned delims = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, delim));
            high |= (unsigned)_mm_movemask_epi8(v);
            if (quotes) scan.quotes += __builtin_popcount(quotes);
            if (delims) impact_line_scan_delimiters(&scan, &w, delims, (long)i);
        }
        if (i < length) {
            unsigned shift = (unsigned)(16 - (length - i));
            __m128i v = _mm_loadu_si128((const __m128i *)(line + length - 16));
            unsigned quotes = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)) >> shift;
            unsigned delims = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, delim)) >> shift;
            high |= (unsigned)_mm_movemask_epi8(v) >> shift;
            if (quotes) scan.quotes += __builtin_popcount(quotes);
            if (delims) impact_line_scan_delimiters(&scan, &w, delims, (long)i);
            i = length;
        }
        scan.ascii = high == 0;
    }
#endif
    for (; i < length; i++) {
        unsigned char b = line[i];
        if (b >= 0x80) scan.ascii = 0;
        if (b == '"') scan.quotes++;
        if (b == delimiter) {
            scan.delimiters++;
            if (w.next < w.count && scan.delimiters == w.wants[w.next]) found[w.next++] = (long)i;
        }
    }
    return scan;
}
