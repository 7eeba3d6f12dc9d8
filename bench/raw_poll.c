/*
 * raw_poll: the raw libmodbus baseline for metergate-bench.
 *
 * Polls input registers (function 04) of units UNIT_FIRST..UNIT_LAST in turn, one read
 * per unit, as fast as the server answers, for SECONDS; then prints one line
 *   polls=<n> seconds=<s> rate=<polls/s>
 * This is the floor the Swift client is compared against: the same library, the same
 * server, no thread hop, no silence between frames.
 *
 *   raw_poll tcp HOST PORT       UNIT_FIRST UNIT_LAST ADDRESS COUNT SECONDS
 *   raw_poll rtu DEVICE BAUD     UNIT_FIRST UNIT_LAST ADDRESS COUNT SECONDS   (8E1)
 *
 * The RTU mode is for reference only: libmodbus by itself sends the next request as
 * soon as a reply is in, so it never leaves the 3.5-character silence the standard
 * requires (the emulator counts those gaps as violations).
 */
#include <errno.h>
#include <modbus.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int usage(void) {
    fprintf(stderr, "usage: raw_poll tcp HOST PORT UNIT_FIRST UNIT_LAST ADDRESS COUNT SECONDS\n"
                    "       raw_poll rtu DEVICE BAUD UNIT_FIRST UNIT_LAST ADDRESS COUNT SECONDS\n");
    return 2;
}

int main(int argc, char **argv) {
    if (argc != 9) return usage();
    modbus_t *ctx;
    if (strcmp(argv[1], "tcp") == 0) {
        ctx = modbus_new_tcp_pi(argv[2], argv[3]);
    } else if (strcmp(argv[1], "rtu") == 0) {
        ctx = modbus_new_rtu(argv[2], atoi(argv[3]), 'E', 8, 1);
    } else {
        return usage();
    }
    int first = atoi(argv[4]), last = atoi(argv[5]);
    int address = atoi(argv[6]), count = atoi(argv[7]);
    double seconds = atof(argv[8]);
    if (ctx == NULL || first < 0 || last < first || last > 247 || count < 1 || count > 125 || seconds <= 0) {
        return usage();
    }
    /* The same one-second response timeout the Swift client uses by default. */
    modbus_set_response_timeout(ctx, 1, 0);
    if (modbus_connect(ctx) == -1) {
        fprintf(stderr, "raw_poll: connect: %s\n", modbus_strerror(errno));
        modbus_free(ctx);
        return 1;
    }

    uint16_t registers[125];
    long polls = 0, errors = 0;
    int unit = first;
    double start = now_seconds(), deadline = start + seconds, end;
    while ((end = now_seconds()) < deadline) {
        modbus_set_slave(ctx, unit);
        if (modbus_read_input_registers(ctx, address, count, registers) == count) {
            polls++;
        } else {
            errors++;
            modbus_flush(ctx);
        }
        unit = unit == last ? first : unit + 1;
    }
    double elapsed = end - start;
    printf("polls=%ld seconds=%.3f rate=%.2f\n", polls, elapsed, polls / elapsed);
    if (errors > 0) fprintf(stderr, "raw_poll: %ld failed reads\n", errors);
    modbus_close(ctx);
    modbus_free(ctx);
    return errors > 0 ? 1 : 0;
}
