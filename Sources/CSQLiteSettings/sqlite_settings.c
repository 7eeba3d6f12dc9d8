#include "sqlite_settings.h"
#include <sqlite3.h>

int metergate_sqlite_configure(void) {
    // Multi-thread mode: no mutex around every call on a connection. GRDB already serializes
    // each connection (one writer queue, one reader per task), which is what this mode asks.
    int rc = sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    if (rc != SQLITE_OK) return rc;
    // No memory statistics: they take a global mutex on every allocation and nothing reads them.
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
