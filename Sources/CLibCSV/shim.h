#include <csv.h>

/* Spaces are data: libcsv asks this for every byte whether it is a space to
   trim. A C function here keeps that call out of Swift. */
static inline int impact_csv_no_space(unsigned char c) {
    (void)c;
    return 0;
}
