#ifndef METERGATE_CMODBUS_SHIM_H
#define METERGATE_CMODBUS_SHIM_H

#include <modbus/modbus.h>
#include <errno.h>

// libmodbus reports protocol errors through errno values defined as macros built from
// MODBUS_ENOBASE arithmetic; Swift imports only simple literal macros, so these are
// re-exported as constants the Swift side can compare errno against.
static const int cmodbus_EMBXILFUN = EMBXILFUN;   // exception 01 illegal function
static const int cmodbus_EMBXILADD = EMBXILADD;   // exception 02 illegal data address
static const int cmodbus_EMBXILVAL = EMBXILVAL;   // exception 03 illegal data value
static const int cmodbus_EMBXSFAIL = EMBXSFAIL;   // exception 04 server device failure
static const int cmodbus_EMBXACK = EMBXACK;       // exception 05 acknowledge
static const int cmodbus_EMBXSBUSY = EMBXSBUSY;   // exception 06 server busy
static const int cmodbus_EMBXNACK = EMBXNACK;     // exception 07 negative acknowledge
static const int cmodbus_EMBXMEMPAR = EMBXMEMPAR; // exception 08 memory parity error
static const int cmodbus_EMBXGPATH = EMBXGPATH;   // exception 0A gateway path unavailable
static const int cmodbus_EMBXGTAR = EMBXGTAR;     // exception 0B gateway target failed to respond
static const int cmodbus_EMBBADCRC = EMBBADCRC;   // RTU frame with a wrong CRC
static const int cmodbus_EMBBADDATA = EMBBADDATA; // reply data does not match the request
static const int cmodbus_EMBBADEXC = EMBBADEXC;   // exception reply of the wrong length
static const int cmodbus_EMBUNKEXC = EMBUNKEXC;   // exception code outside the standard set
static const int cmodbus_EMBMDATA = EMBMDATA;     // too many registers requested
static const int cmodbus_EMBBADSLAVE = EMBBADSLAVE; // reply from another unit id

// errno is a macro over a thread-local on glibc; reading it through a function keeps the
// read on the same thread as the failing call without relying on Glibc's overlay.
static inline int cmodbus_errno(void) { return errno; }

#endif
