#include <sqlite3.h>

/// SQLite counts its allocations under a global mutex unless told not to; impact never
/// reads those counts. Must run before SQLite is initialised (the first open); returns
/// SQLITE_OK, or SQLITE_MISUSE when SQLite was initialised already.
static inline int impact_sqlite3_skip_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
