/*
 * raw_poll_meters: the raw libmodbus baseline for the collector benchmark (collector.sh).
 *
 * Polls meters UNIT_FIRST..UNIT_LAST in turn for CYCLES cycles; a poll of a meter sends
 * the register blocks given, in the order given, one request each, and decodes every
 * float32 (ABCD) in the replies, as the collector's poll of the same meter does
 * (`collector-bench plan` prints the collector's blocks). No store. Then prints one line
 *   polls=<n> requests=<n> seconds=<s> rate=<polls/s> cpu_us_per_poll=<µs> ms_per_cycle=<ms>
 * The connection is opened before the clock starts; CPU time is this process's user plus
 * system time over the timed loop.
 *
 *   raw_poll_meters HOST PORT UNIT_FIRST UNIT_LAST CYCLES BLOCK[,BLOCK...]
 *   BLOCK = FUNCTION:ADDRESS:COUNT, FUNCTION 3 (holding) or 4 (input), e.g. 4:0x48:4,4:0x156:4
 */
#include <errno.h>
#include <modbus.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define MAX_BLOCKS 64

struct block { int function, address, count; };

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* User plus system time of this process so far. */
static double cpu_seconds(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + (double)u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

static int usage(void) {
    fprintf(stderr, "usage: raw_poll_meters HOST PORT UNIT_FIRST UNIT_LAST CYCLES FUNCTION:ADDRESS:COUNT[,...]\n");
    return 2;
}

/* Parses "4:0x48:4,4:0x156:4" into blocks; returns how many, or -1. */
static int parse_blocks(char *text, struct block *blocks) {
    int n = 0;
    for (char *item = strtok(text, ","); item; item = strtok(NULL, ",")) {
        char *end;
        if (n == MAX_BLOCKS) return -1;
        blocks[n].function = (int)strtol(item, &end, 0);
        if (*end != ':') return -1;
        blocks[n].address = (int)strtol(end + 1, &end, 0);
        if (*end != ':') return -1;
        blocks[n].count = (int)strtol(end + 1, &end, 0);
        if (*end != 0 || (blocks[n].function != 3 && blocks[n].function != 4) || blocks[n].address < 0 ||
            blocks[n].address > 0xFFFF || blocks[n].count < 1 || blocks[n].count > 125) return -1;
        n++;
    }
    return n;
}

int main(int argc, char **argv) {
    if (argc != 7) return usage();
    struct block blocks[MAX_BLOCKS];
    int first = atoi(argv[3]), last = atoi(argv[4]);
    long cycles = atol(argv[5]);
    int nblocks = parse_blocks(argv[6], blocks);
    if (first < 1 || last < first || last > 247 || cycles < 1 || nblocks < 1) return usage();
    modbus_t *ctx = modbus_new_tcp_pi(argv[1], argv[2]);
    if (ctx == NULL) return usage();
    /* The collector's default one-second response timeout. */
    modbus_set_response_timeout(ctx, 1, 0);
    if (modbus_connect(ctx) == -1) {
        fprintf(stderr, "raw_poll_meters: connect: %s\n", modbus_strerror(errno));
        modbus_free(ctx);
        return 1;
    }

    uint16_t registers[125];
    long polls = 0, requests = 0, errors = 0;
    volatile double sink = 0; /* keeps the decoding */
    double cpu_start = cpu_seconds(), start = now_seconds();
    for (long cycle = 0; cycle < cycles; cycle++) {
        for (int unit = first; unit <= last; unit++) {
            modbus_set_slave(ctx, unit);
            int ok = 1;
            for (int b = 0; b < nblocks; b++) {
                const struct block *k = &blocks[b];
                int got = k->function == 4 ? modbus_read_input_registers(ctx, k->address, k->count, registers)
                                           : modbus_read_registers(ctx, k->address, k->count, registers);
                requests++;
                if (got != k->count) {
                    ok = 0;
                    modbus_flush(ctx);
                    continue;
                }
                for (int i = 0; i + 1 < k->count; i += 2) sink += modbus_get_float_abcd(registers + i);
            }
            if (ok) polls++; else errors++;
        }
    }
    double elapsed = now_seconds() - start, cpu = cpu_seconds() - cpu_start;
    printf("polls=%ld requests=%ld seconds=%.3f rate=%.2f cpu_us_per_poll=%.2f ms_per_cycle=%.3f\n", polls, requests,
           elapsed, polls / elapsed, cpu * 1e6 / (polls ? polls : 1), elapsed * 1000 / cycles);
    if (errors > 0) fprintf(stderr, "raw_poll_meters: %ld failed polls\n", errors);
    modbus_close(ctx);
    modbus_free(ctx);
    return errors > 0 ? 1 : 0;
}
