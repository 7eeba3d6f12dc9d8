#ifndef METERGATE_SQLITE_SETTINGS_H
#define METERGATE_SQLITE_SETTINGS_H

/// Process-wide SQLite settings for the gateway's store, applied before the first connection
/// opens (sqlite3_config is variadic, so Swift cannot call it). Returns 0 when both applied,
/// otherwise the first SQLite result code (SQLITE_MISUSE: SQLite was already initialized).
int metergate_sqlite_configure(void);

#endif
